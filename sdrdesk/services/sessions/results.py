"""What a call session is handed: the next lead to call and the leads passed over."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from sdrdesk.services.results import LeadSummary


class Skip(StrEnum):
    DO_NOT_CALL = "do_not_call"
    OFF_HOURS = "off_hours"  # outside the lead's calling hours now
    CLAIMED = "claimed"  # someone else owns the lead now
    DONE = "done"  # no longer with the SDRs (rejected, demo booked, …) or gone


@dataclass(frozen=True)
class NextLead:
    lead: LeadSummary | None  # None: nobody left to call in the session's list
    position: int  # where in the list the session goes on after this lead
    skipped: dict[Skip, int] = field(default_factory=dict)
