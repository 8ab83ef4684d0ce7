"""Tables to CSV and Excel (openpyxl), and reports to PDF (reportlab, pure Python)."""

from __future__ import annotations

import csv
import io
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle
from svglib.svglib import svg2rlg

from shared.cells import inert
from shared.england_time import as_shown

from ...domain.tables import Table as Rows

CSV_TYPE = "text/csv; charset=utf-8"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF_TYPE = "application/pdf"


def to_csv(table: Rows) -> bytes:
    columns, rows = table
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([inert(c) for c in columns])
    writer.writerows(["" if v is None else inert(as_shown(v)) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")  # the BOM makes Excel read UTF-8


def to_xlsx(table: Rows, *, sheet: str) -> bytes:
    columns, rows = table
    book = Workbook()
    ws = book.active
    ws.title = sheet[:31]
    ws.append(columns)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append([as_shown(v) for v in row])
    for line in ws.iter_rows():
        for cell in line:
            if cell.data_type == "f":  # text openpyxl took for a formula: kept as text
                cell.data_type = "s"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def to_pdf(title: str, sections: list[tuple[str, Rows]], *, notes: list[str] = (),
           charts: dict[str, str | None] | None = None) -> bytes:
    """A printable document: a title, notes, the page's charts (the same SVG, drawn as
    vector graphics by svglib), then one table per section."""
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=A4, title=title, author="QA and Learning Framework")
    story: list[Any] = [Paragraph(title, styles["Title"])]
    story += [Paragraph(_escape(n), styles["Normal"]) for n in notes]
    for svg in (charts or {}).values():
        if svg:
            story += [Spacer(1, 8), _drawing(svg, doc.width)]
    for heading, (columns, rows) in sections:
        story += [Spacer(1, 10), Paragraph(heading, styles["Heading2"])]
        cells = [["" if v is None else str(as_shown(v)) for v in r] for r in rows]
        table = Table([columns, *cells], repeatRows=1)
        table.setStyle(TableStyle([
            ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
            ("FONTSIZE", (0, 0), (-1, -1), 8),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.grey),
            ("ALIGN", (1, 1), (-1, -1), "RIGHT")]))
        story.append(table)
    doc.build(story)
    return out.getvalue()


def _drawing(svg: str, width: float) -> Drawing:
    """An SVG chart scaled to the page's width."""
    drawing = svg2rlg(io.BytesIO(svg.encode()))
    scale = min(1.0, width / drawing.width)
    drawing.scale(scale, scale)
    drawing.width, drawing.height = drawing.width * scale, drawing.height * scale
    return drawing


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
