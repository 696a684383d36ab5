"""The Markdown record: golden file, structure, escaping."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from scopewiz.bank import Bank
from scopewiz.engine import InterviewState
from scopewiz.markdown import NOT_ANSWERED, escape_inline, paragraphs
from scopewiz.render import render, render_template
from scopewiz.runner import run_interview
from scopewiz.session import Session, load_session, save_session

from .conftest import FULL_SCRIPT, GOLDEN, ScriptedPrompter, bank_from

UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
GOLDEN_SESSION = GOLDEN / "leeds-2026-12-01.scopewiz.yaml"
GOLDEN_RECORD = GOLDEN / "leeds-2026-12-01.md"


def complete_session(bank: Bank, script: list[Any] = FULL_SCRIPT) -> Session:
    session = Session.start(bank, builtin=True)
    run_interview(bank, session, ScriptedPrompter(script), lambda: None, today=dt.date(2026, 12, 1))
    session.created = "2026-12-01T10:00:00+00:00"
    session.updated = "2026-12-01T11:30:00+00:00"
    session.clock_seconds = 5400
    session.section_seconds = {s.id: 600.0 for s in bank.sections}
    return session


def test_golden_session_file_and_record(bank: Bank, tmp_path: Path) -> None:
    """The full interview gives exactly the golden session file, and it renders the golden record."""
    session = complete_session(bank)
    session.path = tmp_path / GOLDEN_SESSION.name
    save_session(bank, session)
    written = session.path.read_text(encoding="utf-8")
    # save_session stamps 'updated'; pin it to compare with the golden file.
    written = "\n".join(
        "updated: '2026-12-01T11:30:00+00:00'" if line.startswith("updated: ") else line
        for line in written.split("\n")
    )
    if UPDATE:
        GOLDEN_SESSION.write_text(written, encoding="utf-8")
    assert written == GOLDEN_SESSION.read_text(encoding="utf-8")

    loaded_bank, loaded, notes = load_session(GOLDEN_SESSION)
    assert notes == []
    record = render(loaded_bank, loaded.state, source=GOLDEN_SESSION.name, saved=loaded.updated)
    if UPDATE:
        GOLDEN_RECORD.write_text(record, encoding="utf-8")
    assert record == GOLDEN_RECORD.read_text(encoding="utf-8")


def test_record_layout(bank: Bank) -> None:
    record = render(bank, complete_session(bank).state)
    lines = record.split("\n")
    assert lines[0] == (
        "# Peer challenge scoping record: Leeds (E08000035, Yorkshire and The Humber), Tuesday 1 December 2026"
    )
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## Summary for the peer team",
        "## About this scoping meeting",
        "## Vision",
        "## Culture",
        "## Strategy and mechanisms for change",
        "## Areas of focus",
        "## Leadership and culture in the area of focus",
        "## The host authority's questions",
        "## Planning the fieldwork",
        "## Arrangements for the visit",
        "## Next steps and other notes",
        "## Timeline",
    ]
    assert "| **Early help** (preferred) | host authority |" in record
    assert "| Care leavers | challenge partners |" in record
    assert "1. How well do partners understand the threshold for early help?" in record
    assert "3. How do we know early help makes a difference?" in record
    assert "- [ ] Self-evaluation" in record
    assert "| Mechanism | What the data shows |" in record
    assert "| Jo Bloggs | Head of improvement | jo.bloggs@leeds.gov.uk | 0113 222 4444 |" in record
    # Line breaks in long answers are kept: as a hard break in a paragraph, <br> in a cell.
    assert (
        "Leeds wants to be the best city for children to grow up in.\\\nA child friendly city."
        in record
    )
    assert "Strong partnership appetite.<br>New locality model to test." in record
    assert NOT_ANSWERED not in record


def test_unanswered_questions_show_not_yet_answered(bank: Bank) -> None:
    state = InterviewState(
        answers={"host_authority": "Leeds", "meeting_date": dt.date(2026, 12, 1)}
    )
    record = render(bank, state)
    # 26 questions, host_officers hidden until Yes, 2 answered: 23 still to answer,
    # and 5 of them in the summary too (the host authority is answered).
    assert record.count(NOT_ANSWERED) == 23 + 5
    assert "Which officers will join the peer review team?" not in record  # hidden until Yes


def test_hidden_answers_are_kept_but_not_rendered(bank: Bank) -> None:
    session = complete_session(bank)
    session.answers["host_officers_join"] = False
    record = render(bank, session.state)
    assert "To be confirmed" not in record
    assert session.answers["host_officers"] == [
        {"name": "To be confirmed", "role": "Head of service"}
    ]


def test_an_empty_optional_list_uses_its_if_empty_text(bank: Bank) -> None:
    session = complete_session(bank)
    session.answers["host_officers"] = []
    record = render(bank, session.state)
    assert "**Which officers will join the peer review team?**\n\nTo be confirmed\n" in record


HOSTILE = [
    "# Not a heading",
    "## Nor this",
    "| a | b |\n|---|---|\n| c | d |",
    "`code` and ``more``",
    "<script>alert(1)</script>",
    "---",
    "===",
    "- not a list",
    "1. not a list",
    "> not a quote",
    "```\nnot a fence\n```",
    "    indented code?",
    "*emphasis* and _this_ and **strong**",
    "[a link](http://example.com) ![img](x.png)",
    "&copy; &#169; entity",
    "back\\slash at the end\\",
    "<!-- comment -->",
    "$x^2$ ~sub~ ^sup^",
    "Line one\n\n\n# Line after blank lines",
]


def block_structure(markdown: str) -> list[str]:
    """The block tokens of a CommonMark parse: what a renderer would draw, without the text.

    Consecutive paragraphs count as one: a blank line in a long answer rightly
    starts a new paragraph, and nothing else.
    """
    md = MarkdownIt("commonmark").enable("table")
    types = [t.type for t in md.parse(markdown) if t.type != "inline"]
    out: list[str] = []
    for kind in types:
        if kind == "paragraph_open" and out[-1:] == ["paragraph_close"]:
            out.pop()
            continue
        out.append(kind)
    return out


def inline_kinds(markdown: str) -> set[str]:
    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    kinds: set[str] = set()
    for token in md.parse(markdown):
        for child in token.children or []:
            kinds.add(child.type)
    return kinds


@pytest.mark.parametrize("text", HOSTILE)
def test_user_text_cannot_change_the_record_structure(bank: Bank, text: str) -> None:
    plain = complete_session(bank)
    hostile = complete_session(bank)
    for session, value in ((plain, "Plain words"), (hostile, text)):
        session.answers["vision_promotion"] = value
        session.answers["focus_areas"][1]["cons"] = value
        session.answers["key_questions"][1] = value
        session.answers["documentation"].append(value)
        session.answers["host_lead_officer"]["role"] = value
    plain_record = render(bank, plain.state)
    hostile_record = render(bank, hostile.state)
    assert block_structure(hostile_record) == block_structure(plain_record)
    assert inline_kinds(hostile_record) <= inline_kinds(plain_record) | {"softbreak", "hardbreak"}
    html = MarkdownIt("commonmark").enable("table").render(hostile_record)
    assert "<script>" not in html
    assert "<h1>Not" not in html and "<code>" not in html


def test_control_characters_from_a_file_never_reach_the_record(bank: Bank) -> None:
    """An escape sequence in a hand-edited file must not restyle the terminal that prints it."""
    session = complete_session(bank)
    session.answers["vision_promotion"] = (
        "Red \x1b[31malert\x1b[0m, bell \x07, NEL \x85, CR \r here"
    )
    session.answers["documentation"].append("Clear screen \x1b[2J")
    record = render(bank, session.state)
    assert not any((ord(c) < 0x20 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in record), (
        "a control character reached the record"
    )
    assert "Red \ufffd\\[31malert\ufffd\\[0m, bell \ufffd, NEL \ufffd, CR \ufffd here" in record
    assert "Clear screen \ufffd\\[2J" in record


@pytest.mark.parametrize("text", [t for t in HOSTILE if "\n" not in t])
def test_escaped_text_renders_as_itself(text: str) -> None:
    md = MarkdownIt("commonmark")
    html = md.render(paragraphs(text))
    tokens = md.parse(paragraphs(text))
    inline = next(t for t in tokens if t.type == "inline")
    shown = "".join(c.content for c in inline.children or [] if c.type == "text")
    assert shown == text.strip(), html


def test_escape_inline_leaves_ordinary_text_readable() -> None:
    assert escape_inline("Children's services: 12 weeks, 3-4 days (roughly).") == (
        "Children's services: 12 weeks, 3-4 days (roughly)."
    )


def test_the_timeline_marks_what_is_already_past_only_when_given_today(bank: Bank) -> None:
    """render stays pure: the day comes in as an argument (the CLI passes scopewiz.dates.today)."""
    state = complete_session(bank).state
    assert "already past" not in render(bank, state)
    later = render(bank, state, today=dt.date(2027, 3, 3))
    for row in (
        "| Scoping meeting | Tuesday 1 December 2026 |",  # where the timeline starts
        "| Peer team identified by | Tuesday 15 December 2026 (**already past**) |",
        "| Papers to the peer team | Tuesday 16 February 2027 (**already past**) |",
        "| Briefing call | Tuesday 2 March 2027 (**already past**) |",
        "| Visit | Tuesday 9 March 2027 to Thursday 11 March 2027 |",
    ):
        assert row in later


# -- the blank form ---------------------------------------------------------------


def test_the_blank_form_names_the_list_to_choose_from_in_its_words(bank: Bank) -> None:
    """A choose question's space names its list by the list's heading, never by its id."""
    text = render_template(bank)
    assert "\n\nOne of the areas of focus listed above: …\n\n" in text
    small = bank_from(
        """\
        id: small
        title: Small
        sections:
          - id: s
            title: S
            questions:
              - id: carer_groups
                type: list
                prompt: Which carers' groups?
                heading: Carers' groups
              - id: lead_group
                type: choose
                from: carer_groups
                prompt: Which group leads?
        """
    )
    assert "\n\nOne of the carers' groups listed above: …\n" in render_template(small)


def test_the_blank_form_shows_no_ids_and_no_wizard_keys(bank: Bank) -> None:
    """Paper has no keys to press and no list that appears as you type, and ids mean nothing on it."""
    text = render_template(bank)
    ids = {q.id for q in bank.questions} | {f.id for q in bank.questions for f in q.fields}
    shown = sorted(i for i in ids if "_" in i and i in text)
    assert shown == []
    wizard_words = ["Type to", "typing", "Enter", "press", "Tab", "F1", "You will be asked"]
    assert [w for w in wizard_words if w in text] == []
