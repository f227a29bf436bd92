"""When to call back: suggestions inside the lead's business hours, on the lead's clock."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo

QUARTER = 15


def in_business_hours(at: datetime, zone: tzinfo, start_hour: int, end_hour: int) -> bool:
    local = at.astimezone(zone)
    return local.weekday() < 5 and start_hour <= local.hour < end_hour


def weekday_from(day: date) -> date:
    """``day`` if it is a weekday, else the Monday after (a re-contact or demo day)."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def next_business_time(local: datetime, start_hour: int, end_hour: int) -> datetime:
    """``local`` itself if it is inside business hours, else the next opening."""
    while True:
        if local.weekday() >= 5 or local.hour >= end_hour:
            local = datetime.combine(
                local.date() + timedelta(days=1), time(start_hour), local.tzinfo
            )
            continue
        if local.hour < start_hour:
            return datetime.combine(local.date(), time(start_hour), local.tzinfo)
        return local


def suggest_callback(
    now: datetime,
    zone: tzinfo,
    start_hour: int,
    end_hour: int,
    after: timedelta = timedelta(days=1),
) -> datetime:
    """The same time on the next business day (by default), rounded up to a quarter hour
    and moved into the lead's business hours; returned in UTC."""
    local = (now + after).astimezone(zone).replace(second=0, microsecond=0)
    extra = (-local.minute) % QUARTER
    local += timedelta(minutes=extra)
    # Leave room for the call itself: not in the last quarter hour before closing.
    if local.hour == end_hour - 1 and local.minute > 60 - QUARTER:
        local = local.replace(hour=end_hour, minute=0)
    return next_business_time(local, start_hour, end_hour).astimezone(UTC)


def recontact_time(day: date, zone: tzinfo, start_hour: int) -> datetime:
    """A re-contact date as a moment: the start of that business day on the lead's clock."""
    local = next_business_time(datetime.combine(day, time(start_hour), zone), start_hour, 24)
    return local.astimezone(UTC)
