"""Parse the default question bank ahead of time, so that starting the wizard needs no YAML parser.

Run after editing questions/childrens-services-scoping.yaml:

    python scripts/compile_bank.py

It writes scopewiz/data/default-bank.json: the bank's digest and its parsed
YAML with line numbers. scopewiz uses it only while the digest matches the
YAML file; tests/test_bank.py fails when it is out of date.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from scopewiz.bank import COMPILED_DEFAULT, digest_of, parse_bank_yaml
from scopewiz.located import to_compiled

BANK = ROOT / "questions" / "childrens-services-scoping.yaml"


def compiled_text(bank_file: Path = BANK) -> str:
    """The JSON that compile_bank writes for ``bank_file``."""
    data = bank_file.read_bytes()
    tree = parse_bank_yaml(data, str(bank_file))
    return (
        json.dumps({"digest": digest_of(data), "tree": to_compiled(tree)}, ensure_ascii=False)
        + "\n"
    )


def main() -> None:
    """Write the compiled default bank and say where."""
    COMPILED_DEFAULT.write_text(compiled_text(), encoding="utf-8")
    print(f"wrote {COMPILED_DEFAULT.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
