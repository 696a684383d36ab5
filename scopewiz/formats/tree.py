"""The Markdown record read as a tree, the one reading the Word and HTML records share.

The record is CommonMark with GFM tables. Its own line breaks inside table
cells are ``<br>``; every answer's ``<`` is escaped, so no other HTML can be
in it. Even so, any HTML the reader finds other than ``<br>`` is kept as the
text it is, never as markup.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

#: A task box at an item's start, as the record writes documentation to bring.
TASK = "[ ] "
BOX = "☐ "


def parser() -> Any:
    """The markdown-it parser for the record: CommonMark, tables, HTML read (to be checked)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": True}).enable("table")


def is_break(token: Any) -> bool:
    """Whether an inline token is a line break: the record's ``<br>``, or a hard break."""
    if token.type == "hardbreak":
        return True
    return token.type == "html_inline" and token.content.strip().lower() in (
        "<br>",
        "<br/>",
        "<br />",
    )


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph or cell: text with its emphasis, or a line break."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    line_break: bool = False


def runs(inline: Any) -> list[Run]:
    """The runs of an inline token: text, bold and italic, code and line breaks, in order."""
    out: list[Run] = []
    bold = italic = 0
    for child in inline.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold -= 1
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic -= 1
        elif is_break(child):
            out.append(Run("", line_break=True))
        elif kind == "softbreak":
            out.append(Run(" ", bold > 0, italic > 0))
        elif kind == "code_inline":
            out.append(Run(child.content, bold > 0, italic > 0, code=True))
        elif child.content:
            # text, and HTML other than <br> (kept as its text), link text and the like
            out.append(Run(child.content, bold > 0, italic > 0))
    return out


def plain(inline: Any) -> str:
    """An inline token's text alone, breaks as spaces (a title, a heading)."""
    return " ".join("".join(" " if r.line_break else r.text for r in runs(inline)).split())


def mark_tasks(tokens: list[Any], markdown: str) -> None:
    """The record's own task boxes, ``- [ ] Paper`` (documentation to bring), become ☐.

    Only where the Markdown line itself opens the box: an answer's ``[ ]`` is
    escaped there (``\\[ \\]&#32;``) and reads as the same text once parsed,
    so the line, not the text, tells them apart. The list gets ``class="tasks"``.
    """
    lines = markdown.split("\n")
    lists: list[Any] = []
    for token in tokens:
        if token.type.endswith("_list_open"):
            lists.append(token)
        elif token.type.endswith("_list_close"):
            lists.pop()
        elif token.type == "inline" and lists and token.level == lists[-1].level + 3:
            first = token.children[0] if token.children else None
            line = lines[token.map[0]].lstrip() if token.map else ""
            if (
                first is not None
                and first.type == "text"
                and first.content.startswith(TASK)
                and line[2:].startswith(TASK)
            ):
                first.content = BOX + first.content[len(TASK) :]
                lists[-1].attrSet("class", "tasks")
