"""What the demo service hands out: plain, frozen values (no ORM objects)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from sdrdesk.domain.demos import (
    DEFAULT_DURATION_MINUTES,
    DemoStatus,
    Slot,
    meeting_url,
)
from sdrdesk.services.results import LeadSummary, QualificationSummary, UserInfo


@dataclass(frozen=True, slots=True)
class Person:
    """Someone on the invite: an attendee or the organizer."""

    id: int
    name: str  # user name, or "" for a lead
    display_name: str
    email: str | None
    time_zone: str | None = None
    language: str = "en"  # the invite's language (a lead's: from their language or country)
    country: str | None = None


@dataclass(frozen=True, slots=True)
class DemoInfo:
    id: int
    uid: str
    lead_id: int
    lead: Person
    lead_company: str | None
    lead_title: str | None
    lead_phone: str | None
    ae: Person
    sdr: Person
    starts_at: datetime
    duration_minutes: int
    time_zone: str | None  # the invite's zone (the organizer's at booking)
    location: str | None
    note: str | None
    include_handover: bool
    status: DemoStatus
    sequence: int
    cancel_reason: str | None
    cancelled_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int

    @property
    def ends_at(self) -> datetime:
        return self.starts_at + timedelta(minutes=self.duration_minutes)

    @property
    def url(self) -> str | None:
        return meeting_url(self.location)

    @property
    def is_booked(self) -> bool:
        return self.status is DemoStatus.BOOKED


@dataclass(frozen=True, slots=True)
class AeChoice:
    id: int
    name: str
    display_name: str
    email: str | None
    upcoming: int  # booked demos from now on
    suggested: bool = False


@dataclass(frozen=True, slots=True)
class DemoPlan:
    """Everything the demo dialog needs, read in one go."""

    lead: LeadSummary
    lead_email_valid: bool
    sdr: UserInfo
    aes: tuple[AeChoice, ...]
    suggested_ae_id: int | None
    slots: tuple[Slot, ...]  # the AEs' booked demos from now on
    business_hours: tuple[int, int]
    now: datetime
    demo: DemoInfo | None = None  # the booked demo, when rescheduling
    handover: QualificationSummary | None = None


@dataclass(frozen=True, slots=True)
class DemoRequest:
    """What the SDR chose in the dialog (for booking and for changing a demo)."""

    ae_id: int
    starts_at: datetime
    duration_minutes: int = DEFAULT_DURATION_MINUTES
    location: str | None = None
    note: str | None = None
    time_zone: str | None = None  # the organizer's zone; None writes the invite in UTC
    include_handover: bool = True
    # Addresses the dialog asked for because they were missing: the SDR's and the AE's are
    # stored on the user (where the role may), the lead's on the demo (``demos.lead_email``).
    organizer_email: str | None = None
    ae_email: str | None = None
    lead_email: str | None = None
    # Overlapping demos the SDR saw and accepted; any other overlap is refused.
    accepted_overlaps: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True, slots=True)
class Invite:
    """An iCalendar message (RFC 5545/5546) ready to save."""

    demo_id: int
    method: str  # "REQUEST" or "CANCEL"
    sequence: int
    file_name: str
    data: bytes
    recipients: tuple[str, ...]  # the attendees' addresses

    @property
    def text(self) -> str:
        return self.data.decode("utf-8")


@dataclass(frozen=True, slots=True)
class DemoResult:
    demo: DemoInfo
    invite: Invite
    event_id: int
    lead_version: int
    # A reschedule that changes the AE also tells the previous AE (a CANCEL for them).
    extra_invites: tuple[Invite, ...] = ()
