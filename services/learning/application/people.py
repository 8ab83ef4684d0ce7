"""Checking that the people a request names are active in the staff directory."""

from __future__ import annotations

from ..domain.refusals import Refused
from .deps import Deps


async def check_people(deps: Deps, named: dict[str, list[str]]) -> None:
    """`named`: where (with {n} for the position in a list) → person ids. Refused on the
    first unknown one, naming its place."""
    for where, ids in named.items():
        for n, person_id in enumerate(ids):
            if await deps.directory.active_person(person_id) is None:
                raise Refused(where.format(n=n), f"{person_id} is not an active person in the staff "
                                     "directory")
