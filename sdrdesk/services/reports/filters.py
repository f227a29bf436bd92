"""What a report covers: a period, and optionally one SDR, one lead source and one
product."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _


@dataclass(frozen=True, slots=True)
class ReportFilter:
    """``since`` inclusive, ``until`` exclusive, both aware UTC instants.

    ``week_offset_minutes`` is the viewer's UTC offset: weekly buckets start on Monday
    at local midnight (the offset in force at the start of the period).
    """

    since: datetime
    until: datetime
    sdr_id: int | None = None
    source: str | None = None
    product: str | None = None
    week_offset_minutes: int = 0

    def __post_init__(self) -> None:
        for value in (self.since, self.until):
            if value.tzinfo is None:
                raise ValueError(_("report periods use aware datetimes"))
        if self.until <= self.since:
            raise ValidationError(_("The end of the period must be after its start."))


def local_zone() -> tzinfo:
    zone = datetime.now().astimezone().tzinfo
    return zone if zone is not None else UTC


def period_from_dates(
    first: date,
    last: date,
    *,
    zone: tzinfo | None = None,
    sdr_id: int | None = None,
    source: str | None = None,
    product: str | None = None,
) -> ReportFilter:
    """The days ``first`` to ``last`` (both included), local midnight to local midnight."""
    if last < first:
        raise ValidationError(
            _("The period ends ({last}) before it starts ({first}).").format(last=last, first=first)
        )
    zone = zone or local_zone()
    since = datetime.combine(first, time(), zone)
    until = datetime.combine(last + timedelta(days=1), time(), zone)
    offset = since.utcoffset() or timedelta()
    return ReportFilter(
        since.astimezone(UTC),
        until.astimezone(UTC),
        sdr_id=sdr_id,
        source=source,
        product=product,
        week_offset_minutes=int(offset.total_seconds() // 60),
    )


class Preset(StrEnum):
    """The periods offered in the window (and the CLI's default)."""

    THIS_WEEK = "this_week"
    LAST_WEEK = "last_week"
    LAST_7_DAYS = "last_7_days"
    LAST_30_DAYS = "last_30_days"
    LAST_90_DAYS = "last_90_days"
    THIS_QUARTER = "this_quarter"
    THIS_YEAR = "this_year"
    LAST_12_MONTHS = "last_12_months"

    @property
    def label(self) -> str:
        return {
            Preset.THIS_WEEK: _("This week"),
            Preset.LAST_WEEK: _("Last week"),
            Preset.LAST_7_DAYS: _("Last 7 days"),
            Preset.LAST_30_DAYS: _("Last 30 days"),
            Preset.LAST_90_DAYS: _("Last 90 days"),
            Preset.THIS_QUARTER: _("This quarter"),
            Preset.THIS_YEAR: _("This year"),
            Preset.LAST_12_MONTHS: _("Last 12 months"),
        }[self]

    def dates(self, today: date) -> tuple[date, date]:
        monday = today - timedelta(days=today.weekday())
        if self is Preset.THIS_WEEK:
            return monday, today
        if self is Preset.LAST_WEEK:
            return monday - timedelta(days=7), monday - timedelta(days=1)
        if self is Preset.LAST_7_DAYS:
            return today - timedelta(days=6), today
        if self is Preset.LAST_30_DAYS:
            return today - timedelta(days=29), today
        if self is Preset.LAST_90_DAYS:
            return today - timedelta(days=89), today
        if self is Preset.THIS_QUARTER:
            return date(today.year, 3 * ((today.month - 1) // 3) + 1, 1), today
        if self is Preset.THIS_YEAR:
            return date(today.year, 1, 1), today
        return today.replace(year=today.year - 1) + timedelta(days=1), today
