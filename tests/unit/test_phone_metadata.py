"""The adapter for phonenumbers' internals (``domain.phone_metadata``) gives the answers
of phonenumbers' public API: a release that changes the internals fails here."""

from __future__ import annotations

import phonenumbers
import pytest
from phonenumbers import timezone

from sdrdesk.domain.phone_metadata import (
    keep_patterns,
    national_prefix,
    region_if_valid,
    zones_for_number,
)


def _numbers_of_every_region() -> list[phonenumbers.PhoneNumber]:
    """Every region's example number of every type, and near misses of each."""
    numbers = []
    examples = [
        phonenumbers.example_number_for_type(region, kind)
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        for kind in range(12)
    ] + [
        phonenumbers.example_number_for_non_geo_entity(code)
        for code in sorted(phonenumbers.COUNTRY_CODES_FOR_NON_GEO_REGIONS)
    ]
    for example in filter(None, examples):
        national = phonenumbers.national_significant_number(example)
        near = (national[:-1], national + "5", "9" + national[1:], national + "12")
        for digits in (national, *near):
            try:
                numbers.append(phonenumbers.parse(f"+{example.country_code}{digits}", None))
            except phonenumbers.NumberParseException:
                continue
    return numbers


def test_the_region_a_number_is_valid_in_is_phonenumbers_answer() -> None:
    numbers = _numbers_of_every_region()
    valid = 0
    for number in numbers:
        region = phonenumbers.region_code_for_number(number)
        if region is not None and phonenumbers.is_valid_number_for_region(number, region):
            valid += 1
        else:
            region = None
        assert region_if_valid(number) == region, number
    assert valid > 2000 < len(numbers) - valid  # both kinds were asked about


@pytest.mark.parametrize(
    ("e164", "region", "zones"),
    [
        ("+49301234567", "DE", ("Europe/Berlin",)),
        ("+491711234567", "DE", ("Europe/Berlin",)),
        ("+12125550100", "US", ("America/New_York",)),
        ("+14155550134", "US", ("America/Los_Angeles",)),
        ("+442079460123", "GB", ("Europe/London",)),
        ("+41446681800", "CH", ("Europe/Zurich",)),
    ],
)
def test_real_numbers(e164: str, region: str, zones: tuple[str, ...]) -> None:
    keep_patterns()  # switching the pattern cache on changes no answer
    number = phonenumbers.parse(e164)
    assert region_if_valid(number) == region
    assert zones_for_number(e164[1:]) == zones
    assert timezone.time_zones_for_geographical_number(number) == zones


def test_an_invalid_number_has_no_region_and_a_mobile_no_zone_of_its_own() -> None:
    assert region_if_valid(phonenumbers.parse("+12121550100")) is None
    # A US mobile is a geographic number (NANP): the area code still says New York.
    assert zones_for_number("12125550100") == ("America/New_York",)
    assert zones_for_number("999") == ()


def test_the_zones_of_every_regions_example_numbers_are_phonenumbers_answer() -> None:
    examples = [
        phonenumbers.example_number_for_type(region, kind)
        for region in sorted(phonenumbers.SUPPORTED_REGIONS)
        for kind in range(12)
    ]
    asked = 0
    for number in filter(None, examples):
        e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        theirs = timezone.time_zones_for_geographical_number(number)
        assert zones_for_number(e164[1:]) == tuple(z for z in theirs if z != "Etc/Unknown")
        asked += 1
    assert asked > 1000


def test_the_trunk_prefix_is_phonenumbers_answer() -> None:
    assert national_prefix("DE") == "0"
    assert national_prefix("US") == "1"
    assert national_prefix("IT") == ""
    for region in phonenumbers.SUPPORTED_REGIONS:
        assert national_prefix(region) == (phonenumbers.ndd_prefix_for_region(region, False) or "")
