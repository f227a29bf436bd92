"""Where an import reads national phone numbers (those without a country code)."""

from __future__ import annotations

from sdrdesk.domain.contact import is_phone_region, national_region, normalize_country, region_name
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_mapping import ColumnMapping
from sdrdesk.services.imports.csv_file import CsvFile

# Rows looked at, and national numbers tried, to tell the file's phone region.
_REGION_ROWS = 2_000
_REGION_SAMPLE = 200
_REGION_MIN_SAMPLE = 5


def check_region(region: str) -> str:
    code = (region or "").strip().upper()
    if not is_phone_region(code):
        raise ValidationError(
            f"“{region}” is not a country code for phone numbers (use two letters such as "
            "DE, US or GB)."
        )
    return code


def region_of_file(
    source: CsvFile, columns: ColumnMapping, default: str
) -> tuple[str, tuple[str, ...]]:
    """The region the file's national numbers are read in when none was given: the
    default, unless the numbers of rows without a country (the others are read in their
    own) are mostly not written as its numbers but as those of another likely region
    (``contact.national_region``); then that one, with a note saying so. Looks at the
    first rows only."""
    phones = [c for c in (columns.column_of("phone"), columns.column_of("mobile")) if c is not None]
    if not phones:
        return default, ()
    country = columns.column_of("country")
    numbers: list[str] = []
    for row in source.rows[:_REGION_ROWS]:
        values = row.values
        if country is not None and country < len(values) and normalize_country(values[country]):
            continue
        text = next(
            (values[c].strip() for c in phones if c < len(values) and values[c].strip()), ""
        )
        if text and not text.startswith(("+", "00")):
            numbers.append(text)
            if len(numbers) >= _REGION_SAMPLE:
                break
    if len(numbers) < _REGION_MIN_SAMPLE:
        return default, ()
    region, valid, at_default = national_region(numbers, default)
    if region == default:
        return default, ()
    share, share_default = (round(100 * n / len(numbers)) for n in (valid, at_default))
    return region, (
        f"phone numbers without a country code were read as {region_name(region)} ({region}):"
        f" {share} % of them are written as its numbers, {share_default} % as numbers of"
        f" {region_name(default)} ({default}), the default region. To read them otherwise,"
        " choose the country (the window asks; the command takes --default-region).",
    )
