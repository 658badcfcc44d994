"""One way to refuse: every domain refusal is a `Refusal` carrying the reason in Indonesian.

Services raise it (never return a reason as a string, never `assert`); pages and the CLI catch
this one type and show `message` as it is. Subclasses name the broken rule so tests and callers
can tell them apart; none adds behaviour.
"""

from __future__ import annotations


class Refusal(Exception):
    """Something Netral will not do; `message` says why, in words for the person who asked."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(Refusal):
    """What the action is about does not exist (or is not the asker's to see)."""


class OutOfScope(Refusal):
    """The person or record lies outside what the acting administrator may act on."""


class NotAllowed(Refusal):
    """The acting account's role or rank does not allow this action."""


class NotSaved(Refusal):
    """The database stayed busy past every retry: nothing was written, and the person is told so."""
