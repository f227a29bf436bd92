"""How an import reads values: plain text, times, day-or-month dates, phone regions, big scores."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from sdrdesk.domain.errors import ValidationError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import ImportService, RowIssue
from sdrdesk.services.results import UserInfo
from tests.services.import_helpers import by_email, run, stored, write_csv

NAUGHTY = [
    "undefined",
    "NULL",
    "null",
    "None",
    "0",
    "-1E+02",
    "1/0",
    "$HOME",
    "%s%n%x",
    "{0}",
    "\\",
    "\\\\",
    "'",
    '"',
    "''",
    '""',
    "'\"'",
    "<script>alert('x')</script>",
    "'; DROP TABLE leads; --",
    "1' OR '1'='1",
    "Robert'); DROP TABLE Students;--",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example","Click")',
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "+1+1",
    "-1+1",
    "=1+1",
    "\t=1+1",
    "\r=1+1",
    'DDE ("cmd";"/C calc";"!A0")A0',
    "Ω≈ç√∫˜µ≤≥÷",
    "åß∂ƒ©˙∆˚¬…æ",
    "田中さんにあげて下さい",
    "사회과학원 어학연구소",
    "﻿BOM inside",
    "zero\u200bwidth\u200cjoin\u200d",
    "\u202eRTL override\u202c",
    "مرحبا بالعالم",
    "שָׁלוֹם",
    "👩‍👩‍👧‍👦 family",
    "🇩🇪 flag",
    "𝕿𝖍𝖊 𝖖𝖚𝖎𝖈𝖐",
    "Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮",
    "a,b;c|d",
    "line\nbreak",
    "cr\rlf\r\nend",
    "Ⅷ ㊿",
    "control\x01\x02\x1fchars",
    "x" * 5000,
]


def test_naughty_strings_are_stored_as_plain_text(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    header = ["Email", "Company", "Title", "Notes 📝 <b>", "=Formula Header"]
    rows = [header] + [
        [f"n{i}@x.example", value, value, value, value] for i, value in enumerate(NAUGHTY)
    ]
    path = write_csv(tmp_path, rows)

    report = run(ctx, sdr, path)

    assert report.imported == len(NAUGHTY), report.summary()
    leads = by_email(ctx)
    for i, value in enumerate(NAUGHTY):
        # Stored as typed, without surrounding whitespace and without control characters.
        expected = "".join(
            c for c in value if c in "\t\n\r" or not (ord(c) < 32 or ord(c) == 127)
        ).strip()
        lead = leads[f"n{i}@x.example"]
        assert lead["company"] == expected[:300], repr(value)
        assert lead["extra"]["Notes 📝 <b>"] == expected, repr(value)
        assert lead["extra"]["=Formula Header"] == expected, repr(value)
        if len(expected) > 300:
            assert lead["extra"]["company (full text)"] == expected


@pytest.fixture(
    # New York by name, and the same rules as a POSIX TZ string that has no zoneinfo file
    # (read through the C library instead).
    params=["America/New_York", "XYZ5ABC,M3.2.0,M11.1.0"],
    ids=["zoneinfo", "posix-rule"],
)
def machine_zone(monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> Iterator[None]:
    if not hasattr(time, "tzset"):
        pytest.skip("needs time.tzset (POSIX)")
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("machine_zone")
def test_naive_times_are_read_in_the_machines_zone(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            ["Email", "MQL Date"],
            ["winter@x.example", "2026-02-02 09:00"],
            ["summer@x.example", "01.07.2025 09:00"],
            ["zoned@x.example", "2026-02-02T09:00:00+01:00"],
        ],
    )
    run(ctx, sdr, path)
    leads = by_email(ctx)
    assert leads["winter@x.example"]["handed_off_at"] == datetime(2026, 2, 2, 14, tzinfo=UTC)
    assert leads["summer@x.example"]["handed_off_at"] == datetime(2025, 7, 1, 13, tzinfo=UTC)
    assert leads["zoned@x.example"]["handed_off_at"] == datetime(2026, 2, 2, 8, tzinfo=UTC)


@pytest.mark.parametrize(
    ("dates", "region", "expected_day", "dayfirst"),
    [
        (["03/04/2026", "13/04/2026"], None, (4, 3), True),  # a day above 12
        (["03/04/2026", "04/13/2026"], None, (3, 4), False),  # a second number above 12
        (["03/04/2026", "05/06/2026"], None, (4, 3), True),  # ambiguous: DE is day-first
        (["03/04/2026", "05/06/2026"], "US", (3, 4), False),  # ambiguous: US month-first
    ],
)
def test_day_or_month_first_is_decided_per_file(
    ctx: ServiceContext,
    sdr: UserInfo,
    tmp_path: Path,
    dates: list[str],
    region: str | None,
    expected_day: tuple[int, int],
    dayfirst: bool,
) -> None:
    rows = [["Email", "Handoff Date"]] + [[f"d{i}@x.example", d] for i, d in enumerate(dates)]
    report = run(ctx, sdr, write_csv(tmp_path, rows), default_region=region)
    assert report.dates_dayfirst is dayfirst
    first = by_email(ctx)["d0@x.example"]["handed_off_at"]
    assert (first.month, first.day) == expected_day
    assert ("3 April (day first)" if dayfirst else "March 4 (month first)") in report.summary()


def test_default_region_reads_numbers_without_country_code(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    rows = [["Email", "Phone"], ["ny@x.example", "(212) 555-0182"]]
    run(ctx, sdr, write_csv(tmp_path, rows, name="us.csv"), default_region="US")
    assert by_email(ctx)["ny@x.example"]["phone_e164"] == "+12125550182"
    with pytest.raises(ValidationError, match="“Atlantis” is not a country code"):
        run(ctx, sdr, write_csv(tmp_path, rows), default_region="Atlantis")


def test_many_numbers_invalid_in_the_default_region_give_a_hint(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    rows = [["Email", "Phone"]] + [[f"u{i}@x.example", f"660-485-02{i:02d}"] for i in range(10)]
    # The region was chosen (--default-region, the window's country): it is kept.
    report = run(ctx, sdr, write_csv(tmp_path, rows), dry_run=True, default_region="DE")
    assert report.warnings[0].line is None
    assert "phone numbers are not valid numbers in DE" in report.warnings[0].message


US_ROWS = [["Email", "Phone"]] + [[f"u{i}@x.example", f"(212) 555-01{i:02d}"] for i in range(10)]


def test_a_file_of_another_countrys_numbers_is_read_in_that_country_and_says_so(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """No region given, and the default (DE) reads none of the national numbers: the
    region most of them are valid in reads them, and the report says which and why."""
    report = run(ctx, sdr, write_csv(tmp_path, US_ROWS))
    assert report.imported == 10
    assert [w.message for w in report.warnings] == [
        "phone numbers without a country code were read as United States (US): 100% of them"
        " are written as its numbers, 0% as numbers of Germany (DE), the default region. To"
        " read them otherwise, choose the country (the window asks; the command takes"
        " --default-region)."
    ]
    assert {lead["phone_e164"][:5] for lead in stored(ctx)} == {"+1212"}
    assert {lead["time_zone"] for lead in stored(ctx)} == {"America/New_York"}


@pytest.mark.parametrize(
    "rows",
    [
        # Numbers valid in the default region: nothing to decide.
        [["Email", "Phone"], *([f"d{i}@x.example", f"030 12345{i:02d}"] for i in range(10))],
        # Rows with a country are read there; the few left are too few to judge.
        [
            ["Email", "Phone", "Country"],
            *([f"c{i}@x.example", f"(212) 555-01{i:02d}", "US"] for i in range(10)),
        ],
        # Numbers no likely region reads: the default stays, with the usual hint.
        [["Email", "Phone"], *([f"x{i}@x.example", f"99 {i:02d}"] for i in range(10))],
    ],
    ids=["valid-in-default", "own-country", "no-better-region"],
)
def test_the_default_region_stays_when_the_numbers_do_not_say_otherwise(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, rows: list[list[str]]
) -> None:
    report = run(ctx, sdr, write_csv(tmp_path, rows), dry_run=True)
    assert not any("were read as" in w.message for w in report.warnings)


def test_a_score_too_large_for_the_column_is_a_warning_not_a_crash(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, [["Email", "Score"], ["big@x.example", "99999999999999999999"]])
    report = run(ctx, sdr, path)
    assert report.imported == 1
    assert report.warnings == (RowIssue(2, "score “99999999999999999999” is too large"),)
    lead = by_email(ctx)["big@x.example"]
    assert lead["score"] is None
    assert lead["extra"] == {"score (as imported)": "99999999999999999999"}


def test_the_region_is_decided_once_and_worded_alike_for_the_window_and_the_report(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """The column dialog's note and the report's come from one decision: the region, and
    why (chosen for the import, the default, or the file's numbers)."""
    path = write_csv(tmp_path, US_ROWS)
    service = ImportService(ctx)
    preview = service.preview(path)
    decided = service.region_for(preview)
    assert (decided.region, decided.why, decided.default) == ("US", "file", "DE")
    report = service.run(path, actor_id=sdr.id, dry_run=True)
    assert tuple(w.message for w in report.warnings) == decided.notes
    assert service.region_for(preview, "US").why == "default"  # the last one chosen
    chosen = service.run(path, actor_id=sdr.id, dry_run=True, default_region="us")
    assert not any("were read as" in w.message for w in chosen.warnings)
