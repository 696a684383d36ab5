"""A session's life on disk: its name on screen, a second session for one meeting,
which file ``resume`` picks, a record that never goes stale unsaid, and edit's places."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pexpect
import pytest
import yaml

from scopewiz.bank import Bank
from scopewiz.session import Session, load_session, save_session

from .test_e2e import scopewiz_command

LONG = (
    "Partners across health, police and schools describe the early help offer in "
    "different words, and the locality teams say referrals arrive late; the host "
    "wants the peer team to test whether the threshold is understood the same way."
)


def test_a_long_one_line_answer_stays_on_one_line(bank: Bank, tmp_path: Path) -> None:
    """Folded at a width, the rest of an answer reads in an editor as a second line."""
    session = Session.start(bank, builtin=True)
    areas = [{"area": "Early help " + LONG, "proposed_by": "host authority"}]
    session.state.answers.update({"host_authority": "Leeds", "vision_promotion": LONG})
    session.state.answers["focus_areas"] = areas
    session.path = tmp_path / "s.scopewiz.yaml"
    save_session(bank, session)
    text = session.path.read_text(encoding="utf-8")
    assert len(LONG) > 200
    assert f"  vision_promotion: {LONG}\n" in text
    assert f"  - area: Early help {LONG}\n" in text
    assert yaml.safe_load(text)["answers"]["vision_promotion"] == LONG
    _, loaded, _ = load_session(session.path)
    assert loaded.answers["vision_promotion"] == LONG
    assert loaded.answers["focus_areas"][0]["area"] == "Early help " + LONG


# -- show: the pager ------------------------------------------------------------------

GOLDEN_SESSION = Path(__file__).resolve().parent / "golden" / "leeds-2026-12-01.scopewiz.yaml"


def _pager_env(**extra: str) -> dict[str, str]:
    """A terminal with colour, and no pager settings of the user's."""
    env = {
        k: v for k, v in os.environ.items() if k not in ("LESS", "PAGER", "MANPAGER", "NO_COLOR")
    }
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(TERM="xterm-256color", PROMPT_TOOLKIT_NO_CPR="1", **extra)
    return env


@pytest.mark.timeout(60)
@pytest.mark.skipif(shutil.which("less") is None, reason="needs less")
def test_show_in_less_shows_styles_not_escape_codes(tmp_path: Path) -> None:
    """With LESS unset, less shows a colour code as the text ESC[1;4m unless told -R."""
    child = pexpect.spawn(
        scopewiz_command(),
        ["show", str(GOLDEN_SESSION)],
        cwd=str(tmp_path),
        env=_pager_env(),
        encoding="utf-8",
        dimensions=(24, 80),
        timeout=15,
    )
    try:
        child.expect_exact("Peer challenge scoping record")
        screen = child.before + child.after
        child.expect(pexpect.TIMEOUT, timeout=1.5)  # the rest of less's first screen
        screen += child.before
        child.send("q")
        child.expect(pexpect.EOF)
    finally:
        child.close(force=True)
    # less shows a code it does not pass as a reverse-video "ESC" then "[1;4m".
    assert "ESC[" not in re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", screen)
    assert "\x1b[1" in screen  # the styles reach the terminal as styles
    assert child.exitstatus == 0


@pytest.mark.timeout(60)
def test_show_tells_the_pager_to_pass_styles_unless_less_is_set(tmp_path: Path) -> None:
    seen = tmp_path / "less.txt"
    pager = f"printenv LESS > {seen}; cat > /dev/null"
    for given, expected in ((None, "-R"), ("-S", "-S")):
        extra = {"PAGER": pager} | ({"LESS": given} if given else {})
        child = pexpect.spawn(
            scopewiz_command(),
            ["show", str(GOLDEN_SESSION)],
            cwd=str(tmp_path),
            env=_pager_env(**extra),
            encoding="utf-8",
            dimensions=(24, 80),
            timeout=15,
        )
        child.expect(pexpect.EOF)
        child.close()
        assert child.exitstatus == 0
        assert seen.read_text().strip() == expected
