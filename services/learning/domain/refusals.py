"""How a rule says no: a field that is wrong (422, naming it), a change the meeting's state
does not allow (409, saying what to do instead), a person who may not do it (403)."""

from __future__ import annotations


class Refused(ValueError):
    """A request's field breaks a rule: 422 on `field` (a dotted path)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


class Locked(Exception):
    """The state does not allow this change (signed minutes, a group signed already): 409."""


class NotAllowed(Exception):
    """This person may not do this here (not the chair, in no audit group): 403."""
