"""Call sessions: which lead of a view to call next, and why others were skipped."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.sessions.results import NextLead, Skip
    from sdrdesk.services.sessions.service import SessionService

WHERE = {
    "results": ("NextLead", "Skip"),
    "service": ("SessionService",),
}
__all__ = ["NextLead", "SessionService", "Skip"]
__getattr__ = lazy_names(__name__, WHERE)
