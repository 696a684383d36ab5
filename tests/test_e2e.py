"""End to end: the installed ``scopewiz`` in a real pseudo-terminal, as a facilitator uses it."""

from __future__ import annotations

import os
import shutil
import signal
import sys
from collections.abc import Iterator
from pathlib import Path

import pexpect
import pytest
import yaml

pytestmark = [
    pytest.mark.timeout(120),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

ENTER = "\r"
SAVE_LONG = "\x1b\r"  # Esc then Enter saves a multi-line answer
CLEAR = "\x15"  # Ctrl-U clears a pre-filled answer
DOWN = "\x1b[B"


def scopewiz_command() -> str:
    """The installed console script: beside this Python, else on PATH."""
    beside = Path(sys.executable).parent / "scopewiz"
    if beside.exists():
        return str(beside)
    found = shutil.which("scopewiz")
    if found is None:
        pytest.skip("the scopewiz command is not installed")
    return found


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path


def spawn(args: list[str], cwd: Path, rows: int = 40, columns: int = 140) -> pexpect.spawn:
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color", NO_COLOR="1")
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    child = pexpect.spawn(
        scopewiz_command(),
        args,
        cwd=str(cwd),
        env=env,
        encoding="utf-8",
        dimensions=(rows, columns),
        timeout=15,
    )
    return child


@pytest.fixture
def children() -> Iterator[list[pexpect.spawn]]:
    spawned: list[pexpect.spawn] = []
    yield spawned
    for child in spawned:
        if child.isalive():
            child.terminate(force=True)


def answer(child: pexpect.spawn, prompt: str, keys: str) -> None:
    """Wait for ``prompt`` on screen, then type ``keys``."""
    child.expect_exact(prompt)
    child.send(keys)


FIRST_PART = [
    ("hosting the peer challenge?", "Leeds" + ENTER),
    ("When is this scoping meeting taking place?", CLEAR + "1/12/2026" + ENTER),
    ("Who is facilitating this scoping meeting?", "Sam Patel" + ENTER),
    ("Attendee 1", ""),
    ("Name", "Alex Morgan" + ENTER),
    ("Role", "DCS" + ENTER),
    ("Organisation", "Leeds City Council" + ENTER),
    ("Attendee 2", ""),
    ("Name", ENTER),  # empty: finishes the list
    (
        "overall vision for children",
        "A child friendly city." + ENTER + "Every child matters." + SAVE_LONG,
    ),
    ("What led this vision to be chosen", "Poor outcomes in some wards." + SAVE_LONG),
    (
        "How has the vision been promoted?",
        "Launch events; # not a heading | not a cell" + SAVE_LONG,
    ),
    ("culture that the DCS would like", "Restorative." + SAVE_LONG),
]

REST = [
    ("values, beliefs and behaviours", "High support, high challenge." + SAVE_LONG),
    ("What overall strategy", "The CYPP." + SAVE_LONG),
    ("Mechanism 1", ""),
    ("Mechanism", "Family group conferencing" + ENTER),
    ("Mechanism 2", ""),
    ("Mechanism", ENTER),
    ("data show Family group conferencing to be working?", "Fewer children in care." + SAVE_LONG),
    ("Focus area 1", ""),
    ("Area", "Early help" + ENTER),
    ("Who proposed Early help?", ENTER),  # first choice: host authority
    ("Focus area 2", ""),
    ("Area", "Care leavers" + ENTER),
    ("Who proposed Care leavers?", DOWN + ENTER),  # challenge partners
    ("Focus area 3", ""),
    ("Area", ENTER),
    ("pros of focusing on Early help?", "Appetite." + SAVE_LONG),
    ("cons of focusing on Early help?", "Covered recently." + SAVE_LONG),
    ("pros of focusing on Care leavers?", "Sufficiency." + SAVE_LONG),
    ("cons of focusing on Care leavers?", "Focused visit." + SAVE_LONG),
    ("preferred area of focus?", DOWN + ENTER),  # Care leavers
    ("improving outcomes in Care leavers", "Leaving care service redesign." + SAVE_LONG),
    ("culture and approaches rather than services", "Practice weeks." + SAVE_LONG),
    ("Key question 1 of 3", ""),
    ("?", "Where do care leavers live?" + ENTER),
    ("Key question 2 of 3", ""),
    ("?", "Do they have a say?" + ENTER),
    ("Key question 3 of 3", ""),
    ("?", "Who is their champion?" + ENTER),
    ("Tick each interviewee", ""),
    ("Care leavers", DOWN * 14 + " " + ENTER),  # the 15th suggested role
    ("Why", ENTER),
    ("Interviewee 2", ""),
    ("Who", ENTER),
    ("approaches to questioning", " " + DOWN + " " + ENTER),  # ethnographic, appreciative enquiry
    ("documentation will the team need", " " + ENTER),  # Self-evaluation
    ("identify 2 officers to join", "n"),
    ("Date preference 1", ""),
    ("Earliest start: Tuesday 23 February 2027", ""),
    ("First day", CLEAR + "9 March 2027" + ENTER),
    ("Last day", "11/3/2027" + ENTER),
    ("Date preference 2", ""),
    ("First day", ENTER),
    ("lead officer to organise arrangements in the host authority?", ""),
    ("Name", "Jo Bloggs" + ENTER),
    ("Role", "Head of improvement" + ENTER),
    ("Email", "jo@leeds.gov.uk" + ENTER),
    ("Phone", ENTER),
    ("in the visiting authority?", ""),
    ("Name", "Chris Lee" + ENTER),
    ("Role", "Coordinator" + ENTER),
    ("Email", "chris@example.org" + ENTER),
    ("Phone", "0113 000 0000" + ENTER),
    # The closing section is optional: Enter skips the actions, and Enter the notes.
    ("Action 1", ""),
    ("What", ENTER),
    ("any other notes for the record?", ENTER),
]


def load_answers(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_interview_killed_then_resumed_loses_nothing(
    workdir: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(["new"], workdir)
    children.append(child)
    for prompt, keys in FIRST_PART:
        answer(child, prompt, keys)
    # The next prompt on screen means the culture answer is on disk.
    child.expect_exact("values, beliefs and behaviours")
    os.kill(child.pid, signal.SIGKILL)
    child.expect(pexpect.EOF)

    session_file = workdir / "leeds-2026-12-01.scopewiz.yaml"
    saved = load_answers(session_file)
    assert saved["progress"]["complete"] is False
    assert saved["progress"]["next"] == "values_behaviours"
    answers = saved["answers"]
    assert answers["host_authority"] == "Leeds"
    assert str(answers["meeting_date"]) == "2026-12-01"
    assert answers["attendees"] == [
        {"name": "Alex Morgan", "role": "DCS", "organisation": "Leeds City Council"}
    ]
    assert answers["vision"] == "A child friendly city.\nEvery child matters."
    assert answers["culture"] == "Restorative."
    # The killed wizard's lock is left behind; the next one takes it over.
    lock = workdir / ".leeds-2026-12-01.scopewiz.yaml.lock"
    assert sorted(p.name for p in workdir.iterdir()) == [lock.name, session_file.name]

    child = spawn(["resume", session_file.name], workdir)
    children.append(child)
    child.expect_exact("Took over a stale lock on leeds-2026-12-01.scopewiz.yaml: process")
    child.expect_exact("is no longer running.")
    child.expect_exact("Resuming leeds-2026-12-01.scopewiz.yaml: 8 of 26 questions answered.")
    child.expect_exact("Already answered in this section:")
    child.expect_exact("Culture: Restorative.")
    for prompt, keys in REST:
        answer(child, prompt, keys)
    # At the end a person at a terminal sees the review screen; Enter finishes.
    answer(child, "Review: 25 of 25 questions answered.", "")
    answer(child, "Finish: save and write the record", ENTER)
    child.expect_exact("Interview complete.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0

    saved = load_answers(session_file)
    assert saved["progress"]["complete"] is True
    answers = saved["answers"]
    assert (
        answers["vision"] == "A child friendly city.\nEvery child matters."
    )  # kept across the kill
    assert answers["focus_areas"][1] == {
        "area": "Care leavers",
        "proposed_by": "challenge partners",
        "pros": "Sufficiency.",
        "cons": "Focused visit.",
    }
    assert answers["preferred_focus"] == "Care leavers"
    assert answers["key_questions"] == [
        "Where do care leavers live?",
        "Do they have a say?",
        "Who is their champion?",
    ]
    assert answers["questioning_approaches"] == ["ethnographic", "appreciative enquiry"]
    assert answers["documentation"] == ["Self-evaluation"]
    assert answers["host_officers_join"] is False
    assert "host_officers" not in answers
    assert [str(d["start"]) for d in answers["visit_dates"]] == ["2027-03-09"]
    assert answers["visiting_lead_officer"]["phone"] == "0113 000 0000"
    assert answers["host_lead_officer"]["phone"] is None

    assert not lock.exists()  # released at the end
    record = (workdir / "leeds-2026-12-01.md").read_text(encoding="utf-8")
    assert record.startswith(
        "# Peer challenge scoping record: Leeds (E08000035, Yorkshire and The Humber), Tuesday 1 December 2026\n"
    )
    assert "A child friendly city.\\\nEvery child matters." in record
    assert "Launch events; # not a heading \\| not a cell" in record
    assert (
        "| **Care leavers** (preferred) | challenge partners | Sufficiency. | Focused visit. |"
        in record
    )
    assert "1. Where do care leavers live?" in record
    assert "- [ ] Self-evaluation" in record
    assert "Not yet answered" not in record


def test_ctrl_c_saves_and_says_how_to_resume(workdir: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(["new"], workdir)
    children.append(child)
    answer(child, "hosting the peer challenge?", "Westmorland and Furness" + ENTER)
    answer(child, "When is this scoping meeting taking place?", CLEAR + "2027-01-05" + ENTER)
    child.expect_exact("Who is facilitating this scoping meeting?")
    child.send("Half typed")
    child.sendcontrol("c")
    child.expect_exact(
        "Saved to westmorland-and-furness-2027-01-05.scopewiz.yaml. "
        "Resume with: scopewiz resume westmorland-and-furness-2027-01-05.scopewiz.yaml"
    )
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    saved = load_answers(workdir / "westmorland-and-furness-2027-01-05.scopewiz.yaml")
    assert saved["answers"] == {
        "host_authority": "Westmorland and Furness",
        "meeting_date": __import__("datetime").date(2027, 1, 5),
    }


def test_a_near_miss_council_is_offered_and_taken_with_enter(
    workdir: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(["new", "-o", "s.scopewiz.yaml"], workdir)
    children.append(child)
    answer(child, "hosting the peer challenge?", "Leeds City Council" + ENTER)
    answer(child, "did you mean Leeds?", "n")
    # Asked again with "Leeds" filled in: Enter takes it.
    child.expect_exact("hosting the peer challenge?")
    answer(child, "Leeds", ENTER)
    child.expect_exact("When is this scoping meeting taking place?")
    child.sendcontrol("c")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130
    assert load_answers(workdir / "s.scopewiz.yaml")["answers"] == {"host_authority": "Leeds"}


def test_new_will_not_replace_an_existing_session_without_asking(
    workdir: Path, children: list[pexpect.spawn]
) -> None:
    existing = workdir / "mine.scopewiz.yaml"
    existing.write_text("keep me\n")
    child = spawn(["new", "-o", "mine.scopewiz.yaml"], workdir)
    children.append(child)
    child.expect_exact("mine.scopewiz.yaml already exists. Replace it with a new session?")
    child.send("n")
    child.expect_exact("Carry on with it: scopewiz resume mine.scopewiz.yaml")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 1
    assert existing.read_text() == "keep me\n"


CTRL_B = "\x02"
CTRL_G = "\x07"
CTRL_R = "\x12"


def start_meeting(child: pexpect.spawn) -> None:
    answer(child, "hosting the peer challenge?", "Leeds" + ENTER)
    answer(child, "When is this scoping meeting taking place?", CLEAR + "1/12/2026" + ENTER)
    answer(child, "Who is facilitating this scoping meeting?", "Sam" + ENTER)


def interrupt(child: pexpect.spawn) -> None:
    child.sendcontrol("c")
    child.expect_exact("Resume with: scopewiz resume")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 130


def test_back_key_reopens_the_previous_answer(workdir: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(["new"], workdir)
    children.append(child)
    start_meeting(child)
    child.expect_exact("Attendee 1")
    child.expect_exact("finish the list of attendees")
    child.send(CTRL_B)
    child.expect_exact("editing: the current answer is filled in")
    answer(child, "Who is facilitating this scoping meeting?", CLEAR + "Sam Patel" + ENTER)
    child.expect_exact("Attendee 1")
    interrupt(child)
    saved = load_answers(workdir / "leeds-2026-12-01.scopewiz.yaml")
    assert saved["answers"]["facilitator"] == "Sam Patel"


def test_jump_key_edits_an_earlier_answer_and_comes_back(
    workdir: Path, children: list[pexpect.spawn]
) -> None:
    child = spawn(["new"], workdir)
    children.append(child)
    start_meeting(child)
    answer(child, "finish the list of attendees", ENTER)  # no attendees listed
    child.expect_exact("overall vision for children")
    child.send(CTRL_G)
    child.expect_exact("Jump to a question")
    child.send("host auth")  # type to filter the menu
    answer(child, "1. Host authority: Leeds", ENTER)
    child.expect_exact("editing: the current answer is filled in")
    answer(child, "hosting the peer challenge?", CLEAR + "Bradford" + ENTER)
    # Back where the interview had stopped.
    child.expect_exact("overall vision for children")
    interrupt(child)
    # The file was named from the first answers and keeps its name.
    saved = load_answers(workdir / "leeds-2026-12-01.scopewiz.yaml")
    assert saved["answers"]["host_authority"] == "Bradford"
    assert saved["answers"]["attendees"] == []
    assert saved["progress"]["next"] == "vision"


def test_review_then_edit_a_complete_session(workdir: Path, children: list[pexpect.spawn]) -> None:
    session = workdir / "leeds-2026-12-01.scopewiz.yaml"
    session.write_text(
        (Path(__file__).parent / "golden" / "leeds-2026-12-01.scopewiz.yaml").read_text(
            encoding="utf-8"
        ),
        encoding="utf-8",
    )
    child = spawn(["edit", session.name], workdir)
    children.append(child)
    child.expect_exact("Review: 26 of 26 questions answered.")
    child.send("8. Cul")  # filter to the culture question
    answer(child, "8. Culture: Restorative", ENTER)
    child.expect_exact("editing: the current answer is filled in")
    answer(
        child,
        "Restorative: working with families, not doing to them.",
        CLEAR + "A learning culture." + SAVE_LONG,
    )
    child.expect_exact("Review: 26 of 26 questions answered.")
    answer(child, "Finish: save and write the record", ENTER)
    child.expect_exact("Interview complete.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    saved = load_answers(session)
    assert saved["answers"]["culture"] == "A learning culture."
    assert saved["answers"]["vision"].startswith("Leeds wants to be the best city")
    record = (workdir / "leeds-2026-12-01.md").read_text(encoding="utf-8")
    assert "A learning culture." in record


def test_review_key_mid_interview(workdir: Path, children: list[pexpect.spawn]) -> None:
    child = spawn(["new"], workdir)
    children.append(child)
    start_meeting(child)
    child.expect_exact("finish the list of attendees")
    child.send(CTRL_R)
    child.expect_exact("Review: 3 of 26 questions answered.")
    child.expect_exact("Continue the interview")
    child.send(ENTER)
    child.expect_exact("finish the list of attendees")
    interrupt(child)


def test_a_checklist_at_80x24_finds_by_typing_and_names_each_item_after(
    workdir: Path, children: list[pexpect.spawn]
) -> None:
    golden = yaml.safe_load(
        (Path(__file__).parent / "golden" / "leeds-2026-12-01.scopewiz.yaml").read_text()
    )["answers"]
    ids = list(golden)
    before = {k: golden[k] for k in ids[: ids.index("interviewees")]}
    (workdir / "pre.yaml").write_text(yaml.safe_dump(before, allow_unicode=True))
    child = spawn(["new", "--answers", "pre.yaml", "-o", "m.scopewiz.yaml"], workdir, 24, 80)
    children.append(child)
    child.expect_exact("Space: tick · type to find · Enter: save")
    child.expect_exact("Early help and family hub partners")
    # Letters find; Tab and Ctrl-A (questionary's invert and tick-all) change nothing.
    child.send("lead")
    child.expect(r"/ (\x1b\[[0-9;]*m)*lead")  # the search line, styled
    child.send(" \t\x01" + ENTER)
    answer(child, "Why interview Lead member for children's services?", "Budget holder" + ENTER)
    answer(child, "Interviewee 2", "")
    answer(child, "Who", ENTER)
    child.expect_exact("approaches to questioning")
    child.sendintr()
    child.expect(pexpect.EOF)
    saved = load_answers(workdir / "m.scopewiz.yaml")["answers"]
    assert saved["interviewees"] == [
        {"who": "Lead member for children's services", "why": "Budget holder"}
    ]
