"""A person's learning record as CPD evidence for Social Work England: a PDF (reportlab) and
a CSV whose every cell is spreadsheet-safe (shared/cells.py)."""

from __future__ import annotations

import csv
import io
from html import escape
from typing import Any

from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table

from shared.cells import inert
from shared.england_time import as_shown

PDF_TYPE = "application/pdf"
CSV_TYPE = "text/csv; charset=utf-8"
STYLES = getSampleStyleSheet()
COLUMNS = [("date", "Date"), ("activity", "CPD activity"), ("title", "Piece"),
           ("learning", "What I learned or reflected"), ("practice", "Impact on my practice"),
           ("signed_by", "Signed off by (line manager)"), ("signed_at", "Signed off on"),
           ("sign_off_comment", "Manager's comment")]
INTRO = ("CPD evidence for Social Work England: each activity, what was learned or reflected "
         "on, its impact on practice, and the line manager's sign-off.")


def cpd_csv(record: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([label for _, label in COLUMNS])
    for piece in record["pieces"]:
        writer.writerow([inert(as_shown(piece.get(key) or "")) for key, _ in COLUMNS])
    return out.getvalue()


def cpd_pdf(record: dict[str, Any], name: str) -> bytes:
    cell = STYLES["BodyText"]
    rows = [[Paragraph(escape(label), cell) for _, label in COLUMNS]]
    rows += [[Paragraph(escape(str(as_shown(piece.get(key) or ""))), cell) for key, _ in COLUMNS]
             for piece in record["pieces"]]
    out = io.BytesIO()
    title = f"Learning record: {name}"
    SimpleDocTemplate(out, pagesize=landscape(A4), title=title,
                      author="QA and Learning Framework").build([
        Paragraph(escape(title), STYLES["Title"]), Paragraph(escape(INTRO), STYLES["Normal"]),
        Spacer(1, 8), Table(rows, repeatRows=1)])
    return out.getvalue()
