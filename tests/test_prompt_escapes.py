"""Escape sequences from a file never reach the terminal raw (issue 11, item 9).

A bank, a session file, an answer or a file name may hold an escape sequence:
OSC 0 sets the window title, OSC 52 writes the clipboard, ESC[2J clears the
screen. Each is shown escaped, as ``\\x1b]0;…``, in full-screen, ``--plain``
and piped modes alike; and a new answer (typed, piped or in an ``--answers``
file) may hold no control character at all. The end-to-end tests run the
installed command in a pseudo-terminal and read the raw bytes it writes:
prompt_toolkit's own output holds no OSC and no ESC[2J, so none may appear.
"""

from __future__ import annotations

import io
import os
import re
import sys
import textwrap
from pathlib import Path
from typing import Any

import pexpect
import pytest
import yaml
from prompt_toolkit.data_structures import Size
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output.vt100 import Vt100_Output

from scopewiz.answers import check_answers
from scopewiz.bank import Bank
from scopewiz.engine import Step, check_answer
from scopewiz.prompts import PlainPrompter, TerminalPrompter
from scopewiz.qtypes import AnswerError
from scopewiz.qtypes.base import refuse_control_characters
from scopewiz.session import load_session

from .conftest import bank_from
from .test_e2e import CLEAR, DOWN, ENTER, SAVE_LONG, scopewiz_command
from .test_prompts import Recorder, make_prompt

pytestmark = [
    pytest.mark.timeout(60),
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal"),
]

CTRL_B, CTRL_C, CTRL_G, CTRL_R = "\x02", "\x03", "\x07", "\x12"
F1 = "\x1bOP"

#: Every text a bank shows holds one of the three sequences (YAML writes ESC as \e, BEL as \a).
BANK = textwrap.dedent(
    r"""
    id: hostile
    version: 1
    title: "Hostile \e]0;BANK-TITLE\a bank"
    sections:
      - id: one
        title: "Section \e]0;SECTION-TITLE\a one"
        questions:
          - id: name
            type: text
            prompt: "Name \e]52;c;UFJPTVBU\a please?"
            help: "Help \e[2J text"
            heading: "Name \e]0;HEADING\a"
            default: "Default \e]0;DEFAULT\a"
          - id: colour
            type: select
            prompt: "Colour?"
            choices:
              - {value: "Red \e]0;CHOICE\a", help: "Warm \e]52;c;SEVMUA==\a"}
              - Blue
          - id: pets
            type: multiselect
            prompt: "Pets?"
            choices: ["Cat \e]0;PET\a", Dog]
            other: true
          - id: notes
            type: long_text
            prompt: "Notes \e[2J?"
          - id: last
            type: text
            prompt: "Last?"
    """
)

#: A session file's answers, as an older scopewiz could have saved them from piped input.
SESSION_ANSWERS = textwrap.dedent(
    r"""
    answers:
      name: "Joe \e]0;ANSWER\a \e]52;c;QU5TV0VS\a"
      colour: "Red \e]0;CHOICE\a"
      notes: "Old \e]0;NOTE\a\nsecond \e[2J line"
    """
)

#: A session file's name that would set the window title.
HOSTILE_NAME = "meeting \x1b]0;FILE-TITLE\x07.scopewiz.yaml"
#: How the wizard names that file: bash's $'...' quoting, escaped.
HOSTILE_SHOWN = "$'meeting \\x1b]0;FILE-TITLE\\x07.scopewiz.yaml'"


def write_bank(folder: Path) -> Path:
    path = folder / "bank.yaml"
    path.write_text(BANK, encoding="utf-8")
    return path


def write_session(folder: Path, bank_path: Path, name: str = HOSTILE_NAME) -> Path:
    path = folder / name
    head = textwrap.dedent(
        f"""\
        scopewiz_session: 1
        bank:
          id: hostile
          version: 1
          file: {bank_path}
        created: '2026-12-01T09:00:00+00:00'
        updated: '2026-12-01T09:30:00+00:00'
        """
    )
    path.write_text(head + SESSION_ANSWERS, encoding="utf-8")
    return path


def spawn(args: list[str], cwd: Path, *, shell: str | None = None) -> pexpect.spawn:
    """The installed command in a pseudo-terminal, its raw output kept in ``child.raw``."""
    env = dict(os.environ, PROMPT_TOOLKIT_NO_CPR="1", TERM="xterm-256color")
    env.pop("NO_COLOR", None)  # the wizard's own colour sequences are there, and fine
    if shell is not None:
        child = pexpect.spawn("/bin/sh", ["-c", shell], cwd=str(cwd), env=env, timeout=15)
    else:
        command = scopewiz_command()
        child = pexpect.spawn(command, args, cwd=str(cwd), env=env, timeout=15)
    child.setwinsize(24, 80)
    child.logfile_read = io.BytesIO()
    return child


def expect(child: pexpect.spawn, text: str) -> None:
    child.expect_exact(text.encode("utf-8"))


def expect_drawn(child: pexpect.spawn, text: str) -> None:
    """Wait for ``text`` as prompt_toolkit draws it: styles may change between characters."""
    between = rb"(?:\x1b\[[0-9;]*m)*"
    child.expect(between.join(re.escape(c.encode("utf-8")) for c in text))


def ended(child: pexpect.spawn) -> bytes:
    """Wait for the end and return every byte the command wrote."""
    child.expect(pexpect.EOF)
    child.close()
    raw: bytes = child.logfile_read.getvalue()
    return raw


def assert_nothing_injected(raw: bytes) -> None:
    """No OSC (title, clipboard) and no clear-screen; no title text ended by a raw BEL."""
    assert b"\x1b]" not in raw, _around(raw, b"\x1b]")
    assert b"\x1b[2J" not in raw, _around(raw, b"\x1b[2J")
    for title in (b"BANK-TITLE", b"SECTION-TITLE", b"HEADING", b"CHOICE", b"ANSWER", b"FILE"):
        assert title + b"\x07" not in raw


def _around(raw: bytes, needle: bytes) -> bytes:
    at = raw.find(needle)
    return raw[max(0, at - 60) : at + 60]


@pytest.fixture
def children() -> Any:
    spawned: list[pexpect.spawn] = []
    yield spawned
    for child in spawned:
        if child.isalive():
            child.terminate(force=True)


# -- the rule of an answer's characters --------------------------------------------


@pytest.fixture
def hostile_bank(tmp_path: Path) -> Bank:
    return bank_from(BANK)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Joe \x1b]0;title\x07", "\\x1b"),  # ESC
        ("Joe \x07", "\\x07"),  # BEL
        ("Joe \x00", "\\x00"),
        ("Joe \x7f", "\\x7f"),  # DEL
        ("Joe \x9b2J", "\\x9b"),  # C1: the one-character CSI
        ("Joe \x85", "\\x85"),  # C1: next line, which str.split() takes for a space
        ("Joe \r", "\\x0d"),
        ("Joe \x0b", "\\x0b"),
    ],
)
def test_a_new_answer_with_a_control_character_is_refused(
    hostile_bank: Bank, text: str, shown: str
) -> None:
    q = hostile_bank.by_id["name"]
    with pytest.raises(AnswerError) as refused:
        refuse_control_characters(q, text)
    assert str(refused.value) == (
        f"An answer cannot hold a control character: remove the {shown} at character 5"
    )


@pytest.mark.parametrize(
    "raw",
    ["Tab\tand\nline feed", "Kirklees\xa0Council — café 👍", "", None, True, ["Dog", "Rat"]],
)
def test_spacing_and_ordinary_text_are_answers(hostile_bank: Bank, raw: Any) -> None:
    refuse_control_characters(hostile_bank.by_id["notes"], raw)


def test_the_banks_own_choices_are_not_the_answers_to_refuse(hostile_bank: Bank) -> None:
    pets = hostile_bank.by_id["pets"]
    refuse_control_characters(hostile_bank.by_id["colour"], "Red \x1b]0;CHOICE\x07")
    refuse_control_characters(pets, ["Cat \x1b]0;PET\x07", "Rat"])
    with pytest.raises(AnswerError, match=r"remove the \\x1b at character 5 of entry 2$"):
        refuse_control_characters(pets, ["Cat \x1b]0;PET\x07", "Rat \x1b[2J"])


def test_the_prompts_rule_refuses_control_characters(hostile_bank: Bank) -> None:
    """What the runner calls for a typed or piped answer: check_answer."""
    q = hostile_bank.by_id
    with pytest.raises(AnswerError, match="cannot hold a control character"):
        check_answer(Step(q["name"], "value"), "Joe \x1b]52;c;QQ==\x07")
    with pytest.raises(AnswerError, match="cannot hold a control character"):
        check_answer(Step(q["notes"], "value"), "one\ntwo \x1b[2J")
    with pytest.raises(AnswerError, match="of entry 1"):
        check_answer(Step(q["pets"], "value"), ["Rat\x07"])
    assert check_answer(Step(q["notes"], "value"), "one\n\ttwo") == "one\n\ttwo"
    assert check_answer(Step(q["colour"], "value"), "Red \x1b]0;CHOICE\x07") == (
        "Red \x1b]0;CHOICE\x07"
    )


def test_an_answers_file_is_held_to_the_rule_and_a_session_file_is_read_as_written(
    hostile_bank: Bank,
) -> None:
    raw = yaml.safe_load(SESSION_ANSWERS)["answers"]
    answers, _, problems = check_answers(hostile_bank, raw, "answers.yaml", new=True)
    refused = "An answer cannot hold a control character: remove the \\x1b at character 5"
    assert problems == [f"answers.yaml:1: name: {refused}", f"answers.yaml:1: notes: {refused}"]
    assert answers == {"colour": "Red \x1b]0;CHOICE\x07"}  # the bank's own words
    kept, _, problems = check_answers(hostile_bank, raw, "session.yaml")
    assert problems == []
    assert kept["name"] == "Joe \x1b]0;ANSWER\x07 \x1b]52;c;QU5TV0VS\x07"


def test_a_session_saved_under_a_name_with_an_escape_opens_again(tmp_path: Path) -> None:
    """Its header comment names the file: YAML refuses a raw ESC even in a comment."""
    from scopewiz.session import save_session

    path = write_session(tmp_path, write_bank(tmp_path))
    bank, session, _ = load_session(path)
    save_session(bank, session)
    assert "\x1b" not in path.read_text(encoding="utf-8").split("scopewiz_session")[0]
    _, again, _ = load_session(path)
    assert again.answers == session.answers


# -- the prompters ------------------------------------------------------------------


@pytest.mark.timeout(10)
def test_the_terminal_prompter_escapes_what_prompt_toolkit_would_print_raw() -> None:
    """print_formatted_text makes ESC a "?", but writes a BEL or a CR as it is."""
    out = io.StringIO()
    prompt = make_prompt(
        section_title="Section \x1b]0;T\x07 one",
        message="First line \x07\nName \x1b[2J?",
        help="Help \rover",
        context="Context \x9b2J",
    )
    with create_pipe_input() as inp:
        inp.send_text("?Joe" + ENTER)
        output = Vt100_Output(out, lambda: Size(rows=24, columns=80), term="xterm")
        assert TerminalPrompter(input=inp, output=output).ask(prompt, Recorder()) == "Joe"
    shown = out.getvalue()
    assert "\x07" not in shown and "Help \rover" not in shown and "\x9b" not in shown
    assert "\x1b]" not in shown and "\x1b[2J" not in shown
    for text in ("Section \\x1b]0;T\\x07 one", "First line \\x07", "Help \\x0dover"):
        assert text in shown
    assert "Context \\x9b2J" in shown


def test_the_plain_prompter_escapes_everything_it_shows() -> None:
    out = io.StringIO()
    prompter = PlainPrompter(stdin=io.StringIO("\n.\n"), stdout=out)
    prompt = make_prompt(
        kind="select",
        message="Colour \x1b[2J?",
        choices=("Red \x1b]0;CHOICE\x07", "Blue"),
        choice_help={"Red \x1b]0;CHOICE\x07": "Warm \x1b]52;c;SEVMUA==\x07"},
        default="Red \x1b]0;CHOICE\x07",
    )
    assert prompter.ask(prompt, Recorder()) == "Red \x1b]0;CHOICE\x07"
    prompter.ask(make_prompt(kind="long_text", default="Old \x1b]0;NOTE\x07\nline"), Recorder())
    prompter.note("! Not a choice: Rat \x1b[2J")
    shown = out.getvalue()
    assert "\x1b" not in shown and "\x07" not in shown
    for line in (
        "Colour \\x1b[2J?",
        " *1) Red \\x1b]0;CHOICE\\x07: Warm \\x1b]52;c;SEVMUA==\\x07",
        "Type a number (Enter keeps Red \\x1b]0;CHOICE\\x07): ",
        "| Old \\x1b]0;NOTE\\x07",
        "! Not a choice: Rat \\x1b[2J",
    ):
        assert line in shown


# -- end to end, in a pseudo-terminal --------------------------------------------------


@pytest.mark.timeout(90)
def test_new_with_a_hostile_bank_full_screen(tmp_path: Path, children: list[Any]) -> None:
    write_bank(tmp_path)
    child = spawn(["new", "--bank", "bank.yaml", "-o", "out.scopewiz.yaml"], tmp_path)
    children.append(child)
    expect(child, "Section \\x1b]0;SECTION-TITLE\\x07 one")
    expect(child, "Name \\x1b]52;c;UFJPTVBU\\x07 please?")
    # The default is the answer being edited: prompt_toolkit draws its ESC and BEL.
    expect_drawn(child, "Default ^[]0;DEFAULT^G")
    child.send(ENTER)  # keeping it is a new answer with control characters: refused
    expect(child, "An answer cannot hold a control character: remove the \\x1b at character 9")
    child.send(CLEAR)
    child.send(F1)
    expect(child, "Help \\x1b[2J text")
    child.send("Joe" + ENTER)
    expect(child, "Red \\x1b]0;CHOICE\\x07")
    child.send(ENTER)
    expect(child, "Cat \\x1b]0;PET\\x07")
    child.send(" " + ENTER)
    expect(child, "Notes \\x1b[2J?")
    child.send("Fine." + SAVE_LONG)
    expect(child, "Last?")
    child.send(CTRL_R)
    expect(child, "Name \\x1b]0;HEADING\\x07: Joe")
    child.send(CTRL_B)
    expect(child, "Last?")
    child.send(CTRL_C)
    raw = ended(child)
    assert child.exitstatus == 130
    assert_nothing_injected(raw)
    answers = load_session(tmp_path / "out.scopewiz.yaml")[1].answers
    assert answers["name"] == "Joe"
    assert answers["colour"] == "Red \x1b]0;CHOICE\x07"  # the bank's choice, as it writes it


@pytest.mark.timeout(90)
def test_resume_of_a_file_named_with_an_escape_full_screen(
    tmp_path: Path, children: list[Any]
) -> None:
    path = write_session(tmp_path, write_bank(tmp_path))
    child = spawn(["resume"], tmp_path)  # the newest session here: the hostile name
    children.append(child)
    expect(child, f"Using {HOSTILE_SHOWN}, the only session here.")
    expect(child, f"Resuming {HOSTILE_SHOWN}: 3 of 5 questions answered.")
    expect(child, "Already answered in this section:")
    expect(child, "Name \\x1b]0;HEADING\\x07: Joe \\x1b]0;ANSWER\\x07 \\x1b]52;c;QU5TV0VS\\x07")
    expect(child, "Notes: Old \\x1b]0;NOTE\\x07 second \\x1b[2J line")
    expect(child, "Pets?")
    child.send(CTRL_G)
    expect(child, "Jump to a question")
    expect(child, "4. Notes: Old \\x1b]0;NOTE\\x07 second")
    child.send(DOWN * 5 + ENTER)  # Continue, the section, name, colour, pets: notes
    expect_drawn(child, "Old ^[]0;NOTE^G")  # the current answer, in the editor
    child.send(SAVE_LONG)
    expect(child, "An answer cannot hold a control character: remove the \\x1b at character 5")
    child.send(CTRL_C)
    raw = ended(child)
    assert child.exitstatus == 130
    assert_nothing_injected(raw)
    assert load_session(path)[1].answers["notes"] == "Old \x1b]0;NOTE\x07\nsecond \x1b[2J line"


@pytest.mark.timeout(90)
def test_resume_plain_menus_defaults_and_current_answers(
    tmp_path: Path, children: list[Any]
) -> None:
    path = write_session(tmp_path, write_bank(tmp_path))
    child = spawn(["resume", HOSTILE_NAME, "--plain"], tmp_path)
    children.append(child)
    expect(child, "Name \\x1b]0;HEADING\\x07: Joe \\x1b]0;ANSWER\\x07")
    expect(child, "== Section \\x1b]0;SECTION-TITLE\\x07 one (section 1 of 1) ==")
    expect(child, "  1) Cat \\x1b]0;PET\\x07")
    child.sendline("review")
    expect(child, "      ✓ 1. Name \\x1b]0;HEADING\\x07: Joe \\x1b]0;ANSWER\\x07")
    child.sendline("1")  # a question by its own number
    expect(child, "Answer [Joe \\x1b]0;ANSWER\\x07 \\x1b]52;c;QU5TV0VS\\x07]: ")
    child.sendline("")  # keep it: a new answer with control characters, refused
    expect(child, "! An answer cannot hold a control character: remove the \\x1b at character 5")
    child.sendline("Joe")
    expect(child, "Review:")
    child.sendline("2")
    expect(child, " *1) Red \\x1b]0;CHOICE\\x07: Warm \\x1b]52;c;SEVMUA==\\x07")
    expect(child, "Type a number (Enter keeps Red \\x1b]0;CHOICE\\x07): ")
    child.sendline("")  # the bank's own choice: kept
    expect(child, "Review:")
    child.sendline("4")
    expect(child, "| Old \\x1b]0;NOTE\\x07")
    expect(child, "| second \\x1b[2J line")
    child.sendline("help")
    expect(child, "Help: No help for this question.")
    child.sendline("Fine.")
    child.sendline(".")
    expect(child, "Review:")
    child.send(CTRL_C)
    raw = ended(child)
    assert child.exitstatus == 130
    assert_nothing_injected(raw)
    answers = load_session(path)[1].answers
    assert answers["name"] == "Joe"
    assert answers["notes"] == "Fine."


@pytest.mark.timeout(60)
def test_piped_answers_with_control_characters_are_refused_and_asked_again(
    tmp_path: Path, children: list[Any]
) -> None:
    write_bank(tmp_path)
    (tmp_path / "input.txt").write_bytes(
        b"Joe \x1b]0;TYPED\x07\nJoe\n1\n1, Rat \x1b[2J\n1, Rat\nFine.\n.\nDone\n"
    )
    command = f"{scopewiz_command()} new --bank bank.yaml -o out.scopewiz.yaml < input.txt"
    child = spawn([], tmp_path, shell=command)
    children.append(child)
    raw = ended(child)
    shown = raw.decode("utf-8")
    assert child.exitstatus == 0, shown
    assert_nothing_injected(raw)
    assert "! An answer cannot hold a control character: remove the \\x1b at character 5" in shown
    assert (
        "! An answer cannot hold a control character: remove the \\x1b at character 5 of entry 2"
        in shown
    )
    assert "Answer [Default \\x1b]0;DEFAULT\\x07]: " in shown
    assert "Interview complete." in shown
    answers = load_session(tmp_path / "out.scopewiz.yaml")[1].answers
    assert answers["name"] == "Joe"
    assert answers["pets"] == ["Cat \x1b]0;PET\x07", "Rat"]
    assert answers["notes"] == "Fine."


@pytest.mark.timeout(60)
def test_an_answers_file_with_control_characters_is_refused(
    tmp_path: Path, children: list[Any]
) -> None:
    write_bank(tmp_path)
    (tmp_path / "answers.yaml").write_text(
        'colour: "Red \\e]0;CHOICE\\a"\nlast: "Done \\e]52;c;QQ==\\a"\n', encoding="utf-8"
    )
    child = spawn(["new", "--bank", "bank.yaml", "--answers", "answers.yaml"], tmp_path)
    children.append(child)
    raw = ended(child)
    assert child.exitstatus == 1
    assert_nothing_injected(raw)
    assert (
        "Error: answers.yaml:2: last: An answer cannot hold a control character: "
        "remove the \\x1b at character 6"
    ) in raw.decode("utf-8")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml", "bank.yaml"]


# -- file names quoted for copy-paste (F5) and shown in a table (F6) ---------------------------


@pytest.mark.parametrize(
    ("name", "quoted"),
    [
        ("a\x85b.yaml", "$'a\\u0085b.yaml'"),  # C1: bash's \x85 would be the byte 0x85
        ("z\udcff.yaml", "$'z\\xff.yaml'"),  # a byte that is not UTF-8 (os.fsdecode)
        ("it's \x1b.yaml", "$'it\\'s \\x1b.yaml'"),
        ("back\\slash\n.yaml", "$'back\\\\slash\\n.yaml'"),
        ("r\u202el.yaml", "$'r\\u202el.yaml'"),
    ],
)
def test_a_shell_quoted_name_is_the_bytes_of_the_file(name: str, quoted: str) -> None:
    """What the closing line says to copy names the file: bash reads it back as its bytes."""
    import shutil
    import subprocess

    from scopewiz.cli import _shell_path

    assert _shell_path(Path(name)) == quoted
    if not shutil.which("bash"):
        pytest.skip("needs bash")
    typed = subprocess.run(  # what bash makes of the line a user copies
        ["bash", "-c", f"printf %s {quoted}"],
        capture_output=True,
        check=True,
        env=dict(os.environ, LC_ALL="C.UTF-8"),
        timeout=10,
    ).stdout
    assert typed == os.fsencode(name)


def test_list_shows_a_name_with_a_line_feed_or_tab_escaped_and_aligned(tmp_path: Path) -> None:
    import shutil

    from .conftest import GOLDEN
    from .test_cli import no_traceback, scopewiz

    for name in ("a\nb.scopewiz.yaml", "c\td.scopewiz.yaml", "plain.scopewiz.yaml"):
        shutil.copy(GOLDEN / "leeds-2026-12-01.scopewiz.yaml", tmp_path / name)
    result = scopewiz("list", cwd=tmp_path)
    no_traceback(result)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 5 and "\t" not in result.stdout, result.stdout
    rows = sorted(lines[2:])
    assert [row.split("  ")[0] for row in rows] == [
        "a\\nb.scopewiz.yaml",
        "c\\td.scopewiz.yaml",
        "plain.scopewiz.yaml",
    ]
    assert len({row.index("Leeds") for row in rows}) == 1, result.stdout  # one column


# -- a direction control in a session's answer is filled in escaped (F2) ----------------------

BIDI_BANK = textwrap.dedent(
    """\
    id: bidi
    version: 1
    title: Bidi
    sections:
      - id: one
        title: One
        questions:
          - {id: name, type: text, prompt: "Name?"}
          - {id: notes, type: long_text, prompt: "Notes?"}
          - {id: pets, type: multiselect, prompt: "Pets?", choices: [Cat, Dog], other: true}
    """
)
RLO_BYTES = "\u202e".encode()


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    ("question", "filled", "keys"),
    [
        ("name", "Joe \\u202e olleh", [ENTER]),
        ("notes", "Line \\u202e one", [SAVE_LONG]),
        ("pets", "Fish \\u202e", [ENTER, SAVE_LONG]),  # the checklist, then "Other entries"
    ],
)
def test_a_direction_control_in_a_session_answer_is_filled_in_escaped(
    tmp_path: Path, children: list[Any], question: str, filled: str, keys: list[str]
) -> None:
    """prompt_toolkit draws ESC as ^[ but writes U+202E raw: it would reorder the line."""
    bank = tmp_path / "bank.yaml"
    bank.write_text(BIDI_BANK, encoding="utf-8")
    head = f"scopewiz_session: 1\nbank:\n  id: bidi\n  version: 1\n  file: {bank}\n"
    answers = 'answers:\n  name: "Joe \\u202e olleh"\n  notes: "Line \\u202e one\\nline two"\n'
    (tmp_path / "s.scopewiz.yaml").write_text(
        head + answers + '  pets: [Cat, "Fish \\u202e"]\n', encoding="utf-8"
    )
    child = spawn(["edit", "s.scopewiz.yaml", "--question", question], tmp_path)
    children.append(child)
    for key in keys:
        expect_drawn(child, filled)
        child.send(key)
    expect(child, "Review:")
    child.send(CTRL_C)
    raw = ended(child)
    assert RLO_BYTES not in raw, _around(raw, RLO_BYTES)
