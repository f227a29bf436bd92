"""The lead's time zone and the time on the lead's clock."""

from __future__ import annotations

from datetime import UTC, datetime

from sdrdesk.domain import phones, zones


def test_time_zone_falls_back_to_one_clock_countries_only() -> None:
    assert zones.time_zone_for(None, "DE") == "Europe/Berlin"
    assert zones.time_zone_for(None, "GB") == "Europe/London"
    # The United States keep several clocks: no guessing.
    assert zones.time_zone_for(None, "US") is None
    # A mobile number says nothing about the area; the country still does.
    assert zones.time_zone_for(phones.parse_phone("+1 212 555 0100", "US"), "US") == (
        "America/New_York"
    )


def test_local_time_and_calling_hours() -> None:
    tuesday_noon_utc = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)
    ny = zones.local_time("America/New_York", tuesday_noon_utc)
    assert ny is not None
    assert ny.hour == 8  # EDT started on 8 March 2026
    assert zones.is_calling_hour(ny, 9, 18) is False
    berlin = zones.local_time("Europe/Berlin", tuesday_noon_utc)
    assert zones.is_calling_hour(berlin, 9, 18) is True
    saturday = zones.local_time("Europe/Berlin", datetime(2026, 3, 14, 12, tzinfo=UTC))
    assert zones.is_calling_hour(saturday, 9, 18) is False
    assert zones.is_calling_hour(zones.local_time(None, tuesday_noon_utc), 9, 18) is None
