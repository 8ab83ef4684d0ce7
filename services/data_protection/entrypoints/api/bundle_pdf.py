"""A subject access bundle as a readable PDF (reportlab, the project's PDF library): the
request, then each service's records field by field, third-party information flagged for
review before release; or the copy to send, with what was withheld replaced by why."""

from __future__ import annotations

import io
import json
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

REVIEW = "[third party: review before release]"


def bundle_pdf(request: dict[str, Any], bundle: dict[str, Any]) -> bytes:
    styles = getSampleStyleSheet()
    out = io.BytesIO()
    to_send = bundle.get("copy") == "release"
    title = "Subject access: the copy to send" if to_send else "Subject access bundle"
    story = [Paragraph(escape(f"{title}: {request['kind']} {request['reference']}"),
                       styles["Title"]),
             Paragraph(escape(f"Received {request['received_on']}, due {request['due_on']}, "
                              f"{request['progress']}. Gathered {bundle['gathered_at']}."),
                       styles["Normal"]), Spacer(1, 8)]
    for service, collections in bundle["held"].items():
        story.append(Paragraph(escape(service.replace("_", " ").capitalize()), styles["Heading2"]))
        flagged = set(bundle["third_party"].get(service, []))
        if not collections:
            story.append(Paragraph("Nothing held about the subject.", styles["Normal"]))
        for collection, documents in collections.items():
            for n, document in enumerate(documents):
                story.append(Paragraph(escape(f"{collection} {n + 1}"), styles["Heading3"]))
                for path, value in _lines(document, f"{collection}[{n}]"):
                    note = f" {REVIEW}" if any(path == f or path.startswith(f + ".")
                                                or path.startswith(f + "[") for f in flagged) else ""
                    story.append(Paragraph(escape(f"{path.split(']', 1)[1].lstrip('.')}: "
                                                  f"{value}{note}"), styles["Normal"]))
    SimpleDocTemplate(out, pagesize=A4, title="Subject access bundle").build(story)
    return out.getvalue()


def _lines(node: Any, path: str) -> list[tuple[str, str]]:
    if isinstance(node, dict):
        return [line for key, value in node.items() for line in _lines(value, f"{path}.{key}")]
    if isinstance(node, list) and any(isinstance(v, (dict, list)) for v in node):
        return [line for n, value in enumerate(node) for line in _lines(value, f"{path}[{n}]")]
    return [(path, json.dumps(node, default=str) if isinstance(node, list) else str(node))]
