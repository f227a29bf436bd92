"""What the call workspace gets from ``CallService`` and hands back to it (plain values)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sdrdesk.domain.call_outcomes import OutcomeList
from sdrdesk.domain.call_script import CallScript, Decision
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.qualification import Recommendation
from sdrdesk.services.results import AttemptInfo, LeadSummary, ReasonInfo


@dataclass(frozen=True, slots=True)
class CallSetup:
    """Everything the workspace shows when a call starts (one background read)."""

    lead: LeadSummary
    phone_display: str | None
    tel_uri: str | None
    script: CallScript
    script_warning: str | None  # the team's script is broken: the default is used
    outcomes: OutcomeList
    answers: dict[str, Any]  # answers to continue with (a partial qualification)
    continuing: str | None  # says where those answers come from
    attempts: tuple[AttemptInfo, ...]  # newest first
    reasons: tuple[ReasonInfo, ...]  # disqualify reasons
    started_at: datetime
    zone: str | None  # the lead's time zone (None: unknown)
    calling_hours: tuple[int, int]
    suggested_callback: datetime
    product_label: str | None = None  # the lead's product, whose script this is


@dataclass(frozen=True, slots=True)
class DecisionInput:
    decision: Decision | None  # None: decide later (against a recommendation, with why)
    reason_code: str | None = None  # disqualify
    comment: str | None = None  # disqualify: for marketing
    recontact_at: datetime | None = None  # nurture
    override_reason: str | None = None  # why, when it is not what was recommended


@dataclass(frozen=True, slots=True)
class CallLog:
    """One finished call as the SDR saves it."""

    lead_id: int
    expected_version: int | None
    script: CallScript
    started_at: datetime
    duration_seconds: int
    outcome: str
    notes: str = ""
    answers: Mapping[str, Any] = field(default_factory=dict)
    callback_at: datetime | None = None
    decision: DecisionInput | None = None


@dataclass(frozen=True, slots=True)
class CallResult:
    lead_id: int
    attempt_id: int
    attempt_number: int
    version: int
    status: Status
    grade: str | None
    complete: bool
    recommendation: Recommendation | None
    decision: Decision | None
    do_not_call: bool
    callback_at: datetime | None

    @property
    def demo_requested(self) -> bool:
        return self.decision is Decision.DEMO
