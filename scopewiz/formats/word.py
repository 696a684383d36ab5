"""The record as a Word document (python-docx), in Word's own styles so a reader can restyle it.

The Markdown record, read as a tree (:mod:`.tree`), becomes: its title in
*Title*, the bank's name in *Subtitle*, each section in *Heading 1* and each
question in *Heading 2* (so Word's navigation pane lists both), answers in
*Normal*, *List Bullet* and *List Number*, documentation as ☐ boxes, and
each table in *Table Grid* with a shaded header row that repeats on every
page, rows kept whole, line breaks kept inside cells. A4 portrait; the footer
names the session file and when it was saved, and numbers the pages; the
document's properties hold the title, subject and author.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from . import Export
from .tree import BOX, Run, mark_tasks, parser, plain, runs

#: Characters XML 1.0 cannot hold (C0 controls bar tab, line feed and return;
#: lone surrogates; U+FFFE and U+FFFF): shown as U+FFFD, so no answer can make
#: a document Word refuses to open.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
A4 = (Cm(21.0), Cm(29.7))
MARGIN = Cm(2.0)
HEADER_FILL = "E8EEF7"


def _xml_safe(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _add_runs(paragraph: Any, pieces: list[Run]) -> None:
    for piece in pieces:
        if piece.line_break:
            paragraph.add_run().add_break()
            continue
        run = paragraph.add_run(_xml_safe(piece.text))
        run.bold = piece.bold or None
        run.italic = piece.italic or None
        if piece.code:
            run.font.name = "Consolas"


def _field(paragraph: Any, instruction: str, size: Any) -> None:
    """A Word field (PAGE, NUMPAGES) in ``paragraph``: Word fills it in as it lays out pages."""
    run = paragraph.add_run()
    run.font.size = size
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = instruction
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(begin)
    run._r.append(text)
    run._r.append(end)


def _repeat_header(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _keep_whole(row: Any) -> None:
    properties = row._tr.get_or_add_trPr()
    whole = OxmlElement("w:cantSplit")
    whole.set(qn("w:val"), "true")
    properties.append(whole)


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _widths(rows: list[list[list[Run]]], total: int) -> list[int]:
    """Column widths that share the text width by how much each column holds.

    Every column gets at least a share, so a column of short words stays
    readable beside one of long answers; the layout is fixed, so a very long
    word is broken at the cell's edge instead of widening the table off the page.
    """
    columns = max(len(r) for r in rows)
    weights = []
    for c in range(columns):
        texts = [" ".join(p.text for p in row[c]) for row in rows if c < len(row)]
        longest = max((len(t) for t in texts), default=0)
        word = max((len(w) for t in texts for w in t.split()), default=0)
        # A word that cannot wrap (an e-mail address) needs its width; long text shares.
        weights.append(max(6.0, min(30.0, 1.3 * word), min(40.0, float(longest))))
    share = sum(weights)
    return [int(total * w / share) for w in weights]


def _table(document: Any, rows: list[list[list[Run]]]) -> None:
    columns = max(len(r) for r in rows)
    table = document.add_table(rows=0, cols=columns)
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.LEFT
    table.autofit = False
    width = A4[0] - 2 * MARGIN
    widths = _widths(rows, width)
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for r, cells in enumerate(rows):
        row = table.add_row()
        _keep_whole(row)
        if r == 0:
            _repeat_header(row)
        for c in range(columns):
            cell = row.cells[c]
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            pieces = cells[c] if c < len(cells) else []
            if r == 0:
                pieces = [Run(p.text, bold=True, line_break=p.line_break) for p in pieces]
                _shade(cell, HEADER_FILL)
            _add_runs(paragraph, pieces)
    document.add_paragraph()


def _page(document: Any, facts: Export) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = A4
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, MARGIN)
    footer = section.footer.paragraphs[0]
    where = facts.source + (f", last saved {facts.saved}" if facts.saved else "")
    run = footer.add_run(_xml_safe(f"{where} · Page "))
    run.font.size = Pt(8)
    _field(footer, "PAGE", Pt(8))
    footer.add_run(" of ").font.size = Pt(8)
    _field(footer, "NUMPAGES", Pt(8))
    properties = document.core_properties
    properties.title = _xml_safe(facts.title)[:255]
    properties.subject = _xml_safe(facts.subject)[:255]
    properties.author = _xml_safe(facts.author)[:255]
    properties.comments = _mark(facts.source)


def _styles(document: Any) -> None:
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    normal.font.size = Pt(10.5)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 11)):
        style = document.styles[name]
        style.font.name = "Arial"
        style.font.size = Pt(size)
    document.styles["Heading 1"].font.color.rgb = RGBColor(0x1D, 0x4F, 0x91)
    document.styles["Heading 2"].font.color.rgb = RGBColor(0x11, 0x11, 0x11)


def _mark(source: str) -> str:
    return _xml_safe(f"Recorded with scopewiz from {source}")[:255]


def is_word_record_of(data: bytes, source: str) -> bool:
    """Whether ``data`` is a Word record scopewiz wrote from the session file ``source``."""
    from xml.sax.saxutils import escape

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            core = archive.read("docProps/core.xml").decode("utf-8", "replace")
    except (zipfile.BadZipFile, KeyError, OSError, EOFError):
        return False
    return f"<dc:description>{escape(_mark(source))}</dc:description>" in core


def to_docx(markdown: str, facts: Export) -> bytes:
    """The Word document of the Markdown record ``markdown``."""
    document = Document()
    _styles(document)
    _page(document, facts)
    tokens = parser().parse(markdown)
    mark_tasks(tokens, markdown)
    lists: list[str] = []  # "List Bullet" or "List Number", innermost last
    table: list[list[list[Run]]] | None = None
    heading: int | None = None
    after_title = False
    for token in tokens:
        kind = token.type
        if kind == "heading_open":
            heading = int(token.tag[1])
        elif kind == "heading_close":
            heading = None
        elif kind in ("bullet_list_open", "ordered_list_open"):
            lists.append("List Bullet" if kind == "bullet_list_open" else "List Number")
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "table_open":
            table = []
        elif kind == "tr_open" and table is not None:
            table.append([])
        elif kind == "table_close" and table is not None:
            if table:
                _table(document, table)
            table = None
        elif kind == "inline" and table is not None:
            table[-1].append(runs(token))
        elif kind == "inline" and heading is not None:
            style = "Title" if heading == 1 else f"Heading {min(heading - 1, 9)}"
            document.add_paragraph(_xml_safe(plain(token)), style=style)
            after_title = heading == 1
        elif kind == "inline":
            pieces = runs(token)
            texts = [p for p in pieces if not p.line_break and p.text.strip()]
            if lists:
                boxed = bool(pieces) and pieces[0].text.startswith(BOX)
                style = "List Paragraph" if boxed else lists[-1]
                _add_runs(document.add_paragraph(style=style), pieces)
            elif after_title and texts and all(p.italic for p in texts):
                document.add_paragraph(_xml_safe(plain(token)), style="Subtitle")
            elif texts and all(p.bold for p in texts) and not plain(token).endswith(":"):
                # A question's wording: a heading under its section in the navigation pane.
                # (A bold label ending in a colon, the summary's over a list, stays a line.)
                document.add_paragraph(_xml_safe(plain(token)), style="Heading 2")
            else:
                _add_runs(document.add_paragraph(), pieces)
            after_title = False
        elif kind == "html_block":
            document.add_paragraph(_xml_safe(token.content.strip()))
        elif kind == "code_block" or kind == "fence":
            document.add_paragraph(_xml_safe(token.content.rstrip("\n")))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
