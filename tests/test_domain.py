"""Domain knowledge in the interview: councils, visit dates, suggestions, the timeline."""

from __future__ import annotations

import copy
import datetime as dt
import re
from typing import Any

import pytest
from prompt_toolkit.document import Document
from questionary.prompts.autocomplete import WordCompleter

from scopewiz.bank import Bank
from scopewiz.datasets import local_authorities
from scopewiz.engine import InterviewState, build_prompt, next_step
from scopewiz.render import render
from scopewiz.runner import Interview
from scopewiz.session import Session

from .conftest import FULL_SCRIPT, USUAL_DAYS_BANK, ScriptedPrompter, bank_from

TODAY = dt.date(2026, 12, 1)
#: What the wizard says once the meeting date (1/12/2026 in every script) is answered.
MEETING_READ = "Read as Tuesday 1 December 2026."


#: The closing section's action date of FULL_SCRIPT (16/2/2027), read back as it is answered.
NEXT_STEP_READ = "Read as Tuesday 16 February 2027."


def run(
    bank: Bank, script: list[Any], session: Session | None = None
) -> tuple[Session, ScriptedPrompter]:
    session = session or Session.start(bank, builtin=True)
    prompter = ScriptedPrompter(script)
    try:
        Interview(bank, session, prompter, lambda: None, today=TODAY).run()
    except EOFError:
        pass
    return session, prompter


def until(path: str) -> list[Any]:
    keys = [p for p, _ in FULL_SCRIPT]
    return FULL_SCRIPT[: keys.index(path)]


def after(path: str) -> list[Any]:
    keys = [p for p, _ in FULL_SCRIPT]
    return FULL_SCRIPT[keys.index(path) + 1 :]


# -- councils --------------------------------------------------------------------


def distinctive_part(name: str, names: list[str]) -> str:
    """The shortest run of letters of ``name`` that no other council's name contains."""
    lowered = [n.casefold() for n in names]
    target = name.casefold()
    for size in range(3, len(target) + 1):
        for start in range(len(target) - size + 1):
            part = target[start : start + size]
            if sum(part in n for n in lowered) == 1:
                return part
    return target  # a name inside another name ("Bristol"?) is found by itself


def test_type_ahead_finds_every_authority_by_a_distinctive_part_of_its_name() -> None:
    names = [a.name for a in local_authorities()]
    completer = WordCompleter(names, ignore_case=True, match_middle=True)
    for name in names:
        part = distinctive_part(name, names)
        shown = [c.text for c in completer.get_completions(Document(part), None)]
        assert name in shown, (name, part, shown)
    furness = [c.text for c in completer.get_completions(Document("furness"), None)]
    assert furness == ["Westmorland and Furness"]
    lee = [c.text for c in completer.get_completions(Document("LEE"), None)]
    assert "Leeds" in lee


def test_the_host_prompt_offers_every_authority(bank: Bank) -> None:
    step = next_step(bank, InterviewState())
    assert step is not None
    prompt = build_prompt(bank, InterviewState(), step)
    assert prompt.suggestions_from == "local-authorities"
    assert len(local_authorities()) == 153


def test_a_council_typed_in_lower_case_is_stored_as_named(bank: Bank) -> None:
    session, prompter = run(bank, [("host_authority", "westmorland and furness")])
    assert session.answers["host_authority"] == "Westmorland and Furness"
    assert prompter.notes == []  # no confirmation: it is in the list


def test_a_name_not_in_the_list_needs_a_confirmation(bank: Bank) -> None:
    script = [
        ("host_authority", "Achieving for Children"),
        ("confirm", False),  # no: ask again
        ("host_authority", "Achieving for Children"),
        ("confirm", True),
    ]
    session, prompter = run(bank, script)
    assert session.answers["host_authority"] == "Achieving for Children"
    assert (
        prompter.notes
        == [
            (
                "“Achieving for Children” is not in the list of English local authorities with "
                "children's services responsibilities. Keep it?"
            )
        ]
        * 2
    )


def test_a_near_miss_names_the_council_it_may_mean(bank: Bank) -> None:
    script = [
        ("host_authority", "Leeds City Council"),
        ("confirm", False),  # no: ask again, and the facilitator types the name offered
        ("host_authority", "Leeds"),
    ]
    session, prompter = run(bank, script)
    assert session.answers["host_authority"] == "Leeds"
    assert prompter.notes == [
        (
            "“Leeds City Council” is not in the list of English local authorities with "
            "children's services responsibilities; did you mean Leeds? Keep it?"
        )
    ]
    # Asked again with the council it may mean filled in, ready for Enter.
    assert [p.default for p in prompter.prompts[:2]] == [None, "Leeds"]


def test_a_name_declined_with_no_single_match_is_offered_again_to_correct(bank: Bank) -> None:
    script = [
        ("host_authority", "Hull"),  # Kingston upon Hull or Solihull?
        ("confirm", False),
        ("host_authority", "Kingston upon Hull"),
    ]
    session, prompter = run(bank, script)
    assert session.answers["host_authority"] == "Kingston upon Hull"
    assert prompter.notes[0].endswith("did you mean Kingston upon Hull or Solihull? Keep it?")
    assert [p.default for p in prompter.prompts[:2]] == [None, "Hull"]


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("leed", ["Leeds"]),  # part of a name
        ("Kirklies", ["Kirklees"]),  # a typo
        ("Westmoreland", ["Westmorland and Furness"]),  # a typo in one word of a name
        ("Sothend", ["Southend-on-Sea"]),
        ("Bristol City Council", ["Bristol"]),  # the words every council has left out
        ("Hull", ["Kingston upon Hull", "Solihull"]),
        ("york", ["East Riding of Yorkshire", "North Yorkshire", "York"]),
        ("shire", []),  # too many to help
        ("Achieving for Children", []),  # a trust, not a council: nothing near
        ("City Council", []),
    ],
)
def test_close_values_for_a_did_you_mean_line(bank: Bank, typed: str, meant: list[str]) -> None:
    from scopewiz.qtypes.text import close_values

    assert close_values(bank.by_id["host_authority"], typed) == meant


def test_the_record_heading_shows_the_code_and_region(bank: Bank) -> None:
    session, _ = run(bank, FULL_SCRIPT)
    record = render(bank, session.state)
    assert record.startswith(
        "# Peer challenge scoping record: Leeds (E08000035, Yorkshire and The Humber), "
        "Tuesday 1 December 2026\n"
    )
    trust = copy.deepcopy(session.state)
    trust.answers["host_authority"] = "Achieving for Children"
    assert render(bank, trust).startswith(
        "# Peer challenge scoping record: Achieving for Children, Tuesday 1 December 2026\n"
    )


# -- visit dates -------------------------------------------------------------------


def test_the_first_preference_defaults_to_the_earliest_start(bank: Bank) -> None:
    _, prompter = run(bank, until("visit_dates[0].start") + [("visit_dates[0].start", "x")])
    first = next(p for p in prompter.prompts if p.path == "visit_dates[0].start")
    # 1 December 2026 + 12 weeks is Tuesday 23 February 2027, a working day.
    assert first.default == dt.date(2027, 2, 23)
    assert "Earliest start: Tuesday 23 February 2027" in first.context
    assert prompter.rejections == [
        "x is not a date: type one such as 9 March 2027, 9/3/2027 or 2027-03-09"
    ]


def test_a_visit_on_a_bank_holiday_needs_confirmation_and_is_flagged(bank: Bank) -> None:
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "3/5/2027"),
        ("confirm", False),
        ("visit_dates[0].start", "3/5/2027"),
        ("confirm", True),
        ("visit_dates[0].end", "5/5/2027"),
        ("visit_dates[1].start", ""),
        *after("visit_dates[2].start"),
    ]
    session, prompter = run(bank, script)
    message = "Monday 3 May 2027 is a bank holiday (Early May bank holiday). Keep it?"
    # The confirmation names the day in words: no "Read as" besides (issue 12, item 7).
    assert prompter.notes == [
        MEETING_READ,
        message,
        message,
        "Read as Wednesday 5 May 2027.",
        NEXT_STEP_READ,
    ]
    assert session.answers["visit_dates"] == [
        {"start": dt.date(2027, 5, 3), "end": dt.date(2027, 5, 5)}
    ]
    record = render(bank, session.state)
    assert (
        "- **Check:** Date preference 1, start: Monday 3 May 2027 is a bank holiday "
        "(Early May bank holiday)." in record
    )


def test_a_declined_date_is_offered_again_to_correct(bank: Bank) -> None:
    """No to "Keep it?" asks again with the date typed, not the earliest start."""
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "3/5/2027"),
        ("confirm", False),
        ("visit_dates[0].start", "4/5/2027"),
    ]
    _, prompter = run(bank, script)
    first, again = [p for p in prompter.prompts if p.path == "visit_dates[0].start"]
    assert first.default == dt.date(2027, 2, 23)  # the earliest start
    assert again.default == dt.date(2027, 5, 3)


def test_a_visit_inside_the_lead_in_needs_confirmation_and_is_flagged(bank: Bank) -> None:
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "2027-02-02"),
        ("confirm", True),
        ("visit_dates[0].end", "2027-02-04"),
        ("visit_dates[1].start", ""),
        *after("visit_dates[2].start"),
    ]
    session, prompter = run(bank, script)
    assert prompter.notes == [
        MEETING_READ,
        (
            "Tuesday 2 February 2027 is inside the 12-week lead-in: the earliest start is "
            "Tuesday 23 February 2027. Keep it?"
        ),
        "Read as Thursday 4 February 2027.",
        NEXT_STEP_READ,
    ]
    record = render(bank, session.state)
    assert (
        "- **Check:** Date preference 1, start: Tuesday 2 February 2027 is inside the 12-week lead-in"
        in record
    )
    # The timeline's first deadline falls before the meeting, and says so.
    assert (
        "| Peer team identified by | Tuesday 10 November 2026 (**before the scoping meeting**) |"
        in record
    )


def test_a_weekend_end_needs_confirmation(bank: Bank) -> None:
    script = until("visit_dates[0].end") + [("visit_dates[0].end", "13/3/2027"), ("confirm", True)]
    session, prompter = run(bank, script)
    assert prompter.notes == [
        MEETING_READ,
        "Read as Tuesday 9 March 2027.",
        "Saturday 13 March 2027 is a weekend day. Keep it?",
    ]
    assert session.answers["visit_dates"][0]["end"] == dt.date(2027, 3, 13)
    # A Saturday feedback day is flagged in the record too: under the table and in the
    # timeline, where the deadlines move to a working day but the feedback stands as given.
    record = render(bank, session.state)
    assert "- **Check:** Date preference 1, end: Saturday 13 March 2027 is a weekend day." in record
    assert "| Feedback presentation | Saturday 13 March 2027 (**a weekend day**) |" in record


def test_a_visit_over_easter_names_every_day_off_in_its_span(bank: Bank) -> None:
    """Thursday 25 to Tuesday 30 March 2027: each end a working day, the span not."""
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "25/3/2027"),
        ("visit_dates[0].end", "30/3/2027"),
        ("confirm", True),
        ("visit_dates[1].start", ""),
        *after("visit_dates[2].start"),
    ]
    session, prompter = run(bank, script)
    days = (
        "The days from Thursday 25 March 2027 to Tuesday 30 March 2027 include "
        "Good Friday (Friday 26 March 2027), Saturday 27 March 2027, Sunday 28 March 2027 "
        "and Easter Monday (Monday 29 March 2027)"
    )
    assert prompter.notes == [
        MEETING_READ,
        "Read as Thursday 25 March 2027.",
        days + ". Keep it?",
        NEXT_STEP_READ,
    ]
    record = render(bank, session.state)
    assert f"- **Check:** Date preference 1, end: {days}." in record


def test_a_declined_span_asks_for_the_last_day_again_with_it_typed(bank: Bank) -> None:
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "25/3/2027"),
        ("visit_dates[0].end", "30/3/2027"),
        ("confirm", False),
        ("visit_dates[0].end", "25/3/2027"),
    ]
    session, prompter = run(bank, script)
    first, again = [p for p in prompter.prompts if p.path == "visit_dates[0].end"]
    assert again.default == dt.date(2027, 3, 30)  # what was typed, to correct
    assert session.answers["visit_dates"][0]["end"] == dt.date(2027, 3, 25)
    # 25 March + 3 working days: 30, 31 March, 1 April (shown; optional, so not filled in)
    assert "Usually 4 working days: Thursday 1 April 2027" in first.context
    assert first.default is None


def test_the_usual_last_day_is_shown_but_enter_still_skips_an_optional_one(bank: Bank) -> None:
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "9/3/2027"),
        ("visit_dates[0].end", "x"),
    ]
    _, prompter = run(bank, script)
    end = next(p for p in prompter.prompts if p.path == "visit_dates[0].end")
    assert "Usually 4 working days: Friday 12 March 2027" in end.context  # Tuesday to Friday
    assert end.default is None


def test_a_second_preference_gets_its_own_usual_last_day(bank: Bank) -> None:
    script = until("visit_dates[0].start") + [
        ("visit_dates[0].start", "9/3/2027"),
        ("visit_dates[0].end", "12/3/2027"),
        ("visit_dates[1].start", "18/3/2027"),
        ("visit_dates[1].end", "x"),
    ]
    _, prompter = run(bank, script)
    second_start = next(p for p in prompter.prompts if p.path == "visit_dates[1].start")
    second_end = next(p for p in prompter.prompts if p.path == "visit_dates[1].end")
    assert second_start.default is None  # the earliest start is for the first preference only
    assert "Usually 4 working days: Tuesday 23 March 2027" in second_end.context


def test_the_last_day_cannot_come_before_the_first(bank: Bank) -> None:
    script = until("visit_dates[0].end") + [
        ("visit_dates[0].end", "8/3/2027"),
        ("visit_dates[0].end", "10/3/2027"),
    ]
    session, prompter = run(bank, script)
    assert prompter.rejections == [
        "End (Monday 8 March 2027) is before start (Tuesday 9 March 2027)"
    ]
    assert session.answers["visit_dates"][0] == {
        "start": dt.date(2027, 3, 9),
        "end": dt.date(2027, 3, 10),
    }


def test_a_clean_date_asks_nothing_and_is_read_back_in_words(bank: Bank) -> None:
    """Each date typed is echoed in words as it is answered: 16/3/2027 is day first."""
    _, prompter = run(bank, FULL_SCRIPT)
    assert prompter.notes == [
        MEETING_READ,  # typed 1/12/2026
        "Read as Tuesday 9 March 2027.",  # 2027-03-09
        "Read as Thursday 11 March 2027.",  # 11 March 2027
        "Read as Tuesday 16 March 2027.",  # 16/3/2027
        NEXT_STEP_READ,  # the next step's date, 16/2/2027
    ]


# -- lead officers, suggestions ---------------------------------------------------------


@pytest.mark.parametrize(
    "email", ["jo", "jo@", "jo@leeds", "jo bloggs@leeds.gov.uk", "@leeds.gov.uk"]
)
def test_an_implausible_email_is_refused(bank: Bank, email: str) -> None:
    script = until("host_lead_officer.email") + [
        ("host_lead_officer.email", email),
        ("host_lead_officer.email", "jo.bloggs@leeds.gov.uk"),
    ]
    session, prompter = run(bank, script)
    assert prompter.rejections == [
        f"{email.strip()} does not look like an email address (name@example.gov.uk)"
    ]
    assert session.answers["host_lead_officer"]["email"] == "jo.bloggs@leeds.gov.uk"


def test_interviewees_start_from_a_checklist_of_roles(bank: Bank) -> None:
    script = until("interviewees.pick") + [
        ("interviewees.pick", ["Director of Children's Services", "Care leavers", "The local MP"]),
        ("interviewees[0].why", "Sponsor of the review."),
        ("interviewees[1].why", ""),
        ("interviewees[2].why", "Constituency casework."),
        ("interviewees[3].who", "Ms A. Example"),  # a named person added after the checklist
        ("interviewees[3].why", "Leads the care leavers' forum."),
        ("interviewees[4].who", ""),
    ]
    session, prompter = run(bank, script)
    pick = next(p for p in prompter.prompts if p.path == "interviewees.pick")
    assert pick.kind == "multiselect" and pick.other
    assert "Virtual school head" in pick.choices
    assert session.answers["interviewees"] == [
        {"who": "Director of Children's Services", "why": "Sponsor of the review."},
        {"who": "Care leavers", "why": None},
        {"who": "The local MP", "why": "Constituency casework."},
        {"who": "Ms A. Example", "why": "Leads the care leavers' forum."},
    ]


def test_questioning_approaches_explain_themselves(bank: Bank) -> None:
    _, prompter = run(bank, FULL_SCRIPT)
    prompt = next(p for p in prompter.prompts if p.path == "questioning_approaches")
    assert prompt.choice_help["appreciative enquiry"].startswith("The 4-D cycle")
    assert set(prompt.choice_help) == set(prompt.choices)


def test_suggestion_lists_live_in_the_bank_not_in_python() -> None:
    from pathlib import Path

    package = Path(__file__).resolve().parent.parent / "scopewiz"
    for source in package.glob("*.py"):
        text = source.read_text(encoding="utf-8")
        for phrase in (
            "Early help",
            "Self-evaluation",
            "appreciative enquiry",
            "Virtual school head",
        ):
            assert phrase not in text, (
                f"{phrase!r} is content and belongs in the bank, not {source.name}"
            )


# -- the timeline ------------------------------------------------------------------------


def timeline_rows(record: str) -> list[str]:
    section = record.split("## Timeline", 1)[1].split("\n---\n", 1)[0]
    return [line for line in section.splitlines() if line.startswith("| ") and "What" not in line]


def test_timeline_for_a_complete_session(bank: Bank) -> None:
    session, _ = run(bank, FULL_SCRIPT)
    rows = timeline_rows(render(bank, session.state))
    assert rows == [
        "| Scoping meeting | Tuesday 1 December 2026 | From “Meeting date” |",
        "| Peer team identified by | Tuesday 15 December 2026 | 12 weeks before “Preferred visit dates” (first preference) |",
        "| Papers to the peer team | Tuesday 16 February 2027 | 3 weeks before “Preferred visit dates” (first preference) |",
        "| Briefing call | Tuesday 2 March 2027 | 1 week before “Preferred visit dates” (first preference) |",
        "| Visit | Tuesday 9 March 2027 to Thursday 11 March 2027 | From “Preferred visit dates” (first preference) |",
        "| Feedback presentation | Thursday 11 March 2027 | Last day of “Preferred visit dates” (first preference) |",
    ]


def test_timeline_with_no_visit_dates_is_to_be_agreed(bank: Bank) -> None:
    session, _ = run(bank, until("visit_dates[0].start"))
    rows = timeline_rows(render(bank, session.state))
    assert rows[0] == "| Scoping meeting | Tuesday 1 December 2026 | From “Meeting date” |"
    assert all("_to be agreed_" in row for row in rows[1:]), rows
    assert not any(re.search(r"\d{4} \|", row) for row in rows[1:])


def test_timeline_with_no_last_day_leaves_the_feedback_to_be_agreed(bank: Bank) -> None:
    session, _ = run(bank, FULL_SCRIPT)
    state = copy.deepcopy(session.state)
    state.answers["visit_dates"][0]["end"] = None
    rows = timeline_rows(render(bank, state))
    assert (
        rows[-2]
        == "| Visit | Tuesday 9 March 2027 | From “Preferred visit dates” (first preference) |"
    )
    assert rows[-1].startswith("| Feedback presentation | _to be agreed_ |")


def test_a_required_last_day_is_offered_as_the_first_plus_the_usual_length() -> None:
    bank = bank_from(USUAL_DAYS_BANK % "not_before: start, usual_days: 4")
    script = [("visits[0].start", "9/3/2027"), ("visits[0].end", "x")]
    _, prompter = run(bank, script, Session.start(bank, builtin=False))
    end = next(p for p in prompter.prompts if p.path == "visits[0].end")
    assert end.default == dt.date(2027, 3, 12)
