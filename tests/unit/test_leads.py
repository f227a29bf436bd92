"""Cleaning one lead: dates, scores, e-mail and names as exports write them.

The import reads most values through fast paths (numeric dates without strptime, plain
scores without the pattern, e-mail normalised once); these tests pin that the fast
paths read every value exactly as the general code does.
"""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from sdrdesk.domain import dates, emails
from sdrdesk.domain.dates import parse_datetime
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_mapping import build_mapping
from sdrdesk.domain.leads import LeadInput, clean_lead
from sdrdesk.domain.scores import parse_score

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 3, 24, 14, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "dayfirst", "utc"),
    [
        ("18.03.2026 02:15", True, datetime(2026, 3, 18, 1, 15, tzinfo=UTC)),
        ("18.03.2026 02:15", False, datetime(2026, 3, 18, 1, 15, tzinfo=UTC)),
        ("8.3.2026 2:15:09", True, datetime(2026, 3, 8, 1, 15, 9, tzinfo=UTC)),
        ("03/04/2026 14:00", True, datetime(2026, 4, 3, 12, 0, tzinfo=UTC)),
        ("03/04/2026 14:00", False, datetime(2026, 3, 4, 13, 0, tzinfo=UTC)),
        ("03/18/2026", True, datetime(2026, 3, 17, 23, 0, tzinfo=UTC)),  # no 18th month
        ("29-02-2024", True, datetime(2024, 2, 28, 23, 0, tzinfo=UTC)),
        ("18.03.26 09:00", True, datetime(2026, 3, 18, 8, 0, tzinfo=UTC)),
        ("2026-03-18T09:00:00Z", True, datetime(2026, 3, 18, 9, 0, tzinfo=UTC)),
        ("01.07.2026 12:00", True, datetime(2026, 7, 1, 10, 0, tzinfo=UTC)),  # summer time
    ],
)
def test_dates_are_read_in_the_machines_zone(text: str, dayfirst: bool, utc: datetime) -> None:
    assert parse_datetime(text, BERLIN, dayfirst=dayfirst) == utc


@pytest.mark.parametrize(
    "text", ["31.02.2026", "18.03.2026 24:00", "32.01.2026", "00.01.2026", "18.13.2026 10:00"]
)
def test_impossible_dates_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a date and time"):
        parse_datetime(text, BERLIN)


def _numeric_dates() -> list[str]:
    numbers = ["0", "00", "1", "01", "9", "09", "10", "12", "13", "24", "29", "31", "32", "60"]
    years = ["2026", "0000", "1999", "26"]
    dates = [
        f"{a}{sep}{b}{sep}{y}" for a, b, sep, y in itertools.product(numbers, numbers, "./-", years)
    ]
    times = ["", " 0:00", " 02:15", " 23:59", " 24:00", " 12:60", " 9:5", " 10:00:59", " 10:00:60"]
    return [d + t for d, t in itertools.product(dates, times)]


@pytest.mark.parametrize("dayfirst", [True, False])
def test_the_fast_date_path_reads_what_the_formats_read(dayfirst: bool) -> None:
    fast = 0
    for value in _numeric_dates():
        quick = dates._numeric_date(value, dayfirst)
        if quick is not None:
            fast += 1
            assert quick == dates._any_date(value, dayfirst), value
    assert fast > 1000  # the usual dates do take the fast path


@pytest.mark.parametrize(
    ("text", "score"),
    [
        ("85", 85),
        ("085", 85),
        ("٨٥", 85),
        (" 42 ", 42),
        ("85.5", 86),
        ("84.5", 85),  # halves away from zero, as Excel rounds (round() gives 84)
        ("70,5", 71),
        ("-2.5", -3),
        ("٨٤.٥", 85),
        ("85,4 %", 85),
        ("2147483647.4", 2147483647),
        ("-3", -3),
        ("2147483647", 2147483647),
    ],
)
def test_scores(text: str, score: int) -> None:
    assert parse_score(text) == score


@pytest.mark.parametrize("text", ["2147483648", "-99999999999999999999", "1" * 400])
def test_scores_the_column_cannot_hold_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is too large"):
        parse_score(text)


def test_a_score_the_column_cannot_hold_is_kept_as_extra_data() -> None:
    lead = clean_lead(
        LeadInput(email="a@example.com", score="12345678901234567890"),
        default_region="DE",
        now=NOW,
    )
    assert lead.score is None
    assert lead.extra == {"score (as imported)": "12345678901234567890"}
    assert lead.warnings == ["score “12345678901234567890” is too large"]


@pytest.mark.parametrize("text", ["x", "²", "1e3", "85 points"])
def test_scores_that_are_no_number_are_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a number"):
        parse_score(text)


@pytest.mark.parametrize(
    "text",
    [
        "Ada@Example.COM",
        " mailto:Ada@Example.com ",
        "MAILTO:mailto:ada@example.com",
        "mailto:",
        "no address",
        "İ@İ.example",
        "a" * 65 + "@example.com",
        "",
    ],
)
def test_email_is_normalised_once_with_the_same_result(text: str) -> None:
    email = emails.normalize_email(text)
    assert emails.check_email(text) == (
        email,
        emails.is_valid_email(email),
        emails.email_key(email),
    )


def test_a_lead_from_a_csv_row() -> None:
    mapping = build_mapping(
        ["Vorname", "Nachname", "E-Mail", "Telefon", "Land", "Score", "MQL-Datum", "Notiz", "Leer"]
    )
    row = [
        " Jürgen ",
        "Weiß",
        "Juergen@Example.DE",
        "030 1234567",
        "Deutschland",
        "85",
        "18.03.2026 02:15",
        "ruft zurück",
        "",
    ]
    lead = clean_lead(mapping.lead_builder()(row), default_region="US", now=NOW, local_zone=BERLIN)
    assert (lead.first_name, lead.last_name, lead.email, lead.email_key) == (
        "Jürgen",
        "Weiß",
        "Juergen@example.de",
        "juergen@example.de",
    )
    assert (lead.phone.e164, lead.country, lead.time_zone) == (
        "+49301234567",
        "DE",
        "Europe/Berlin",
    )
    assert lead.score == 85
    assert lead.handed_off_at == datetime(2026, 3, 18, 1, 15, tzinfo=UTC)
    assert lead.extra == {"Notiz": "ruft zurück"}
    assert lead.warnings == []


def test_a_row_with_fields_the_file_has_no_column_for() -> None:
    lead = build_mapping(["Email"]).lead_builder()(["ada@example.com"])
    assert lead == LeadInput(email="ada@example.com")


def test_the_mobile_is_dialled_when_the_phone_is_not_a_number() -> None:
    lead = clean_lead(
        LeadInput(email="a@example.com", phone="n/a", mobile="0151 23456789"),
        default_region="DE",
        now=NOW,
    )
    assert lead.phone.e164 == "+4915123456789"
    assert lead.extra == {"other phone": "n/a"}


@pytest.mark.parametrize("raw", ["4,93012E+11", "4.93012E+11", "4,9E11", "1E+10"])
def test_a_phone_in_scientific_notation_says_why_it_cannot_be_dialled(raw: str) -> None:
    lead = clean_lead(LeadInput(email="a@example.com", phone=raw), default_region="DE", now=NOW)
    assert lead.phone.raw == raw
    assert lead.warnings == [
        f"phone “{raw}” is not a valid number (a spreadsheet wrote it in scientific notation,"
        " which loses its last digits; format the column as text and export the file again)"
    ]


def test_other_invalid_phones_get_no_such_hint() -> None:
    lead = clean_lead(LeadInput(email="a@example.com", phone="12E"), default_region="DE", now=NOW)
    assert lead.warnings == ["phone “12E” is not a valid number"]
