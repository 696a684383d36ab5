"""The prompters: real questionary prompts fed keys through a pipe, and the plain line prompter.

Keys are sent before ``ask`` is called, as questionary's own ``tests/utils.py``
does. A prompt that runs out of keys waits for more, so every terminal test has
a short timeout.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from typing import Any

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from prompt_toolkit.output.plain_text import PlainTextOutput
from questionary.prompts.common import InquirerControl

from scopewiz.asking import MenuOption, Prompt
from scopewiz.bank import Bank
from scopewiz.engine import InterviewState, Step, build_prompt, check_answer, next_step
from scopewiz.prompts import PlainPrompter, TerminalPrompter, fit, key_lines
from scopewiz.terminal import wrapped

ENTER = "\r"
DOWN = "\x1b[B"
SPACE = " "
SAVE_MULTILINE = "\x1b\r"  # Esc then Enter
CTRL_C = "\x03"
TAB = "\t"  # Ctrl-I to a terminal
CTRL_A = "\x01"
BACKSPACE = "\x7f"
F1 = "\x1bOP"

#: A facilitator prompt; tests change only what they are about.
_PROMPT_DEFAULTS: dict[str, Any] = {
    "kind": "text",
    "message": "Who is facilitating this scoping meeting?",
    "question_id": "facilitator",
    "path": "facilitator",
    "section_title": "About this scoping meeting",
    "section_number": 1,
    "section_count": 9,
    "question_number": 3,
    "question_count": 23,
}


def make_prompt(**changes: Any) -> Prompt:
    """A prompt as the engine would build it, with ``changes`` applied."""
    return Prompt(**{**_PROMPT_DEFAULTS, **changes})


class Recorder:
    """A validate callable that remembers what it was given."""

    def __init__(self, rule: Any = None) -> None:
        self.seen: list[Any] = []
        self.rule = rule

    def __call__(self, raw: Any) -> str | None:
        self.seen.append(raw)
        return self.rule(raw) if self.rule is not None else None


def required(raw: Any) -> str | None:
    """The engine's rule for a required text answer."""
    return None if isinstance(raw, str) and raw.strip() else "An answer is needed here"


def terminal_ask(prompt: Prompt, keys: str, validate: Any = None) -> Any:
    """Ask ``prompt`` with a real questionary prompt, typing ``keys``."""
    with create_pipe_input() as inp:
        inp.send_text(keys)
        prompter = TerminalPrompter(input=inp, output=DummyOutput())
        return prompter.ask(prompt, validate if validate is not None else Recorder())


def default_bank_prompt(bank: Bank, question_id: str, *, today: dt.date | None = None) -> Prompt:
    """The prompt for a whole-value question of the default bank, nothing answered yet."""
    step = Step(bank.question(question_id), "value")
    return build_prompt(bank, InterviewState(), step, today=today)


# -- TerminalPrompter --------------------------------------------------------


@pytest.mark.timeout(10)
def test_text_answer() -> None:
    validate = Recorder(required)
    assert terminal_ask(make_prompt(), "Sam Patel" + ENTER, validate) == "Sam Patel"
    assert validate.seen == ["Sam Patel"]


@pytest.mark.timeout(10)
def test_text_with_a_default_is_accepted_with_enter(bank: Bank) -> None:
    prompt = default_bank_prompt(bank, "meeting_date", today=dt.date(2026, 12, 1))
    assert prompt.kind == "date"
    assert prompt.default == dt.date(2026, 12, 1)
    raw = terminal_ask(prompt, ENTER)
    assert raw == "1/12/2026"  # as it was offered: day first, as it is typed
    assert check_answer(Step(bank.question("meeting_date"), "value"), raw) == dt.date(2026, 12, 1)


@pytest.mark.timeout(10)
def test_a_date_asked_again_is_offered_as_typed_not_as_iso(bank: Bank) -> None:
    """A re-ask (or an edit) pre-fills 9/3/2027, which the date type reads back the same."""
    prompt = dataclasses.replace(
        default_bank_prompt(bank, "meeting_date"), default=dt.date(2027, 3, 9)
    )
    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text("\x7f" * 4 + "2028" + ENTER)  # correct the year only
        prompter = TerminalPrompter(input=inp, output=PlainTextOutput(out))
        raw = prompter.ask(prompt, Recorder())
    assert raw == "9/3/2028"
    assert "2027-03-09" not in out.getvalue()
    step = Step(bank.question("meeting_date"), "value")
    assert check_answer(step, raw) == dt.date(2028, 3, 9)
    plain, shown = plain_prompter("\n")
    assert check_answer(step, plain.ask(prompt, Recorder())) == dt.date(2027, 3, 9)
    assert "Answer [9/3/2027]: " in shown.getvalue()


@pytest.mark.timeout(10)
def test_text_default_can_be_edited() -> None:
    prompt = make_prompt(default="Sam")
    assert terminal_ask(prompt, " Patel" + ENTER) == "Sam Patel"


@pytest.mark.timeout(10)
def test_validation_rejects_an_empty_answer_then_accepts_a_typed_one() -> None:
    validate = Recorder(required)
    raw = terminal_ask(make_prompt(), ENTER + "Sam Patel" + ENTER, validate)
    assert raw == "Sam Patel"
    assert validate.seen == ["", "Sam Patel"]


@pytest.mark.timeout(10)
def test_autocomplete_text_returns_what_was_typed(bank: Bank) -> None:
    state = InterviewState()
    step = next_step(bank, state)
    assert step is not None
    prompt = build_prompt(bank, state, step)
    assert prompt.question_id == "host_authority"
    assert prompt.suggestions_from == "local-authorities"
    validate = Recorder(required)
    assert terminal_ask(prompt, "Leeds" + ENTER, validate) == "Leeds"
    assert validate.seen[-1] == "Leeds"


@pytest.mark.timeout(10)
def test_long_text_keeps_two_lines(bank: Bank) -> None:
    prompt = default_bank_prompt(bank, "vision")
    assert prompt.kind == "long_text"
    raw = terminal_ask(prompt, "line one" + ENTER + "line two" + SAVE_MULTILINE)
    assert raw == "line one\nline two"


@pytest.mark.timeout(10)
@pytest.mark.parametrize(("key", "expected"), [("y", True), ("n", False)])
def test_confirm(bank: Bank, key: str, expected: bool) -> None:
    prompt = default_bank_prompt(bank, "host_officers_join")
    assert prompt.kind == "confirm"
    assert terminal_ask(prompt, key) is expected


@pytest.mark.timeout(10)
def test_select_down_then_enter_picks_the_second_choice() -> None:
    prompt = make_prompt(kind="select", choices=("host authority", "challenge partners"))
    assert terminal_ask(prompt, DOWN + ENTER) == "challenge partners"


@pytest.mark.timeout(10)
def test_select_enter_takes_the_default() -> None:
    prompt = make_prompt(kind="select", choices=("a", "b", "c"), default="c")
    assert terminal_ask(prompt, ENTER) == "c"


@pytest.mark.timeout(10)
def test_multiselect_ticks_two_items(bank: Bank) -> None:
    prompt = default_bank_prompt(bank, "questioning_approaches")
    assert prompt.kind == "multiselect"
    assert prompt.choices[:3] == ("ethnographic", "appreciative enquiry", "solution focused")
    validate = Recorder()
    raw = terminal_ask(prompt, SPACE + DOWN + DOWN + SPACE + ENTER, validate)
    assert raw == ["ethnographic", "solution focused"]
    # questionary's checkbox validates on every tick as well as on Enter.
    assert validate.seen[-1] == ["ethnographic", "solution focused"]


@pytest.mark.timeout(10)
def test_multiselect_validation_refuses_nothing_ticked_then_accepts() -> None:
    prompt = make_prompt(kind="multiselect", choices=("a", "b"))
    validate = Recorder(lambda raw: None if raw else "Choose at least one")
    raw = terminal_ask(prompt, ENTER + DOWN + SPACE + ENTER, validate)
    assert raw == ["b"]
    assert validate.seen[0] == []  # Enter with nothing ticked was refused
    assert validate.seen[-1] == ["b"]


@pytest.mark.timeout(10)
def test_multiselect_other_entries_are_typed_after_the_ticks(bank: Bank) -> None:
    prompt = default_bank_prompt(bank, "questioning_approaches")
    assert prompt.other
    other_position = len(prompt.choices)  # "Other (type your own)…" comes last
    keys = (
        DOWN
        + SPACE  # appreciative enquiry
        + DOWN * (other_position - 1)
        + SPACE  # Other (type your own)…
        + ENTER
        + "Observing supervision"
        + ENTER
        + "  Walkabouts  "
        + SAVE_MULTILINE
    )
    raw = terminal_ask(prompt, keys)
    assert raw == ["appreciative enquiry", "Observing supervision", "Walkabouts"]
    step = Step(bank.question("questioning_approaches"), "value")
    assert check_answer(step, raw) == raw


@pytest.mark.timeout(10)
def test_checklist_letters_find_a_choice_and_never_tick_many(bank: Bank) -> None:
    prompt = default_bank_prompt(bank, "questioning_approaches")
    # Tab (Ctrl-I) and Ctrl-A, questionary's invert and tick-all, do nothing; "a" and
    # "i" are typed into the search; Space ticks the one found.
    keys = TAB + CTRL_A + "solution" + SPACE + BACKSPACE * 8 + "audit" + SPACE + ENTER
    raw = terminal_ask(prompt, keys)
    assert raw == ["solution focused", "case tracking and audit"]


@pytest.mark.timeout(10)
def test_checklist_key_line_says_type_to_find_and_questionary_s_own_is_gone(bank: Bank) -> None:
    out = io.StringIO()
    prompt = default_bank_prompt(bank, "questioning_approaches")
    with create_pipe_input() as inp:
        inp.send_text(SPACE + ENTER)
        TerminalPrompter(input=inp, output=PlainTextOutput(out)).ask(prompt, Recorder())
    shown = out.getvalue()
    assert "↑↓: move · Space: tick · type to find · Enter: save" in shown
    assert "<a> to toggle" not in shown and "<i> to invert" not in shown


@pytest.mark.timeout(10)
def test_a_long_checklist_scrolls_below_the_header() -> None:
    # 40 choices on a 24-row screen: the list window is capped to what is left.
    prompt = make_prompt(kind="multiselect", choices=tuple(f"choice {n}" for n in range(40)))
    with create_pipe_input() as inp:
        inp.send_text(SPACE + ENTER)
        prompter = TerminalPrompter(input=inp, output=DummyOutput())
        heights: list[int] = []
        original = prompter._fit_on_screen

        def spy(question: Any) -> None:
            original(question)
            app = question.application
            for window in app.layout.find_all_windows():
                if isinstance(window.content, InquirerControl):
                    heights.append(window.height().max)

        prompter._fit_on_screen = spy  # type: ignore[method-assign]
        assert prompter.ask(prompt, Recorder()) == ["choice 0"]
    # DummyOutput is 40 rows; the header, the question and the search line take the rest.
    assert len(heights) == 1 and 3 <= heights[0] < 40 - 5


@pytest.mark.timeout(10)
def test_help_is_shown_once_after_f1_then_question_mark() -> None:
    out = io.StringIO()
    prompt = make_prompt(help="The area of service or performance.")
    with create_pipe_input() as inp:
        inp.send_text(F1 + "?" + "Sam" + ENTER)
        prompter = TerminalPrompter(input=inp, output=PlainTextOutput(out))
        assert prompter.ask(prompt, Recorder()) == "Sam"
    assert out.getvalue().count("The area of service or performance.") == 1


def test_menu_lines_wider_than_the_screen_end_in_an_ellipsis() -> None:
    assert fit("✓ 9. Values, beliefs and behaviours: High support, high challenge.", 30) == (
        "✓ 9. Values, beliefs and beha…"
    )
    assert fit("short", 30) == "short"
    assert fit("日本語の文字", 7) == "日本語…"  # wide characters count two columns


@pytest.mark.timeout(10)
def test_the_menu_shows_each_line_cut_to_the_screen() -> None:
    out = io.StringIO()
    long = "  ✓ 9. Values, beliefs and behaviours: " + "high support, high challenge " * 5
    options = [MenuOption("Finish", "finish"), MenuOption(long, "values")]
    with create_pipe_input() as inp:
        inp.send_text(ENTER)
        prompter = TerminalPrompter(input=inp, output=PlainTextOutput(out))
        assert prompter.menu("Review", options, default="finish") == "finish"
    line = next(ln for ln in out.getvalue().split("\n") if "Values, beliefs" in ln)
    assert line.rstrip().endswith("…")


@pytest.mark.timeout(10)
def test_ctrl_c_raises_keyboard_interrupt_rather_than_answering_none() -> None:
    with pytest.raises(KeyboardInterrupt):
        terminal_ask(make_prompt(), "Sam" + CTRL_C)


@pytest.mark.timeout(10)
def test_ctrl_c_in_a_select_raises_keyboard_interrupt() -> None:
    with pytest.raises(KeyboardInterrupt):
        terminal_ask(make_prompt(kind="select", choices=("a", "b")), CTRL_C)


@pytest.mark.timeout(10)
def test_header_help_and_keys_are_shown_before_the_prompt() -> None:
    out = io.StringIO()
    prompt = make_prompt(
        section_title="Areas of focus",
        section_number=5,
        question_number=12,
        message="What are the areas?\nArea",
        context="Focus area 1",
        help="The area of service or performance.",
        can_finish=True,
    )
    prompt = dataclasses.replace(prompt, clock="0:42", timebox="6 of 20 min")
    with create_pipe_input() as inp:
        # "?" on an empty answer shows the help; it is not typed into the answer.
        inp.send_text("?Early help" + ENTER)
        prompter = TerminalPrompter(input=inp, output=PlainTextOutput(out))
        assert prompter.ask(prompt, Recorder()) == "Early help"
    shown = out.getvalue()
    for line in (
        "Areas of focus   section 5 of 9",
        "Question 12 of 23 · 6 of 20 min · clock 0:42",
        # 80 columns: broken between keys, never inside "Ctrl-C: save and quit".
        "Ctrl-B: back · Ctrl-G: jump · Ctrl-R: review · ? or F1: help\r\nCtrl-C: save and quit\r\n",
        "What are the areas?",
        "Focus area 1",
        "Enter: save · empty answer: finish the list",
        "The area of service or performance.",
    ):
        assert line in shown


# -- PlainPrompter ---------------------------------------------------------------


def plain_prompter(text: str) -> tuple[PlainPrompter, io.StringIO]:
    """A PlainPrompter reading ``text`` as its input, and the StringIO it writes to."""
    out = io.StringIO()
    return PlainPrompter(stdin=io.StringIO(text), stdout=out), out


def test_plain_text() -> None:
    prompter, out = plain_prompter("Sam Patel\n")
    assert prompter.ask(make_prompt(), Recorder(required)) == "Sam Patel"
    shown = out.getvalue()
    assert "== About this scoping meeting (section 1 of 9) ==" in shown
    assert "Question 3 of 23" in shown
    assert "Who is facilitating this scoping meeting?" in shown


def test_plain_text_default_on_empty_line() -> None:
    prompter, out = plain_prompter("\n")
    assert prompter.ask(make_prompt(default="Sam"), Recorder()) == "Sam"
    assert "Answer [Sam]: " in out.getvalue()


def test_plain_numbered_select() -> None:
    prompter, out = plain_prompter("2\n")
    prompt = make_prompt(kind="select", choices=("host authority", "challenge partners"))
    assert prompter.ask(prompt, Recorder()) == "challenge partners"
    assert "  1) host authority\n" in out.getvalue()
    assert "  2) challenge partners\n" in out.getvalue()


def test_plain_select_by_name_ignores_case() -> None:
    prompter, _ = plain_prompter("HOST AUTHORITY\n")
    prompt = make_prompt(kind="select", choices=("host authority", "challenge partners"))
    assert prompter.ask(prompt, Recorder()) == "host authority"


def test_plain_multiselect_numbers_and_other_entries(bank: Bank) -> None:
    prompter, out = plain_prompter("1, 3, Something else\n")
    prompt = default_bank_prompt(bank, "questioning_approaches")
    raw = prompter.ask(prompt, Recorder())
    assert raw == ["ethnographic", "solution focused", "Something else"]
    assert "other entries as text, two of them separated by ';'" in out.getvalue()


def test_plain_other_entries_keep_their_commas(bank: Bank) -> None:
    typed = "2, Police, health and schools safeguarding leads; Youth offending team, 3\n"
    prompter, _ = plain_prompter(typed)
    prompt = default_bank_prompt(bank, "questioning_approaches")
    assert prompter.ask(prompt, Recorder()) == [
        "appreciative enquiry",
        "Police, health and schools safeguarding leads",
        "Youth offending team",
        "solution focused",
    ]


def test_plain_checklist_shows_and_numbers_the_entries_typed_before() -> None:
    # Back at a checklist: the typed entry is listed, ticked, and kept by its number.
    prompter, out = plain_prompter("1, 3\n")
    prompt = make_prompt(
        kind="multiselect", choices=("a", "b"), other=True, default=["b", "Walkabouts"]
    )
    assert prompter.ask(prompt, Recorder()) == ["a", "Walkabouts"]
    assert " *2) b\n *3) Walkabouts\n" in out.getvalue()


def test_plain_menu_picks_a_question_by_the_number_it_shows() -> None:
    prompter, out = plain_prompter("7\nc\n")
    options = [
        MenuOption("Continue where I left off", "continue"),
        MenuOption("Vision  (0 of 3 answered)", ("section", "vision"), heading=True),
        MenuOption("  · 7. Vision: (not yet answered)", "vision", key="7"),
        MenuOption("  · 8. Why: (not yet answered)", "why", key="8"),
        MenuOption("Culture  (0 of 2 answered)", ("section", "culture"), heading=True),
    ]
    assert prompter.menu("Jump to a question", options, default="continue") == "vision"
    assert prompter.menu("Jump to a question", options, default="continue") == (
        "section",
        "culture",
    )
    shown = out.getvalue()
    assert " *a)   Continue where I left off\n" in shown
    assert "  b) Vision  (0 of 3 answered)\n" in shown
    assert "      · 7. Vision: (not yet answered)\n" in shown
    assert "  c) Culture  (0 of 2 answered)\n" in shown


def test_plain_menu_without_keys_is_numbered() -> None:
    prompter, out = plain_prompter("9\n2\n")
    options = [MenuOption("Try saving again", "retry"), MenuOption("Stop here", "stop")]
    assert prompter.menu("Then:", options) == "stop"
    assert " 1)   Try saving again\n" in out.getvalue()
    assert "! Type a number from 1 to 2\n" in out.getvalue()


def test_plain_long_text_ends_with_a_dot_line() -> None:
    prompter, out = plain_prompter("line one\nline two\n.\nnot read\n")
    raw = prompter.ask(make_prompt(kind="long_text"), Recorder())
    assert raw == "line one\nline two"
    assert "a line holding just a single '.'" in out.getvalue()


def test_plain_done_finishes_a_list() -> None:
    prompter, out = plain_prompter("done\n")
    validate = Recorder()
    raw = prompter.ask(make_prompt(can_finish=True), validate)
    assert raw == ""
    assert validate.seen == [""]
    assert "(empty or 'done' finishes the list)" in out.getvalue()


def test_plain_done_is_an_answer_where_a_list_cannot_end() -> None:
    prompter, _ = plain_prompter("done\n")
    assert prompter.ask(make_prompt(can_finish=False), Recorder()) == "done"


def test_plain_reasks_after_an_invalid_answer() -> None:
    prompter, out = plain_prompter("\n   \nSam Patel\n")
    validate = Recorder(required)
    assert prompter.ask(make_prompt(), validate) == "Sam Patel"
    assert validate.seen == ["", "   ", "Sam Patel"]
    assert out.getvalue().count("! An answer is needed here") == 2


def test_plain_reasks_a_select_after_a_number_out_of_range() -> None:
    prompter, out = plain_prompter("7\n1\n")
    prompt = make_prompt(kind="select", choices=("a", "b"))
    validate = Recorder(lambda raw: None if raw in ("a", "b") else "Choose one of: a, b")
    assert prompter.ask(prompt, validate) == "a"
    assert validate.seen == ["7", "a"]
    assert "! Choose one of: a, b" in out.getvalue()


def test_plain_confirm_hands_the_words_to_the_types_rule() -> None:
    """The words are the confirm type's to read (as from a file); Enter keeps the default."""
    from scopewiz.qtypes import REGISTRY, AnswerError

    def rule(raw: Any) -> str | None:
        try:
            REGISTRY["confirm"].normalise(None, raw)  # type: ignore[arg-type]
        except AnswerError as exc:
            return str(exc)
        return None

    prompter, out = plain_prompter("maybe\nn\n\n")
    validate = Recorder(rule)
    assert prompter.ask(make_prompt(kind="confirm"), validate) == "n"
    assert validate.seen == ["maybe", "n"]
    assert "! Answer yes or no" in out.getvalue()
    assert prompter.ask(make_prompt(kind="confirm", default=False), Recorder()) is False


def test_plain_eof_raises_eoferror() -> None:
    prompter, _ = plain_prompter("")
    with pytest.raises(EOFError):
        prompter.ask(make_prompt(), Recorder())


def test_plain_eof_inside_a_long_text_raises_eoferror() -> None:
    prompter, _ = plain_prompter("an unfinished line\n")
    with pytest.raises(EOFError):
        prompter.ask(make_prompt(kind="long_text"), Recorder())


def test_plain_header_is_shown_once_per_section_and_question() -> None:
    prompter, out = plain_prompter("Sam\nJo\n")
    first = make_prompt()
    second = dataclasses.replace(first, path="facilitator[1]")
    prompter.ask(first, Recorder())
    prompter.ask(second, Recorder())
    assert out.getvalue().count("== About this scoping meeting") == 1
    assert out.getvalue().count("Question 3 of 23") == 1


def test_plain_command_hint_is_said_once_a_section_not_before_every_question() -> None:
    prompter, out = plain_prompter("Sam\nJo\nLeeds\n")
    first = make_prompt()
    second = dataclasses.replace(first, question_id="other", question_number=4)
    third = dataclasses.replace(second, section_title="Vision", question_id="vision")
    for prompt in (first, second, third):
        prompter.ask(prompt, Recorder())
    assert out.getvalue().count("Type 'back', 'jump', 'review' or 'help' at any prompt.") == 2
    assert "Question 4 of 23" in out.getvalue()


def test_plain_multiselect_empty_line_keeps_the_ticked_default() -> None:
    prompter, out = plain_prompter("\n")
    prompt = make_prompt(kind="multiselect", choices=("a", "b", "c"), default=["b"])
    raw = prompter.ask(prompt, Recorder())
    assert " *2) b" in out.getvalue()
    assert raw == ["b"]


# -- long lines: broken between words, at the width of the screen -----------------

SPAN = (
    "The days from Thursday 25 March 2027 to Tuesday 30 March 2027 include Good Friday "
    "(Friday 26 March 2027), Saturday 27 March 2027, Sunday 28 March 2027 and Easter "
    "Monday (Monday 29 March 2027). Keep it?"
)


def test_wrapped_breaks_between_words_leaving_room_before_and_after() -> None:
    lines = wrapped(SPAN, 79, first=2, room=10).split("\n")
    assert " ".join(lines) == SPAN  # every word whole, nothing lost
    assert len(lines[0]) + 2 <= 79 and all(len(line) <= 79 for line in lines)
    assert len(lines[-1]) + 10 <= 79
    assert lines[0].endswith(" include Good")
    # The last words move down when what follows would not fit after them.
    assert wrapped("a " * 34 + "Keep it?", 79, room=10).split("\n")[-1] == "it?"
    assert wrapped("short. Keep it?", 79, first=2, room=10) == "short. Keep it?"
    # Line feeds are kept; lines after the first take the indent.
    assert wrapped("! one\ntwo " + "x " * 40, 40, indent="  ").split("\n")[:3] == [
        "! one",
        "two x x x x x x x x x x x x x x x x x x",
        "  x x x x x x x x x x x x x x x x x x x",
    ]


@pytest.mark.timeout(10)
def test_a_long_confirmation_is_broken_between_words_at_the_screen_width() -> None:
    out = io.StringIO()
    with create_pipe_input() as inp:
        inp.send_text("y")
        prompter = TerminalPrompter(input=inp, output=PlainTextOutput(out))  # 80 columns
        assert prompter.confirm(SPAN, False) is True
    shown = [line.rstrip() for line in out.getvalue().replace("\r", "").split("\n")]
    start = next(i for i, line in enumerate(shown) if line.startswith("? The days"))
    asked = shown[start : start + 3]
    assert (
        asked[0] == "? The days from Thursday 25 March 2027 to Tuesday 30 March 2027 include Good"
    )
    assert asked[1].startswith("Friday (Friday 26 March 2027)")
    assert all(len(line) < 80 for line in asked)


def test_plain_notes_and_confirmations_fit_a_terminal_but_not_a_pipe(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.setenv("COLUMNS", "80")
    screen = Terminal()
    prompter = PlainPrompter(stdin=io.StringIO("y\n"), stdout=screen)
    assert prompter.confirm(SPAN, False) is True
    asked = screen.getvalue().split("\n")
    assert all(len(line) < 80 for line in asked)
    assert asked[0] == "The days from Thursday 25 March 2027 to Tuesday 30 March 2027 include Good"
    assert asked[-1] == "Easter Monday (Monday 29 March 2027). Keep it? [y/N] "
    screen = Terminal()
    PlainPrompter(stdin=io.StringIO(), stdout=screen).note("! " + SPAN)
    said = screen.getvalue().split("\n")
    assert all(len(line) < 80 for line in said)
    assert said[0] == "! The days from Thursday 25 March 2027 to Tuesday 30 March 2027 include Good"
    assert said[1].startswith("  Friday (Friday 26 March 2027)")  # a warning's lines indented
    piped, out = plain_prompter("y\n")
    piped.confirm(SPAN, False)
    assert out.getvalue() == SPAN + " [y/N] "


def test_a_line_of_keys_breaks_only_between_keys() -> None:
    keys = "Ctrl-B: back · Ctrl-G: jump · Ctrl-R: review · ? or F1: help · Ctrl-C: save and quit"
    assert key_lines(keys, 200) == keys
    assert key_lines(keys, 79) == (
        "Ctrl-B: back · Ctrl-G: jump · Ctrl-R: review · ? or F1: help\nCtrl-C: save and quit"
    )
    assert all(len(line) <= 30 for line in key_lines(keys, 30).split("\n"))
    assert key_lines(keys, 30).replace("\n", " · ") == keys
