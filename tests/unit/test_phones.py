"""Phone numbers as SDRs actually get them: read, checked, and the region a file's
national numbers are typed in."""

from __future__ import annotations

import pytest

from sdrdesk.domain import phones, zones
from sdrdesk.domain.phones import PhoneQuality


@pytest.mark.parametrize(
    ("raw", "region", "country", "e164", "zone"),
    [
        ("030 1234567", "DE", None, "+49301234567", "Europe/Berlin"),
        ("+49 (0)89 1234567", "US", None, "+49891234567", "Europe/Berlin"),
        ("0171 1234567", "DE", None, "+491711234567", "Europe/Berlin"),
        ("(212) 555-0100", "DE", "US", "+12125550100", "America/New_York"),
        ("415.555.0134", "US", None, "+14155550134", "America/Los_Angeles"),
        ("0049 30 1234567", "US", None, "+49301234567", "Europe/Berlin"),
        ("020 7946 0123", "DE", "GB", "+442079460123", "Europe/London"),
        ("044 668 18 00", "DE", "CH", "+41446681800", "Europe/Zurich"),
    ],
)
def test_valid_numbers_become_e164_with_the_leads_time_zone(
    raw: str, region: str, country: str | None, e164: str, zone: str
) -> None:
    info = phones.parse_phone(raw, region, country)
    assert info.quality is PhoneQuality.VALID
    assert info.e164 == e164
    assert info.raw == raw
    assert zones.time_zone_for(info, country) == zone


def test_extension_is_kept_apart_from_the_number() -> None:
    info = phones.parse_phone("(240) 452-2332 x4601", "US")
    assert info.e164 == "+12404522332"
    assert info.extension == "4601"
    assert phones.tel_uri(info.e164, info.extension) == "tel:+12404522332;ext=4601"


@pytest.mark.parametrize("raw", ["call me", "n/a", "+49 0", "12", "12345", "030 12", "🙂"])
def test_junk_is_not_dialable_but_the_text_is_kept(raw: str) -> None:
    info = phones.parse_phone(raw, "DE")
    assert info.quality is PhoneQuality.INVALID
    assert info.raw == raw
    assert info.e164 is None


def test_a_local_only_number_is_not_dialable() -> None:
    info = phones.parse_phone("555-0100", "US")  # seven digits: no area code
    assert info.quality is PhoneQuality.INVALID
    assert info.e164 is None


def test_a_full_length_number_outside_the_assigned_ranges_is_only_possible() -> None:
    info = phones.parse_phone("(212) 155-0100", "US")  # exchanges never start with 1
    assert info.quality is PhoneQuality.POSSIBLE
    assert info.e164 == "+12121550100"


def test_missing_phone() -> None:
    assert phones.parse_phone("   ", "DE").quality is PhoneQuality.MISSING


@pytest.mark.parametrize(
    ("numbers", "default", "region"),
    [
        # Another country's numbers, typed as its people type them: that country.
        (["(212) 555-0100", "(415) 867-5309", "(312) 555-0147", "1-646-555-0199"], "DE", "US"),
        (["030 1234567", "089 12345678", "040 1234567", "0221 123456"], "US", "DE"),
        (["0664 1234567", "01 5123456", "0316 123456", "0512 123456"], "US", "AT"),
        (["044 668 18 00", "031 123 45 67", "061 123 45 67", "079 123 45 67"], "US", "CH"),
        (["020 7946 0958", "0161 496 0000", "0113 496 0000", "0131 496 0000"], "US", "GB"),
        # Numbers the default reads as its own stay there, even when valid elsewhere.
        (["030 1234567", "089 12345678", "040 1234567", "0221 123456"], "DE", "DE"),
        # "660-485-0224" is a valid Austrian number, but no Austrian types it so.
        (["660-485-0224", "660-485-0225", "660-485-0226", "660-485-0227"], "DE", "US"),
        # Digits a spreadsheet cut the leading 0 from fit no country well: the default.
        (["301234567", "891234567", "401234567", "691234567"], "US", "US"),
        # Ambiguous: French numbers that are also German ones as typed stay German.
        (["06 12 34 56 78", "07 81 23 45 67", "06 42 68 53 01", "01 42 68 53 00"], "DE", "DE"),
    ],
)
def test_the_region_a_files_national_numbers_are_typed_in(
    numbers: list[str], default: str, region: str
) -> None:
    assert phones.national_region(numbers, default)[0] == region


def test_no_numbers_keep_the_default_region() -> None:
    assert phones.national_region([], "DE") == ("DE", 0, 0)
