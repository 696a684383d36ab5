"""The question-bank language: the default bank, and the loader's file:line errors.

Every bank here is written inline, so each test shows its whole world. Problem
strings are asserted verbatim: the line numbers count lines of the dedented YAML.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from scopewiz.bank import (
    COMPILED_DEFAULT,
    Bank,
    Condition,
    default_bank_path,
    fill,
    load_bank,
    placeholders,
)
from scopewiz.errors import BankError

from .conftest import ROOT, USUAL_DAYS_BANK, bank_from

DEFAULT_IDS = [
    "host_authority",
    "meeting_date",
    "facilitator",
    "attendees",
    "vision",
    "vision_rationale",
    "vision_promotion",
    "culture",
    "values_behaviours",
    "strategy",
    "mechanisms",
    "focus_areas",
    "preferred_focus",
    "leadership_strategies",
    "culture_change",
    "key_questions",
    "interviewees",
    "questioning_approaches",
    "documentation",
    "host_officers_join",
    "host_officers",
    "visit_dates",
    "host_lead_officer",
    "visiting_lead_officer",
    "next_steps",
    "other_notes",
]

DEFAULT_SECTIONS = [
    "meeting",
    "vision",
    "culture",
    "strategy",
    "focus",
    "leadership",
    "key_questions",
    "fieldwork",
    "arrangements",
    "closing",
]


def problems_of(yaml_text: str) -> list[str]:
    """The problems the loader reports for an inline bank (which must not load)."""
    with pytest.raises(BankError) as info:
        bank_from(yaml_text, "t.yaml")
    return info.value.problems


# -- the default bank ---------------------------------------------------------


def test_default_bank_loads(bank: Bank) -> None:
    assert bank.id == "childrens-services-scoping"
    assert bank.version == 1
    assert bank.title
    assert bank.path.name == "childrens-services-scoping.yaml"
    assert bank.digest.startswith("sha256:")
    assert bank.list_columns == ("host_authority", "meeting_date")


def test_default_bank_has_the_26_question_ids_in_order(bank: Bank) -> None:
    assert [q.id for q in bank.questions] == DEFAULT_IDS
    assert len(DEFAULT_IDS) == 26


def test_default_bank_sections_in_order(bank: Bank) -> None:
    assert [s.id for s in bank.sections] == DEFAULT_SECTIONS
    assert all(q.section is s for s in bank.sections for q in s.questions)


def test_every_question_field_and_follow_up_has_a_help_line(bank: Bank) -> None:
    missing = [q.id for q in bank.questions if not q.help.strip()]
    missing += [
        f"{q.id}.{f.id}" for q in bank.questions for f in (*q.fields, *q.follow_up) if not f.help
    ]
    assert missing == []
    # The walk above did reach the fields and follow-ups.
    assert bank.question("focus_areas").field_by_id("pros") is not None


def test_key_questions_is_exactly_three_texts(bank: Bank) -> None:
    q = bank.question("key_questions")
    assert q.type == "list"
    assert not q.is_record_list
    assert (q.min_items, q.max_items) == (3, 3)


def test_preferred_focus_chooses_an_area_of_focus(bank: Bank) -> None:
    q = bank.question("preferred_focus")
    assert q.type == "choose"
    assert q.choose_from == "focus_areas"
    assert q.label == "area"
    assert bank.index("focus_areas") < bank.index("preferred_focus")
    assert bank.question("focus_areas").field_by_id("area") is not None


def test_host_officers_only_when_they_join(bank: Bank) -> None:
    q = bank.question("host_officers")
    assert q.when == Condition("equals", question="host_officers_join", value=True)
    assert bank.question("host_officers_join").type == "confirm"
    assert q.max_items == 2


# -- what a small bank means ----------------------------------------------------


def test_a_small_bank_loads_with_the_documented_defaults() -> None:
    bank = bank_from(
        """\
        id: small
        title: Small
        sections:
          - id: only
            title: Only
            questions:
              - id: people
                type: list
                prompt: Who?
                fields:
                  - id: name
                    type: text
                    prompt: Name
                  - id: role
                    type: text
                    prompt: Role of {name}
              - id: chair
                type: choose
                prompt: Who chairs?
                from: people
        """
    )
    people = bank.question("people")
    assert people.min_items == 1  # a list that is not optional needs an item
    assert people.max_items is None
    assert people.label == "name"  # labelled by its first field unless told
    assert people.heading == "People"
    assert bank.question("chair").label == "name"
    assert people.line == 7
    assert bank.list_columns == ()  # scopewiz list shows file, progress and last save only


# -- errors, each with its file and line ----------------------------------------


def test_choose_from_a_question_that_does_not_exist() -> None:
    # The issue's own example: a typo in the name of the list.
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: focus_areas
                type: list
                prompt: Which areas?
              - id: preferred_focus
                type: choose
                prompt: Which area?
                from: focus_area
        """
    )
    assert problems == [
        (
            "t.yaml:13: question 'preferred_focus' chooses from 'focus_area', "
            "which is not an earlier list question"
        )
    ]


def test_choose_from_a_question_that_is_not_a_list() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: focus_area
                type: text
                prompt: Which area?
              - id: preferred_focus
                type: choose
                prompt: Which area?
                from: focus_area
        """
    )
    assert problems == [
        (
            "t.yaml:13: question 'preferred_focus' chooses from 'focus_area', "
            "which is not an earlier list question"
        )
    ]


def test_choose_from_a_later_list_is_an_error() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: preferred_focus
                type: choose
                prompt: Which area?
                from: focus_area
              - id: focus_area
                type: list
                prompt: Areas?
        """
    )
    assert problems == [
        (
            "t.yaml:10: question 'preferred_focus' chooses from 'focus_area', "
            "which is not an earlier list question"
        )
    ]


def test_unknown_key_is_an_error_not_a_silent_default() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: vision
                type: long_text
                promt: What is the vision?
        """
    )
    assert problems == [
        (
            "t.yaml:9: unknown key 'promt' in question 'vision' (allowed: id, type, prompt, help, "
            "optional, heading, if_empty, default, when)"
        ),
        "t.yaml:7: question 'vision' needs 'prompt'",
    ]


def test_unknown_type() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: vision
                type: essay
                prompt: What is the vision?
        """
    )
    assert problems == [
        (
            "t.yaml:8: question 'vision' has type 'essay'; a question is one of: text, long_text, "
            "confirm, select, multiselect, date, record, list, choose"
        )
    ]


def test_missing_prompt() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: vision
                type: long_text
                help: In the DCS's own words.
        """
    )
    assert problems == ["t.yaml:7: question 'vision' needs 'prompt'"]


def test_duplicate_question_id_names_both_lines() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: first
            title: First
            questions:
              - id: vision
                type: long_text
                prompt: What is the vision?
          - id: second
            title: Second
            questions:
              - id: vision
                type: text
                prompt: The vision again?
        """
    )
    assert problems == ["t.yaml:13: question id 'vision' is used twice (first at line 7)"]


@pytest.mark.parametrize("target", ["join_later", "nowhere"])
def test_when_must_read_an_earlier_question(target: str) -> None:
    problems = problems_of(
        f"""\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: officers
                type: text
                prompt: Which officers?
                when: {{question: {target}, equals: true}}
              - id: join_later
                type: confirm
                prompt: Will officers join?
        """
    )
    assert problems == [
        f"t.yaml:10: question 'officers': 'when' reads '{target}', which is not an earlier question"
    ]


def test_placeholder_must_name_an_earlier_question() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: host
                type: text
                prompt: Which authority?
              - id: strategy
                type: long_text
                prompt: What is the strategy in {host} for {x}?
                help: "Ask about {later}; {{braces}} are literal."
              - id: later
                type: text
                prompt: Later?
        """
    )
    assert problems == [
        "t.yaml:12: question 'strategy': {x} in its prompt is not an earlier question",
        "t.yaml:13: question 'strategy': {later} in its help is not an earlier question",
    ]


def test_field_placeholders_may_name_earlier_fields_of_the_same_item() -> None:
    bank = bank_from(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: host
                type: text
                prompt: Which authority?
              - id: focus_areas
                type: list
                prompt: Which areas?
                fields:
                  - id: area
                    type: text
                    prompt: Area
                  - id: lead
                    type: text
                    prompt: Who leads {area} in {host}?
                follow_up:
                  - id: pros
                    type: long_text
                    prompt: What are the pros of focusing on {area}, led by {lead}?
                  - id: cons
                    type: long_text
                    prompt: And the cons of {area}, given {pros}?
        """
    )
    focus = bank.question("focus_areas")
    assert [f.id for f in focus.follow_up] == ["pros", "cons"]
    assert placeholders(focus.follow_up[0].prompt) == ["area", "lead"]


def test_field_placeholder_naming_a_later_field_is_an_error() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: focus_areas
                type: list
                prompt: Which areas?
                fields:
                  - id: area
                    type: text
                    prompt: Area ({lead} leads it)
                  - id: lead
                    type: text
                    prompt: Lead
                follow_up:
                  - id: pros
                    type: long_text
                    prompt: What are the pros of {areas}?
        """
    )
    assert problems == [
        (
            "t.yaml:11: field 'area' of 'focus_areas': {lead} in its prompt is not an earlier "
            "question or an earlier field of the same item"
        ),
        (
            "t.yaml:18: field 'pros' of 'focus_areas': {areas} in its prompt is not an earlier "
            "question or an earlier field of the same item"
        ),
    ]


def test_field_help_placeholder_must_name_something_known() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: focus_areas
                type: list
                prompt: Which areas?
                fields:
                  - id: area
                    type: text
                    prompt: Area
                    help: Anything about {nope}.
        """
    )
    assert len(problems) == 1
    assert problems[0].startswith("t.yaml:11: field 'area' of 'focus_areas': {nope} in its help")


def test_select_needs_choices() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: proposed_by
                type: select
                prompt: Proposed by?
        """
    )
    assert problems == ["t.yaml:7: question 'proposed_by' is a select and needs 'choices'"]


def test_max_below_min() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: key_questions
                type: list
                prompt: Which questions?
                min: 3
                max: 2
        """
    )
    assert problems == [
        "t.yaml:11: question 'key_questions': 'max' must be 1 or more and at least 'min'"
    ]


def test_list_columns_name_questions_in_order() -> None:
    bank = bank_from(
        """\
        id: t
        title: T
        list_columns: [held_on, council]
        sections:
          - id: s
            title: S
            questions:
              - {id: council, type: text, prompt: Which council?}
              - {id: held_on, type: date, prompt: When?, heading: Held on}
        """
    )
    assert bank.list_columns == ("held_on", "council")


def test_list_columns_naming_something_that_is_not_a_question() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        list_columns:
          - council
          - counsil
          - name
        sections:
          - id: s
            title: S
            questions:
              - {id: council, type: text, prompt: Which council?}
              - id: people
                type: list
                prompt: Who?
                fields:
                  - {id: name, type: text, prompt: Name}
        """
    )
    assert problems == [
        "t.yaml:5: 'list_columns' names 'counsil', which is not a question of this bank",
        "t.yaml:6: 'list_columns' names 'name', which is not a question of this bank",
    ]


@pytest.mark.parametrize(
    "value", ["council", "{council: 1}", "[council, [held_on]]", "[council, '']"]
)
def test_list_columns_must_be_a_list_of_text(value: str) -> None:
    problems = problems_of(
        f"""\
        id: t
        title: T
        list_columns: {value}
        sections:
          - id: s
            title: S
            questions:
              - {{id: council, type: text, prompt: Which council?}}
        """
    )
    assert problems == ["t.yaml:3: 'list_columns' of the bank must be a list of text"]


def test_list_columns_naming_a_question_twice() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        list_columns: [council, council]
        sections:
          - id: s
            title: S
            questions:
              - {id: council, type: text, prompt: Which council?}
        """
    )
    assert problems == [
        "t.yaml:3: 'council' appears twice in 'list_columns' of the bank (first at line 3)"
    ]


def test_bad_yaml_names_the_line_of_the_problem() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
             questions: []
        """
    )
    assert problems == [
        (
            "t.yaml:6: not valid YAML: a ': ' here cannot start a key: check the indentation "
            "of this line, or put a text that holds ': ' in quotes"
        )
    ]


def test_unclosed_quote_names_the_line_where_it_opens() -> None:
    problems = problems_of(
        """\
        id: t
        title: "Children's services
        sections: []
        """
    )
    # Today: "t.yaml:4: not valid YAML: while scanning a quoted scalar, found unexpected end
    # of stream", naming line 4 of a 3-line file.
    assert len(problems) == 1
    assert problems[0].startswith("t.yaml:2: not valid YAML")


def test_python_tag_is_rejected_and_runs_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[object] = []
    monkeypatch.setattr(os, "system", lambda *args: calls.append(args) or 0)
    marker = tmp_path / "ran"
    problems = problems_of(
        f"""\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: host
                type: text
                prompt: !!python/object/apply:os.system ["touch {marker}"]
        """
    )
    assert problems == [
        "t.yaml:9: the tag tag:yaml.org,2002:python/object/apply:os.system is not allowed"
    ]
    assert calls == []
    assert not marker.exists()


def test_alias_is_rejected() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - &vision {id: vision, type: long_text, prompt: What is the vision?}
              - *vision
        """
    )
    assert problems == ["t.yaml:8: aliases (*name) are not allowed in scopewiz files"]


def test_every_problem_in_a_file_is_reported() -> None:
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: vision
                type: long_text
                promt: What is the vision?
              - id: proposed_by
                type: select
                prompt: Proposed by?
              - id: vision
                type: essay
                prompt: Again?
              - id: key_questions
                type: list
                prompt: Which {x}?
                min: 3
                max: 1
        """
    )
    expected = [
        (
            "t.yaml:9: unknown key 'promt' in question 'vision' (allowed: id, type, prompt, help, "
            "optional, heading, if_empty, default, when)"
        ),
        "t.yaml:7: question 'vision' needs 'prompt'",
        "t.yaml:10: question 'proposed_by' is a select and needs 'choices'",
        (
            "t.yaml:14: question 'vision' has type 'essay'; a question is one of: text, long_text, "
            "confirm, select, multiselect, date, record, list, choose"
        ),
        "t.yaml:20: question 'key_questions': 'max' must be 1 or more and at least 'min'",
        "t.yaml:18: question 'key_questions': {x} in its prompt is not an earlier question",
    ]
    # The order follows the loader's walk, not strictly the line; every problem is there.
    assert sorted(problems) == sorted(expected)
    assert len(problems) == len(expected)


def test_load_bank_on_a_missing_path_names_it(tmp_path: Path) -> None:
    missing = tmp_path / "no-such-bank.yaml"
    with pytest.raises(BankError) as info:
        load_bank(missing)
    assert info.value.problems == [f"{missing}: no such question bank"]
    assert str(missing) in str(info.value)


def test_load_bank_reads_a_file_and_labels_errors_with_its_path(tmp_path: Path) -> None:
    path = tmp_path / "bank.yaml"
    path.write_text("id: t\ntitle: T\nsections: []\n", encoding="utf-8")
    with pytest.raises(BankError) as info:
        load_bank(path)
    assert info.value.problems == [f"{path}:3: the bank needs 'sections', a list of sections"]


# -- placeholders -------------------------------------------------------------


def test_placeholders_lists_names_and_skips_doubled_braces() -> None:
    assert placeholders("Pros of {area} for {host_authority}?") == ["area", "host_authority"]
    assert placeholders("Literal {{area}} and {{ not a name }}") == []
    assert placeholders("{Area} {two words} {9x}") == []  # not ids, so not placeholders
    assert placeholders("") == []


def test_fill_replaces_known_names_and_keeps_the_rest() -> None:
    values = {"area": "Early help"}
    assert fill("What are the pros of {area}?", values) == "What are the pros of Early help?"
    assert fill("{area} and {unknown}", values) == "Early help and {unknown}"
    assert fill("{{area}} is written {{area}}", values) == "{area} is written {area}"
    assert fill("{{{area}}}", values) == "{Early help}"
    assert fill("no placeholders", {}) == "no placeholders"


def test_the_compiled_default_bank_is_up_to_date() -> None:
    """scopewiz/data/default-bank.json must match the YAML: run scripts/compile_bank.py."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "compile_bank", ROOT / "scripts" / "compile_bank.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert COMPILED_DEFAULT.read_text(encoding="utf-8") == module.compiled_text(), (
        "questions/childrens-services-scoping.yaml changed: run python scripts/compile_bank.py"
    )


def test_the_compiled_bank_gives_the_same_bank_as_the_yaml(tmp_path: Path) -> None:
    yaml_copy = tmp_path / "copy.yaml"
    yaml_copy.write_bytes(default_bank_path().read_bytes() + b"\n# a comment changes the digest\n")
    from_yaml = load_bank(yaml_copy)
    compiled = load_bank()
    assert [q.id for q in compiled.questions] == [q.id for q in from_yaml.questions]
    assert [(q.line, q.prompt, q.help, q.choices) for q in compiled.questions] == [
        (q.line, q.prompt, q.help, q.choices) for q in from_yaml.questions
    ]


def test_loading_the_default_bank_needs_no_yaml_parser() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from scopewiz.bank import load_bank; load_bank(); print('yaml' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_a_bank_is_parsed_once_per_content(tmp_path: Path) -> None:
    """`scopewiz list` reads one bank for many sessions: the same bytes give the same Bank."""
    path = tmp_path / "b.yaml"
    text = (
        "id: b\ntitle: B\nsections:\n  - id: s\n    title: S\n    questions:\n"
        "      - {id: a, type: text, prompt: A?}\n"
    )
    path.write_text(text, encoding="utf-8")
    first = load_bank(path)
    assert load_bank(path) is first
    assert load_bank() is load_bank()  # the shipped bank too
    path.write_text(text.replace("A?", "Another?"), encoding="utf-8")
    changed = load_bank(path)
    assert changed is not first
    assert changed.by_id["a"].prompt == "Another?"
    assert first.by_id["a"].prompt == "A?"


def test_a_lists_first_field_may_not_be_optional() -> None:
    """An empty first field ends the list at the prompt, so a file may not leave it out either."""
    problems = problems_of(
        """\
        id: t
        title: T
        sections:
          - id: s
            title: S
            questions:
              - id: people
                type: list
                prompt: Who?
                fields:
                  - {id: name, type: text, prompt: Name, optional: true}
                  - {id: role, type: text, prompt: Role}
        """
    )
    assert problems == [
        (
            "t.yaml:11: question 'people': the first field of a list's items cannot be optional "
            "(an empty answer there ends the list; an item always has it)"
        )
    ]


RECORD_AND_LISTS = """\
id: t
title: T
sections:
  - id: s
    title: S
    questions:
      - id: lead
        type: record
        prompt: Lead?
        {record_extra}
        fields:
          - {{id: name, type: text, prompt: Name}}
      - id: people
        type: list
        prompt: Who?
        {people_extra}
        fields:
          - {{id: name, type: text, prompt: Name}}
      - id: notes
        type: list
        prompt: Notes?
        {notes_extra}
      - id: later
        type: text
        prompt: Later?
        {later_extra}
"""


@pytest.mark.parametrize(
    ("extra", "problem"),
    [
        (
            {"record_extra": "optional: true"},
            (
                "t.yaml:10: question 'lead': a record cannot be optional (it is answered field by "
                "field): make its fields optional instead"
            ),
        ),
        (
            {"people_extra": "render: numbered"},
            "t.yaml:16: question 'people': render 'numbered' of a list of records is one of: table",
        ),
        (
            {"notes_extra": "render: table"},
            (
                "t.yaml:22: question 'notes': render 'table' of a list of text is one of: "
                "numbered, bullets, checklist"
            ),
        ),
        (
            {"later_extra": "when: {question: people, includes: Jo}"},
            "t.yaml:26: question 'later': 'includes' applies to a multiselect or a list of text",
        ),
    ],
    ids=["optional record", "list of records render", "list of text render", "includes records"],
)
def test_keys_that_would_do_nothing_are_refused(extra: dict[str, str], problem: str) -> None:
    keys = {"record_extra": "", "people_extra": "", "notes_extra": "", "later_extra": ""}
    assert problems_of(RECORD_AND_LISTS.format(**{**keys, **extra})) == [problem]


def test_a_list_of_text_and_a_list_of_records_take_their_own_render_styles() -> None:
    text = RECORD_AND_LISTS.format(
        record_extra="render: fields",
        people_extra="render: table",
        notes_extra="render: checklist",
        later_extra="when: {question: notes, includes: Jo}",
    )
    bank = bank_from(text, "t.yaml")
    assert bank.question("people").render == "table"


@pytest.mark.parametrize(
    ("keys", "problem"),
    [
        (
            "usual_days: 0, not_before: start",
            "'usual_days' must be a whole number of days, 1 to 31",
        ),
        (
            "usual_days: 40, not_before: start",
            "'usual_days' must be a whole number of days, 1 to 31",
        ),
        ("usual_days: four, not_before: start", "'usual_days' must be a whole number of days"),
        ("usual_days: true, not_before: start", "'usual_days' must be a whole number of days"),
        ("usual_days: 4", "'usual_days' counts from a first day: give it 'not_before'"),
    ],
)
def test_usual_days_is_a_number_of_days_counted_from_not_before(keys: str, problem: str) -> None:
    problems = problems_of(USUAL_DAYS_BANK % keys)
    assert len(problems) == 1
    assert "t.yaml:14:" in problems[0]  # the line of the field, where the key is
    assert problem in problems[0]


def test_usual_days_loads_with_not_before() -> None:
    bank = bank_from(USUAL_DAYS_BANK % "usual_days: 4, not_before: start")
    end = bank.question("visits").field_by_id("end")
    assert end is not None
    assert end.options == {"usual_days": 4}
