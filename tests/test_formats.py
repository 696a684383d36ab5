"""The record in Word, HTML and calendar form (issue 13), read back as their readers would.

Word files are opened with python-docx, HTML pages parsed with the standard
library's HTML parser, calendars read with icalendar; the answers they must
hold are taken from the golden session file itself, not from the Markdown
they are made from.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import docx
import pexpect
import pytest
import yaml
from icalendar import Calendar

from scopewiz.bank import load_bank
from scopewiz.formats import FormatError, export, format_for
from scopewiz.qtypes.date import format_date
from scopewiz.session import load_session

from .test_cli import GOLDEN_RECORD, scopewiz
from .test_cli import GOLDEN_SESSION as GOLDEN


def golden_export(fmt: str, session_path: Path = GOLDEN) -> bytes:
    bank, session, _ = load_session(session_path)
    return export(
        fmt,
        bank,
        session.state,
        source=session_path.name,
        saved=session.updated,
        created=session.created,
    )


def answer_lines(value: Any) -> list[str]:
    """Every line of every answer in ``value`` as a reader would see it written."""
    if isinstance(value, bool):
        return ["Yes" if value else "No"]
    if isinstance(value, dt.date):
        return [format_date(value)]
    if isinstance(value, str):
        return [line.strip() for line in value.split("\n") if line.strip()]
    if isinstance(value, list):
        return [line for item in value for line in answer_lines(item)]
    if isinstance(value, dict):
        return [line for item in value.values() for line in answer_lines(item)]
    return []


def golden_answers() -> dict[str, Any]:
    return yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))["answers"]


def word_text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


# -- choosing the format ---------------------------------------------------------------


def test_the_format_comes_from_the_flag_then_the_suffix_then_markdown() -> None:
    assert format_for(None, None) == "md"
    assert format_for(None, Path("brief.docx")) == "docx"
    assert format_for(None, Path("brief.HTML")) == "html"
    assert format_for(None, Path("dates.ics")) == "ics"
    assert format_for("docx", None) == "docx"
    assert format_for("ics", Path("dates.ics")) == "ics"
    with pytest.raises(FormatError, match="Unknown format 'pdf': use one of md, docx, html, ics"):
        format_for("pdf", None)
    with pytest.raises(FormatError, match="name the file brief.docx, or leave out --format"):
        format_for("docx", Path("brief.md"))


def test_markdown_is_unchanged() -> None:
    assert golden_export("md").decode() == GOLDEN_RECORD.read_text(encoding="utf-8")


# -- Word ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def golden_word() -> Any:
    return docx.Document(io.BytesIO(golden_export("docx")))


def test_word_holds_every_answer_line_of_the_golden_session(golden_word: Any) -> None:
    text = word_text(golden_word)
    answers = golden_answers()
    missing = [line for line in answer_lines(answers) if line not in text]
    # Choice values are shown as they are; a council with its code and region.
    assert missing == []
    assert "Leeds (E08000035, Yorkshire and The Humber)" in text


def test_word_uses_word_styles_for_the_title_sections_and_questions(golden_word: Any) -> None:
    bank = load_bank()
    styles = [(p.style.name, p.text) for p in golden_word.paragraphs]
    assert styles[0][0] == "Title"
    assert styles[0][1].startswith("Peer challenge scoping record: Leeds")
    assert styles[1] == ("Subtitle", bank.title)
    heading_1 = [text for style, text in styles if style == "Heading 1"]
    assert heading_1 == [bank.summary_title, *(s.title for s in bank.sections), "Timeline"]
    heading_2 = [text for style, text in styles if style == "Heading 2"]
    assert "Which local authority is hosting the peer challenge?" in heading_2
    # Each question's wording, and nothing else (the summary's labels are bold lines).
    assert len(heading_2) == len(bank.questions)


def test_word_tables_match_the_record_with_header_rows_that_repeat(golden_word: Any) -> None:
    record = GOLDEN_RECORD.read_text(encoding="utf-8")
    assert len(golden_word.tables) == record.count("\n|---")
    for table in golden_word.tables:
        first = table.rows[0]._tr
        assert (
            first.trPr is not None and first.trPr.find(docx.oxml.ns.qn("w:tblHeader")) is not None
        )
        assert all(run.bold for cell in table.rows[0].cells for run in cell.paragraphs[0].runs)
    focus = next(t for t in golden_word.tables if t.rows[0].cells[0].text == "Area")
    assert [c.text for c in focus.rows[0].cells] == ["Area", "Proposed by", "Pros", "Cons"]
    preferred = focus.rows[1].cells[0].paragraphs[0].runs
    assert [(r.text, bool(r.bold)) for r in preferred] == [
        ("Early help", True),
        (" (preferred)", False),
    ]
    # The line break inside the pros cell is kept, not lost as in pandoc's Word output.
    assert (
        focus.rows[1].cells[2].text == "Strong partnership appetite.\nNew locality model to test."
    )


def test_word_documentation_is_a_list_of_boxes(golden_word: Any) -> None:
    boxes = [p.text for p in golden_word.paragraphs if p.text.startswith("☐ ")]
    assert boxes == ["☐ Self-evaluation", "☐ Structure charts", "☐ Early help strategy 2024"]


def test_word_page_footer_and_properties(golden_word: Any) -> None:
    section = golden_word.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert section.page_width < section.page_height  # portrait
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith(f"{GOLDEN.name}, last saved 2026-12-01T11:30:00+00:00 · Page ")
    instructions = [t.text for t in footer._p.iter(docx.oxml.ns.qn("w:instrText"))]
    assert instructions == ["PAGE", "NUMPAGES"]
    properties = golden_word.core_properties
    assert properties.title.startswith("Peer challenge scoping record: Leeds")
    assert properties.author == golden_answers()["facilitator"]
    assert properties.subject == load_bank().title


HOSTILE = {
    "host_authority": "Leeds",
    "vision": "# Not a heading\n<script>alert(1)</script> **not bold** [link](http://x.test)",
    "culture": "Bell \x07 and escape \x1b[2J and NUL-free",
    "strategy": "A" * 5000,  # one very long word
}


def hostile_session(tmp_path: Path, items: int = 1000) -> Path:
    doc = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    doc["answers"].update(HOSTILE)
    doc["answers"]["interviewees"] = [
        {"who": f"Person {n} | <b>{n}</b>", "why": f"Reason {n}\nsecond line"} for n in range(items)
    ]
    path = tmp_path / "hostile.scopewiz.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    return path


def test_a_hostile_session_still_makes_a_word_file_that_opens(tmp_path: Path) -> None:
    data = golden_export("docx", hostile_session(tmp_path))
    document = docx.Document(io.BytesIO(data))
    text = word_text(document)
    assert "<script>alert(1)</script> **not bold** [link](http://x.test)" in text
    assert "# Not a heading" in text
    assert "Bell \ufffd and escape \ufffd[2J" in text  # control characters shown, not kept
    assert "A" * 5000 in text
    people = next(t for t in document.tables if t.rows[0].cells[0].text == "Who")
    assert len(people.rows) == 1001
    assert people.rows[1000].cells[0].text == "Person 999 | <b>999</b>"


# -- HTML ------------------------------------------------------------------------------


class Elements(HTMLParser):
    """Every start tag of a page, with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(data: bytes) -> Elements:
    page = Elements()
    page.feed(data.decode("utf-8"))
    return page


def test_html_is_one_self_contained_page_for_screen_readers_and_print() -> None:
    data = golden_export("html")
    page = parse_html(data)
    html = data.decode()
    assert html.startswith('<!DOCTYPE html>\n<html lang="en-GB">')
    tags = [t for t, _ in page.tags]
    assert (
        "script" not in tags and "link" not in tags and "img" not in tags and "iframe" not in tags
    )
    assert all("src" not in attrs and "href" not in attrs for _, attrs in page.tags)
    assert all(attrs.get("scope") == "col" for t, attrs in page.tags if t == "th")
    assert tags.count("th") > 0 and "thead" in tags
    assert "@page { size: A4 portrait" in html and "break-inside: avoid" in html
    text = "".join(page.text)
    for line in answer_lines(golden_answers()):
        assert line in text, line
    assert "☐ Self-evaluation" in text


def test_html_escapes_every_answer(tmp_path: Path) -> None:
    page = parse_html(golden_export("html", hostile_session(tmp_path, items=3)))
    tags = [t for t, _ in page.tags]
    assert "script" not in tags and "a" not in tags and "img" not in tags
    assert tags.count("b") == 0  # <b> in an answer is text
    text = "".join(page.text)
    assert "<script>alert(1)</script> **not bold** [link](http://x.test)" in text
    assert "Person 2 | <b>2</b>" in text


# -- the calendar ----------------------------------------------------------------------


def events(data: bytes) -> list[Any]:
    return list(Calendar.from_ical(data).walk("VEVENT"))


def test_the_calendar_has_one_all_day_event_per_known_date() -> None:
    found = events(golden_export("ics"))
    assert [str(e["summary"]).split(":")[0] for e in found] == [
        "Peer team identified by",
        "Papers to the peer team",
        "Briefing call",
        "Visit",
        "Feedback presentation",
    ]
    assert all(
        str(e["summary"]).endswith(": Leeds children's services peer challenge") for e in found
    )
    visit = found[3]
    assert visit.decoded("dtstart") == dt.date(2027, 3, 9)
    assert visit.decoded("dtend") == dt.date(2027, 3, 12)  # the day after the last day
    assert "“Preferred visit dates” (first preference)" in str(visit["description"])
    assert all(isinstance(e.decoded("dtstart"), dt.date) for e in found)
    assert not any(isinstance(e.decoded("dtstart"), dt.datetime) for e in found)


def test_the_calendar_s_uids_are_stable_so_a_new_import_updates(tmp_path: Path) -> None:
    before = {str(e["summary"]).split(":")[0]: str(e["uid"]) for e in events(golden_export("ics"))}
    doc = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    doc["answers"]["visit_dates"][0] = {"start": dt.date(2027, 3, 16), "end": dt.date(2027, 3, 18)}
    moved = tmp_path / GOLDEN.name
    moved.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    after_events = events(golden_export("ics", moved))
    after = {str(e["summary"]).split(":")[0]: str(e["uid"]) for e in after_events}
    assert after == before
    assert len(set(after.values())) == 5
    assert after_events[3].decoded("dtstart") == dt.date(2027, 3, 16)
    # Another session (begun at another time) has other UIDs.
    doc["created"] = "2026-12-02T10:00:00+00:00"
    moved.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    other = {str(e["uid"]) for e in events(golden_export("ics", moved))}
    assert other.isdisjoint(before.values())


def test_no_event_for_a_date_to_be_agreed(tmp_path: Path) -> None:
    doc = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    doc["answers"]["visit_dates"] = [{"start": dt.date(2027, 3, 9), "end": None}]
    path = tmp_path / "open.scopewiz.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    names = [str(e["summary"]).split(":")[0] for e in events(golden_export("ics", path))]
    assert "Feedback presentation" not in names
    assert "Visit" in names


# -- the command -----------------------------------------------------------------------


def test_render_o_picks_the_format_from_the_suffix(tmp_path: Path) -> None:
    for name in ("brief.docx", "brief.html", "dates.ics"):
        result = scopewiz("render", str(GOLDEN), "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
        assert result.stderr.endswith(f"Wrote {tmp_path / name}\n")
    docx.Document(str(tmp_path / "brief.docx"))
    assert (tmp_path / "brief.html").read_text().startswith("<!DOCTYPE html>")
    assert len(events((tmp_path / "dates.ics").read_bytes())) == 5
    # Its own record is replaced; another file of the name is not.
    again = scopewiz("render", str(GOLDEN), "-o", str(tmp_path / "brief.docx"))
    assert again.returncode == 0, again.stderr
    (tmp_path / "mine.docx").write_bytes(b"PK not ours")
    refused = scopewiz("render", str(GOLDEN), "-o", str(tmp_path / "mine.docx"))
    assert refused.returncode == 1
    assert "already exists and is not this session's record" in refused.stderr
    assert (tmp_path / "mine.docx").read_bytes() == b"PK not ours"


def test_render_format_to_stdout_and_a_mismatch(tmp_path: Path) -> None:
    ics = scopewiz("render", str(GOLDEN), "--format", "ics")
    assert ics.returncode == 0 and ics.stdout.startswith("BEGIN:VCALENDAR")
    wrong = scopewiz("render", str(GOLDEN), "--format", "docx", "-o", str(tmp_path / "x.md"))
    assert wrong.returncode == 2
    assert "--format docx does not match the name x.md: name the file x.docx" in wrong.stderr
    assert not (tmp_path / "x.md").exists()


@pytest.mark.timeout(60)
@pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")
def test_word_is_not_written_to_a_terminal() -> None:
    env = dict(os.environ, NO_COLOR="1")
    child = pexpect.spawn(
        sys.executable,
        ["-m", "scopewiz", "render", str(GOLDEN), "--format", "docx"],
        env=env,
        encoding="utf-8",
        timeout=30,
    )
    child.expect_exact("A Word document cannot be shown in a terminal; write it to a file.")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 2
    assert "PK" not in (child.before or "")


# -- --also: the other forms at the end of an interview ---------------------------------


def answers_file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.yaml"
    path.write_text(yaml.safe_dump(golden_answers(), allow_unicode=True), encoding="utf-8")
    return path


def test_new_also_writes_each_form_and_names_every_file(tmp_path: Path) -> None:
    answers_file(tmp_path)
    (tmp_path / "m.docx").write_bytes(b"someone's own Word file")
    result = scopewiz(
        "new",
        "--answers",
        "answers.yaml",
        "--no-input",
        "-o",
        "m.scopewiz.yaml",
        "--also",
        "docx,ics,html",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stderr.splitlines()
    assert "  Record:   m.md" in lines
    assert "  Word:     m.record.docx" in lines  # m.docx is not this session's: left alone
    assert "  Calendar: m.ics" in lines
    assert "  Web page: m.html" in lines
    assert (tmp_path / "m.docx").read_bytes() == b"someone's own Word file"
    docx.Document(str(tmp_path / "m.record.docx"))
    assert len(events((tmp_path / "m.ics").read_bytes())) == 5
    assert (tmp_path / "m.html").read_text().startswith("<!DOCTYPE html>")
    # Again: each is this session's own now, and replaced in place.
    again = scopewiz(
        "edit", "m.scopewiz.yaml", "--plain", "--also", "ics", cwd=tmp_path, stdin="a\n"
    )
    assert "  Calendar: m.ics" in again.stderr.splitlines(), again.stderr


def test_also_a_form_that_is_not_known_is_a_usage_error(tmp_path: Path) -> None:
    answers_file(tmp_path)
    result = scopewiz(
        "new", "--answers", "answers.yaml", "--no-input", "--also", "pdf", cwd=tmp_path
    )
    assert result.returncode == 2
    assert "--also pdf: not a form of the record; use docx, html or ics" in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.yaml"]


# -- read as their readers read them -------------------------------------------------------


@pytest.mark.timeout(300)
@pytest.mark.skipif(
    shutil.which("soffice") is None or shutil.which("pdfinfo") is None,
    reason="LibreOffice and poppler's pdfinfo are not installed",
)
def test_libreoffice_opens_the_word_record_and_lays_it_out_on_a_few_pages(tmp_path: Path) -> None:
    record = tmp_path / "record.docx"
    record.write_bytes(golden_export("docx"))
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(record)],
        check=True,
        capture_output=True,
        timeout=240,
        env=dict(os.environ, HOME=str(tmp_path)),  # a profile of its own
    )
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "record.pdf")], capture_output=True, text=True, check=True
    ).stdout
    pages = int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])
    assert 2 <= pages <= 8, info


def test_html_blocks_follow_the_markdown_record() -> None:
    record = GOLDEN_RECORD.read_text(encoding="utf-8")
    page = parse_html(golden_export("html"))
    tags = [t for t, _ in page.tags]
    lines = record.split("\n")
    assert tags.count("h1") == sum(1 for line in lines if line.startswith("# "))
    assert tags.count("h2") == sum(1 for line in lines if line.startswith("## "))
    assert tags.count("table") == record.count("\n|---")
    assert tags.count("ol") == sum(1 for line in lines if line.startswith("1. "))
    assert tags.count("li") == sum(
        1 for line in lines if line.startswith("- ") or line.split(". ")[0].isdigit()
    )
    assert not [(t, a) for t, attrs in page.tags for a in attrs if a.lower().startswith("on")]


def test_the_calendar_holds_the_golden_timeline_exactly() -> None:
    found = events(golden_export("ics"))
    assert [
        (str(e["summary"]).split(":")[0], e.decoded("dtstart"), e.decoded("dtend")) for e in found
    ] == [
        ("Peer team identified by", dt.date(2026, 12, 15), dt.date(2026, 12, 16)),
        ("Papers to the peer team", dt.date(2027, 2, 16), dt.date(2027, 2, 17)),
        ("Briefing call", dt.date(2027, 3, 2), dt.date(2027, 3, 3)),
        ("Visit", dt.date(2027, 3, 9), dt.date(2027, 3, 12)),
        ("Feedback presentation", dt.date(2027, 3, 11), dt.date(2027, 3, 12)),
    ]
    again = events(golden_export("ics"))
    assert [str(e["uid"]) for e in again] == [str(e["uid"]) for e in found]


def test_no_events_for_a_session_without_visit_dates(tmp_path: Path) -> None:
    doc = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    doc["answers"]["visit_dates"] = []
    path = tmp_path / "none.scopewiz.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    assert events(golden_export("ics", path)) == []


def test_an_answer_that_starts_like_a_box_stays_text(tmp_path: Path) -> None:
    """Only the record's own ``- [ ]`` lines are boxes; an answer's "[ ]" is what was typed."""
    doc = yaml.safe_load(GOLDEN.read_text(encoding="utf-8"))
    doc["answers"]["questioning_approaches"].append("[ ] not a box")
    doc["answers"]["vision"] = "[ ] not a box either"
    path = tmp_path / "boxes.scopewiz.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    word = word_text(docx.Document(io.BytesIO(golden_export("docx", path))))
    html = "".join(parse_html(golden_export("html", path)).text)
    for text in (word, html):
        assert "[ ] not a box" in text and "[ ] not a box either" in text
        assert "☐ not a box" not in text
        assert "☐ Self-evaluation" in text  # the record's own boxes still are
