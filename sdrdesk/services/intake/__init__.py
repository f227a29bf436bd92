"""Intake: leads posted by marketing tools (web forms, HubSpot, Zapier, Typeform …) through
the one write path, with tokens per source and answers kept for retries."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.intake.group import GroupWriter
    from sdrdesk.services.intake.payload import MAX_LEADS
    from sdrdesk.services.intake.results import Answer, Caller, NewToken, TokenInfo
    from sdrdesk.services.intake.service import IntakeService
    from sdrdesk.services.intake.shapes import from_form
    from sdrdesk.services.intake.tokens import TokenService

WHERE = {
    "group": ("GroupWriter",),
    "payload": ("MAX_LEADS",),
    "results": ("Answer", "Caller", "NewToken", "TokenInfo"),
    "service": ("IntakeService",),
    "shapes": ("from_form",),
    "tokens": ("TokenService",),
}
__all__ = [
    "MAX_LEADS",
    "Answer",
    "Caller",
    "GroupWriter",
    "IntakeService",
    "NewToken",
    "TokenInfo",
    "TokenService",
    "from_form",
]
__getattr__ = lazy_names(__name__, WHERE)
