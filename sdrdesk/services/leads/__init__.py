"""Leads: the one write path for new leads (intake), triage (accept, reject, undo),
claims and reassignment, notes and touches, corrections, the assignment rules, and reading a lead
with its history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.leads.assignment import AssignmentService, Distribution
    from sdrdesk.services.leads.claims import ClaimResult, ClaimService
    from sdrdesk.services.leads.corrections import CorrectionService, EditResult
    from sdrdesk.services.leads.details import LeadService
    from sdrdesk.services.leads.intake import insert_leads
    from sdrdesk.services.leads.notes import NoteResult, NoteService
    from sdrdesk.services.leads.triage import TriageResult, TriageService

WHERE = {
    "assignment": (
        "AssignmentService",
        "Distribution",
    ),
    "claims": (
        "ClaimResult",
        "ClaimService",
    ),
    "corrections": (
        "CorrectionService",
        "EditResult",
    ),
    "details": ("LeadService",),
    "intake": ("insert_leads",),
    "notes": (
        "NoteResult",
        "NoteService",
    ),
    "triage": (
        "TriageResult",
        "TriageService",
    ),
}
__all__ = [
    "AssignmentService",
    "ClaimResult",
    "ClaimService",
    "CorrectionService",
    "Distribution",
    "EditResult",
    "LeadService",
    "NoteResult",
    "NoteService",
    "TriageResult",
    "TriageService",
    "insert_leads",
]
__getattr__ = lazy_names(__name__, WHERE)
