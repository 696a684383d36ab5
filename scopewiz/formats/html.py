"""The record as one self-contained HTML page, to read in a browser and to print.

Inline CSS, no script and nothing fetched from elsewhere; ``lang="en-GB"``;
table headers marked as column headers for screen readers; a print
stylesheet for A4 that keeps a table row on one page where it can. Every
answer is escaped twice over: the Markdown record escapes it, and here any
HTML, link or image the reader still finds is written as text.
"""

from __future__ import annotations

from html import escape
from typing import Any

from . import Export
from .tree import is_break, mark_tasks, parser, plain

STYLE = """
:root { color-scheme: light; }
body { font: 11pt/1.45 "Segoe UI", Arial, Helvetica, sans-serif; color: #111;
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; padding-bottom: .2rem;
  border-bottom: 2px solid #1d4f91; color: #1d4f91; }
p { margin: .4rem 0 .8rem; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; }
th, td { border: 1px solid #999; padding: .3rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
th { background: #e8eef7; }
ul.tasks { list-style: none; padding-left: 1rem; }
hr { border: 0; border-top: 1px solid #999; margin: 2rem 0 .5rem; }
footer, .footer { color: #555; font-size: .9rem; }
@media print {
  @page { size: A4 portrait; margin: 18mm 16mm; }
  body { margin: 0; max-width: none; font-size: 10pt; }
  h2 { break-after: avoid; }
  p:has(+ table), p:has(+ ul), p:has(+ ol) { break-after: avoid; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
}
"""


def _renderer() -> Any:
    md = parser()
    rules = md.renderer.rules

    def html_inline(tokens: list[Any], idx: int, *_: Any) -> str:
        token = tokens[idx]
        return "<br>" if is_break(token) else escape(token.content)

    def html_block(tokens: list[Any], idx: int, *_: Any) -> str:
        return f"<p>{escape(tokens[idx].content)}</p>\n"

    def th_open(*_: Any) -> str:
        return '<th scope="col">'

    def nothing(*_: Any) -> str:
        return ""

    def image(tokens: list[Any], idx: int, *_: Any) -> str:
        return escape(tokens[idx].content)

    rules["html_inline"] = html_inline
    rules["html_block"] = html_block
    rules["th_open"] = th_open
    rules["link_open"] = rules["link_close"] = nothing
    rules["image"] = image
    return md


def body_html(markdown: str, current: str | None = None) -> str:
    """The record's HTML, without the page around it.

    ``current``, a section's title, marks that section's heading as where the
    meeting is (``class="current"``, ``id="current"``): the live page's.
    """
    md = _renderer()
    tokens = md.parse(markdown)
    mark_tasks(tokens, markdown)
    if current is not None:
        for i, token in enumerate(tokens[:-1]):
            if (
                token.type == "heading_open"
                and token.tag == "h2"
                and plain(tokens[i + 1]) == current
            ):
                token.attrSet("class", "current")
                token.attrSet("id", "current")
                break
    rendered: str = md.renderer.render(tokens, md.options, {})
    return rendered


def to_html(markdown: str, facts: Export) -> str:
    """The whole page for the Markdown record ``markdown``."""
    body = body_html(markdown)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="scopewiz from {escape(facts.source)}">\n'
        f'<meta name="author" content="{escape(facts.author)}">\n'
        f'<meta name="description" content="{escape(facts.subject)}">\n'
        f"<title>{escape(facts.title)}</title>\n"
        f"<style>{STYLE}</style>\n</head>\n<body>\n<main>\n{body}</main>\n</body>\n</html>\n"
    )
