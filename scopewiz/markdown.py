"""Markdown building blocks that keep user text inert: escapes, paragraphs, cells, tables.

The record must read well raw, printed, on GitHub and through pandoc, and
nothing a person typed may change its structure: every answer goes through
one of these so that it stays inside its paragraph, list item or cell.
"""

from __future__ import annotations

import re

NOT_ANSWERED = "_Not yet answered_"
NONE_GIVEN = "_None given_"

# Characters that mean something inline in CommonMark, GFM or pandoc Markdown.
_INLINE = re.compile(r"([\\`*_\[\]|~^$])")
_ENTITY = re.compile(r"&(?=#?[A-Za-z0-9]+;)")
# Line starts that would open a block: headings, quotes, lists, rules, fences, tables.
_BLOCK_START = re.compile(r"^(#{1,6}(?=\s|$)|[-+*](?=\s|$)|=+\s*$|-+\s*$|\d{1,9}(?=[.)]))")


def escape_inline(text: str) -> str:
    """Escape one line of user text so that it renders as itself, inline."""
    text = _INLINE.sub(r"\\\1", text)
    text = _ENTITY.sub("&amp;", text)
    return text.replace("<", "&lt;").replace(">", "&gt;")


def escape_line(text: str) -> str:
    """Escape a line that starts a block (paragraph or list item)."""
    stripped = text.strip()
    m = _BLOCK_START.match(stripped)
    if m:
        lead = m.group(1)
        if lead[0].isdigit():
            # "3. Something" or "3) Something" would become a list item.
            return escape_inline(lead) + "\\" + escape_inline(stripped[len(lead) :])
        return "\\" + escape_inline(stripped)
    return escape_inline(stripped)


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
