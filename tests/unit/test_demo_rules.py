"""The demo rules that need no database: suggestion, warnings, links, zone rules."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo, available_timezones

import pytest

from sdrdesk.domain.demos import (
    AeLoad,
    Slot,
    WarningKind,
    meeting_url,
    suggest_ae,
    warnings_for,
)
from sdrdesk.domain.tzrules import parse_posix_tz, utc_offset, zone_rules

T0 = datetime(2026, 3, 1, tzinfo=UTC)


def test_round_robin_prefers_fewest_then_longest_wait_then_name() -> None:
    assert suggest_ae([]) is None
    loads = [
        AeLoad(1, "Carla", 2, T0),
        AeLoad(2, "David", 1, T0 + timedelta(days=2)),
        AeLoad(3, "Eva", 1, T0 + timedelta(days=1)),
    ]
    assert suggest_ae(loads) == 3  # fewest (1), and Eva waited longer than David
    assert suggest_ae([*loads, AeLoad(4, "Finn", 1, None)]) == 4  # never had one
    assert suggest_ae([AeLoad(5, "Zoe", 0, None), AeLoad(6, "Ada", 0, None)]) == 6


def _warnings(start: datetime, **kwargs: object) -> list[WarningKind]:
    args: dict[str, object] = {
        "starts_at": start,
        "duration_minutes": 30,
        "ae_id": 1,
        "ae_name": "David",
        "lead_zone": "America/New_York",
        "business_hours": (9, 18),
        "slots": [],
    }
    args.update(kwargs)
    return [w.kind for w in warnings_for(**args)]  # type: ignore[arg-type]


def test_warnings_are_about_the_leads_clock_and_the_aes_time() -> None:
    ny = ZoneInfo("America/New_York")
    assert _warnings(datetime(2026, 3, 11, 9, 0, tzinfo=ny)) == []
    assert _warnings(datetime(2026, 3, 11, 17, 30, tzinfo=ny)) == []  # ends at 18:00
    assert _warnings(datetime(2026, 3, 11, 8, 45, tzinfo=ny)) == [WarningKind.OUTSIDE_HOURS]
    assert _warnings(datetime(2026, 3, 11, 17, 45, tzinfo=ny)) == [WarningKind.OUTSIDE_HOURS]
    assert _warnings(datetime(2026, 3, 14, 11, 0, tzinfo=ny)) == [WarningKind.WEEKEND]
    assert _warnings(datetime(2026, 3, 11, 11, tzinfo=ny), lead_zone=None) == [
        WarningKind.UNKNOWN_ZONE
    ]
    start = datetime(2026, 3, 11, 15, tzinfo=UTC)
    busy = Slot(9, 1, start + timedelta(minutes=20), start + timedelta(minutes=50), "Ada")
    other_ae = Slot(10, 2, start, start + timedelta(minutes=30), "Linus")
    after = Slot(11, 1, start + timedelta(minutes=30), start + timedelta(hours=1), "Barbara")
    assert _warnings(start, slots=[busy, other_ae, after]) == [WarningKind.OVERLAP]
    assert _warnings(start, slots=[busy], exclude_demo_id=9) == []  # moving that very demo


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("https://meet.example.com/abc", "https://meet.example.com/abc"),
        ("http://zoom.us/j/123?pwd=x", "http://zoom.us/j/123?pwd=x"),
        ("Cobalt HQ, 5th floor", None),
        ("ftp://files.example.com", None),
        ("https://", None),
        (None, None),
    ],
)
def test_a_link_is_told_from_a_place(text: str | None, url: str | None) -> None:
    assert meeting_url(text) == url


def test_posix_rules_become_yearly_rrules() -> None:
    rules = parse_posix_tz("America/New_York", "EST5EDT,M3.2.0,M11.1.0")
    assert rules is not None
    daylight, standard = rules.observances
    assert daylight.rrule == {"FREQ": "YEARLY", "BYMONTH": 3, "BYDAY": "2SU"}
    assert daylight.onset == datetime(1970, 3, 8, 2, 0)
    assert standard.rrule == {"FREQ": "YEARLY", "BYMONTH": 11, "BYDAY": "1SU"}
    assert (standard.offset_from, standard.offset_to) == (timedelta(hours=-4), timedelta(hours=-5))
    india = parse_posix_tz("Asia/Kolkata", "IST-5:30")
    assert india is not None
    assert india.observances[0].offset_to == timedelta(hours=5, minutes=30)
    assert parse_posix_tz("X", "<-02>2<-01>,M3.5.0/-1,M10.5.0/0") is None  # before midnight
    assert parse_posix_tz("X", "garbage") is None


def test_zone_rules_agree_with_zoneinfo_for_nearly_every_zone() -> None:
    disagree = []
    for name in sorted(available_timezones()):
        rules = zone_rules(name)
        if rules is None:
            continue
        tz = ZoneInfo(name)
        at = datetime(2026, 1, 1, tzinfo=UTC)
        while at.year < 2028:
            if utc_offset(rules, at) != at.astimezone(tz).utcoffset():
                disagree.append(name)
                break
            at += timedelta(hours=13)
    # Morocco follows Ramadan; invites in these zones fall back to UTC.
    assert disagree == ["Africa/Casablanca", "Africa/El_Aaiun"]
    assert zone_rules("../etc/passwd") is None
    assert zone_rules("No/Such_Zone") is None
