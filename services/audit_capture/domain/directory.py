"""The staff directory: teams and people from a CSV, checked row by row (pure).

One CSV row per person; `team_name` (when given) also creates or renames the person's team.
Columns: person_id, display_name, team_id, team_name, job_role, line_manager_id,
audit_group (1, 2, 3 or empty), asye (yes/no), roles (separated by spaces), active (yes/no).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError, field_validator

from schemas.base import Id

from .csv_rows import LINE_BREAK, UnreadableRow, dict_reader, header, numbered

Problem = dict[str, Any]  # FastAPI's 422 shape: {"loc": [...], "msg": "...", "type": "..."}
TRUE = {"yes", "y", "true", "1"}


class TeamRecord(BaseModel):
    team_id: Id
    name: str = Field(min_length=1, max_length=200)
    service_area: str | None = None
    head_of_service_id: Id | None = None
    active: bool = True


class StaffRecord(BaseModel):
    person_id: Id
    display_name: str = Field(min_length=1, max_length=200)
    team_id: Id
    job_role: str = Field(min_length=1, max_length=100)
    line_manager_id: Id | None = None
    audit_group: Literal[1, 2, 3] | None = None
    asye: bool = False
    roles: list[str] = Field(default_factory=list)
    active: bool = True

    @field_validator("line_manager_id", "audit_group", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        if isinstance(value, str) and value.isdigit():
            return int(value)  # a CSV's "2" is audit group 2
        return None if value == "" else value


def parse_staff_csv(text: str) -> tuple[list[StaffRecord], list[TeamRecord], list[Problem]]:
    reader = dict_reader(text)
    try:
        missing = {"person_id", "display_name", "team_id", "job_role"} - set(header(reader))
    except UnreadableRow:
        return [], [], [_problem(["header"], LINE_BREAK)]
    if missing:
        return [], [], [_problem(["header"], f"missing columns: {', '.join(sorted(missing))}")]
    staff: list[StaffRecord] = []
    teams: dict[str, TeamRecord] = {}
    problems: list[Problem] = []
    try:
        for row_number, row in numbered(reader):  # row 1 is the header
            problems += _read_row(row_number, row, staff, teams)
    except UnreadableRow as unreadable:
        problems.append(_problem(["row", unreadable.row], LINE_BREAK))
    return staff, list(teams.values()), problems


def _read_row(row_number: int, row: dict[str, str], staff: list[StaffRecord],
              teams: dict[str, TeamRecord]) -> list[Problem]:
    row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
    try:
        staff.append(StaffRecord(
            **{k: row.get(k, "") for k in ("person_id", "display_name", "team_id",
                                           "job_role", "line_manager_id", "audit_group")},
            asye=row.get("asye", "").lower() in TRUE,
            roles=row.get("roles", "").split(),
            active=row.get("active", "yes").lower() in TRUE | {""},
        ))
    except ValidationError as error:
        return [_problem(["row", row_number, *e["loc"]], e["msg"]) for e in error.errors()]
    if row.get("team_name"):
        teams[row["team_id"]] = TeamRecord(team_id=row["team_id"], name=row["team_name"])
    return []


def unknown_references(
    staff: list[StaffRecord], *, known_people: set[str], known_teams: set[str],
) -> list[Problem]:
    """Line managers and teams must exist, in this import or already in the directory
    (called only when every row parsed, so row numbers follow the list)."""
    people = known_people | {s.person_id for s in staff}
    problems = []
    for index, s in enumerate(staff):
        if s.line_manager_id and s.line_manager_id not in people:
            problems.append(_problem(["row", index + 2, "line_manager_id"],
                                     f"{s.line_manager_id} is not in the staff directory"))
        if s.team_id not in known_teams:
            problems.append(_problem(["row", index + 2, "team_id"],
                                     f"team {s.team_id} is unknown: give its team_name"))
    return problems


def changed(existing: dict[str, Any] | None, record: BaseModel) -> bool:
    if existing is None:
        return True
    return any(existing.get(k) != v for k, v in record.model_dump(mode="json").items())


def _problem(loc: list[Any], msg: str) -> Problem:
    return {"loc": loc, "msg": msg, "type": "value_error"}
