"""Markdown building blocks that keep user text inert: escapes, paragraphs, cells, tables.

The record must read well raw, printed, on GitHub and through pandoc, and
nothing a person typed may change its structure: every answer goes through
one of these so that it stays inside its paragraph, list item or cell. The
readers that must see plain text are CommonMark, GFM and pandoc's own
``markdown`` and ``commonmark_x``; each escape below names what it stops.
A character is escaped only where one of them would read it as syntax, so
ordinary words, dates and e-mail addresses are written as they are.
"""

from __future__ import annotations

import re

NOT_ANSWERED = "_Not yet answered_"
NONE_GIVEN = "_None given_"

# Inline syntax, anywhere in a line: a backslash, code, emphasis, links and
# notes, pipes (tables, line blocks), strikeout and subscript, superscript,
# math, and ``{`` (commonmark_x attaches ``{...}`` attributes to any text,
# pandoc to spans and headings).
_INLINE = re.compile(
    r"[\\`*_\[\]|~^${]"
    # A citation: an @ that does not follow a letter or digit (not an e-mail address).
    r"|(?<![^\W_])@"
    # An emoji shortcode (GFM, commonmark_x): the colon that opens ":name:".
    # A name without a letter is none but 100, 1234, +1 and -1, so a time
    # like 11:30:00+00:00 stays as it is.
    r"|:(?=(?:[\w+-]*[A-Za-z][\w+-]*|100|1234|[+-]1):)"
    # The last # of a line: an ATX heading's closing run, which pandoc strips even in "C#".
    r"|#(?=\s*$)"
)
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Line starts that would open a block, matched on the inline-escaped line; a
# backslash goes in front: ATX headings, bullets, and lines of rule characters
# only (thematic breaks, setext underlines, simple, multiline and grid table
# rules, YAML blocks), ":" (definition lists, fenced divs, table captions) and
# "%" (pandoc's title block).
_BLOCK_START = re.compile(r"#+(?=\s|$)|[-+](?=\s|$)|[-=+:\s]+$|:|%")
# List markers (pandoc's fancy and example lists, commonmark_x), escaped at
# their delimiter: a number of any length, "#", a letter or a roman numeral,
# then "." or ")", or enclosed in "(...)". One capital and a period ("J. Smith")
# is an initial, not a list, unless two spaces, a tab or the line's end follow.
# The example marker "(@)" has its @ escaped already. "Table:" next to a table
# is pandoc's caption for it.
_NUMBER = r"(?:\d+|#|[A-Za-z]|[ivxlcdm]+|[IVXLCDM]+)"
_LIST_MARKER = re.compile(
    rf"\({_NUMBER}(?=\)(?:\s|$))"
    rf"|(?![A-Z]\.){_NUMBER}(?=[.)](?:\s|$))"
    r"|[A-Z](?=\.(?:\s\s|\t|$))"
    r"|[Tt]able(?=:)"
)
# A task box at an item's start: pandoc's markdown makes "[x] " or "[ ] " a box
# even with its brackets escaped, but not once the space after it is an entity.
_TASK_BOX = re.compile(r"\\\[[ xX]\\\]\s")
# The characters str.splitlines() breaks a line at: a line feed, U+2028 or
# U+2029 left inside a one-line text would start a new block (a heading, a
# list, a table row) where a reader breaks on it, so each becomes a space; the
# control ones (carriage return, vertical tab, form feed, the file, group and
# record separators, NEL) become U+FFFD, as the record shows every other
# control character (render._printable).
_LINE_BREAK = re.compile("[\n\u2028\u2029]")
_CONTROL_BREAK = re.compile("[\r\x0b\x0c\x1c-\x1e\x85]")


def escape_inline(text: str) -> str:
    """Escape one line of user text so that it renders as itself, inline.

    A line break in it becomes a space: text that is one line (a title, a
    heading, a file name) stays one line. Multi-line answers are split into
    lines by :func:`paragraphs` and :func:`cell` before they get here.
    """
    text = _CONTROL_BREAK.sub("\ufffd", _LINE_BREAK.sub(" ", text))
    text = _INLINE.sub(r"\\\g<0>", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_line(text: str) -> str:
    """Escape a line that starts a block (paragraph or list item)."""
    line = escape_inline(text.strip())
    marker = _LIST_MARKER.match(line)
    if marker:
        # "3. Something", "(iv) Something" or "A) Something" would become a list item.
        return line[: marker.end()] + "\\" + line[marker.end() :]
    if _BLOCK_START.match(line):
        return "\\" + line
    box = _TASK_BOX.match(line)
    if box:
        return line[: box.end() - 1] + "&#32;" + line[box.end() :]
    return line


def paragraphs(text: str) -> str:
    """Long text as Markdown paragraphs: blank lines part paragraphs, line breaks are kept."""
    blocks: list[str] = []
    for block in re.split(r"\n\s*\n", text.strip()):
        lines = [escape_line(line) for line in block.split("\n") if line.strip()]
        if lines:
            blocks.append("\\\n".join(lines))
    return "\n\n".join(blocks)


def cell(text: str) -> str:
    """Text inside a table cell: one line, pipes escaped, line breaks as ``<br>``."""
    lines = [escape_inline(line.strip()) for line in text.strip().split("\n") if line.strip()]
    return "<br>".join(lines)


def table(headings: list[str], rows: list[list[str]]) -> str:
    """A pipe table (GitHub and pandoc both read it)."""
    out = ["| " + " | ".join(headings) + " |", "|" + "|".join("---" for _ in headings) + "|"]
    for row in rows:
        out.append("| " + " | ".join(c if c else " " for c in row) + " |")
    return "\n".join(out)


def bullets(lines: list[str], marker: str = "- ") -> str:
    """Items as a Markdown list, each escaped as a line of its own (spaces tidied)."""
    return "\n".join(marker + escape_line(" ".join(line.split())) for line in lines)
