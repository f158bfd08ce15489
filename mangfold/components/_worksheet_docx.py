"""The blank Word file of a worksheet, written with python-docx at build time.

Landscape A4 (the sheets are wide tables), the tool's name as the title, a
line for the date, each table with its header row repeated on every page,
and ruled lines for the questions. The same layout as the filled-in file
the browser makes (worksheets.js), so both open alike in Word and LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from ..core.site import Render

BLANK_LINE = "_" * 60


def _repeat_header(row: Any) -> None:
    """Word repeats a table's header row on each page when the row says so."""
    props = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    props.append(flag)


def _styles(doc: Any, lang: str) -> None:
    """The same look as the browser's file: Calibri, dark teal headings, a small grey style for notes."""
    normal = doc.styles["Normal"]
    normal.font.name = "Calibri"
    normal.font.size = Pt(10)
    props = normal.element.get_or_add_rPr()
    language = OxmlElement("w:lang")  # the text's language, for Word's spelling and hyphenation
    language.set(qn("w:val"), lang)
    props.append(language)
    for name, size in (("Title", 20), ("Heading 1", 15), ("Heading 2", 13), ("Heading 3", 11)):
        style = doc.styles[name]
        style.font.name = "Calibri"
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0x00, 0x54, 0x5C) if name == "Title" else RGBColor(0x1D, 0x23, 0x27)
    small = doc.styles.add_style("Small", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(8)
    small.font.color.rgb = RGBColor(0x4A, 0x57, 0x5A)


def write_blank(sheet: dict[str, Any], r: Render, out: Path, today: dt.date) -> None:
    """Write the sheet in r's language to `out`."""
    doc = Document()
    doc.core_properties.title = f"{sheet['title']}: {r.t('ws_heading')}"
    doc.core_properties.language = r.lang.html_lang
    midnight = dt.datetime(today.year, today.month, today.day)
    doc.core_properties.created = midnight
    doc.core_properties.modified = midnight  # python-docx stamps the current second otherwise
    doc.core_properties.last_modified_by = ""
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    _styles(doc, r.lang.html_lang)

    doc.add_heading(sheet["title"], level=0)
    doc.add_heading(r.t("ws_heading"), level=1)
    doc.add_paragraph(f"{r.t('ws_date')}: {'_' * 20}")
    for field in sheet["fields"]:
        doc.add_paragraph(f"{field['label']}: {'_' * 40}")
    for table in sheet["tables"]:
        if table["title"]:
            doc.add_heading(str(table["title"]), level=2)
        columns = table["columns"]
        grid = doc.add_table(rows=1, cols=len(columns))
        grid.style = "Table Grid"
        header = grid.rows[0]
        _repeat_header(header)
        for cell, column in zip(header.cells, columns):
            cell.text = ""
            run = cell.paragraphs[0].add_run(str(column["label"]))
            run.bold = True
            if column["choices"]:
                cell.paragraphs[0].add_run(" (" + " / ".join(str(label) for _, label in column["choices"]) + ")")
        for fixed in table["fixed"]:
            row = grid.add_row()
            row.height = Cm(1.4)  # room to write, as in the empty rows
            for cell, column in zip(row.cells, columns):
                cell.text = str(fixed.get(column["id"]) or "")
        for _ in range(table["rows"]):
            row = grid.add_row()
            row.height = Cm(1.4)
        doc.add_paragraph()  # two tables in a row would run together as one
        helps = [f"{c['label']}: {c['help']}" for c in columns if c["help"]]
        for note in helps:
            doc.add_paragraph(str(note), style="Small")
    for question in sheet["questions"]:
        doc.add_paragraph(str(question["label"]))
        for _ in range(question["lines"]):
            doc.add_paragraph(BLANK_LINE * 2)
    doc.add_paragraph(str(sheet["basis"]), style="Small")
    doc.add_paragraph(f"{r.t('site_name')}", style="Small")
    buffer = io.BytesIO()
    doc.save(buffer)
    out.write_bytes(_one_timestamp(buffer.getvalue(), today))


def _one_timestamp(blob: bytes, day: dt.date) -> bytes:
    """The same zip with every entry dated `day`: one build date gives the same bytes.

    Unchanged files then stay unchanged between deploys, and two builds can be
    compared byte for byte (python-docx dates each entry with the current second)."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    result = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(blob)) as source, zipfile.ZipFile(result, "w", zipfile.ZIP_DEFLATED) as target:
        for entry in source.infolist():
            info = zipfile.ZipInfo(entry.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            target.writestr(info, source.read(entry))
    return result.getvalue()
