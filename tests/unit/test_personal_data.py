"""Every field that can hold personal data is marked, so one mechanism can protect it."""

import json

import pytest

from schemas.base import personal_fields
from schemas.catalogue import EVENTS
from schemas.generate import event_schema

# Field names that, in this domain, hold names, case references or free text.
SENSITIVE_NAMES = {"case_ref", "display_name", "text", "summary", "evidence", "missing",
                   "description", "reason", "learning", "social_worker_reflections",
                   "auditor_suggestions", "child_seen_alone_reason"}


def all_field_paths(model, prefix=""):
    from schemas.base import _nested_models
    for name, field in model.model_fields.items():
        yield f"{prefix}{name}", name
        for inner in _nested_models(field.annotation):
            yield from all_field_paths(inner, f"{prefix}{name}.")


@pytest.mark.parametrize("model", EVENTS, ids=lambda m: m.event_type)
def test_sensitive_fields_are_marked(model):
    marked = set(personal_fields(model))
    unmarked = [path for path, name in all_field_paths(model)
                if name in SENSITIVE_NAMES and path not in marked]
    assert unmarked == []


def test_the_marker_reaches_the_published_json_schema():
    from schemas.audit import AuditSubmitted
    schema = json.dumps(event_schema(AuditSubmitted))
    assert schema.count('"x-personal-data": true') >= len(personal_fields(AuditSubmitted)) - 2
    assert "case_ref" in event_schema(AuditSubmitted)["x-personal-data-fields"]
