"""Draw the first page of the golden session's Word record, for the README.

Needs LibreOffice (``soffice``) and poppler (``pdftoppm``) on PATH, as on
Debian: ``apt-get install libreoffice-writer-nogui poppler-utils fonts-liberation``.
Run from the project's root after the record's look changes:

    python scripts/word_picture.py

It writes docs/record-word.png (the first page, 100 dpi).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SESSION = ROOT / "tests" / "golden" / "leeds-2026-12-01.scopewiz.yaml"
PICTURE = ROOT / "docs" / "record-word.png"


def main() -> int:
    missing = [tool for tool in ("soffice", "pdftoppm") if shutil.which(tool) is None]
    if missing:
        print(
            f"Needs {' and '.join(missing)} on PATH (see this script's docstring).", file=sys.stderr
        )
        return 1
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        record = work / "record.docx"
        subprocess.run(
            [sys.executable, "-m", "scopewiz", "render", str(SESSION), "-o", str(record)],
            check=True,
        )
        subprocess.run(
            ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(work), str(record)],
            check=True,
            capture_output=True,
            timeout=300,
        )
        subprocess.run(
            [
                "pdftoppm",
                "-png",
                "-r",
                "100",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(work / "record.pdf"),
                str(work / "page"),
            ],
            check=True,
        )
        shutil.copyfile(work / "page.png", PICTURE)
    print(f"wrote {PICTURE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
