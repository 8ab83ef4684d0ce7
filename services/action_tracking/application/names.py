"""The directory's names, for pages: people and teams shown by name (ids stay in URLs)."""

from __future__ import annotations

from shared.web.names import DirectoryNames, names_from

from .deps import Deps


async def directory_names(deps: Deps) -> DirectoryNames:
    return names_from(*await deps.directory.names())
