"""Who may call which route (the API and the pages share these). Everything here is the data
protection officer's: the home page alone opens for every member of staff, to say so."""

from __future__ import annotations

from shared.auth import EVERYONE, Role

HOME_READERS = EVERYONE
OFFICERS = (Role.DATA_PROTECTION_OFFICER,)
