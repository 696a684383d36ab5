"""The command line as scripts see it: exit codes, messages, no tracebacks, piped input."""

from __future__ import annotations

import datetime as dt
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from scopewiz import __version__
from scopewiz.bank import Bank
from scopewiz.runner import run_interview
from scopewiz.session import Session

from .conftest import FULL_SCRIPT, GOLDEN, ScriptedPrompter

GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
GOLDEN_RECORD = GOLDEN / "leeds-2026-12-01.md"

pytestmark = pytest.mark.timeout(60)


def scopewiz(
    *args: str, cwd: Path | None = None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1")
    return subprocess.run(  # the exit code is what the tests check
        [sys.executable, "-m", "scopewiz", *args],
        check=False,
        cwd=cwd,
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout, result.stderr[-3000:]


def test_version() -> None:
    result = scopewiz("--version")
    assert result.returncode == 0
    assert result.stdout == f"scopewiz {__version__}\n"


def test_help_lists_every_command() -> None:
    result = scopewiz("--help")
    assert result.returncode == 0
    for command in ("new", "resume", "render", "check"):
        assert f"  {command} " in result.stdout


@pytest.mark.parametrize("command", ["new", "resume", "render", "check"])
def test_every_command_has_help(command: str) -> None:
    result = scopewiz(command, "--help")
    assert result.returncode == 0
    assert f"Usage: scopewiz {command}" in result.stdout


def test_unknown_command_is_a_usage_error() -> None:
    result = scopewiz("frobnicate")
    assert result.returncode == 2
    no_traceback(result)


def test_render_prints_the_record(tmp_path: Path) -> None:
    result = scopewiz("render", str(GOLDEN_SESSION))
    assert result.returncode == 0, result.stderr
    assert result.stdout == GOLDEN_RECORD.read_text(encoding="utf-8")


def test_render_marks_timeline_dates_already_past_as_of_today(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The record written on 4 January 2027: the peer team should be identified by now."""
    monkeypatch.setenv("SCOPEWIZ_TODAY", "2027-01-04")
    result = scopewiz("render", str(GOLDEN_SESSION))
    assert result.returncode == 0, result.stderr
    row = "| Peer team identified by | Tuesday 15 December 2026 (**already past**) |"
    assert row in result.stdout
    assert "| Papers to the peer team | Tuesday 16 February 2027 |" in result.stdout
    # Only the timeline changes with the day: the rest is the golden record.
    golden = GOLDEN_RECORD.read_text(encoding="utf-8")
    assert result.stdout == golden.replace(
        "| Peer team identified by | Tuesday 15 December 2026 |", row.removesuffix(" |") + " |"
    )


def test_render_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "record.md"
    result = scopewiz("render", str(GOLDEN_SESSION), "-o", str(out))
    assert result.returncode == 0
    assert result.stdout == ""
    assert result.stderr == f"Wrote {out}\n"
    assert out.read_text(encoding="utf-8") == GOLDEN_RECORD.read_text(encoding="utf-8")
    assert stat.S_IMODE(out.stat().st_mode) == 0o600


def test_render_a_missing_file() -> None:
    result = scopewiz("render", "no-such.scopewiz.yaml")
    assert result.returncode == 1
    assert result.stderr == "Error: no-such.scopewiz.yaml: no such file\n"
    assert result.stdout == ""


def test_render_a_broken_file_names_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.scopewiz.yaml"
    bad.write_text(
        GOLDEN_SESSION.read_text().replace("preferred_focus: Early help", "preferred_focus: [Early")
    )
    result = scopewiz("render", str(bad))
    assert result.returncode == 1
    no_traceback(result)
    line = next(
        i for i, text in enumerate(bad.read_text().split("\n"), 1) if "preferred_focus" in text
    )
    assert result.stderr.startswith(f"Error: {bad}:")
    assert (
        f":{line + 1}: not valid YAML" in result.stderr
        or f":{line}: not valid YAML" in result.stderr
    )


def test_check_the_default_bank() -> None:
    result = scopewiz("check")
    assert result.returncode == 0
    assert result.stderr.endswith(": OK, 10 sections, 26 questions\n")


def test_check_a_broken_bank_lists_every_problem(tmp_path: Path) -> None:
    bank = tmp_path / "x.yaml"
    bank.write_text(
        "id: x\n"
        "title: X\n"
        "sections:\n"
        "  - id: s\n"
        "    title: S\n"
        "    questions:\n"
        "      - {id: a, type: text, promt: A?}\n"
        "      - {id: b, type: choose, prompt: B?, from: focus_area}\n"
    )
    result = scopewiz("check", str(bank), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        (
            f"{bank}:7: unknown key 'promt' in question 'a' (allowed: id, type, prompt, help, "
            "optional, heading, if_empty, suggestions, suggestions_from, confirm_other, format, default, "
            "when)"
        ),
        f"{bank}:7: question 'a' needs 'prompt'",
        f"{bank}:8: question 'b' chooses from 'focus_area', which is not an earlier list question",
    ]


def plain_lines(bank: Bank, script: list[Any]) -> str:
    """The default-bank script as lines typed into plain mode."""
    prompter = ScriptedPrompter(script)
    run_interview(
        bank, Session.start(bank, builtin=True), prompter, lambda: None, today=dt.date(2026, 12, 1)
    )
    lines: list[str] = []
    for prompt, (_, answer) in zip(prompter.prompts, script, strict=True):
        if prompt.kind == "long_text":
            lines += [*answer.split("\n"), "."]
        elif prompt.kind == "multiselect":
            lines.append(", ".join(answer))
        elif prompt.kind == "confirm":
            lines.append("y" if answer else "n")
        elif prompt.kind == "date" and prompt.path == "meeting_date":
            lines.append(answer)
        else:
            lines.append(answer)
    return "\n".join(lines) + "\n"


def test_full_interview_with_piped_input(bank: Bank, tmp_path: Path) -> None:
    result = scopewiz("new", stdin=plain_lines(bank, FULL_SCRIPT), cwd=tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Interview complete." in result.stderr
    assert "== Areas of focus (section 5 of 10) ==" in result.stdout
    session = tmp_path / "leeds-2026-12-01.scopewiz.yaml"
    record = tmp_path / "leeds-2026-12-01.md"
    assert sorted(p.name for p in tmp_path.iterdir()) == [record.name, session.name]
    saved = yaml.safe_load(session.read_text())
    golden = yaml.safe_load(GOLDEN_SESSION.read_text())
    assert saved["answers"] == golden["answers"]
    assert saved["progress"]["complete"] is True
    expected = GOLDEN_RECORD.read_text().rsplit("_Recorded with", 1)[0]
    assert record.read_text().rsplit("_Recorded with", 1)[0] == expected


def test_input_ending_early_saves_and_says_how_to_resume(bank: Bank, tmp_path: Path) -> None:
    result = scopewiz("new", stdin="Leeds\n2026-12-01\nSam\n", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.endswith(
        "Input ended before the interview was complete.\n"
        "Saved to leeds-2026-12-01.scopewiz.yaml. Resume with: scopewiz resume leeds-2026-12-01.scopewiz.yaml\n"
    )
    saved = yaml.safe_load((tmp_path / "leeds-2026-12-01.scopewiz.yaml").read_text())
    assert saved["answers"] == {
        "host_authority": "Leeds",
        "meeting_date": dt.date(2026, 12, 1),
        "facilitator": "Sam",
    }

    more = scopewiz(
        "resume", "leeds-2026-12-01.scopewiz.yaml", stdin="Ann Other\nDCS\nLeeds\n\n", cwd=tmp_path
    )
    assert more.returncode == 1
    assert "Resuming leeds-2026-12-01.scopewiz.yaml: 3 of 26 questions answered." in more.stderr
    saved = yaml.safe_load((tmp_path / "leeds-2026-12-01.scopewiz.yaml").read_text())
    assert saved["answers"]["attendees"] == [
        {"name": "Ann Other", "role": "DCS", "organisation": "Leeds"}
    ]


def test_nothing_typed_saves_nothing(tmp_path: Path) -> None:
    result = scopewiz("new", cwd=tmp_path)
    assert result.returncode == 1
    assert "Nothing was saved: no question had been answered yet." in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_resume_a_complete_session_points_at_render(tmp_path: Path) -> None:
    result = scopewiz("resume", str(GOLDEN_SESSION), cwd=tmp_path)
    assert result.returncode == 0
    assert "is complete: every question is answered." in result.stderr
    assert f"Print the record with: scopewiz render {GOLDEN_SESSION}" in result.stderr


def test_new_output_to_a_folder_is_refused(tmp_path: Path) -> None:
    result = scopewiz("new", "-o", str(tmp_path), cwd=tmp_path)
    assert result.returncode == 1
    assert "is a folder" in result.stderr
    no_traceback(result)


def test_new_output_existing_without_a_terminal_is_left_alone(tmp_path: Path) -> None:
    existing = tmp_path / "mine.scopewiz.yaml"
    existing.write_text("keep me\n")
    result = scopewiz("new", "-o", str(existing), cwd=tmp_path)
    assert result.returncode == 1
    assert "already exists and was left as it is" in result.stderr
    assert existing.read_text() == "keep me\n"


def test_new_with_a_broken_bank(tmp_path: Path) -> None:
    bank = tmp_path / "b.yaml"
    bank.write_text("id: b\ntitle: B\nsections: []\n")
    result = scopewiz("new", "--bank", str(bank), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr == f"{bank}:3: the bank needs 'sections', a list of sections\n"


def test_text_from_a_file_is_shown_safely() -> None:
    """Escapes, line separators and direction overrides are shown escaped; the rest is kept."""
    from scopewiz.terminal import shown

    assert shown("Leeds\x1b[2J") == "Leeds\\x1b[2J"
    assert shown("one\u2028line") == "one\\u2028line"
    assert shown("admin\u202egnp.exe") == "admin\\u202egnp.exe"
    kept = "Kirklees\xa0Council — café 👍\tand\na second line"
    assert shown(kept) == kept
