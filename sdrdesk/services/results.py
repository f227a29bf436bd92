"""Plain, immutable results of services: safe to hand to another thread or to the GUI."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from typing import Any

from sdrdesk.domain.criteria import CriterionResult
from sdrdesk.domain.lifecycle import ReasonStage, Status
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _


@dataclass(frozen=True, slots=True)
class UserInfo:
    id: int
    name: str
    display_name: str
    role: Role
    email: str | None = None
    time_zone: str | None = None
    active: bool = True


@dataclass(frozen=True, slots=True)
class ReasonInfo:
    code: str
    label: str
    requires_comment: bool
    stage: ReasonStage
    active: bool
    sort_order: int


@dataclass(frozen=True, slots=True)
class EventInfo:
    id: int
    lead_id: int
    at: datetime
    action: str
    actor: str | None
    from_status: Status | None
    to_status: Status | None
    reason_code: str | None = None
    reason_label: str | None = None
    comment: str | None = None
    data: dict[str, Any] = field(default_factory=dict)
    description: str = ""
    # An imported lead's hand-off: marketing's hand-off time from the file (the event's
    # own ``at`` is when it was imported, by ``actor``).
    handed_off_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class LeadSummary:
    id: int
    first_name: str | None
    last_name: str | None
    company: str | None
    title: str | None
    email: str | None
    phone_e164: str | None
    phone_quality: PhoneQuality
    country: str | None
    time_zone: str | None
    source: str | None
    campaign: str | None
    score: int | None
    handed_off_at: datetime
    status: Status
    owner: str | None
    attempt_count: int
    callback_due_at: datetime | None
    do_not_call: bool
    grade: str | None
    version: int
    product: str | None = None  # as stored (``ProductCatalog.label_of`` shows it)

    @property
    def name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p) or (
            self.email or self.company or _("Lead {id}").format(id=self.id)
        )


@dataclass(frozen=True, slots=True)
class LeadRecord:
    """A lead with what it was stored from (``sdrdesk leads --json``): the phone as typed,
    the other system's id, and every column of the import without a field of its own."""

    summary: LeadSummary
    external_id: str | None
    phone_raw: str | None
    phone_ext: str | None
    email_valid: bool
    company_size: str | None
    industry: str | None
    extra: dict[str, Any]
    import_batch_id: int | None
    product: str | None = None


@dataclass(frozen=True, slots=True)
class LeadDetail:
    summary: LeadSummary
    phone_raw: str | None
    phone_ext: str | None
    phone_display: str | None
    tel_uri: str | None
    email_valid: bool
    free_mail: bool
    company_size: str | None
    industry: str | None
    external_id: str | None
    extra: dict[str, Any]
    do_not_call_reason: str | None
    created_at: datetime
    updated_at: datetime
    events: tuple[EventInfo, ...] = ()
    criteria: tuple[CriterionResult, ...] = ()
    attempts: tuple[AttemptInfo, ...] = ()  # newest first
    qualification: QualificationSummary | None = None
    product: str | None = None  # as stored: a name of the product list, or as typed
    product_label: str | None = None  # how it is shown (the list's label, else as stored)
    criteria_source: str = ""  # the SAL criteria file the checklist comes from

    @property
    def id(self) -> int:
        return self.summary.id


@dataclass(frozen=True, slots=True)
class AnswerLine:
    """One answered question, ready to show or to hand over to an account executive."""

    section: str
    question: str
    answer: str


@dataclass(frozen=True, slots=True)
class QualificationSummary:
    """What the SDR learned on the calls: produced by the call feature, read by demos
    (the invite's hand-over) and the lead panel."""

    lead_id: int
    script_id: str
    script_version: str
    grade: str | None  # "A", "B", "C" or None while incomplete
    scores: dict[str, float]  # per BANT dimension (and interest/fit)
    answers: tuple[AnswerLine, ...]
    notes: str
    recommendation: str | None  # "demo", "nurture", "disqualify"
    complete: bool
    updated_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class AttemptInfo:
    """One logged call: the lead panel's call history and ``sdrdesk calls``."""

    id: int
    lead_id: int
    started_at: datetime
    duration_seconds: int
    outcome: str
    outcome_label: str
    connected: bool
    caller: str | None
    notes: str | None
    script_id: str | None
    script_version: str | None
    answers: tuple[AnswerLine, ...]  # given or changed on this call
    callback_at: datetime | None
    decision: str | None


def to_jsonable(value: Any) -> Any:
    """DTOs (and what they hold) as JSON-ready data: ISO times, enum values."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_jsonable(v) for v in value]
    return value
