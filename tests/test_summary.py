"""The summary the record opens with: declared in the bank, checked by the loader, rendered generically.

The banks here use ids of their own, not the default bank's: the summary code
knows no question by name.
"""

from __future__ import annotations

import datetime as dt

import pytest

from scopewiz.bank import Bank, SummaryEntry
from scopewiz.engine import InterviewState
from scopewiz.errors import BankError
from scopewiz.markdown import NOT_ANSWERED
from scopewiz.render import render, render_summary

from .conftest import bank_from

#: A small adult social care bank with a summary; %s is the summary (or nothing).
SMALL = """\
id: asc
title: Adult social care scoping
sections:
  - id: about
    title: About
    questions:
      - {id: council, type: text, prompt: Which council?, heading: Council}
      - {id: online, type: confirm, prompt: Online?}
      - id: link
        type: text
        prompt: What is the link?
        when: {question: online, equals: true}
      - id: visits
        type: list
        prompt: Which dates?
        item_name: visit
        fields:
          - {id: first, type: date, prompt: First day}
          - {id: last, type: date, prompt: Last day, optional: true, not_before: first}
      - id: asks
        type: list
        prompt: What should the team answer?
        render: numbered
      - id: organiser
        type: record
        prompt: Who organises it?
        fields:
          - {id: name, type: text, prompt: Name}
          - {id: email, type: text, prompt: Email}
      - {id: notes, type: long_text, prompt: Anything else?, optional: true}
%s"""

SUMMARY = """\
summary:
  title: At a glance
  questions:
    - council
    - {question: visits, label: When}
    - link
    - asks
    - organiser
    - notes
"""


def small_bank(summary: str = SUMMARY) -> Bank:
    return bank_from(SMALL % summary, "asc.yaml")


def problems_of(summary: str) -> list[str]:
    with pytest.raises(BankError) as info:
        bank_from(SMALL % summary, "asc.yaml")
    return info.value.problems


# -- the bank ------------------------------------------------------------------------


def test_the_summary_is_read_in_order_with_labels_or_headings() -> None:
    bank = small_bank()
    assert bank.summary_title == "At a glance"
    assert [(e.question, e.label) for e in bank.summary] == [
        ("council", "Council"),
        ("visits", "When"),
        ("link", "Link"),
        ("asks", "Asks"),
        ("organiser", "Organiser"),
        ("notes", "Notes"),
    ]
    assert bank.summary[1] == SummaryEntry("visits", "When", 35)


def test_a_bank_without_a_summary_renders_none() -> None:
    bank = small_bank("")
    assert bank.summary == ()
    assert "## " not in render(bank, InterviewState({"council": "Leeds"})).split("## About")[0]


def test_the_default_bank_summary_names_what_the_peer_team_reads_first(bank: Bank) -> None:
    assert bank.summary_title == "Summary for the peer team"
    assert [e.question for e in bank.summary] == [
        "host_authority",
        "visit_dates",
        "preferred_focus",
        "key_questions",
        "host_lead_officer",
        "visiting_lead_officer",
    ]


def test_a_summary_naming_an_unknown_question_is_refused_at_its_line() -> None:
    problems = problems_of(
        "summary:\n  title: At a glance\n  questions:\n    - council\n    - councel\n"
        "    - {question: vists, label: When}\n"
    )
    assert problems == [
        "asc.yaml:35: the summary names 'councel', which is not a question of this bank",
        "asc.yaml:36: the summary names 'vists', which is not a question of this bank",
    ]


def test_a_summary_naming_a_question_twice_names_the_first_line() -> None:
    problems = problems_of(
        "summary:\n  title: T\n  questions:\n    - council\n    - asks\n"
        "    - {question: council, label: Host}\n"
    )
    assert problems == ["asc.yaml:36: the summary names 'council' twice (first at line 34)"]


@pytest.mark.parametrize(
    ("summary", "problem"),
    [
        (
            "summary: [council]\n",
            "asc.yaml:31: 'summary' must be a mapping with 'title' and 'questions'",
        ),
        ("summary:\n  questions: [council]\n", "asc.yaml:32: the summary needs 'title'"),
        (
            "summary:\n  title: T\n",
            "asc.yaml:32: the summary needs 'questions', a list of question ids",
        ),
        (
            "summary:\n  title: T\n  questions: [council]\n  intro: Hello\n",
            "asc.yaml:34: unknown key 'intro' in the summary (allowed: title, questions)",
        ),
        (
            "summary:\n  title: T\n  questions:\n    - {question: council, lable: Host}\n",
            "asc.yaml:34: unknown key 'lable' in an entry of the summary (allowed: question, label)",
        ),
        (
            "summary:\n  title: T\n  questions:\n    - {label: Host}\n",
            "asc.yaml:34: an entry of the summary is a question id, or {question: ID, label: TEXT}",
        ),
        (
            "summary:\n  title: T\n  questions:\n    - 3\n",
            "asc.yaml:34: an entry of the summary is a question id, or {question: ID, label: TEXT}",
        ),
    ],
)
def test_a_malformed_summary_is_refused_at_its_line(summary: str, problem: str) -> None:
    assert problems_of(summary) == [problem]


# -- the record ----------------------------------------------------------------------

ANSWERS = {
    "council": "Leeds",
    "online": False,
    "link": "https://example.org/call",
    "visits": [
        {"first": dt.date(2027, 3, 9), "last": dt.date(2027, 3, 11)},
        {"first": dt.date(2027, 3, 16), "last": None},
    ],
    "asks": ["Do carers know their rights?", "Is discharge safe?"],
    "organiser": {"name": "Jo Smith", "email": "jo@example.gov.uk"},
    "notes": "One.\nTwo.",
}


def test_the_record_opens_with_the_summary_each_answer_under_its_label() -> None:
    bank = small_bank()
    record = render(bank, InterviewState(dict(ANSWERS)))
    title, rest = record.split("\n\n## At a glance\n\n", 1)
    assert title == "# Adult social care scoping\n\n_Adult social care scoping_"
    summary = rest.split("\n\n## About\n\n", 1)[0]
    assert summary.split("\n\n") == [
        "**Council:** Leeds",
        "**When:**",
        (
            "- Visit 1: Tuesday 9 March 2027 to Thursday 11 March 2027\n"
            "- Visit 2: Tuesday 16 March 2027"
        ),
        # link is hidden (online is No): left out, as the record leaves it out.
        "**Asks:**",
        "1. Do carers know their rights?\n2. Is discharge safe?",
        "**Organiser:** Jo Smith, jo@example.gov.uk",
        "**Notes:**",
        "One.\\\nTwo.",
    ]


def test_missing_answers_show_as_not_yet_answered() -> None:
    bank = small_bank()
    state = InterviewState({"council": "Leeds", "online": True, "organiser": {"name": "Jo Smith"}})
    summary = render_summary(bank, state)
    assert summary.split("\n\n") == [
        "## At a glance",
        "**Council:** Leeds",
        f"**When:** {NOT_ANSWERED}",
        f"**Link:** {NOT_ANSWERED}",
        f"**Asks:** {NOT_ANSWERED}",
        "**Organiser:** Jo Smith (_not yet answered: email_)",
        f"**Notes:** {NOT_ANSWERED}",
    ]


def test_a_skipped_optional_answer_shows_as_the_record_shows_it() -> None:
    bank = small_bank()
    summary = render_summary(bank, InterviewState({**ANSWERS, "notes": None}))
    assert summary.endswith("**Notes:** _None given_")


def test_answers_in_the_summary_are_escaped_as_in_the_record() -> None:
    bank = small_bank()
    hostile = {
        **ANSWERS,
        "council": "# Not a heading <script>",
        "asks": ["1. not a list", "| a | b |"],
        "organiser": {"name": "*bold* [link](x)", "email": "jo@example.gov.uk"},
        "visits": [{"first": dt.date(2027, 3, 9), "last": None}],
    }
    summary = render_summary(bank, InterviewState(hostile))
    # Beside its label a "#" starts no heading: escaped only where a reader would see syntax.
    assert "**Council:** # Not a heading &lt;script&gt;\n" in summary
    assert "1. 1\\. not a list\n2. \\| a \\| b \\|" in summary
    assert "**Organiser:** \\*bold\\* \\[link\\](x), jo@example.gov.uk" in summary
    assert "<script>" not in summary


def test_a_record_whose_answered_fields_are_all_skipped_shows_none_given() -> None:
    bank = bank_from(
        """\
        id: t
        title: T
        summary: {title: S, questions: [contact]}
        sections:
          - id: s
            title: S
            questions:
              - id: contact
                type: record
                prompt: Contact?
                fields: [{id: phone, type: text, prompt: Phone, optional: true}]
        """
    )
    summary = render_summary(bank, InterviewState({"contact": {"phone": None}}))
    assert summary == "## S\n\n**Contact:** _None given_"


def test_the_layout_does_not_depend_on_the_answer() -> None:
    """A one-line type stays beside its label even when a hand-edited file gives it lines."""
    bank = small_bank()
    summary = render_summary(bank, InterviewState({**ANSWERS, "council": "Leeds\n\n\n# Two"}))
    assert "\n\n**Council:** Leeds # Two\n\n" in summary
