"""A session's life on disk: its name on screen, a second session for one meeting,
which file ``resume`` picks, a record that never goes stale unsaid, and edit's places."""

from __future__ import annotations

from pathlib import Path

import yaml

from scopewiz.bank import Bank
from scopewiz.session import Session, load_session, save_session

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
