"""Phone, e-mail, country and time-zone rules on inputs SDRs actually get."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sdrdesk.domain import countries, emails, phones, zones
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


@pytest.mark.parametrize(
    "email",
    ["anna@example.com", "o'brien@firm.co.uk", "jörg.müller@bäckerei.de", "a+tag@sub.example.io"],
)
def test_valid_emails(email: str) -> None:
    assert emails.is_valid_email(email)


@pytest.mark.parametrize(
    "email",
    [
        "",
        "anna",
        "anna@",
        "@example.com",
        "anna@example",
        "anna@@example.com",
        "a..b@example.com",
        "anna@example.123",
        "anna example@example.com",
        "x" * 65 + "@example.com",
    ],
)
def test_invalid_emails(email: str) -> None:
    assert not emails.is_valid_email(email)


def test_email_key_is_case_insensitive_and_trims_mailto() -> None:
    assert emails.email_key(" mailto:Anna.Schmidt@Example.COM ") == "anna.schmidt@example.com"


def test_free_mail_versus_business() -> None:
    assert emails.is_free_mail("jane@gmail.com")
    assert emails.is_free_mail("JANE@GMX.DE")
    assert not emails.is_free_mail("jane@acme-logistics.de")
    assert emails.is_free_mail("jane@mycorp.com", extra_domains=["mycorp.com"])


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Deutschland", "DE"),
        ("germany", "DE"),
        ("DEU", "DE"),
        ("Österreich", "AT"),
        ("Schweiz", "CH"),
        ("USA", "US"),
        ("United States", "US"),
        ("U.K.", "GB"),
        ("fr", "FR"),
        ("Vereinigte Staaten", "US"),
    ],
)
def test_countries_by_code_or_english_or_german_name(text: str, code: str) -> None:
    assert countries.normalize_country(text) == code


def test_unknown_country_is_none() -> None:
    assert countries.normalize_country("Atlantis") is None
    assert countries.normalize_country("") is None


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
