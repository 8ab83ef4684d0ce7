"""Base class for event payloads, and the marker for fields that can hold personal data."""

from __future__ import annotations

from typing import Annotated, Any, ClassVar

from pydantic import BaseModel, ConfigDict, Field

PERSONAL_DATA_KEY = "x-personal-data"

# Case references, names and free text about a child or family. One marker, so one mechanism
# can redact, encrypt per child, or export for a subject access request.
PersonalText = Annotated[str, Field(json_schema_extra={PERSONAL_DATA_KEY: True})]
CaseReference = Annotated[
    str,
    Field(
        min_length=1,
        max_length=64,
        description="The child's case reference in the case management system",
        json_schema_extra={PERSONAL_DATA_KEY: True},
    ),
]
Id = Annotated[str, Field(min_length=1, max_length=128)]


class EventData(BaseModel):
    """Payload of one event type. Readers are tolerant: unknown fields are ignored."""

    model_config = ConfigDict(extra="ignore")

    event_type: ClassVar[str]
    topic: ClassVar[str]
    schema_version: ClassVar[int] = 1

    def subject(self) -> str:
        """The aggregate id this fact is about: the Kafka key."""
        raise NotImplementedError

    @classmethod
    def personal_data_subject(cls, data: dict[str, Any], aggregate_id: str) -> str:
        """Whose key seals this event's marked fields (shared/personal_data): the child's when
        it names a case, else the record's own, which is destroyed with the child the record
        is about when that child is erased."""
        case_ref = data.get("case_ref")
        return f"child:{case_ref}" if case_ref else f"record:{aggregate_id}"


def personal_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted paths of every field marked as personal data, nested models included."""
    found: list[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if _is_marked(field.json_schema_extra) or _marked_inside(field.annotation):
            found.append(path)
        for inner in _nested_models(field.annotation):
            found.extend(personal_fields(inner, prefix=f"{path}."))
    return found


def unmarked_fields(model: type[BaseModel], prefix: str = "") -> list[str]:
    """Dotted paths of every field not marked as personal data and not inside one that is."""
    found: list[str] = []
    for name, field in model.model_fields.items():
        path = f"{prefix}{name}"
        if _is_marked(field.json_schema_extra) or _marked_inside(field.annotation):
            continue
        found.append(path)
        for inner in _nested_models(field.annotation):
            found.extend(unmarked_fields(inner, prefix=f"{path}."))
    return found


def _is_marked(extra: Any) -> bool:
    return isinstance(extra, dict) and bool(extra.get(PERSONAL_DATA_KEY))


def _marked_inside(annotation: Any) -> bool:
    """`PersonalText | None` keeps the marker inside the union's Annotated member."""
    for meta in getattr(annotation, "__metadata__", ()):
        if _is_marked(getattr(meta, "json_schema_extra", None)):
            return True
    return any(_marked_inside(arg) for arg in getattr(annotation, "__args__", ()))


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    return [m for arg in getattr(annotation, "__args__", ()) for m in _nested_models(arg)]
