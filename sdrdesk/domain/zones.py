"""The lead's time zone and the time on the lead's clock.

The zone comes from the number (area code) when it pins one zone, else from the
country when the whole country shares one clock, else it stays unknown rather than
guessed. The area codes' zones come from ``phone_metadata``, imported where they are
first needed (see ``phones`` on start-up time).
"""

from __future__ import annotations

import functools
from datetime import UTC, datetime, tzinfo
from importlib import resources
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sdrdesk.domain.phones import PhoneInfo, PhoneQuality


def time_zone_for(phone: PhoneInfo | None, country: str | None) -> str | None:
    """The lead's IANA time zone: the phone's area code if it pins one zone, else the
    country's if the whole country keeps one clock, else ``None`` (unknown)."""
    if phone is not None and phone.e164 and phone.quality is PhoneQuality.VALID:
        from sdrdesk.domain.phone_metadata import zones_for_number

        zones = zones_for_number(phone.e164[1:])
        if len(zones) == 1:
            return zones[0]
    for region in (country, phone.region if phone else None):
        if region:
            zone = country_time_zone(region)
            if zone:
                return zone
    return None


@functools.cache
def _zone_tab() -> dict[str, tuple[str, ...]]:
    table: dict[str, list[str]] = {}
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        parts = line.split("\t")
        table.setdefault(parts[0], []).append(parts[2])
    return {k: tuple(v) for k, v in table.items()}


@functools.lru_cache(maxsize=512)
def country_time_zone(country: str) -> str | None:
    """The zone of a country whose zones all keep the same clock all year, else ``None``."""
    zones = _zone_tab().get(country.upper(), ())
    if not zones:
        return None
    year = datetime.now(UTC).year
    probes = [datetime(year, 1, 15, 12, tzinfo=UTC), datetime(year, 7, 15, 12, tzinfo=UTC)]
    offsets = {tuple(p.astimezone(ZoneInfo(z)).utcoffset() for p in probes) for z in zones}
    return zones[0] if len(offsets) == 1 else None


def zone(name: str | None) -> tzinfo | None:
    """The zone called ``name`` (IANA), or ``None`` for none or an unknown name."""
    return _zone(name) if name else None


@functools.lru_cache(maxsize=1024)
def _zone(name: str) -> tzinfo | None:
    """``ZoneInfo`` keeps only the eight zones asked last; a queue page asks for dozens,
    each row's, and read the zone files again for most of them (a third of the time of
    ordering a search's 500 matches)."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def local_time(zone_name: str | None, now: datetime) -> datetime | None:
    """``now`` (aware, any zone) seen on the lead's clock; ``None`` if the zone is unknown."""
    tz = zone(zone_name)
    return now.astimezone(tz) if tz else None


def is_calling_hour(local: datetime | None, start_hour: int, end_hour: int) -> bool | None:
    """A reasonable time to call: a weekday between ``start_hour`` and ``end_hour``."""
    if local is None:
        return None
    return local.weekday() < 5 and start_hour <= local.hour < end_hour
