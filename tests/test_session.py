"""The session file: atomic saves, names, privacy, loading and its errors."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import Any

import pytest

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState
from scopewiz.errors import SessionFileError
from scopewiz.files import write_atomic
from scopewiz.naming import default_file_name, free_path, record_path, slug
from scopewiz.session import Saver, Session, load_session, save_session

from .conftest import GOLDEN

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
TODAY = dt.date(2026, 11, 29)


def test_round_trip_keeps_every_answer(bank: Bank, tmp_path: Path) -> None:
    _, original, _ = load_session(GOLDEN_SESSION)
    original.path = tmp_path / "copy.scopewiz.yaml"
    save_session(bank, original)
    _, loaded, notes = load_session(original.path)
    assert notes == []
    assert loaded.answers == original.answers
    assert loaded.state.open_lists == original.state.open_lists
    assert loaded.clock_seconds == original.clock_seconds


def test_session_file_is_private_and_readable(bank: Bank, tmp_path: Path) -> None:
    session = Session.start(bank, builtin=True)
    session.state.answers.update({"host_authority": "Leeds", "vision": "Line one\nLine two"})
    session.path = tmp_path / "s.scopewiz.yaml"
    save_session(bank, session)
    assert stat.S_IMODE(session.path.stat().st_mode) == 0o600
    text = session.path.read_text(encoding="utf-8")
    assert text.startswith("# scopewiz session file")
    assert "scopewiz_session: 1\n" in text
    assert "  vision: |-\n    Line one\n    Line two\n" in text  # long text as a block
    assert "next: meeting_date" in text
    assert f"digest: {bank.digest}" in text
    assert list(tmp_path.iterdir()) == [session.path]  # no temporary file left behind


def test_failed_save_leaves_the_previous_file_whole(
    bank: Bank, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "s.scopewiz.yaml"
    write_atomic(path, "before\n")

    def no_space(fd: int, data: Any) -> int:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "write", no_space)
    with pytest.raises(SessionFileError, match="No space left on device"):
        write_atomic(path, "after\n")
    monkeypatch.undo()
    assert path.read_text() == "before\n"
    assert list(tmp_path.iterdir()) == [path]


def test_default_file_name_from_host_and_meeting_date(bank: Bank) -> None:
    state = InterviewState(
        answers={"host_authority": "Leeds", "meeting_date": dt.date(2026, 12, 1)}
    )
    assert default_file_name(bank, state, TODAY) == "leeds-2026-12-01.scopewiz.yaml"
    state = InterviewState(answers={"host_authority": "Bournemouth, Christchurch and Poole"})
    # Before the meeting date is answered, its default (today) stands in.
    assert default_file_name(bank, state, TODAY) == (
        "bournemouth-christchurch-and-poole-2026-11-29.scopewiz.yaml"
    )


def test_slug() -> None:
    assert slug("St Helens") == "st-helens"
    assert slug("Kingston upon Hull ") == "kingston-upon-hull"
    assert slug("Ynys Môn / Anglesey") == "ynys-mon-anglesey"
    assert slug("../../etc/passwd") == "etc-passwd"


def test_free_path_never_reuses_an_existing_file(tmp_path: Path) -> None:
    (tmp_path / "leeds-2026-12-01.scopewiz.yaml").write_text("taken")
    (tmp_path / "leeds-2026-12-01-2.scopewiz.yaml").write_text("taken")
    assert free_path(tmp_path, "leeds-2026-12-01.scopewiz.yaml") == (
        tmp_path / "leeds-2026-12-01-3.scopewiz.yaml"
    )


def test_saver_names_then_renames_once_the_meeting_date_is_known(
    bank: Bank, tmp_path: Path
) -> None:
    session = Session.start(bank, builtin=True)
    saver = Saver(bank, session, folder=tmp_path, fixed=False, today=TODAY)
    session.state.answers["host_authority"] = "Leeds"
    saver()
    assert session.path == tmp_path / "leeds-2026-11-29.scopewiz.yaml"
    assert session.path.exists()
    session.state.answers["meeting_date"] = dt.date(2026, 12, 1)
    saver()
    assert session.path == tmp_path / "leeds-2026-12-01.scopewiz.yaml"
    # Only the session (and the lock that the wizard holds while it runs).
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        ".leeds-2026-12-01.scopewiz.yaml.lock",
        "leeds-2026-12-01.scopewiz.yaml",
    ]
    # Once named from its answers, the file keeps its name.
    session.state.answers["facilitator"] = "Sam"
    saver()
    assert session.path == tmp_path / "leeds-2026-12-01.scopewiz.yaml"


def test_saver_does_not_overwrite_another_session(bank: Bank, tmp_path: Path) -> None:
    other = tmp_path / "leeds-2026-11-29.scopewiz.yaml"
    other.write_text("someone else's meeting")
    session = Session.start(bank, builtin=True)
    saver = Saver(bank, session, folder=tmp_path, fixed=False, today=TODAY)
    session.state.answers["host_authority"] = "Leeds"
    saver()
    assert session.path == tmp_path / "leeds-2026-11-29-2.scopewiz.yaml"
    assert other.read_text() == "someone else's meeting"


def test_record_path_sits_beside_the_session() -> None:
    assert record_path(Path("/x/leeds-2026-12-01.scopewiz.yaml")) == Path("/x/leeds-2026-12-01.md")
    assert record_path(Path("notes.yaml")) == Path("notes.md")


def write(tmp_path: Path, text: str | bytes) -> Path:
    path = tmp_path / "bad.scopewiz.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


GOOD_HEAD = """\
scopewiz_session: 1
bank:
  id: childrens-services-scoping
  version: 1
answers:
"""


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("", "bad.scopewiz.yaml:1: the file is empty; it is not a scopewiz session"),
        (
            b"\x89PNG\r\n\x1a\n\x00\x00\xff\xfe",
            "bad.scopewiz.yaml:1: not a text file; it is not a scopewiz session",
        ),
        ("answers: [1, 2\n", "bad.scopewiz.yaml:1: not valid YAML"),  # [ opened on line 1
        (
            "just: a mapping\n",
            "bad.scopewiz.yaml:1: not a scopewiz session file (no 'scopewiz_session:' line)",
        ),
        (
            "scopewiz_session: 9\n",
            "bad.scopewiz.yaml:1: this session was written by a newer scopewiz (format 9; this one reads up to 1)",
        ),
        (GOOD_HEAD + "  meeting_date: 2026-13-45\n", "bad.scopewiz.yaml:6: not a valid value"),
        (
            GOOD_HEAD + "  meeting_date: someday\n",
            "bad.scopewiz.yaml:6: meeting_date: someday is not a date",
        ),
        (
            GOOD_HEAD + "  host_officers_join: perhaps\n",
            "bad.scopewiz.yaml:6: host_officers_join: Answer yes or no",
        ),
        (
            GOOD_HEAD + "  visoin: typo\n",
            "bad.scopewiz.yaml:6: 'visoin' is not a question of the bank 'childrens-services-scoping'",
        ),
        (
            GOOD_HEAD + "  focus_areas:\n  - area: SEND\n    colour: blue\n",
            "bad.scopewiz.yaml:8: focus_areas: item 1: 'colour' is not a field",
        ),
        (
            GOOD_HEAD + "  key_questions: [a, b, c, d]\n",
            "bad.scopewiz.yaml:6: key_questions: has 4 items; at most 3 allowed",
        ),
        (
            GOOD_HEAD + "  x: !!python/object/apply:os.system [echo hacked]\n",
            "bad.scopewiz.yaml:6: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed",
        ),
        (
            GOOD_HEAD + "  vision: &a hello\n  culture: *a\n",
            "bad.scopewiz.yaml:7: aliases (*name) are not allowed",
        ),
    ],
)
def test_bad_session_files_name_file_line_and_problem(
    tmp_path: Path, content: str | bytes, message: str
) -> None:
    path = write(tmp_path, content)
    before = path.read_bytes()
    with pytest.raises(SessionFileError) as caught:
        load_session(path)
    assert caught.value.message.startswith(
        str(tmp_path / message.split(":", 1)[0]) + ":" + message.split(":", 1)[1]
    )
    assert path.read_bytes() == before  # never changed


def test_missing_session_file(tmp_path: Path) -> None:
    with pytest.raises(SessionFileError, match="no such file"):
        load_session(tmp_path / "nope.scopewiz.yaml")
