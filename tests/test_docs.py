"""The documentation tells the truth about the code, and stays inside the repository.

docs/bank-language.md must describe every question type and each of its bank
keys, and its examples must do what it says they do; docs/default-bank.md must
list the default bank's sections, ids, types, fields and choices as the bank
has them, and its example answers file must complete a session. No tracked
file may send a reader to a file outside the repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

from scopewiz import bank as bank_module
from scopewiz.answers import check_answers, load_answers_file
from scopewiz.bank import Question, load_bank, parse_bank
from scopewiz.engine import InterviewState, is_complete, missing_answers, skip_optional
from scopewiz.errors import BankError
from scopewiz.qtypes import REGISTRY
from scopewiz.render import render
from scopewiz.session import Session, to_yaml
from scopewiz.yamlio import load_safe

from .conftest import ROOT

pytestmark = pytest.mark.timeout(60)

DOCS = ROOT / "docs"
LANGUAGE = DOCS / "bank-language.md"
DEFAULT = DOCS / "default-bank.md"


def read(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def part(text: str, heading: str) -> str:
    """The text under a ``## heading`` up to the next heading of that level."""
    assert f"\n{heading}\n" in text, f"no heading {heading!r}"
    return text.split(f"\n{heading}\n", 1)[1].split("\n## ", 1)[0]


def example(text: str, name: str) -> str:
    """The fenced block that follows ``<!-- example: NAME -->``."""
    found = re.search(rf"<!-- example: {re.escape(name)} -->\n```\w+\n(.*?)```", text, re.DOTALL)
    assert found is not None, f"no example {name!r}"
    return found.group(1)


def fenced_yaml(text: str) -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)


def ticked(text: str) -> set[str]:
    """Every ``code`` span of a Markdown text."""
    return set(re.findall(r"`([^`\n]+)`", text))


# -- docs/default-bank.md -----------------------------------------------------


def documented_questions() -> list[tuple[str, str, str]]:
    """(id, type, required/optional) of each row of the question tables, in order."""
    rows = re.findall(
        r"^\| `([a-z0-9_]+)` \| `([a-z_]+)` \| (required|optional) \|",
        part(read(DEFAULT), "## The questions"),
        re.MULTILINE,
    )
    return [(qid, qtype, need) for qid, qtype, need in rows]


def notes_of(question_id: str) -> str:
    """The bullet of docs/default-bank.md that starts with the question's id."""
    text = part(read(DEFAULT), "## The questions")
    found = re.search(
        rf"^- `{question_id}`( and `[a-z_]+`)?:(.*?)(?=^- |^#|\Z)", text, re.DOTALL | re.MULTILINE
    )
    if found is None:
        # The two lead officers share one bullet: "- `host_lead_officer` and `visiting_...`".
        found = re.search(
            rf"^- `[a-z_]+` and `{question_id}`:(.*?)(?=^- |^#|\Z)", text, re.DOTALL | re.MULTILINE
        )
    assert found is not None, f"docs/default-bank.md has no notes for {question_id}"
    return found.group(0)


def test_every_question_of_the_default_bank_is_documented_in_order() -> None:
    bank = load_bank()
    expected = [(q.id, q.type, "optional" if q.optional else "required") for q in bank.questions]
    assert documented_questions() == expected


def test_every_documented_id_is_a_question_of_the_default_bank() -> None:
    """Any table row that names an id, however the rest of the row is written."""
    ids = {q.id for q in load_bank().questions}
    text = part(read(DEFAULT), "## The questions")
    rows = re.findall(r"^\| `([^`]+)` \|", text, re.MULTILINE)
    assert len(rows) == len(ids)
    assert [qid for qid in rows if qid not in ids] == []


def test_every_section_is_documented_in_order() -> None:
    found = re.findall(
        r"^### \d+\. (.+) \(`([a-z_]+)`, (\d+) min\)$",
        part(read(DEFAULT), "## The questions"),
        re.MULTILINE,
    )
    bank = load_bank()
    assert found == [(s.title, s.id, str(s.minutes)) for s in bank.sections]


def test_every_section_table_holds_its_own_questions() -> None:
    text = part(read(DEFAULT), "## The questions")
    for section in load_bank().sections:
        block = re.split(r"^### \d+\. ", text, flags=re.MULTILINE)
        mine = next(b for b in block if b.startswith(f"{section.title} (`{section.id}`"))
        rows = re.findall(r"^\| `([a-z0-9_]+)` \|", mine, re.MULTILINE)
        assert rows == [q.id for q in section.questions], section.id


def test_the_documented_prompts_are_the_banks() -> None:
    text = part(read(DEFAULT), "## The questions")
    for q in load_bank().questions:
        row = re.search(
            rf"^\| `{q.id}` \| `[a-z_]+` \| (?:required|optional) \| (.*) \|$", text, re.MULTILINE
        )
        assert row is not None, q.id
        assert row.group(1) == " ".join(q.prompt.split()), q.id


@pytest.mark.parametrize(
    "question_id", [q.id for q in load_bank().questions if q.fields or q.follow_up]
)
def test_every_field_is_documented_with_its_type(question_id: str) -> None:
    q = load_bank().question(question_id)
    notes = notes_of(question_id)
    spans = ticked(notes)
    for f in (*q.fields, *q.follow_up):
        assert f.id in spans, f"{question_id}.{f.id} is not in its notes"
        assert f.type in spans, f"{question_id}.{f.id}: type {f.type} is not in its notes"
        if f.optional:
            assert "optional" in notes, f"{question_id}.{f.id} is optional"


def _choices(q: Question) -> list[str]:
    out = list(q.choices)
    for f in (*q.fields, *q.follow_up):
        out.extend(f.choices)
    return out


def test_every_choice_is_documented_as_spelled() -> None:
    # Code spans may be wrapped over two lines: join lines before looking.
    joined = " ".join(read(DEFAULT).split())
    spans = ticked(joined)
    missing = [c for q in load_bank().questions for c in _choices(q) if c not in spans]
    assert missing == []


def test_the_example_answers_file_completes_a_session(tmp_path: Path) -> None:
    """The file goes through load_answers_file, the one reader of ``--answers``."""
    bank = load_bank()
    path = tmp_path / "leeds.yaml"
    path.write_text(example(read(DEFAULT), "answers"), encoding="utf-8")
    answers = load_answers_file(bank, path)
    assert set(answers) == {q.id for q in bank.questions}, "the example answers every question"
    state = InterviewState(answers)
    skip_optional(bank, state)
    assert missing_answers(bank, state) == []
    assert is_complete(bank, state)
    record = render(bank, state)
    assert "Not yet answered" not in record
    assert "**Early help** (preferred)" in record


def test_the_example_session_answers_are_what_scopewiz_writes(tmp_path: Path) -> None:
    bank = load_bank()
    path = tmp_path / "leeds.yaml"
    path.write_text(example(read(DEFAULT), "answers"), encoding="utf-8")
    state = InterviewState(load_answers_file(bank, path))
    session = Session.start(bank, builtin=True)
    session.state = state
    written = to_yaml(bank, session)
    assert written[written.index("\nanswers:\n") + 1 :] == example(read(DEFAULT), "session-answers")
    doc = load_safe(example(read(DEFAULT), "session-answers"))
    answers, unknown, problems = check_answers(bank, doc["answers"], "session.yaml")
    assert (answers, unknown, problems) == (state.answers, {}, [])


def test_the_cli_completes_the_example_and_renders_it(tmp_path: Path) -> None:
    """What the page tells a reader to run works: new --answers --no-input, then render."""
    exe = shutil.which("scopewiz")
    if exe is None:
        pytest.skip("scopewiz is not installed on PATH")
    (tmp_path / "leeds.yaml").write_text(example(read(DEFAULT), "answers"), encoding="utf-8")
    new = subprocess.run(
        [exe, "new", "--answers", "leeds.yaml", "--no-input", "-o", "leeds.scopewiz.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert new.returncode == 0, new.stderr
    shown = subprocess.run(
        [exe, "render", "leeds.scopewiz.yaml"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert shown.returncode == 0, shown.stderr
    assert "Tuesday 9 March 2027 to Thursday 11 March 2027" in shown.stdout


# -- docs/bank-language.md ----------------------------------------------------


def type_sections() -> dict[str, str]:
    """Each ``### `type``` section of "The question types", by type name."""
    text = part(read(LANGUAGE), "## The question types")
    out: dict[str, str] = {}
    for chunk in re.split(r"^### ", text, flags=re.MULTILINE)[1:]:
        found = re.match(r"`([a-z_]+)`\n", chunk)
        assert found is not None, f"a type section's heading is not a type: {chunk[:40]!r}"
        out[found.group(1)] = chunk
    return out


def test_every_registered_type_has_a_section_in_registry_order() -> None:
    assert list(type_sections()) == list(REGISTRY)


@pytest.mark.parametrize("name", list(REGISTRY))
def test_every_key_and_render_style_of_a_type_is_described(name: str) -> None:
    section = type_sections()[name]
    spans = ticked(section)
    qtype = REGISTRY[name]
    assert [k for k in qtype.keys if k not in spans] == []
    assert [s for s in qtype.render_styles if s not in spans] == []


def test_the_type_table_lists_whether_each_type_may_be_a_field() -> None:
    text = part(read(LANGUAGE), "## The question types")
    for name, qtype in REGISTRY.items():
        row = re.search(rf"^\| \[`{name}`\]\(#{name}\) \| .* \| (yes|no) \|$", text, re.MULTILINE)
        assert row is not None, name
        assert row.group(1) == ("yes" if qtype.is_field else "no"), name


def test_the_type_examples_form_a_bank_their_answers_fit() -> None:
    """Each type's first example is a question, its second an answer to it."""
    questions: list[str] = []
    answers: list[str] = []
    for name, section in type_sections().items():
        blocks = fenced_yaml(section)
        assert len(blocks) >= 2, f"{name}: a question and an answer"
        questions.append(blocks[0])
        answers.append(blocks[1])
    text = "id: examples\ntitle: Examples\nsections:\n  - id: s\n    title: S\n    questions:\n"
    text += "".join(textwrap.indent(q, "      ") for q in questions)
    bank = parse_bank(text.encode(), Path("examples.yaml"))
    assert [q.type for q in bank.questions if q.type in REGISTRY]
    raw = load_safe("".join(answers))
    read_answers, unknown, problems = check_answers(bank, raw, "answers.yaml", whole_items=True)
    assert (unknown, problems) == ({}, [])
    assert set(read_answers) == {q.id for q in bank.questions}


def test_the_whole_bank_example_passes_the_check() -> None:
    bank = parse_bank(example(read(LANGUAGE), "bank").encode(), Path("example.yaml"))
    assert {q.type for q in bank.questions} >= {"text", "date", "list", "choose", "record"}


def test_the_documented_problems_are_what_check_prints() -> None:
    bad = example(read(LANGUAGE), "bad-bank")
    output = example(read(LANGUAGE), "bad-bank-output").splitlines()
    assert output[0] == "$ scopewiz check bad.yaml"
    with pytest.raises(BankError) as caught:
        parse_bank(bad.encode(), Path("bad.yaml"))
    assert caught.value.problems == output[1:]


def test_the_documented_answers_file_problems_are_what_new_prints(tmp_path: Path) -> None:
    from scopewiz.answers import load_answers_file
    from scopewiz.bank import load_bank
    from scopewiz.errors import SessionFileError

    (tmp_path / "bad-answers.yaml").write_text(example(read(LANGUAGE), "bad-answers"), "utf-8")
    output = example(read(LANGUAGE), "bad-answers-output").splitlines()
    assert output[0] == "$ scopewiz new --answers bad-answers.yaml"
    with pytest.raises(SessionFileError) as caught:
        load_answers_file(load_bank(None), tmp_path / "bad-answers.yaml")
    shown = caught.value.message.replace(str(tmp_path) + "/", "").splitlines()
    assert [f"Error: {line}" for line in shown] == output[1:]


def _allowed(message: str) -> list[str]:
    found = re.search(r"\(allowed: (.*)\)$", message)
    assert found is not None, message
    return found.group(1).split(", ")


def _problems(text: str) -> list[str]:
    with pytest.raises(BankError) as caught:
        parse_bank(textwrap.dedent(text).encode(), Path("probe.yaml"))
    return caught.value.problems


def test_every_top_level_and_section_key_is_described() -> None:
    """The keys the loader allows, as its own error message lists them."""
    problems = _problems(
        """\
        id: probe
        title: Probe
        zzz: 1
        sections:
          - id: s
            title: S
            zzz: 1
            questions:
              - {id: q, type: confirm, prompt: Q}
        """
    )
    top = next(p for p in problems if "in the bank" in p)
    section = next(p for p in problems if "in section 's'" in p)
    doc = read(LANGUAGE)
    top_table = ticked(part(doc, "## The top level"))
    section_table = ticked(part(doc, "## Sections"))
    assert [k for k in _allowed(top) if k not in top_table] == []
    assert [k for k in _allowed(section) if k not in section_table] == []


def test_every_common_key_is_described() -> None:
    keys = (*bank_module._COMMON_KEYS, *bank_module._QUESTION_ONLY_KEYS)
    spans = ticked(part(read(LANGUAGE), "## Questions and fields"))
    assert [k for k in keys if k not in spans] == []


def test_every_condition_is_described() -> None:
    problems = _problems(
        """\
        id: probe
        title: Probe
        sections:
          - id: s
            title: S
            questions:
              - {id: a, type: confirm, prompt: A}
              - {id: b, type: confirm, prompt: B, when: {question: a}}
        """
    )
    ops = re.search(r"needs exactly one of: (.*)$", problems[0])
    assert ops is not None, problems
    section = part(read(LANGUAGE), "## Conditions: `when`")
    for op in [*ops.group(1).split(", "), "all", "any", "not"]:
        assert re.search(rf"`\{{(question: ID, )?{op}: ", section), op


# -- links and the repository's edges -------------------------------------------


def tracked_files() -> list[Path]:
    git = shutil.which("git")
    if git is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    out = subprocess.run(
        [git, "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True, timeout=60
    ).stdout
    return [ROOT / name for name in out.decode().split("\0") if name]


# Written in pieces so that this file does not name what it looks for.
OUTSIDE = ("../" + "shared", "shared" + "/spec", "style" + ".md")


def test_no_tracked_file_points_outside_the_repository() -> None:
    found = []
    for path in tracked_files():
        if not path.is_file():
            continue
        data = path.read_bytes()
        found += [(path.relative_to(ROOT).as_posix(), s) for s in OUTSIDE if s.encode() in data]
    assert found == []


def _anchors(text: str) -> set[str]:
    """Heading ids as GitHub and pandoc make them for these pages' headings."""
    out = set()
    for heading in re.findall(r"^#+ (.+)$", text, re.MULTILINE):
        slug = re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-")
        out.add(slug)
    return out


def _links(text: str) -> list[str]:
    return re.findall(r"\]\(([^)\s]+)\)", text)


@pytest.mark.parametrize("page", ["README.md", "docs/bank-language.md", "docs/default-bank.md"])
def test_links_stay_inside_the_repository_and_resolve(page: str) -> None:
    path = ROOT / page
    text = read(path)
    for link in _links(text):
        if re.match(r"[a-z]+:", link):
            continue  # a web address
        target, _, anchor = link.partition("#")
        file = (path.parent / target).resolve() if target else path
        assert file.is_relative_to(ROOT.resolve()), f"{page}: {link} leaves the repository"
        assert file.is_file(), f"{page}: {link} does not exist"
        if anchor:
            assert anchor in _anchors(read(file)), f"{page}: {link}: no such heading"


def test_the_readme_links_to_both_pages() -> None:
    links = _links(read(ROOT / "README.md"))
    assert "docs/bank-language.md" in links
    assert "docs/default-bank.md" in links


def test_the_readme_bank_example_passes_the_check() -> None:
    block = fenced_yaml(part(read(ROOT / "README.md"), "## Question banks"))[0]
    bank = parse_bank(block.encode(), Path("my-bank.yaml"))
    assert bank.file_name and bank.record_title


def test_the_sdist_ships_the_docs() -> None:
    tomllib: Any = pytest.importorskip("tomllib")
    config = tomllib.loads(read(ROOT / "pyproject.toml"))
    assert "docs" in config["tool"]["hatch"]["build"]["targets"]["sdist"]["include"]


def test_the_answers_module_names_a_page_that_exists() -> None:
    """answers.py says its shapes are those of docs/default-bank.md."""
    import scopewiz.answers

    assert "docs/default-bank.md" in (scopewiz.answers.__doc__ or "")
    assert DEFAULT.is_file()
