"""The governance documents as PDF (reportlab, as reporting draws its packs): the quarterly
report to the Joint Leadership Team and a plan's export, as headed lists."""

from __future__ import annotations

import io
from html import escape
from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import ListFlowable, ListItem, Paragraph, SimpleDocTemplate, Spacer

from shared.england_time import england_time

from ..domain.governance import PLANS

PDF_TYPE = "application/pdf"
STYLES = getSampleStyleSheet()


def _bullets(texts: list[str]) -> list[Any]:
    if not texts:
        return [Paragraph("None recorded.", STYLES["Italic"])]
    return [ListFlowable([ListItem(Paragraph(escape(t), STYLES["Normal"])) for t in texts],
                         bulletType="bullet")]


def _document(title: str, story: list[Any]) -> bytes:
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, title=title,
                      author="QA and Learning Framework").build(
        [Paragraph(escape(title), STYLES["Title"]), *story])
    return out.getvalue()


def jlt_pdf(report: dict[str, Any]) -> bytes:
    totals = report["totals"]
    story: list[Any] = [Paragraph(escape(
        f"{totals['forums_held']} QA Forum(s) held, {totals['decisions']} decision(s), "
        f"{totals['recommendations']} recommendation(s), {totals['actions']} action(s) "
        f"({totals['actions_done']} done), {totals['themes_answered']} escalated theme(s) "
        f"answered, {totals['themes_open']} still open."), STYLES["Normal"])]
    for forum in report["forums"]:
        story += [Spacer(1, 8), Paragraph(escape(
            f"QA Forum held {forum['held_on']}: {forum['title']}"
            + ("" if forum["signed_off"] else " (minutes not signed off yet)")),
            STYLES["Heading2"])]
        for heading, key in (("Decisions", "decisions"), ("Recommendations", "recommendations"),
                             ("Findings", "findings")):
            story += [Paragraph(heading, STYLES["Heading3"]), *_bullets(forum[key])]
        story += [Paragraph("Actions", STYLES["Heading3"]), *_bullets([
            f"{a['description']} ({a['owner_id']}, due {a['due_date']}: {a['status']})"
            for a in forum["actions"]])]
        story += [Paragraph("Escalated themes answered", STYLES["Heading3"]), *_bullets([
            f"{t['text']} ({t['team_id'] or 'no team'}): {t['answer']}"
            for t in forum["themes_answered"]])]
    story += [Spacer(1, 8), Paragraph("Monthly findings", STYLES["Heading2"])]
    for summary in report["monthly_findings"]:
        story += [Paragraph(escape(f"{summary['month']} ({summary['status']})"),
                            STYLES["Heading3"]),
                  *_bullets(summary["headline_themes"] + summary["recommendations"])]
    return _document(f"Quarterly report to the Joint Leadership Team: {report['quarter']}",
                     story)


def export_pdf(export: dict[str, Any]) -> bytes:
    story: list[Any] = [Paragraph(escape(
        f"Exported {england_time(export['exported_at'])} by {export['exported_by']}; "
        f"{len(export['items'])} item(s)."), STYLES["Normal"])]
    for kind in ("finding", "decision", "recommendation", "action", "theme"):
        items = [i for i in export["items"] if i["kind"] == kind]
        if items:
            story += [Paragraph(f"{kind.capitalize()}s", STYLES["Heading2"]), *_bullets([
                i["text"] + "".join(f"; {k.replace('_', ' ')} {i[k]}" for k in (
                    "meeting_id", "month", "on", "owner_id", "due_date", "status") if i.get(k))
                for i in items])]
    return _document(f"{PLANS[export['plan']]}: {export['quarter']}", story)
