"""Writes the committed contract files: one JSON Schema per event and an AsyncAPI document.

    python -m schemas.generate          # rewrite schemas/generated/
    python -m schemas.generate --check  # exit 1 if the committed files are stale
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from shared.envelope import Envelope

from . import topics
from .base import PERSONAL_DATA_KEY, EventData, personal_fields
from .catalogue import EVENTS
from .deadletter import DeadLetter

OUT = Path(__file__).parent / "generated"
PRODUCERS = {
    topics.DIRECTORY: "audit_capture", topics.PROGRAMME: "audit_capture",
    topics.AUDIT: "audit_capture", topics.OBSERVATION: "audit_capture",
    topics.FEEDBACK: "feedback_ingestion", topics.COMPLAINT: "feedback_ingestion",
    topics.FEEDBACK_RAW: "upstream systems (complaints system, MOMO)",
    topics.ACTION: "action_tracking",
    topics.ALERT: "action_tracking; learning (performance clinics due or overdue)",
    topics.LEARNING: "learning",
    topics.BRIEFING: "reporting", topics.PERFORMANCE: "reporting (imports by the performance team)",
    topics.DEADLETTER: "every consumer",
    topics.PRIVACY: "data_protection (erasures, legal holds, retention runs)",
    topics.ACCESS: "every service (who read which subject's personal data; append-only)",
}


SEALED = {"type": "string", "pattern": "^pd1:[0-9a-f]{32}:[sj]:",
          "description": "Personal data sealed with its data subject's key: opened by the "
                         "platform's services, unreadable once the subject is erased"}


def sealable(node: Any) -> Any:
    """Every schema node marked as personal data also accepts its sealed form, as it travels
    on Kafka (shared/personal_data)."""
    if isinstance(node, list):
        return [sealable(n) for n in node]
    if not isinstance(node, dict):
        return node
    walked = {k: sealable(v) for k, v in node.items()}
    if walked.get(PERSONAL_DATA_KEY) is True:
        clear = {k: v for k, v in walked.items() if k not in (PERSONAL_DATA_KEY, "title")}
        return {"anyOf": [clear, SEALED], PERSONAL_DATA_KEY: True,
                **({"title": walked["title"]} if "title" in walked else {})}
    return walked


def event_schema(model: type[EventData]) -> dict[str, Any]:
    """The envelope's schema with `data` replaced by this event's payload schema."""
    envelope = Envelope.model_json_schema()
    data = sealable(model.model_json_schema(ref_template="#/$defs/{model}"))
    defs = data.pop("$defs", {})
    envelope["properties"]["event_type"] = {"const": model.event_type, "type": "string"}
    envelope["properties"]["schema_version"] = {"const": model.schema_version, "type": "integer"}
    envelope["properties"]["data"] = data
    envelope["title"] = model.__name__
    envelope["description"] = (model.__doc__ or "").strip() or model.__name__
    envelope["x-topic"] = model.topic
    envelope["x-personal-data-fields"] = personal_fields(model)
    envelope["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    if defs:
        envelope["$defs"] = defs
    return envelope


def asyncapi() -> dict[str, Any]:
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    messages: dict[str, Any] = {}
    for topic in topics.ALL:
        channel_id = topic.replace(".", "_")
        models = [m for m in EVENTS if m.topic == topic]
        names = [m.event_type for m in models] or ["deadletter"]
        channels[channel_id] = {
            "address": topic,
            "description": f"Key: {topics.KEYS[topic]}. Produced by {PRODUCERS[topic]}.",
            "messages": {n: {"$ref": f"#/components/messages/{n}"} for n in names},
        }
        operations[f"publish_{channel_id}"] = {
            "action": "send",
            "channel": {"$ref": f"#/channels/{channel_id}"},
            "messages": [{"$ref": f"#/channels/{channel_id}/messages/{n}"} for n in names],
        }
        for model in models:
            messages[model.event_type] = _message(model.__name__, event_schema(model))
    messages["deadletter"] = _message("DeadLetter", DeadLetter.model_json_schema())
    return {
        "asyncapi": "3.0.0",
        "info": {
            "title": "QA and Learning Framework events",
            "version": "1.0.0",
            "description": "Every fact the platform's services exchange on Kafka. Each "
            "value is a JSON envelope; `subject` is also the record key.",
        },
        "defaultContentType": "application/json",
        "servers": {"local": {"host": "127.0.0.1:19092", "protocol": "kafka"}},
        "channels": channels,
        "operations": operations,
        "components": {"messages": messages},
    }


def _message(name: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "payload": schema,
            "bindings": {"kafka": {"key": {"type": "string"}, "bindingVersion": "0.5.0"}}}


def rendered() -> dict[Path, str]:
    files = {OUT / "json" / f"{m.event_type}.json": event_schema(m) for m in EVENTS}
    files[OUT / "json" / "deadletter.json"] = DeadLetter.model_json_schema()
    files[OUT / "asyncapi.json"] = asyncapi()
    return {path: json.dumps(doc, indent=2, sort_keys=True) + "\n" for path, doc in files.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args()
    files = rendered()
    stale = [p for p, text in files.items() if not p.exists() or p.read_text() != text]
    extra = set((OUT / "json").glob("*.json")) - set(files) if (OUT / "json").exists() else set()
    if args.check:
        for path in [*stale, *sorted(extra)]:
            print(f"stale: {path.relative_to(OUT.parent.parent)}", file=sys.stderr)
        return 1 if stale or extra else 0
    for path in extra:
        path.unlink()
    for path, text in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    print(f"wrote {len(files)} files under {OUT.relative_to(OUT.parent.parent)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
