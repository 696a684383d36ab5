"""Things a facilitator could trip over: confirmations, file names, failed saves, odd input."""

from __future__ import annotations

import copy
import datetime as dt
import io
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from scopewiz.asking import MenuOption, Nav, Prompt
from scopewiz.bank import Bank
from scopewiz.errors import SessionFileError
from scopewiz.naming import provisional_name
from scopewiz.prompts import PlainPrompter, TerminalPrompter
from scopewiz.runner import FINISHED, Interview
from scopewiz.session import Saver, Session, load_session, save_session

from .conftest import FULL_SCRIPT, GOLDEN, ScriptedPrompter
from .test_cli import scopewiz
from .test_e2e import scopewiz_command

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
pytestmark = pytest.mark.timeout(60)


@pytest.mark.timeout(10)
def test_back_key_on_a_confirmation_means_no() -> None:
    with create_pipe_input() as inp:
        inp.send_text("\x02")  # Ctrl-B
        prompter = TerminalPrompter(input=inp, output=DummyOutput())
        assert prompter.confirm("Replace it?", False) is False


@pytest.mark.timeout(10)
def test_a_yes_on_a_confirmation_means_yes() -> None:
    with create_pipe_input() as inp:
        inp.send_text("y")
        prompter = TerminalPrompter(input=inp, output=DummyOutput())
        assert prompter.confirm("Replace it?", False) is True


def test_a_session_is_never_named_like_a_record(tmp_path: Path) -> None:
    result = scopewiz("new", "-o", "leeds.md", cwd=tmp_path)
    assert result.returncode == 1
    assert (
        "leeds.md would hold the session, which is YAML, not the Markdown record." in result.stderr
    )
    assert list(tmp_path.iterdir()) == []


def test_render_will_not_write_over_its_session(tmp_path: Path) -> None:
    session = tmp_path / "s.scopewiz.yaml"
    shutil.copy(GOLDEN_SESSION, session)
    before = session.read_bytes()
    result = scopewiz("render", str(session), "-o", str(session), cwd=tmp_path)
    assert result.returncode == 1
    assert "is the session file itself" in result.stderr
    assert session.read_bytes() == before


def test_new_into_a_missing_folder_says_so_before_any_question(tmp_path: Path) -> None:
    result = scopewiz("new", "-o", "nowhere/x.scopewiz.yaml", stdin="Leeds\n", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == "Error: The folder nowhere does not exist.\n"
    assert result.stdout == ""  # no question was asked


def test_no_input_never_shows_the_review_screen_even_at_a_terminal(tmp_path: Path) -> None:
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", NO_COLOR="1")
    child = pexpect.spawn(
        scopewiz_command(),
        ["new", "--answers", str(GOLDEN_SESSION), "--no-input"],
        cwd=str(tmp_path),
        env=env,
        encoding="utf-8",
        timeout=20,
    )
    child.expect_exact("Interview complete.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0
    assert "Review:" not in (child.before or "")
    assert (tmp_path / "leeds-2026-12-01.md").exists()


def test_jumping_to_a_choice_before_its_list_goes_to_the_list(bank: Bank) -> None:
    session = Session.start(bank, builtin=True)
    script = [
        ("host_authority", "Leeds"),
        ("meeting_date", Nav.JUMP),
        ("menu", "preferred_focus"),
        ("focus_areas[0].area", "SEND"),
        ("focus_areas[0].proposed_by", "host authority"),
        ("focus_areas[1].area", ""),
        ("focus_areas[0].pros", "P"),
        ("focus_areas[0].cons", "C"),
    ]
    prompter = ScriptedPrompter(script)
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, lambda: None).run()
    assert "There is nothing to choose from yet: first list the areas of focus." in prompter.notes
    assert session.answers["focus_areas"][0]["area"] == "SEND"


def test_a_bank_whose_choice_list_may_be_empty_is_refused() -> None:
    from scopewiz.errors import BankError

    from .conftest import bank_from

    with pytest.raises(BankError) as caught:
        bank_from(
            """
            id: b
            title: B
            sections:
              - id: s
                title: S
                questions:
                  - {id: areas, type: list, prompt: Areas?, optional: true}
                  - {id: pick, type: choose, prompt: Which?, from: areas}
            """
        )
    assert caught.value.problems == [
        "test-bank.yaml:9: question 'pick' chooses from 'areas', which may be left empty: give 'areas' min: 1"
    ]


def test_a_failed_save_offers_to_try_again_and_keeps_the_answer(bank: Bank) -> None:
    session = Session.start(bank, builtin=True)
    attempts: list[dict[str, Any]] = []

    def flaky_save() -> None:
        attempts.append(copy.deepcopy(session.answers))
        if len(attempts) == 1:
            raise SessionFileError("Could not save s.scopewiz.yaml: No space left on device")

    prompter = ScriptedPrompter([("host_authority", "Leeds"), ("menu", "retry")])
    with pytest.raises(EOFError):
        Interview(bank, session, prompter, flaky_save).run()
    assert "! Could not save s.scopewiz.yaml: No space left on device" in prompter.notes
    assert prompter.menus[0][0].startswith("The answers not yet saved are kept in this window.")
    assert attempts == [{"host_authority": "Leeds"}, {"host_authority": "Leeds"}]


def test_a_failed_save_can_stop_the_wizard(bank: Bank) -> None:
    session = Session.start(bank, builtin=True)

    def full_disk() -> None:
        raise SessionFileError("Could not save s.scopewiz.yaml: No space left on device")

    prompter = ScriptedPrompter([("host_authority", "Leeds"), ("menu", "stop")])
    with pytest.raises(SessionFileError):
        Interview(bank, session, prompter, full_disk).run()


def test_plain_choices_with_commas_count_once() -> None:
    prompt = Prompt(
        kind="multiselect",
        message="Papers?",
        question_id="documentation",
        path="documentation",
        section_title="S",
        section_number=1,
        section_count=1,
        question_number=1,
        question_count=1,
        choices=(
            "Self-evaluation",
            "Latest ILACS report, focused-visit and JTAI letters",
            "Structure charts",
        ),
        other=True,
    )
    stdin = io.StringIO("Latest ILACS report, focused-visit and JTAI letters, 3, Budget, 2026\n")
    raw = PlainPrompter(stdin=stdin, stdout=io.StringIO()).ask(prompt, lambda raw: None)
    assert raw == [
        "Latest ILACS report, focused-visit and JTAI letters",
        "Structure charts",
        "Budget",
        "2026",
    ]


def test_plain_input_that_is_not_utf8_is_kept_readable(tmp_path: Path) -> None:
    result = subprocess_bytes(["new"], b"Leeds\n1/12/2026\nSa\xffm\n", tmp_path)
    assert result.returncode == 1  # input ended, not a crash
    assert b"Traceback" not in result.stderr
    saved = yaml.safe_load(
        (tmp_path / "leeds-2026-12-01.scopewiz.yaml").read_text(encoding="utf-8")
    )
    assert saved["answers"]["facilitator"] == "Sa\ufffdm"


def subprocess_bytes(args: list[str], stdin: bytes, cwd: Path) -> Any:
    import subprocess

    return subprocess.run(
        [sys.executable, "-m", "scopewiz", *args],
        input=stdin,
        capture_output=True,
        cwd=cwd,
        env=dict(os.environ, NO_COLOR="1"),
        timeout=60,
        check=False,
    )


def test_a_closed_standard_input_is_the_end_of_input(tmp_path: Path) -> None:
    import subprocess

    result = subprocess.run(
        [sys.executable, "-m", "scopewiz", "new"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=60,
        check=False,
        env=dict(os.environ, NO_COLOR="1"),
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "Nothing was saved" in result.stderr


@pytest.mark.parametrize("clock", [".nan", ".inf", "-5", "soon"])
def test_a_hand_edited_clock_is_ignored(bank: Bank, tmp_path: Path, clock: str) -> None:
    path = tmp_path / "s.scopewiz.yaml"
    text = GOLDEN_SESSION.read_text(encoding="utf-8").replace(
        "clock_seconds: 5400", f"clock_seconds: {clock}"
    )
    path.write_text(text, encoding="utf-8")
    _, session, _ = load_session(path)
    assert session.clock_seconds == 0.0


def test_list_skips_a_dangling_link(tmp_path: Path) -> None:
    shutil.copy(GOLDEN_SESSION, tmp_path / "a.scopewiz.yaml")
    (tmp_path / "gone.scopewiz.yaml").symlink_to(tmp_path / "nowhere.yaml")
    result = scopewiz("list", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "a.scopewiz.yaml" in result.stdout and "gone" not in result.stdout


def test_a_file_named_before_the_meeting_date_is_renamed_on_resume(
    bank: Bank, tmp_path: Path
) -> None:
    session = Session.start(bank, builtin=True)
    session.created = "2026-11-29T10:00:00+00:00"
    session.state.answers["host_authority"] = "Leeds"
    first = Saver(bank, session, folder=tmp_path, fixed=False, today=dt.date(2026, 11, 29))
    first()
    first.lock.release()  # that wizard stopped
    assert session.path == tmp_path / "leeds-2026-11-29.scopewiz.yaml"
    _, resumed, _ = load_session(session.path)
    assert provisional_name(bank, resumed)
    resumed.state.answers["meeting_date"] = dt.date(2026, 12, 1)
    Saver(bank, resumed, folder=tmp_path, fixed=False, today=dt.date(2026, 11, 30))()
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == [".leeds-2026-12-01.scopewiz.yaml.lock", "leeds-2026-12-01.scopewiz.yaml"]


def test_a_name_the_user_chose_is_kept(bank: Bank, tmp_path: Path) -> None:
    session = Session.start(bank, builtin=True)
    session.state.answers["host_authority"] = "Leeds"
    session.path = tmp_path / "my-meeting.scopewiz.yaml"
    save_session(bank, session)
    _, resumed, _ = load_session(session.path)
    assert not provisional_name(bank, resumed)


def test_menu_option_labels_for_dates_are_written_out(bank: Bank) -> None:
    prompter = ScriptedPrompter(
        [*FULL_SCRIPT, ("menu", "visit_dates"), ("menu", ("done", None)), ("menu", FINISHED)]
    )
    session = Session.start(bank, builtin=True)
    Interview(bank, session, prompter, lambda: None, review_at_end=True).run()
    review = prompter.menus[0][1]
    label = next(o.label for o in review if o.value == "visit_dates")
    # The preview is cut to its width after the first preference.
    assert label.startswith(
        "  ✓ 22. Preferred visit dates: Tuesday 9 March 2027 to Thursday 11 March 2027, T"
    )
    list_menu = [o.label for o in prompter.menus[1][1]]
    # Both days of a visit, where the last is known (issue 12, item 9).
    assert list_menu[:2] == [
        "Change date preference 1: Tuesday 9 March 2027 to Thursday 11 March 2027",
        "Change date preference 2: Tuesday 16 March 2027",
    ]
    assert all(isinstance(o, MenuOption) for o in review)


@pytest.mark.timeout(10)
@pytest.mark.parametrize(
    ("kind", "extra"),
    [
        ("text", {}),
        ("long_text", {}),
        ("date", {}),
        ("confirm", {}),
        ("select", {"choices": ("a", "b")}),
        ("multiselect", {"choices": ("a", "b")}),
    ],
)
@pytest.mark.parametrize(
    ("key", "nav"), [("\x02", Nav.BACK), ("\x07", Nav.JUMP), ("\x12", Nav.REVIEW)]
)
def test_navigation_keys_work_in_every_kind_of_prompt(
    kind: str, extra: dict[str, Any], key: str, nav: Nav
) -> None:
    prompt = Prompt(
        kind=kind,
        message="Q?",
        question_id="q",
        path="q",
        section_title="S",
        section_number=1,
        section_count=1,
        question_number=1,
        question_count=1,
        **extra,
    )
    with create_pipe_input() as inp:
        inp.send_text(key)
        prompter = TerminalPrompter(input=inp, output=DummyOutput())
        assert prompter.ask(prompt, lambda raw: None) is nav


def test_an_answers_file_is_held_to_the_prompts_rules(bank: Bank, tmp_path: Path) -> None:
    answers = yaml.safe_load(GOLDEN_SESSION.read_text())["answers"]
    answers["host_lead_officer"]["email"] = "jo at leeds"
    answers["visit_dates"][0]["end"] = dt.date(2027, 3, 1)
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(answers, sort_keys=False))
    result = scopewiz("new", "--answers", str(path), "--no-input", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    assert any(
        ": visit_dates: item 1: end: End (Monday 1 March 2027) is before start" in line
        for line in lines
    )
    assert any(
        ": host_lead_officer: email: jo at leeds does not look like an email address" in line
        for line in lines
    )
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]
