"""Demos with account executives: the rules that need no database.

A demo is booked for a lead with an AE; booking promotes the lead to SQL. Before saving,
the SDR is warned about times outside the lead's business hours (on the lead's clock)
and about overlaps with the AE's other demos. The AE is suggested round-robin so that
demos are spread evenly across the team.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, tzinfo
from enum import StrEnum
from urllib.parse import urlsplit

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.zones import zone
from sdrdesk.i18n import N_, _, format_date, format_datetime

DEFAULT_DURATION_MINUTES = 30
MIN_DURATION_MINUTES = 10
MAX_DURATION_MINUTES = 8 * 60
DURATION_CHOICES = (15, 30, 45, 60, 90, 120)
MAX_LOCATION_LENGTH = 500
MAX_NOTE_LENGTH = 4000
MAX_REASON_LENGTH = 1000


class OverlapError(ValidationError):
    """The AE got another demo at that time since the SDR looked (shown, then accepted)."""

    def __init__(self, message: str, demo_id: int | None) -> None:
        super().__init__(message)
        self.demo_id = demo_id


class DemoStatus(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"

    @property
    def label(self) -> str:
        return {DemoStatus.BOOKED: "Booked", DemoStatus.CANCELLED: "Cancelled"}[self]


@dataclass(frozen=True, slots=True)
class Slot:
    """Another demo that takes the AE's time (for overlap warnings)."""

    demo_id: int
    ae_id: int
    starts_at: datetime
    ends_at: datetime
    lead_name: str


@dataclass(frozen=True, slots=True)
class AeLoad:
    """How busy an AE is: the basis of the round-robin suggestion."""

    ae_id: int
    name: str
    upcoming: int  # booked demos from now on
    last_booked_at: datetime | None  # when the AE last got a demo (any status)


class WarningKind(StrEnum):
    OUTSIDE_HOURS = "outside_hours"
    WEEKEND = "weekend"
    OVERLAP = "overlap"
    UNKNOWN_ZONE = "unknown_zone"


@dataclass(frozen=True, slots=True)
class DemoWarning:
    kind: WarningKind
    message: str
    demo_id: int | None = None  # the overlapping demo


def check_duration(minutes: int) -> int:
    if not MIN_DURATION_MINUTES <= minutes <= MAX_DURATION_MINUTES:
        raise ValidationError(
            _("A demo lasts between {low} minutes and {high} hours, not {minutes} minutes.").format(
                low=MIN_DURATION_MINUTES, high=MAX_DURATION_MINUTES // 60, minutes=minutes
            )
        )
    return minutes


def check_start(starts_at: datetime, now: datetime) -> datetime:
    if starts_at.tzinfo is None:
        raise ValueError(_("a demo's start must be an aware datetime"))
    if starts_at <= now:
        raise ValidationError(_("The demo must start in the future."))
    return starts_at


def clean_location(text: str | None) -> str | None:
    value = " ".join((text or "").split())
    if len(value) > MAX_LOCATION_LENGTH:
        raise ValidationError(
            _("The meeting link or location is too long (at most {limit} characters).").format(
                limit=MAX_LOCATION_LENGTH
            )
        )
    return value or None


def clean_note(
    text: str | None, limit: int = MAX_NOTE_LENGTH, what: str = N_("note")
) -> str | None:
    """``what`` names the text in the message (English, marked with ``N_``: translated here)."""
    value = (text or "").replace("\r\n", "\n").strip()
    if len(value) > limit:
        raise ValidationError(
            _("The {what} is too long (at most {limit} characters).").format(
                what=_(what), limit=limit
            )
        )
    return value or None


def meeting_url(location: str | None) -> str | None:
    """The location when it is a web link (a video call), else ``None``."""
    if not location or " " in location:
        return None
    parts = urlsplit(location)
    if parts.scheme in ("http", "https") and parts.netloc:
        return location
    return None


def overlaps(a_start: datetime, a_end: datetime, b_start: datetime, b_end: datetime) -> bool:
    """Two time ranges share time (touching ends do not overlap)."""
    return a_start < b_end and b_start < a_end


def suggest_ae(loads: Sequence[AeLoad]) -> int | None:
    """Round robin that balances load: the AE with the fewest upcoming demos; among
    those, the one who waited longest for a demo (never first); then by name."""
    if not loads:
        return None

    def key(load: AeLoad) -> tuple[int, bool, datetime, str, int]:
        waited = load.last_booked_at or datetime.min.replace(tzinfo=UTC)
        return (load.upcoming, load.last_booked_at is not None, waited, load.name, load.ae_id)

    return min(loads, key=key).ae_id


def warnings_for(
    *,
    starts_at: datetime,
    duration_minutes: int,
    ae_id: int | None,
    ae_name: str,
    lead_zone: str | None,
    business_hours: tuple[int, int],
    slots: Iterable[Slot],
    exclude_demo_id: int | None = None,
    display_zone: tzinfo = UTC,
) -> list[DemoWarning]:
    """What the SDR should see before saving (none of it prevents booking)."""
    ends_at = starts_at + timedelta(minutes=duration_minutes)
    found: list[DemoWarning] = []
    tz = zone(lead_zone)
    if tz is None:
        found.append(
            DemoWarning(
                WarningKind.UNKNOWN_ZONE,
                _("The lead's time zone is unknown: check the time with them."),
            )
        )
    else:
        start_local, end_local = starts_at.astimezone(tz), ends_at.astimezone(tz)
        first, last = business_hours
        if start_local.weekday() >= 5:
            found.append(
                DemoWarning(
                    WarningKind.WEEKEND,
                    _("That is a {weekday} for the lead ({zone}).").format(
                        weekday=format_date(start_local.date(), "EEEE"), zone=lead_zone
                    ),
                )
            )
        end_minutes = end_local.hour * 60 + end_local.minute
        if (
            start_local.hour < first
            or end_local.date() != start_local.date()
            or end_minutes > last * 60
        ):
            found.append(
                DemoWarning(
                    WarningKind.OUTSIDE_HOURS,
                    _(
                        "{start}–{end} is outside the lead's business hours "
                        "({first}–{last} {zone})."
                    ).format(
                        start=f"{start_local:%H:%M}",
                        end=f"{end_local:%H:%M}",
                        first=f"{first:02d}:00",
                        last=f"{last:02d}:00",
                        zone=lead_zone,
                    ),
                )
            )
    if ae_id is not None:
        for slot in sorted(slots, key=lambda s: s.starts_at):
            if slot.ae_id != ae_id or slot.demo_id == exclude_demo_id:
                continue
            if overlaps(starts_at, ends_at, slot.starts_at, slot.ends_at):
                found.append(
                    DemoWarning(
                        WarningKind.OVERLAP,
                        _("{ae} already has a demo with {lead} on {start}–{end}.").format(
                            ae=ae_name,
                            lead=slot.lead_name,
                            start=format_datetime(
                                slot.starts_at.astimezone(display_zone), "EEE dd MMM, HH:mm"
                            ),
                            end=f"{slot.ends_at.astimezone(display_zone):%H:%M}",
                        ),
                        slot.demo_id,
                    )
                )
    return found
