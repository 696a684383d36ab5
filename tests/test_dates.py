"""Working days, the visit lead-in and the timeline (scopewiz.dates).

Expected dates are written out by hand (weekdays checked against a calendar),
not computed with the code under test.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from scopewiz import dates
from scopewiz.dates import (
    LEAD_IN,
    TimelineEntry,
    bank_holidays,
    covered_years,
    earliest_start,
    is_working_day,
    next_working_day,
    previous_working_day,
    visit_problems,
)

D = dt.date
ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "make_bank_holidays.py"
MEETING = "the meeting"
FIRST = "the visits (first preference)"


def timeline(
    meeting: dt.date | None, first_start: dt.date | None, first_end: dt.date | None
) -> list[TimelineEntry]:
    """The timeline, its sources naming the answers as ``MEETING`` and ``FIRST`` say."""
    return dates.timeline(
        meeting, first_start, first_end, meeting_name=MEETING, visits_name="the visits"
    )


def load_script() -> ModuleType:
    """scripts/ is not a package: load the generator by path."""
    spec = importlib.util.spec_from_file_location("make_bank_holidays", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# The table against the library -------------------------------------------------


def test_table_covers_2020_to_2035() -> None:
    assert covered_years() == range(2020, 2036)


def test_table_matches_the_holidays_library_for_every_covered_year() -> None:
    holidays = pytest.importorskip(
        "holidays", reason="the holidays library is needed to check the bank holiday table"
    )
    script = load_script()
    years = covered_years()
    listed = holidays.country_holidays("GB", subdiv="ENG", years=years, language="en_GB")
    weekdays = {day: name for day, name in listed.items() if day.weekday() < 5}

    table = dict(bank_holidays())
    assert sorted(table) == sorted(weekdays), (
        "bank-holidays-england.csv is out of date: run python scripts/make_bank_holidays.py"
    )
    assert table == {day: script.govuk_name(name) for day, name in weekdays.items()}
    # What the table leaves out is only the weekend days the library also lists.
    assert all(day.weekday() >= 5 for day in set(listed) - set(table))


def test_england_and_wales_share_the_list() -> None:
    holidays = pytest.importorskip("holidays", reason="the holidays library is not installed")
    years = covered_years()
    england = holidays.country_holidays("GB", subdiv="ENG", years=years)
    wales = holidays.country_holidays("GB", subdiv="WLS", years=years)
    assert dict(england) == dict(wales)


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (D(2026, 12, 25), "Christmas Day"),
        (D(2026, 12, 28), "Boxing Day (substitute day)"),
        (D(2027, 1, 1), "New Year's Day"),
        (D(2027, 3, 26), "Good Friday"),
        (D(2027, 3, 29), "Easter Monday"),
        (D(2027, 5, 3), "Early May bank holiday"),
        (D(2027, 12, 27), "Christmas Day (substitute day)"),
        (D(2027, 12, 28), "Boxing Day (substitute day)"),
        (D(2023, 5, 8), "Bank holiday for the coronation of King Charles III"),
        (D(2022, 9, 19), "Bank holiday for the State Funeral of Queen Elizabeth II"),
    ],
)
def test_known_bank_holidays(day: dt.date, name: str) -> None:
    assert bank_holidays()[day] == name
    assert not is_working_day(day)


def test_boxing_day_on_a_saturday_is_not_listed_its_substitute_is() -> None:
    assert D(2026, 12, 26) not in bank_holidays()  # Saturday
    assert bank_holidays()[D(2026, 12, 28)] == "Boxing Day (substitute day)"


def test_importing_dates_does_not_import_the_holidays_library() -> None:
    code = "import sys, scopewiz.dates as d; d.bank_holidays(); print('holidays' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"


# Working days ----------------------------------------------------------------------


def test_working_days() -> None:
    assert is_working_day(D(2027, 3, 9))  # Tuesday
    assert not is_working_day(D(2027, 3, 6))  # Saturday
    assert not is_working_day(D(2027, 3, 7))  # Sunday


def test_next_and_previous_working_day() -> None:
    assert next_working_day(D(2027, 3, 9)) == D(2027, 3, 9)
    assert next_working_day(D(2027, 3, 26)) == D(2027, 3, 30)  # Good Friday → Tuesday
    assert previous_working_day(D(2027, 3, 29)) == D(2027, 3, 25)  # Easter Monday → Thursday
    assert previous_working_day(D(2027, 3, 9)) == D(2027, 3, 9)


# Earliest start ----------------------------------------------------------------------


def test_lead_in_is_84_days() -> None:
    assert dt.timedelta(days=84) == LEAD_IN


def test_earliest_start_on_a_working_day_is_84_days_later() -> None:
    # Tuesday 1 December 2026 + 84 days = Tuesday 23 February 2027.
    assert earliest_start(D(2026, 12, 1)) == D(2027, 2, 23)


def test_earliest_start_across_a_year_boundary() -> None:
    # Thursday 15 October 2026 + 84 days = Thursday 7 January 2027.
    assert earliest_start(D(2026, 10, 15)) == D(2027, 1, 7)


def test_earliest_start_on_new_years_day_moves_to_the_monday() -> None:
    # Friday 9 October 2026 + 84 = Friday 1 January 2027 (bank holiday) → Monday 4 January.
    assert earliest_start(D(2026, 10, 9)) == D(2027, 1, 4)


def test_earliest_start_on_a_substitute_new_years_day() -> None:
    # + 84 = Saturday 1 January 2028; Monday 3 January is the substitute → Tuesday 4 January.
    assert earliest_start(D(2027, 10, 9)) == D(2028, 1, 4)


@pytest.mark.parametrize(
    ("meeting", "lands_on"),
    [
        (D(2027, 1, 1), D(2027, 3, 26)),  # Good Friday
        (D(2027, 1, 4), D(2027, 3, 29)),  # Easter Monday
    ],
)
def test_earliest_start_across_easter(meeting: dt.date, lands_on: dt.date) -> None:
    assert meeting + LEAD_IN == lands_on
    assert earliest_start(meeting) == D(2027, 3, 30)  # Tuesday after Easter Monday


@pytest.mark.parametrize("meeting_day", [2, 3, 4, 5])
def test_earliest_start_across_christmas_2026(meeting_day: int) -> None:
    # + 84 lands on 25, 26, 27 or 28 December 2026: Christmas Day (Friday), the
    # weekend, the Boxing Day substitute (Monday 28) → Tuesday 29 December 2026.
    meeting = D(2026, 10, meeting_day)
    assert (meeting + LEAD_IN).day == 23 + meeting_day
    assert earliest_start(meeting) == D(2026, 12, 29)


def test_earliest_start_across_christmas_2027_with_two_substitute_days() -> None:
    # Christmas on Saturday, Boxing Day on Sunday: substitutes Monday 27 and Tuesday 28.
    assert earliest_start(D(2027, 10, 1)) == D(2027, 12, 24)  # Friday, a working day
    assert earliest_start(D(2027, 10, 2)) == D(2027, 12, 29)  # Wednesday


# Visit problems ----------------------------------------------------------------------


def test_a_visit_on_a_bank_holiday_is_a_problem() -> None:
    assert visit_problems(D(2027, 5, 3), D(2026, 12, 1)) == [
        "Monday 3 May 2027 is a bank holiday (Early May bank holiday)"
    ]


def test_a_visit_on_a_substitute_day_names_it() -> None:
    assert visit_problems(D(2026, 12, 28), None) == [
        "Monday 28 December 2026 is a bank holiday (Boxing Day (substitute day))"
    ]


def test_a_visit_on_a_weekend_is_a_problem() -> None:
    assert visit_problems(D(2027, 3, 6), D(2026, 12, 1)) == [
        "Saturday 6 March 2027 is a weekend day"
    ]


def test_a_visit_inside_the_lead_in_is_a_problem() -> None:
    assert visit_problems(D(2027, 2, 2), D(2026, 12, 7)) == [
        (
            "Tuesday 2 February 2027 is inside the 12-week lead-in: "
            "the earliest start is Monday 1 March 2027"
        )
    ]


def test_a_visit_before_the_meeting_says_so() -> None:
    assert visit_problems(D(2026, 11, 30), D(2026, 12, 1)) == [
        (
            "Monday 30 November 2026 is before the scoping meeting (Tuesday 1 December 2026): "
            "the earliest start is Tuesday 23 February 2027"
        )
    ]


def test_a_bank_holiday_inside_the_lead_in_has_both_problems() -> None:
    assert visit_problems(D(2027, 1, 1), D(2026, 12, 1)) == [
        "Friday 1 January 2027 is a bank holiday (New Year's Day)",
        (
            "Friday 1 January 2027 is inside the 12-week lead-in: "
            "the earliest start is Tuesday 23 February 2027"
        ),
    ]


def test_the_first_day_after_the_lead_in_is_clean() -> None:
    assert visit_problems(D(2027, 2, 23), D(2026, 12, 1)) == []
    assert visit_problems(D(2027, 3, 9), D(2026, 12, 1)) == []


def test_a_non_working_day_where_the_lead_in_ends_is_reported_once() -> None:
    # Lead-in from 1 January 2027 ends on Good Friday; Easter Monday is after it.
    assert visit_problems(D(2027, 3, 29), D(2027, 1, 1)) == [
        "Monday 29 March 2027 is a bank holiday (Easter Monday)"
    ]


def test_without_a_meeting_date_only_the_day_itself_is_checked() -> None:
    assert visit_problems(D(2027, 3, 9), None) == []


def test_a_visit_in_a_year_the_table_does_not_cover_asks_for_a_check() -> None:
    assert visit_problems(D(2036, 3, 4), None) == [
        "Bank holidays in 2036 are not known to scopewiz: check that Tuesday 4 March 2036 is not one"
    ]
    # A weekend is still a weekend.
    assert visit_problems(D(2036, 3, 8), None) == ["Saturday 8 March 2036 is a weekend day"]


def test_timeline_from_full_answers() -> None:
    assert timeline(D(2026, 12, 1), D(2027, 3, 9), D(2027, 3, 11)) == [
        TimelineEntry("Scoping meeting", D(2026, 12, 1), f"from {MEETING}"),
        TimelineEntry("Peer team identified by", D(2026, 12, 15), f"12 weeks before {FIRST}"),
        TimelineEntry("Papers to the peer team", D(2027, 2, 16), f"3 weeks before {FIRST}"),
        TimelineEntry("Briefing call", D(2027, 3, 2), f"1 week before {FIRST}"),
        TimelineEntry("Visit", D(2027, 3, 9), f"from {FIRST}", until=D(2027, 3, 11)),
        TimelineEntry("Feedback presentation", D(2027, 3, 11), f"last day of {FIRST}"),
    ]


def test_timeline_moves_a_deadline_on_a_bank_holiday_to_the_previous_working_day() -> None:
    # Visit Monday 5 April 2027: a week before is Easter Monday, the Friday before
    # is Good Friday, so the briefing call moves back to Thursday 25 March.
    entries = {e.label: e for e in timeline(D(2026, 12, 1), D(2027, 4, 5), D(2027, 4, 7))}
    assert entries["Briefing call"] == TimelineEntry(
        "Briefing call",
        D(2027, 3, 25),
        f"1 week before {FIRST}, moved to the previous working day",
    )
    assert entries["Papers to the peer team"].when == D(2027, 3, 15)
    assert "moved" not in entries["Papers to the peer team"].source


def test_timeline_moves_deadlines_off_a_weekend() -> None:
    # A confirmed Saturday start: every deadline falls on a Saturday → the Friday.
    entries = timeline(None, D(2027, 3, 6), D(2027, 3, 7))
    assert [e.when for e in entries[1:4]] == [D(2026, 12, 11), D(2027, 2, 12), D(2027, 2, 26)]
    assert all(e.source.endswith("moved to the previous working day") for e in entries[1:4])


def test_timeline_without_visit_dates_leaves_everything_but_the_meeting_to_be_agreed() -> None:
    entries = timeline(D(2026, 12, 1), None, None)
    assert [e.label for e in entries] == [
        "Scoping meeting",
        "Peer team identified by",
        "Papers to the peer team",
        "Briefing call",
        "Visit",
        "Feedback presentation",
    ]
    assert entries[0].when == D(2026, 12, 1)
    assert [(e.when, e.until) for e in entries[1:]] == [(None, None)] * 5
    # Each line still says which answer it waits for.
    assert all(FIRST in e.source for e in entries[1:])


def test_timeline_marks_dates_already_past_as_of_today() -> None:
    """Written up on 20 December 2026: the peer team should have been identified by the 15th."""
    entries = dates.timeline(
        D(2026, 12, 1),
        D(2027, 3, 9),
        D(2027, 3, 11),
        meeting_name=MEETING,
        visits_name="the visits",
        today=D(2026, 12, 20),
    )
    assert [(e.label, e.note) for e in entries] == [
        ("Scoping meeting", ""),  # the meeting itself is where the timeline starts
        ("Peer team identified by", "already past"),
        ("Papers to the peer team", ""),
        ("Briefing call", ""),
        ("Visit", ""),
        ("Feedback presentation", ""),
    ]
    # Today itself is not past; without a today nothing is looked at.
    on_the_day = dates.timeline(
        D(2026, 12, 1),
        D(2027, 3, 9),
        D(2027, 3, 11),
        meeting_name="m",
        visits_name="v",
        today=D(2026, 12, 15),
    )
    assert [e.note for e in on_the_day] == [""] * 6
    assert all(e.note == "" for e in timeline(D(2026, 12, 1), D(2027, 3, 9), D(2027, 3, 11)))


def test_before_the_meeting_is_said_rather_than_already_past() -> None:
    """A visit kept inside the lead-in, written up on 20 January 2027."""
    entries = dates.timeline(
        D(2026, 12, 1),
        D(2027, 2, 2),
        D(2027, 2, 4),
        meeting_name="m",
        visits_name="v",
        today=D(2027, 1, 20),
    )
    assert [(e.when, e.note) for e in entries[1:4]] == [
        (D(2026, 11, 10), "before the scoping meeting"),  # past too: this says more
        (D(2027, 1, 12), "already past"),
        (D(2027, 1, 26), ""),
    ]


def test_a_feedback_day_on_a_weekend_or_a_visit_starting_on_a_bank_holiday_is_marked() -> None:
    """The deadlines move to a working day; the visit and the feedback stand as given."""
    saturday = {e.label: e for e in timeline(D(2026, 12, 1), D(2027, 3, 10), D(2027, 3, 13))}
    assert saturday["Feedback presentation"].note == "a weekend day"
    assert saturday["Visit"].note == ""
    easter = {e.label: e for e in timeline(D(2026, 12, 1), D(2027, 3, 29), D(2027, 4, 1))}
    assert easter["Visit"].note == "a bank holiday (Easter Monday)"
    both = dates.timeline(
        D(2026, 12, 1),
        D(2027, 3, 10),
        D(2027, 3, 13),
        meeting_name="m",
        visits_name="v",
        today=D(2027, 3, 20),
    )
    assert both[-1].note == "already past; a weekend day"


def test_a_visit_under_way_is_not_past_until_its_last_day() -> None:
    def visit_note(today: dt.date) -> str:
        entries = dates.timeline(
            D(2026, 12, 1),
            D(2027, 3, 9),
            D(2027, 3, 11),
            meeting_name="m",
            visits_name="v",
            today=today,
        )
        return next(e.note for e in entries if e.label == "Visit")

    assert visit_note(D(2027, 3, 10)) == ""
    assert visit_note(D(2027, 3, 11)) == ""
    assert visit_note(D(2027, 3, 12)) == "already past"


def test_today_is_the_system_date_unless_the_variable_names_another(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(dates.TODAY_VARIABLE, "2027-03-09")
    assert dates.today() == D(2027, 3, 9)
    monkeypatch.setenv(dates.TODAY_VARIABLE, "next tuesday")  # not a date: not used
    assert dates.today() == dt.date.today()
    monkeypatch.delenv(dates.TODAY_VARIABLE)
    assert dates.today() == dt.date.today()


def test_timeline_with_no_answers_at_all() -> None:
    assert [e.when for e in timeline(None, None, None)] == [None] * 6


def test_timeline_with_a_start_but_no_end_does_not_invent_the_feedback_day() -> None:
    entries = {e.label: e for e in timeline(D(2026, 12, 1), D(2027, 3, 9), None)}
    assert entries["Visit"] == TimelineEntry("Visit", D(2027, 3, 9), f"from {FIRST}", until=None)
    assert entries["Feedback presentation"].when is None
    assert entries["Briefing call"].when == D(2027, 3, 2)


def test_days_off_between_names_bank_holidays_and_weekend_days_in_order() -> None:
    assert dates.days_off_between(D(2027, 3, 25), D(2027, 3, 30)) == [
        "Good Friday (Friday 26 March 2027)",
        "Saturday 27 March 2027",
        "Sunday 28 March 2027",
        "Easter Monday (Monday 29 March 2027)",
    ]


def test_days_off_between_leaves_out_the_two_ends_and_a_clean_span() -> None:
    assert dates.days_off_between(D(2027, 3, 13), D(2027, 3, 15)) == ["Sunday 14 March 2027"]
    assert dates.days_off_between(D(2027, 3, 9), D(2027, 3, 12)) == []
    assert dates.days_off_between(D(2027, 3, 9), D(2027, 3, 9)) == []


def test_add_working_days_skips_weekends_and_bank_holidays() -> None:
    assert dates.add_working_days(D(2027, 3, 9), 3) == D(2027, 3, 12)
    assert dates.add_working_days(D(2027, 3, 11), 3) == D(2027, 3, 16)
    assert dates.add_working_days(D(2027, 3, 25), 1) == D(2027, 3, 30)
    assert dates.add_working_days(D(2027, 3, 9), 0) == D(2027, 3, 9)


def test_timeline_flags_deadlines_that_fall_before_the_meeting() -> None:
    """A first preference kept inside the lead-in: the peer team 'identified' before it met."""
    entries = timeline(D(2026, 12, 1), D(2027, 1, 19), D(2027, 1, 21))
    notes = {e.label: e.note for e in entries}
    assert notes["Peer team identified by"] == "before the scoping meeting"  # 27 October 2026
    assert notes["Papers to the peer team"] == ""  # 29 December 2026: after it
    assert notes["Scoping meeting"] == notes["Visit"] == notes["Feedback presentation"] == ""


def test_a_timeline_after_the_lead_in_has_no_notes() -> None:
    entries = timeline(D(2026, 12, 1), D(2027, 3, 9), D(2027, 3, 11))
    assert [e.note for e in entries] == [""] * len(entries)
