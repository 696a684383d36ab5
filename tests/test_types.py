"""The question types: one rule per answer, whichever way the answer arrives.

A value typed at a prompt (or read by the plain prompter, which hands the
engine the same raw text) and the same value read from an ``--answers`` or
session file must be accepted or refused alike, and stored alike.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scopewiz.answers import check_answers
from scopewiz.bank import Bank, Question
from scopewiz.checks import problem
from scopewiz.engine import InterviewState, Step, check_answer, missing_answers
from scopewiz.qtypes import REGISTRY, AnswerError, QuestionType, View, register
from scopewiz.render import render

from .conftest import bank_from

BANK = bank_from(
    """
    id: every-type
    title: Every type
    sections:
      - id: only
        title: Only
        questions:
          - {id: t, type: text, prompt: T}
          - {id: t_opt, type: text, prompt: T, optional: true}
          - {id: council, type: text, prompt: C, suggestions_from: local-authorities, confirm_other: true}
          - {id: mail, type: text, prompt: M, format: email}
          - {id: long, type: long_text, prompt: L}
          - {id: long_opt, type: long_text, prompt: L, optional: true}
          - {id: agree, type: confirm, prompt: Y}
          - {id: pick, type: select, prompt: P, choices: [host authority, challenge  partners]}
          - {id: ticks, type: multiselect, prompt: M, choices: [ethnographic, focus groups]}
          - {id: ticks_other, type: multiselect, prompt: M, choices: [a b], other: true, optional: true}
          - {id: day, type: date, prompt: D}
          - {id: day_opt, type: date, prompt: D, optional: true}
          - id: rec
            type: record
            prompt: R
            fields:
              - {id: name, type: text, prompt: N}
              - {id: phone, type: text, prompt: P, optional: true}
              - {id: first, type: date, prompt: F}
              - {id: last, type: date, prompt: L, optional: true, not_before: first}
          - {id: lines, type: list, prompt: L}
          - id: areas
            type: list
            prompt: A
            min: 1
            fields:
              - {id: area, type: text, prompt: A}
          - {id: best, type: choose, prompt: B, from: areas}
    """
)
SCALARS = [q for q in BANK.questions if q.type in REGISTRY and REGISTRY[q.type].is_field]
LABELS = ("Early help", "Care leavers")

raw_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.text(st.sampled_from(" \t\nabAB@.-/,é"), max_size=12),
    st.sampled_from(
        [
            "9/3/2027",
            "2027-03-09",
            " 9 March 2027 ",
            "31/2/2027",
            "1/1/1800",
            "jo@leeds.gov.uk",
            " jo@LEEDS.gov.uk ",
            "leeds",
            "Leeds",
            "host authority",
            " HOST   authority",
            "challenge partners",
            "ethnographic",
            "early help",
            "care leavers",
            "line one\n\n line two  \n",
            "yes",
            " No ",
            "maybe",
        ]
    ),
    st.dates(dt.date(1980, 1, 1), dt.date(2110, 1, 1)),
    st.datetimes(dt.datetime(1980, 1, 1), dt.datetime(2110, 1, 1)),
    st.lists(
        st.sampled_from(
            ["ethnographic", " focus  groups", "Focus groups", "", "a  b", "other", "ETHNOGRAPHIC"]
        ),
        max_size=4,
    ),
)


def by_prompt(step: Step, raw: Any, state: InterviewState | None = None) -> tuple[bool, Any]:
    """The runner's path: the type's rule at the step, then the rules between answers."""
    try:
        value = check_answer(step, raw, choices=LABELS)
    except AnswerError as exc:
        return False, str(exc)
    reason = problem(BANK, state or InterviewState(), step, value)
    return (False, reason) if reason is not None else (True, value)


def by_file(answers: dict[str, Any], *, whole: bool = False) -> tuple[bool, Any]:
    found, _, problems = check_answers(BANK, answers, "answers.yaml", whole_items=whole)
    return (False, problems) if problems else (True, found)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(q=st.sampled_from(SCALARS), raw=raw_values)
def test_a_question_takes_a_value_typed_or_from_a_file_alike(q: Question, raw: Any) -> None:
    typed_ok, typed = by_prompt(Step(q, "value"), raw)
    file_ok, read = by_file({q.id: raw})
    if raw is None and not q.optional:  # nothing a prompt hands on; null in a file: not yet
        assert not typed_ok and file_ok and q.id not in read
        return
    assert typed_ok == file_ok, (raw, typed, read)
    if typed_ok:
        assert read[q.id] == typed


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_values, field_id=st.sampled_from(["name", "phone", "first", "last"]))
def test_a_record_field_takes_a_value_typed_or_from_a_file_alike(raw: Any, field_id: str) -> None:
    rec = BANK.question("rec")
    f = rec.field_by_id(field_id)
    assert f is not None
    state = InterviewState({"rec": {"first": dt.date(2027, 3, 9)}})
    typed_ok, typed = by_prompt(Step(rec, "field", None, f), raw, state)
    given_fields = {"first": dt.date(2027, 3, 9), field_id: raw}
    file_ok, read = by_file({"rec": given_fields})
    if raw is None and not f.optional:  # null in a file: not answered yet
        assert not typed_ok and file_ok and field_id not in read["rec"]
        return
    assert typed_ok == file_ok, (raw, typed, read)
    if typed_ok:
        assert read["rec"][field_id] == typed


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_values)
def test_an_item_of_a_list_of_text_is_taken_alike(raw: Any) -> None:
    lines = BANK.question("lines")
    typed_ok, typed = by_prompt(Step(lines, "item", 0), raw)
    file_ok, read = by_file({"lines": [raw]})
    assert typed_ok == file_ok, (raw, typed, read)
    if typed_ok:
        assert read["lines"] == [typed]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw=raw_values)
def test_a_choice_from_a_list_is_taken_alike(raw: Any) -> None:
    """A label in another case or spacing is the label; anything else is not an answer.

    The prompt refuses it; a file keeps it (the list may have changed since)
    but the question stays unanswered, so it is asked again or listed missing.
    """
    best = BANK.question("best")
    typed_ok, typed = by_prompt(Step(best, "value"), raw)
    areas = [{"area": label} for label in LABELS]
    file_ok, read = by_file({"areas": areas, "best": raw})
    state = InterviewState(read if file_ok else {})
    still_missing = file_ok and any(qid == "best" for qid, _ in missing_answers(BANK, state))
    if typed_ok:
        assert file_ok and read["best"] == typed and not still_missing
    else:
        assert not file_ok or still_missing, (raw, read)


@pytest.mark.parametrize("typed", ["yes", " Y ", "No", "n", "TRUE", "false", "maybe", "yess"])
def test_a_yes_or_no_typed_in_plain_mode_or_written_in_a_file_is_read_alike(typed: str) -> None:
    """The plain prompter hands the words on; the confirm type reads them, as from a file."""
    import io

    from scopewiz.engine import build_prompt
    from scopewiz.prompts import PlainPrompter

    agree = BANK.question("agree")
    step = Step(agree, "value")
    prompter = PlainPrompter(stdin=io.StringIO(typed + "\n"), stdout=io.StringIO())
    raw = prompter.ask(build_prompt(BANK, InterviewState(), step), lambda raw: None)
    typed_ok, typed_value = by_prompt(step, raw)
    file_ok, read = by_file({"agree": typed})
    assert (
        typed_ok == file_ok == (typed.strip().lower() in ("yes", "y", "no", "n", "true", "false"))
    )
    if typed_ok:
        assert typed_value is read["agree"] is typed.strip().lower().startswith(("y", "t"))
    else:
        assert typed_value == "Answer yes or no"
        assert read == ["answers.yaml:1: agree: Answer yes or no"]


def test_a_choice_not_on_the_list_is_refused_in_one_wording_typed_or_from_a_file() -> None:
    best = BANK.question("best")
    areas = [{"area": label} for label in LABELS]
    refusal = "Choose one of: Early help, Care leavers"
    assert by_prompt(Step(best, "value"), "Nope") == (False, refusal)
    ok, read = by_file({"areas": areas, "best": "Nope"})
    assert ok and dict(missing_answers(BANK, InterviewState(read)))["best"] == refusal
    empty = "There is nothing to choose from yet: no areas are listed"  # the heading, never the id
    with pytest.raises(AnswerError, match=empty):
        check_answer(Step(best, "value"), "Nope", choices=())
    ok, read = by_file({"areas": [], "best": "Nope"})
    assert ok and dict(missing_answers(BANK, InterviewState(read)))["best"] == empty


def test_a_first_day_moved_past_the_last_day_is_refused_as_a_file_refuses_it() -> None:
    """Editing the start of a span that already has an end: the prompt holds both ways."""
    rec = BANK.question("rec")
    first, last = rec.field_by_id("first"), rec.field_by_id("last")
    assert first is not None and last is not None
    given = {"name": "Jo", "first": dt.date(2027, 3, 9), "last": dt.date(2027, 3, 11)}
    state = InterviewState({"rec": dict(given)})
    moved = dt.date(2027, 3, 12)
    refusal = "Last (Thursday 11 March 2027) is before first (Friday 12 March 2027)"
    assert by_prompt(Step(rec, "field", None, first), "12/3/2027", state) == (False, refusal)
    assert by_file({"rec": {**given, "first": moved}}) == (
        False,
        [f"answers.yaml:1: rec: last: {refusal}"],
    )
    assert by_prompt(Step(rec, "field", None, first), "10/3/2027", state) == (
        True,
        dt.date(2027, 3, 10),
    )


def test_the_issue_examples_are_normalised_alike() -> None:
    ticks = BANK.question("ticks_other")
    raw = [" alpha  beta", "gamma", "gamma"]
    assert by_prompt(Step(ticks, "value"), raw) == (True, ["alpha beta", "gamma"])
    assert by_file({"ticks_other": raw}) == (True, {"ticks_other": ["alpha beta", "gamma"]})
    council = BANK.question("council")
    assert by_prompt(Step(council, "value"), " leeds ") == (True, "Leeds")
    assert by_file({"council": " leeds "}) == (True, {"council": "Leeds"})


def test_an_optional_field_left_out_of_a_whole_item_is_skipped() -> None:
    ok, read = by_file({"rec": {"name": "Jo", "first": "9/3/2027"}}, whole=True)
    assert ok
    assert read["rec"] == {"name": "Jo", "phone": None, "first": dt.date(2027, 3, 9), "last": None}
    state = InterviewState(read)
    assert not [qid for qid, _ in missing_answers(BANK, state) if qid == "rec"]


def test_a_required_field_left_out_is_named_by_id_item_and_field() -> None:
    ok, read = by_file({"rec": {"phone": "0113"}, "areas": [{"area": "A"}, {}]}, whole=True)
    assert ok
    missing = dict(missing_answers(BANK, InterviewState(read)))
    assert missing["rec"] == "no name"
    assert missing["areas"] == "focus area 2 has no area".replace("focus area", "item")


def test_null_is_skipped_where_optional_and_not_answered_yet_where_required() -> None:
    ok, read = by_file({"t": None, "t_opt": None, "rec": {"name": None, "phone": None}})
    assert ok
    assert read == {"t_opt": None, "rec": {"phone": None}}
    missing = dict(missing_answers(BANK, InterviewState(read)))
    assert missing["t"] == "no answer"
    assert missing["rec"] == "no name"
    assert "t_opt" not in missing


def test_a_list_never_started_has_no_answer_and_an_open_one_is_not_finished() -> None:
    bank = bank_from(
        """
        id: lists
        title: Lists
        sections:
          - id: s
            title: S
            questions:
              - {id: notes, type: list, prompt: N, optional: true}
        """
    )
    assert dict(missing_answers(bank, InterviewState({}))) == {"notes": "no answer"}
    state = InterviewState({"notes": ["one"]})
    state.open_lists.append("notes")
    assert dict(missing_answers(bank, state)) == {"notes": "the list is not finished"}
    assert missing_answers(bank, InterviewState({"notes": []})) == []


def test_a_field_missing_from_a_session_file_is_asked_later() -> None:
    """In a session file, a missing field is one not asked yet (the wizard writes null)."""
    ok, read = by_file({"rec": {"name": "Jo", "first": "9/3/2027"}})
    assert ok and "phone" not in read["rec"]
    missing = dict(missing_answers(BANK, InterviewState(read)))
    assert missing["rec"] == "no phone"


def test_adding_a_type_is_one_class() -> None:
    """A new type, registered, works in a bank, at the prompt, from a file and in the record."""

    @register
    class Number(QuestionType):
        name = "number"
        keys = ("default", "at_most")

        def check_bank(self, q: Question, raw: Any, loader: Any, what: str) -> None:
            if not isinstance(q.options.get("at_most", 0), int):
                loader.error_at(raw, "at_most", f"{what}: at_most must be a whole number")

        def normalise(self, q: Question, raw: Any) -> Any:
            if raw is None or (isinstance(raw, str) and not raw.strip()):
                from scopewiz.qtypes import EMPTY

                return EMPTY
            try:
                value = int(str(raw).strip())
            except ValueError:
                raise AnswerError("Type a whole number") from None
            if value > q.options.get("at_most", value):
                raise AnswerError(f"At most {q.options['at_most']}")
            return value

        def record(self, q: Question, value: Any, view: View) -> str:
            return f"{value} (a number)"

    try:
        bank: Bank = bank_from(
            """
            id: numbers
            title: Numbers
            sections:
              - id: s
                title: S
                questions:
                  - {id: visits, type: number, prompt: How many visits?, at_most: 10}
            """
        )
        q = bank.question("visits")
        assert check_answer(Step(q, "value"), " 7 ") == 7
        with pytest.raises(AnswerError, match="At most 10"):
            check_answer(Step(q, "value"), "12")
        _, _, problems = check_answers(bank, {"visits": "12"}, "a.yaml")
        assert problems == ["a.yaml:1: visits: At most 10"]
        answers, _, _ = check_answers(bank, {"visits": 3}, "a.yaml")
        assert "3 (a number)" in render(bank, InterviewState(answers))
        with pytest.raises(Exception, match="at_most must be a whole number"):
            bank_from(
                """
                id: numbers
                title: Numbers
                sections:
                  - id: s
                    title: S
                    questions:
                      - {id: visits, type: number, prompt: How many?, at_most: lots}
                """
            )
    finally:
        del REGISTRY["number"]


def test_a_number_given_for_text_keeps_the_digits_the_file_wrote(tmp_path: Any) -> None:
    """YAML reads 0113... as octal and 1.50 as 1.5: a phone number must not change."""
    from pathlib import Path

    from scopewiz.answers import load_answers_file
    from scopewiz.yamlio import dump, load_safe

    path = Path(tmp_path) / "answers.yaml"
    path.write_text(
        "t: 01130000000\nlong: 1.50\nlines: [0777, 12, 2.50]\nrec: {name: 007, first: 2027-03-09}\n",
        encoding="utf-8",
    )
    read = load_answers_file(BANK, path)
    assert read["t"] == "01130000000"
    assert read["long"] == "1.50"
    assert read["lines"] == ["0777", "12", "2.50"]
    assert read["rec"]["name"] == "007"
    # A number kept as it stands (an unknown key of a session file) is written back as read.
    assert dump(load_safe("a: 0113\nb: 1.50\n")) == "a: 0113\nb: 1.50\n"
