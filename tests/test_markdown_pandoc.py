"""The record stays text through pandoc's own Markdown readers (issue 11, finding 8).

CommonMark is not the only reader of the record: pandoc's ``markdown`` and
``commonmark_x`` know attributes, citations, fenced divs, definition lists,
fancy and example lists, captions, title blocks and more, and GFM knows emoji.
Each hostile answer below goes into the title, two paragraphs, two list items
and two table cells of a whole session's record; pandoc reads the record with each reader,
and its syntax tree must be the plain record's tree with only the text of
those places changed, and changed to the answer itself.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from typing import Any

import pytest

from scopewiz.bank import Bank
from scopewiz.markdown import cell, escape_inline, escape_line, paragraphs
from scopewiz.render import render

from .test_render import HOSTILE, complete_session

pytestmark = pytest.mark.timeout(120)

READERS = ["markdown", "commonmark_x", "gfm", "commonmark"]

#: What the plain record has where the hostile one has the answer, and in how many places.
PLAIN = "Plain words"
#: Seven in the sections, and three in the summary the record opens with: the host
#: authority and the lead officer's role beside their labels, a key question in its list.
PLACES = 10

#: The findings of the issue, then each construct of the readers in turn.
ANSWERS = [
    "[span]{.class onclick=alert(1)}",
    "::: {.warning}\nDanger\n:::",
    "Term\n:   definition",
    "(@) example",
    "1234567890. big",
    "@doe99",
    # Attributes (commonmark_x on any text, pandoc on spans, code and headings).
    "word{.class}",
    "{#id .class key=value}",
    "{.warning}\nA block with attributes",
    "`code`{=html}",
    "Heading {#id}",
    # Citations: an @ that does not follow a letter or digit.
    "@doe99 says so",
    "see [@doe, p. 3] and [-@doe]",
    "-@doe and (@doe) and x.@doe and @{braced}",
    "meet @ ten",
    # Emoji shortcodes (gfm, commonmark_x).
    ":smile:",
    "thumbs :+1: :-1: :100: :1234: :8ball:",
    "a:smile:b at 11:30:00+00:00",
    # A line's last # (an ATX heading's closing run).
    "Learn C#",
    "Ends with hashes ##",
    "#",
    "###",
    # Line-start colons: definition lists and fenced divs.
    ": definition",
    ":::",
    "::: warning",
    "First line\n: definition of it",
    "Term\n\n:   definition after a blank line",
    "Term\n~ tilde definition",
    # List markers of any length, letter, roman numeral, # and example.
    "(i) roman",
    "i. roman",
    "iv) roman",
    "mix. roman",
    "II. upper roman",
    "A) letter",
    "(A) letter",
    "a. letter",
    "c. 1900",
    "A.  two spaces",
    "A.",
    "ii.",
    "#. default",
    "#) default",
    "(#) default",
    "(@good) example",
    "@. example",
    "@) example",
    "12345678901) bigger",
    "(1999) a year",
    "2) paren",
    "1.",
    "+ plus",
    "-",
    "first\n3. second",
    "first\n- second",
    # Table captions.
    "Table: a caption",
    "table: a caption",
    ": a caption",
    # Horizontal rules.
    "***",
    "___",
    "- - -",
    "* * *",
    "_ _ _",
    "-----",
    # Task boxes.
    "[x] done",
    "[ ] open",
    "[X] Done",
    # A title block (at the document's start) and YAML metadata.
    "% Title\n% Author\n% Date",
    "%",
    "---\ntitle: taken\n---",
    # Tables of every kind.
    "a | b\n--|--\nc | d",
    "+---+---+\n| a | b |\n+---+---+",
    "a    b\n---  ---\nc    d",
    "----------\na    b\n---  ---\nc    d\n----------",
    "|",
    # Raw HTML and TeX.
    "<span>x</span>",
    "<div>block</div>",
    "a < b > c",
    "\\begin{itemize}\n\\item x\n\\end{itemize}",
    "\\newcommand{\\x}{y} \\x",
    # Math.
    "$$display$$",
    "costs $5 and $6",
    "\\(x\\) and \\[y\\]",
    # Superscript, subscript, strikeout.
    "x^2^ and H~2~O",
    "~~struck~~",
    # Notes.
    "[^1]",
    "[^1]: a note",
    "^[an inline note]",
    # Line blocks.
    "| a line block\n| its second line",
    # Fenced code.
    "~~~\nnot a fence\n~~~",
    "```python\ncode\n```",
    # Indented code.
    "\tTabbed",
    "first\n    indented",
    # Headings.
    "###### six",
    "####### seven",
    "# Heading #",
    # Setext underlines.
    "Title\n=====",
    "Title\n-----",
    "=",
    # Block quotes.
    ">> nested",
    "first\n> quoted",
    # Entities.
    "&amp; &copy; &#169; &#xA9; &nbsp;",
    # Hard line breaks.
    "two spaces at the end  \nnext",
    "a backslash\\\nnext",
    "back\\ slash space",
    # Smart punctuation stays text.
    "\"quoted\" and 'single' -- dash --- and ... dots",
    # Links, but not bare URLs (see test_gfm_links_bare_addresses).
    "[a link](page.html) ![img](x.png)",
    "[ref]: page.html",
    "[ref]",
    *(text for text in HOSTILE if "http://" not in text),
]


def pandoc_json(markdown: str, reader: str) -> dict[str, Any]:
    """pandoc's syntax tree of ``markdown`` as read by ``reader``."""
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not on PATH")
    done = subprocess.run(
        ["pandoc", "-f", reader, "-t", "json"],
        input=markdown.encode(),
        capture_output=True,
        timeout=60,
        check=True,
    )
    tree: dict[str, Any] = json.loads(done.stdout)
    return tree


# -- the tree as structure and text -------------------------------------------------


def _text_only(inlines: list[dict[str, Any]]) -> bool:
    return all(i["t"] in ("Str", "Space", "SoftBreak", "LineBreak", "Quoted") for i in inlines)


def _merged(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Consecutive paragraphs of text as one: a blank line in a long answer rightly parts them."""
    out: list[dict[str, Any]] = []
    for block in blocks:
        previous = out[-1] if out else {"t": None}
        if block["t"] == previous["t"] == "Para" and _text_only(block["c"] + previous["c"]):
            out[-1] = {"t": "Para", "c": [*previous["c"], {"t": "Space"}, *block["c"]]}
        else:
            out.append(block)
    return out


def outline(tree: dict[str, Any]) -> list[str]:
    """The tree as tokens: ``<Kind`` and ``>`` around each element, a scalar as itself, and
    each run of plain text as one ``text:...`` token.

    Plain text is Str, Space, SoftBreak, LineBreak, smart quotes and the ``<br>``
    the record itself writes in a cell; everything else, a Span, a Cite, an Emph
    the record did not write, a list, a definition list, is structure. Column
    widths and heading identifiers are left out: pandoc's ``markdown`` sets the
    one from the longest line, and the other is made from the heading's text.
    """
    out: list[str] = []
    text: list[str] = []

    def flush() -> None:
        if text:
            out.append("text:" + "".join(text))
            text.clear()

    def walk(node: Any) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
            return
        if not isinstance(node, dict):
            flush()
            out.append(repr(node))
            return
        if "t" not in node:  # the metadata: a map of names to values
            flush()
            out.append("<Meta")
            for name in sorted(node):
                out.append(repr(name))
                walk(node[name])
            out.append(">")
            return
        kind, content = node["t"], node.get("c")
        if kind == "Str":
            text.append(content)
        elif kind in ("Space", "SoftBreak"):
            text.append(" ")
        elif kind == "LineBreak" or (kind == "RawInline" and content == ["html", "<br>"]):
            text.append("\n")
        elif kind == "Quoted":
            mark = '"' if content[0]["t"] == "DoubleQuote" else "'"
            text.append(mark)
            walk(content[1])
            text.append(mark)
        elif kind in ("ColWidth", "ColWidthDefault"):
            pass
        elif kind == "Header":  # its identifier is made from its text
            level, (_, classes, pairs), inlines = content
            walk({"t": "Heading", "c": [level, classes, pairs, inlines]})
        else:
            flush()
            out.append("<" + kind)
            walk(content)
            flush()
            out.append(">")

    walk({"t": "Pandoc", "c": [tree["meta"], _merged(tree["blocks"])]})
    flush()
    return out


_TYPOGRAPHY = {"’": "'", "‘": "'", "“": '"', "”": '"', "—": "---", "–": "--", "…": "..."}


def normal(text: str) -> str:
    """Text with whitespace tidied and pandoc's smart punctuation undone.

    Quoted text loses the spaces at its ends in pandoc's tree, so spaces
    beside quote marks do not count.
    """
    for curly, straight in _TYPOGRAPHY.items():
        text = text.replace(curly, straight)
    return re.sub(r"\s*(['\"])\s*", r"\1", " ".join(text.split()))


def hostile_record(bank: Bank, answer: str) -> str:
    """A whole record with ``answer`` in the title, the summary, paragraphs, list items and cells."""
    session = complete_session(bank)
    session.answers["host_authority"] = answer  # the title (a heading), and a paragraph
    session.answers["vision_promotion"] = answer  # long text: paragraphs
    session.answers["key_questions"][1] = answer  # a numbered list
    session.answers["documentation"].append(answer)  # a checklist
    session.answers["focus_areas"][1]["cons"] = answer  # long text in a table cell
    session.answers["host_lead_officer"]["role"] = answer  # text in a table cell
    return render(bank, session.state)


@pytest.fixture(scope="module")
def plain_outlines(bank: Bank) -> dict[str, list[str]]:
    record = hostile_record(bank, PLAIN)
    assert record.count(PLAIN) == PLACES
    return {reader: outline(pandoc_json(record, reader)) for reader in READERS}


def places(tokens: list[str]) -> list[str]:
    """The tokens with each text left out: the structure alone."""
    return ["text" if t.startswith("text:") else t for t in tokens]


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("answer", ANSWERS)
def test_an_answer_stays_text_in_every_reader(
    bank: Bank, plain_outlines: dict[str, list[str]], answer: str, reader: str
) -> None:
    plain = plain_outlines[reader]
    hostile = outline(pandoc_json(hostile_record(bank, answer), reader))
    assert places(hostile) == places(plain), "the answer changed the record's structure"
    changed = 0
    for mine, theirs in zip(hostile, plain, strict=True):
        if theirs.startswith("text:") and PLAIN in theirs:
            expected = theirs[len("text:") :].replace(PLAIN, answer)
            assert normal(mine[len("text:") :]) == normal(expected)
            changed += theirs.count(PLAIN)
        else:
            assert mine == theirs
    assert changed == PLACES


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("answer", ANSWERS)
def test_an_answer_alone_is_one_text_paragraph(answer: str, reader: str) -> None:
    """Alone, at a document's start: a title block or metadata would begin here."""
    tokens = outline(pandoc_json(paragraphs(answer), reader))
    assert places(tokens) == ["<Pandoc", "<Meta", ">", "<Para", "text", ">", ">"], tokens
    assert normal(tokens[4][len("text:") :]) == normal(answer)


def test_gfm_links_bare_addresses() -> None:
    """What is left alone: GFM links a bare web or e-mail address, its own text as the target.

    The golden record's e-mail addresses are links on GitHub too; escaping them
    would put backslashes in every address for no change in what a reader sees.
    """
    tokens = outline(pandoc_json(paragraphs("jo.bloggs@leeds.gov.uk"), "gfm"))
    assert "<Link" in tokens
    assert "text:jo.bloggs@leeds.gov.uk" in tokens


@pytest.mark.parametrize(
    "text",
    [
        "Children's services: 12 weeks, 3-4 days (roughly).",
        "jo.bloggs@leeds.gov.uk",
        "last saved 2026-12-01T11:30:00+00:00",
        "J. Smith and I. Jones",
        "e.g. this, i.e. that",
        "50% of children in 2023-2028.",
        "C# developers and #hashtags",
        "Tuesday 1 December 2026",
        "0113 222 4444",
    ],
)
def test_ordinary_text_gains_no_escapes(text: str) -> None:
    assert escape_line(text) == escape_inline(text) == cell(text) == text


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("(@) example", "(\\@) example"),
        ("1234567890. big", "1234567890\\. big"),
        ("(iv) roman", "(iv\\) roman"),
        ("A.  two spaces", "A\\.  two spaces"),
        ("Term", "Term"),
        (":   definition", "\\:   definition"),
        ("::: {.warning}", "\\::: \\{.warning}"),
        ("Table: caption", "Table\\: caption"),
        ("% Title", "\\% Title"),
        ("--- ---", "\\--- ---"),
        ("[x] done", "\\[x\\]&#32;done"),
        ("Learn C#", "Learn C\\#"),
        ("say :smile: at 11:30", "say \\:smile: at 11:30"),
        ("@doe99 and jo@example.org", "\\@doe99 and jo@example.org"),
    ],
)
def test_escapes_are_one_backslash_where_needed(text: str, written: str) -> None:
    """The record reads well raw: one backslash (or one entity) at the place that needs it."""
    assert escape_line(text) == written
