"""Who manages whom, held in memory by each instance, against the real store."""

from __future__ import annotations

from schemas.directory import StaffMemberUpserted
from services.audit_capture.adapters.staff import Staff


def person(person_id: str, manager: str | None) -> dict:
    return {"person_id": person_id, "display_name": "Fictional Person", "team_id": "team-x",
            "job_role": "Social worker", "line_manager_id": manager, "revision": 1}


async def add(staff: Staff, person_id: str, manager: str | None) -> None:
    fields = person(person_id, manager)
    await staff.create({"_id": person_id, **fields}, [StaffMemberUpserted(**fields)],
                       correlation_id="test")


async def test_an_instance_sees_its_own_changes_at_once_and_others_after_its_refresh(runtime):
    await runtime.broker.start()
    ours = Staff(runtime.store, runtime.outbox, refresh_seconds=3600)
    other = Staff(runtime.store, runtime.outbox, refresh_seconds=3600)
    assert await ours.line_manager_of("sw-1") is None  # read once: nobody yet

    await add(ours, "sw-1", "tm-1")
    assert await ours.line_manager_of("sw-1") == "tm-1"

    await add(other, "sw-2", "tm-2")  # through another instance
    assert await ours.line_manager_of("sw-2") is None  # not yet: within its refresh time
    ours.refresh_seconds = 0
    assert await ours.line_manager_of("sw-2") == "tm-2"

    current = await other.get("sw-1")
    await other.change(current, {"line_manager_id": "tm-9"},
                       [StaffMemberUpserted(**person("sw-1", "tm-9") | {"revision": 2})],
                       correlation_id="test")
    assert await ours.line_manager_of("sw-1") == "tm-9"
