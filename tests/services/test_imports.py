"""Importing MQLs from CSV files, as a user would: every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json
import os
import threading
import time
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from sdrdesk.db.engine import Store
from sdrdesk.db.models import ImportBatch, Lead, LeadEvent
from sdrdesk.domain.errors import ImportFileError, SdrdeskError, ValidationError
from sdrdesk.domain.import_fields import FIELD_LABELS
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import (
    ImportReport,
    ImportService,
    RowIssue,
    not_imported_csv,
    parse_mapping,
)
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.file_reads import record_reads
from tests.spreadsheets import GERMAN_XLS

Rows = list[list[str]]


def write_csv(
    tmp_path: Path,
    rows: Rows,
    *,
    name: str = "leads.csv",
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(ctx: ServiceContext, sdr: UserInfo, path: Path, **options: Any) -> ImportReport:
    return ImportService(ctx).run(path, actor_id=sdr.id, **options)


def stored(ctx: ServiceContext) -> list[dict[str, Any]]:
    """Every lead in the store as column values, in id order."""
    with ctx.store.read() as s:
        return [
            {c.key: getattr(lead, c.key) for c in Lead.__table__.columns}
            for lead in s.scalars(select(Lead).order_by(Lead.id))
        ]


def by_email(ctx: ServiceContext) -> dict[str | None, dict[str, Any]]:
    return {lead["email"]: lead for lead in stored(ctx)}


def counts(ctx: ServiceContext) -> tuple[int, int, int]:
    """(leads, events, import batches) in the store."""
    with ctx.store.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Lead)) or 0,
            s.scalar(select(func.count()).select_from(LeadEvent)) or 0,
            s.scalar(select(func.count()).select_from(ImportBatch)) or 0,
        )


HUBSPOT = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Number of Employees",
    "Industry",
    "Country/Region",
    "Original Source",
    "HubSpot Score",
    "Create Date",
    "Became a Marketing Qualified Lead Date",
    "UTM Campaign",
    "UTM Medium",
    "Notes",
]


def test_hubspot_export_is_imported_with_every_column_kept(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            HUBSPOT,
            [
                "501",
                "Ada",
                "Lovelace",
                "Ada@Example-Corp.com",
                "+44 20 7946 0018",
                "",
                "Analytical Engines Ltd",
                "CTO",
                "51-200",
                "Computer Software",
                "United Kingdom",
                "Organic Search",
                "87",
                "2026-03-01 08:00",
                "2026-03-09T10:15:00Z",
                "spring-webinar",
                "email",
                "wants a demo",
            ],
            [
                "502",
                "Grace",
                "Hopper",
                "grace@navy.example",
                "(415) 555-2671",
                "415 555 0199",
                "Navy",
                "Rear Admiral",
                "10000+",
                "Defense",
                "USA",
                "Paid Search",
                "n/a",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
        name="hubspot.csv",
    )

    report = run(ctx, sdr, path)

    assert report.summary().startswith("Imported 2 of 2 rows from hubspot.csv (UTF-8, comma).")
    assert (report.imported, report.rows_total, report.skipped, report.duplicates) == (2, 2, (), ())
    assert report.mapping["Became a Marketing Qualified Lead Date"] == "handed_off_at"
    assert report.mapping["Create Date"] == "extra"
    leads = by_email(ctx)
    ada = leads["Ada@example-corp.com"]
    assert ada["id"] == report.imported_ids[0]
    assert (ada["first_name"], ada["last_name"], ada["external_id"]) == ("Ada", "Lovelace", "501")
    assert ada["email_key"] == "ada@example-corp.com"
    assert (ada["phone_e164"], ada["country"], ada["time_zone"]) == (
        "+442079460018",
        "GB",
        "Europe/London",
    )
    assert (ada["company"], ada["title"], ada["company_size"], ada["industry"]) == (
        "Analytical Engines Ltd",
        "CTO",
        "51-200",
        "Computer Software",
    )
    assert (ada["source"], ada["campaign"], ada["score"]) == (
        "Organic Search",
        "spring-webinar",
        87,
    )
    assert ada["handed_off_at"] == datetime(2026, 3, 9, 10, 15, tzinfo=UTC)
    assert ada["import_batch_id"] == report.batch_id
    assert ada["extra"] == {
        "Create Date": "2026-03-01 08:00",
        "UTM Medium": "email",
        "Notes": "wants a demo",
    }
    grace = leads["grace@navy.example"]
    assert grace["phone_e164"] == "+14155552671"  # read in the lead's country, not DE
    assert grace["extra"]["other phone"] == "415 555 0199"
    assert grace["score"] is None
    assert grace["extra"]["score (as imported)"] == "n/a"
    assert grace["handed_off_at"] == ctx.now()  # no MQL date: the import time
    assert RowIssue(3, "score “n/a” is not a number") in report.warnings
    assert "line 3: score “n/a” is not a number" in report.summary()


def test_german_excel_export_in_windows_1252_with_semicolons(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            [
                "Anrede",
                "Vorname",
                "Nachname",
                "Firma",
                "Telefon",
                "E-Mail",
                "Position",
                "Branche",
                "Land",
                "Quelle",
                "Kampagne",
                "Mitarbeiter",
                "Übergabedatum",
            ],
            [
                "Herr",
                "Jürgen",
                "Müller",
                "Müller & Söhne GmbH",
                "030 12345678",
                "j.mueller@mueller-soehne.de",
                "Geschäftsführer",
                "Maschinenbau",
                "Deutschland",
                "Messe",
                "Frühjahr 2026",
                "50–99",
                "03.03.2026 09:15",
            ],
            [
                "Frau",
                "Änne",
                "Weiß",
                "Straße & Söhne",
                "0043 1 58800",
                "aenne@weiss.at",
                "Einkäuferin",
                "Großhandel",
                "Österreich",
                "Webinar",
                "Frühjahr 2026",
                "10–49",
                "13.02.2026",
            ],
        ],
        name="Leads März.csv",
        encoding="cp1252",
        delimiter=";",
    )

    report = run(ctx, sdr, path)

    assert report.summary().startswith(
        "Imported 2 of 2 rows from Leads März.csv (Windows-1252, semicolon)."
    )
    leads = by_email(ctx)
    juergen = leads["j.mueller@mueller-soehne.de"]
    assert (juergen["first_name"], juergen["last_name"]) == ("Jürgen", "Müller")
    assert (juergen["company"], juergen["title"]) == ("Müller & Söhne GmbH", "Geschäftsführer")
    assert (juergen["industry"], juergen["campaign"], juergen["company_size"]) == (
        "Maschinenbau",
        "Frühjahr 2026",
        "50–99",
    )
    assert (juergen["country"], juergen["phone_e164"], juergen["source"]) == (
        "DE",
        "+493012345678",
        "Messe",
    )
    assert juergen["extra"] == {"Anrede": "Herr"}
    # Berlin is UTC+1 in March; sdrdesk reads naive times in the machine's zone, and the
    # test machine runs in UTC unless told otherwise, so compare with the same rule.
    assert juergen["handed_off_at"] == datetime(2026, 3, 3, 9, 15).astimezone(UTC)
    aenne = leads["aenne@weiss.at"]
    assert (aenne["last_name"], aenne["company"], aenne["country"]) == (
        "Weiß",
        "Straße & Söhne",
        "AT",
    )
    assert aenne["phone_e164"] == "+43158800"
    assert aenne["handed_off_at"] == datetime(2026, 2, 13).astimezone(UTC)


ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "utf-16"]
ENCODING_NAMES = {
    "utf-8": "UTF-8",
    "utf-8-sig": "UTF-8 with BOM",
    "cp1252": "Windows-1252",
    "utf-16": "UTF-16 LE",
}
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("delimiter", list(DELIMITERS), ids=list(DELIMITERS.values()))
def test_every_encoding_and_delimiter(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, encoding: str, delimiter: str
) -> None:
    path = write_csv(
        tmp_path,
        [
            ["E-Mail", "Name", "Firma", "Notiz"],
            ["zoë@café.example", "Zoë Größ", "Café, Bar; & Co | KG", "a\tb"],
            ["rene@x.example", "René Ñúñez", "Ørsted € ‚Quote‘", "line1\nline2"],
        ],
        encoding=encoding,
        delimiter=delimiter,
    )

    report = run(ctx, sdr, path)

    assert (report.encoding, report.delimiter) == (ENCODING_NAMES[encoding], DELIMITERS[delimiter])
    assert report.imported == 2
    leads = by_email(ctx)
    assert (leads["zoë@café.example"]["first_name"], leads["zoë@café.example"]["last_name"]) == (
        "Zoë",
        "Größ",
    )
    assert leads["zoë@café.example"]["company"] == "Café, Bar; & Co | KG"
    assert leads["rene@x.example"]["company"] == "Ørsted € ‚Quote‘"
    assert leads["rene@x.example"]["extra"] == {"Notiz": "line1\nline2"}


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (
            [
                "FirstName",
                "LastName",
                "Company",
                "Title",
                "Email",
                "Phone",
                "MobilePhone",
                "LeadSource",
                "NumberOfEmployees",
                "Rating",
                "Id",
                "CreatedDate",
            ],
            [
                "Marc",
                "Benioff",
                "Salesforce",
                "CEO",
                "marc@sf.example",
                "+1 415 901 7000",
                "",
                "Web",
                "5000",
                "Hot",
                "00Q5e000001",
                "2026-03-01T12:00:00.000Z",
            ],
            {
                "email": "marc@sf.example",
                "phone_e164": "+14159017000",
                "source": "Web",
                "external_id": "00Q5e000001",
                "company_size": "5000",
                "last_name": "Benioff",
            },
        ),
        (
            [
                "LEADID",
                "Last Name",
                "Company",
                "Lead Owner",
                "Email",
                "Mobile",
                "Website",
                "Industry",
                "Lead Source",
                "Lead Status",
                "Created Time",
                "Designation",
            ],
            [
                "4563",
                "Denson",
                "Maurice The Pants Man",
                "David Love",
                "GaryLDenson@cuvox.de",
                "0151 23456789",
                "CameraUpdate.com",
                "Education",
                "Employee Referral",
                "Contacted",
                "15 Apr, 2021 00:03:00",
                "Buyer",
            ],
            {
                "email": "GaryLDenson@cuvox.de",
                "phone_e164": "+4915123456789",
                "source": "Employee Referral",
                "external_id": "4563",
                "title": "Buyer",
                "industry": "Education",
            },
        ),
        (
            [
                "Lead - Title",
                "Person - Name",
                "Person - Email - Work",
                "Person - Phone - Work",
                "Organization - Name",
                "Lead - Source",
                "Lead created",
            ],
            [
                "Big deal",
                "Hans Peter Meier",
                "hp.meier@firma.example",
                "+41 44 668 18 00",
                "Firma AG",
                "Website",
                "2026-03-02 11:00:00",
            ],
            {
                "email": "hp.meier@firma.example",
                "phone_e164": "+41446681800",
                "first_name": "Hans Peter",
                "last_name": "Meier",
                "company": "Firma AG",
                "source": "Website",
            },
        ),
    ],
    ids=["salesforce", "zoho", "pipedrive"],
)
def test_crm_exports(
    ctx: ServiceContext,
    sdr: UserInfo,
    tmp_path: Path,
    header: list[str],
    row: list[str],
    expected: dict[str, Any],
) -> None:
    report = run(ctx, sdr, write_csv(tmp_path, [header, row]))
    assert report.imported == 1, report.summary()
    (lead,) = stored(ctx)
    assert {k: lead[k] for k in expected} == expected


def test_unknown_headers_are_refused_naming_them_and_a_mapping_fixes_it(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [["Kontaktadresse", "Rufnr. mobil", "Org"], ["ann@x.example", "0171 2345678", "X AG"]],
    )
    with pytest.raises(ImportFileError) as error:
        run(ctx, sdr, path)
    message = str(error.value)
    assert "“Kontaktadresse”, “Rufnr. mobil”, “Org”" in message
    assert "email, phone or mobile" in message
    assert counts(ctx) == (0, 0, 0)

    mapping = parse_mapping("Kontaktadresse=email, Rufnr. mobil=mobile,Org=company")
    report = run(ctx, sdr, path, mapping=mapping)

    assert report.imported == 1
    (lead,) = stored(ctx)
    assert (lead["email"], lead["phone_e164"], lead["company"]) == (
        "ann@x.example",
        "+491712345678",
        "X AG",
    )


def test_mapping_from_json_and_toml_files(tmp_path: Path) -> None:
    json_file = tmp_path / "map.json"
    json_file.write_text(json.dumps({"Mail": "email", "Handy": "Mobile"}), encoding="utf-8")
    toml_file = tmp_path / "map.toml"
    toml_file.write_text('Mail = "email"\n"Firma (Name)" = "company"\n', encoding="utf-8")
    assert parse_mapping(str(json_file)) == {"Mail": "email", "Handy": "mobile"}
    assert parse_mapping(str(toml_file)) == {"Mail": "email", "Firma (Name)": "company"}
    with pytest.raises(ValidationError, match="does not exist"):
        parse_mapping(str(tmp_path / "missing.json"))
    json_file.write_text('{"Mail": "e-mail address"}', encoding="utf-8")
    with pytest.raises(ValidationError, match="“e-mail address” is not a lead field; use one"):
        parse_mapping(str(json_file))
    json_file.write_text('["Mail", "email"]', encoding="utf-8")
    with pytest.raises(ValidationError, match="must hold an object"):
        parse_mapping(str(json_file))


def test_explicit_mapping_overrides_and_ignore_drops_a_column(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            ["Email", "Private Email", "Phone", "Password"],
            ["work@x.example", "me@y.example", "030 1234567", "hunter2"],
        ],
    )
    report = run(
        ctx, sdr, path, mapping={"Private Email": "email", "Email": "extra", "Password": "ignore"}
    )
    (lead,) = stored(ctx)
    assert lead["email"] == "me@y.example"
    assert lead["extra"] == {"Email": "work@x.example"}
    # The command line names fields as --mapping takes them, the window as its dialog does.
    assert (
        "Columns: Private Email → email, Phone → phone, Password → ignore."
        " Kept as extra data: Email." in report.summary()
    )
    assert (
        "Columns: Private Email → E-mail, Phone → Phone. Kept as extra data: Email."
        " Left out: Password." in report.summary(FIELD_LABELS)
    )


def test_duplicates_within_the_file_and_against_the_store(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    known = add_lead(ctx, email="known@x.example", phone="+49 30 11111111")
    path = write_csv(
        tmp_path,
        [
            ["Email", "Phone", "Last Name"],
            ["anna@x.example", "+49 30 22222222", "line 2"],
            ["ANNA@x.example", "", "line 3: same e-mail"],
            ["", "030 22222222", "line 4: no e-mail, same phone"],
            ["ben@x.example", "+49 30 22222222", "line 5: switchboard, new lead"],
            ["Known@X.example", "", "line 6: in the store"],
            ["", "+49 (0)30 1111 1111", "line 7: in the store by phone"],
            ["carl@x.example", "+49 30 11111111", "line 8: own address, shared phone"],
        ],
    )

    report = run(ctx, sdr, path)

    assert report.duplicates == (
        RowIssue(3, "same e-mail as line 2"),
        RowIssue(4, "same phone number as line 2"),
        RowIssue(6, f"already in the store as lead {known} (same e-mail)"),
        RowIssue(7, f"already in the store as lead {known} (same phone number)"),
    )
    assert report.duplicate_of == {6: known, 7: known}
    assert report.imported == 3
    assert sorted(e for e in by_email(ctx) if e is not None) == [
        "anna@x.example",
        "ben@x.example",
        "carl@x.example",
        "known@x.example",
    ]
    summary = report.summary()
    assert "4 duplicates" in summary
    assert f"line 6: already in the store as lead {known} (same e-mail)" in summary
    with ctx.store.read() as s:
        batch = s.get(ImportBatch, report.batch_id)
        assert batch is not None
        assert (batch.rows_total, batch.rows_imported, batch.rows_duplicate) == (7, 3, 4)
        assert batch.imported_by_id == sdr.id
        assert batch.file_name == "leads.csv"
        assert batch.report["duplicates"][0] == [3, "same e-mail as line 2"]


def test_a_number_two_stored_leads_share_matches_the_older_one(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """Whatever else the file holds: the lead a phone number matches does not depend on
    which other rows name which stored lead."""
    reception = add_lead(ctx, email=None, phone="+49 30 33333333", last_name="Reception")
    dora = add_lead(ctx, email="dora@x.example", phone="+49 30 33333333")
    rows = [
        ["Email", "Phone"],
        ["eve@x.example", "030 33333333"],  # no e-mail at the reception: the same lead
        ["dora@x.example", ""],
    ]
    for order in (rows, [rows[0], rows[2], rows[1]]):
        report = run(ctx, sdr, write_csv(tmp_path, order), dry_run=True)
        assert sorted(report.duplicate_of.values()) == [reception, dora]


def test_the_same_file_twice_imports_nothing_new(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [["Email", "Phone"], ["a@x.example", "+49 30 1234567"], ["", "+1 212 555 0182"]],
    )
    first = run(ctx, sdr, path)
    after_first = counts(ctx)

    second = run(ctx, sdr, path)

    assert first.imported == 2
    assert second.imported == 0
    assert [d.line for d in second.duplicates] == [2, 3]
    assert all("already in the store as lead" in d.message for d in second.duplicates)
    assert any(w.line is None and "imported before" in w.message for w in second.warnings)
    assert counts(ctx)[:2] == after_first[:2]


def test_skipped_rows_are_reported_with_the_line_they_start_on(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    text = (
        "Email,Phone,Notes\r\n"  # 1
        'a@x.example,,"a note\r\nover three\r\nlines"\r\n'  # 2-4
        ",,nobody to call\r\n"  # 5
        "b@x.example,030 1234567\r\n"  # 6: a field missing
        ",,\r\n"  # 7: empty: not reported
        "\r\n"  # 8: empty
        'not-an-address,n/a,"x\ny"\r\n'  # 9-10
        "c@x.example,,ok\r\n"  # 11
    )
    path = tmp_path / "leads.csv"
    path.write_bytes(text.encode())

    report = run(ctx, sdr, path)

    assert report.skipped == (
        RowIssue(5, "cannot be contacted: no e-mail address, no phone number"),
        RowIssue(
            6,
            "has 2 fields, but the header has 3; a delimiter or quote is probably missing or extra",
        ),
        RowIssue(
            9,
            "cannot be contacted: e-mail “not-an-address” is not valid, phone “n/a” "
            "is not a number",
        ),
    )
    assert (report.rows_total, report.imported) == (5, 2)
    summary = report.summary()
    assert "3 rows skipped" in summary
    assert "line 9: cannot be contacted" in summary
    assert [lead["email"] for lead in stored(ctx)] == ["a@x.example", "c@x.example"]
    assert by_email(ctx)["a@x.example"]["extra"] == {"Notes": "a note\r\nover three\r\nlines"}
    c_id = by_email(ctx)["c@x.example"]["id"]
    assert [e.description for e in LeadService(ctx).get(c_id).events] == [
        f"{sdr.display_name} imported this lead from {path.name} (line 11)"
    ]


def test_a_lead_whose_direct_phone_is_empty_is_called_at_the_company_number(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / "apollo.csv"
    path.write_text(
        "First Name,Last Name,Email,Work Direct Phone,Mobile Phone,Corporate Phone,Country\n"
        "Ada,Direct,ada@x.example,+1 650 555 0123,,+1 415 555 0100,United States\n"
        "Ben,Switchboard,,,,+1 415 555 0100 ext. 12,United States\n",
        encoding="utf-8",
    )
    report = run(ctx, sdr, path)
    assert (report.imported, report.skipped) == (2, ())
    assert any("“Corporate Phone” fills phone" in w.message for w in report.warnings)
    leads = {lead["last_name"]: lead for lead in stored(ctx)}
    assert leads["Direct"]["phone_e164"] == "+16505550123"
    assert (leads["Switchboard"]["phone_e164"], leads["Switchboard"]["phone_ext"]) == (
        "+14155550100",
        "12",
    )
    assert leads["Switchboard"]["extra"]["Corporate Phone"] == "+1 415 555 0100 ext. 12"


def test_a_trailing_delimiter_is_not_a_ragged_row(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes(b"Email;Name\na@x.example;Ann;\nb@x.example;Bo;;\n")
    report = run(ctx, sdr, path)
    assert (report.imported, report.skipped) == (2, ())


def test_an_excel_workbook_is_imported_with_its_row_numbers(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "MQLs"
    sheet.append(["Vorname", "Nachname", "Firma", "E-Mail", "Telefon", "Land", "MQL-Datum"])
    sheet.append(["Jürgen", "Müller", "Müller & Söhne", "jm@ms.example", "089 1234567", "DE",
                  datetime(2026, 3, 4, 10, 30, tzinfo=None)])  # fmt: skip
    sheet.append(["Anna", "Schmidt", "Acme", "kaputt", "n/a", "DE", None])
    sheet.append(["Jürgen", "Müller", "Müller & Söhne", "JM@ms.example", "", "DE", None])
    path = tmp_path / "mqls.xlsx"
    book.save(path)

    report = run(ctx, sdr, path, mapping=None)

    assert (report.encoding, report.delimiter) == ("Excel workbook", "sheet “MQLs”")
    assert report.imported == 1
    assert [i.line for i in report.skipped] == [3]  # the sheet's row number
    assert [i.line for i in report.duplicates] == [4]
    assert "  row 3: cannot be contacted" in report.summary()  # Excel numbers rows
    (lead,) = stored(ctx)
    assert (lead["first_name"], lead["phone_e164"], lead["country"]) == (
        "Jürgen",
        "+49891234567",
        "DE",
    )
    assert lead["handed_off_at"].replace(tzinfo=None) == datetime(2026, 3, 4, 10, 30)
    again = run(ctx, sdr, path)
    assert again.imported == 0
    assert any("was imported before" in w.message for w in again.warnings)


def test_excel_error_cells_are_reported_as_the_sheet_shows_them(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """A failed VLOOKUP leaves #N/A in a phone cell: calamine reads error cells as empty,
    which made the lead arrive without a phone and without a word. The import reads them
    as Excel's CSV export writes them, so the report names each one."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Notes"
    sheet = book.create_sheet("MQLs")
    sheet.append(["E-Mail", "Telefon", "Punkte"])
    sheet.append(["a@x.example", "#N/A", 80])  # openpyxl writes error codes as error cells
    sheet.append(["b@x.example", "+49 30 1234567", "#DIV/0!"])
    sheet.append(["#REF!", "#N/A", None])
    book.active = 1
    path = tmp_path / "mqls.xlsx"
    book.save(path)

    report = run(ctx, sdr, path, mapping=None)

    assert report.imported == 2
    assert [(i.line, i.message) for i in report.skipped] == [
        (4, "cannot be contacted: e-mail “#REF!” is not valid, phone “#N/A” is not a number")
    ]
    assert [(i.line, i.message) for i in report.warnings] == [
        (2, "phone “#N/A” is not a valid number"),
        (3, "score “#DIV/0!” is not a number"),
    ]
    leads = by_email(ctx)
    assert leads["a@x.example"]["phone_raw"] == "#N/A"  # kept as the sheet showed it
    assert leads["b@x.example"]["extra"]["score (as imported)"] == "#DIV/0!"


def test_an_excel_97_export_is_imported(ctx: ServiceContext, sdr: UserInfo, tmp_path: Path) -> None:
    """An .xls from an older German CRM: umlauts, a phone typed as a number, dates with a
    number format, the sheet's row numbers in the report."""
    path = tmp_path / "Export.xls"
    path.write_bytes(GERMAN_XLS.read_bytes())

    report = run(ctx, sdr, path, mapping=None)

    assert (report.encoding, report.delimiter) == ("Excel 97-2003 workbook", "sheet “Leads”")
    assert (report.rows_total, report.imported) == (4, 2)
    assert [(i.line, i.message.split(":")[0]) for i in report.skipped] == [
        (5, "cannot be contacted")
    ]
    assert [(i.line, i.message) for i in report.duplicates] == [(6, "same e-mail as row 2")]
    summary = report.summary()
    assert "(Excel 97-2003 workbook, sheet “Leads”)" in summary
    assert "other sheets “Legende” hold data too" in summary
    leads = by_email(ctx)
    jm = leads["j.mueller@example.de"]
    assert (jm["first_name"], jm["company"], jm["phone_e164"], jm["country"], jm["score"]) == (
        "Jürgen",
        "Müller & Söhne KG",
        "+498912345678",
        "DE",
        85,
    )
    assert jm["time_zone"] == "Europe/Berlin"
    assert jm["extra"]["Anrede"] == "Herr"
    anna = leads["anna.weiss@example.de"]
    assert anna["phone_e164"] == "+49301234567"
    assert anna["extra"]["other phone"] == "0151 2345678"
    # The history says where the lead came from, in the sheet's row numbers.
    (hand_off,) = LeadService(ctx).get(jm["id"]).events
    assert hand_off.description == f"{sdr.display_name} imported this lead from Export.xls (row 2)"
    assert run(ctx, sdr, path).imported == 0  # the same file again


def test_a_report_with_a_title_above_its_table_is_read_from_its_header(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """An Excel report (Salesforce "export details", a CRM's formatted report) puts its
    title and filters above the table: the header is the first row that names a contact
    column, and the report says which rows above it were left out."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "MQLs"
    sheet.append(["MQLs this week"])
    sheet.append(["Filtered by: Lead Status equals MQL", None, "Owner: Marketing"])
    sheet.append([])
    sheet.append(["First Name", "Last Name", "Email", "Phone", "Country"])
    sheet.append(["Ada", "Lovelace", "ada@analytical.co.uk", "020 7946 0001", "GB"])
    sheet.append(["Nobody", "", "", "", ""])
    path = tmp_path / "report.xlsx"
    book.save(path)

    report = run(ctx, sdr, path)

    assert (report.rows_total, report.imported) == (2, 1)
    assert [(i.line, i.message) for i in report.skipped] == [
        (6, "cannot be contacted: no e-mail address, no phone number")
    ]
    assert report.warnings[0].message == (
        "the header is row 4; the 2 rows above it were not imported: “MQLs this week”; "
        "“Filtered by: Lead Status equals MQL Owner: Marketing”"
    )
    assert [lead["first_name"] for lead in stored(ctx)] == ["Ada"]


def test_a_csv_with_a_title_line_is_read_from_its_header(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / "export.csv"
    path.write_bytes(
        "Leads exportiert am 04.03.2026\r\n"
        "\r\n"
        "Vorname;Nachname;E-Mail;Telefon\r\n"
        "Jürgen;Müller;jm@ms.example;089 1234567\r\n"
        "Anna;Weiß;anna@ms.example;\r\n".encode("cp1252")
    )

    report = run(ctx, sdr, path)

    assert (report.delimiter, report.rows_total, report.imported) == ("semicolon", 2, 2)
    assert report.warnings[0].message == (
        "the header is line 3; the 1 line above it was not imported: "
        "“Leads exportiert am 04.03.2026”"
    )
    assert by_email(ctx)["jm@ms.example"]["phone_e164"] == "+49891234567"


def test_a_file_without_any_contact_column_is_still_refused_whole(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """No row near the top names a contact column: the first row stays the header, and
    the error names its columns."""
    path = write_csv(tmp_path, [["Title"], ["Name", "Company"], ["Ann", "X"], ["Bo", "Y"]])
    before = counts(ctx)
    with pytest.raises(ImportFileError, match=r"has no column for email, phone or mobile.*“Title”"):
        run(ctx, sdr, path)
    assert counts(ctx) == before


def _damaged_workbook(tmp_path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    return buffer.getvalue()


def _workbook_without_rows(tmp_path: Path) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Email", "Phone"])
    book.save(tmp_path / "book.xlsx")
    return (tmp_path / "book.xlsx").read_bytes()


BROKEN: dict[str, tuple[Any, str]] = {
    "missing": (None, "does not exist"),
    "damaged-workbook": (_damaged_workbook, "looks like an Excel workbook, but it cannot be read"),
    "workbook-header-only": (_workbook_without_rows, "no data rows in sheet"),
    "folder": ("folder", "is a folder"),
    "empty": (b"", "is empty"),
    "header-only": (b"Email,Phone\r\n", "no data rows"),
    "binary": (bytes(range(256)) * 8, "not a text file"),
    "html-renamed": (b"<!DOCTYPE html><html><table><tr><td>x</td></tr></table>", "web page"),
    "wrong-columns": (b"Name,Company\r\nAnn,X\r\n", "has no column for email, phone or mobile"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_files_change_nothing(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, case: str
) -> None:
    add_lead(ctx, email="already@x.example")
    before = counts(ctx)
    content, message = BROKEN[case]
    path = tmp_path / "leads.csv"
    if content == "folder":
        path.mkdir()
    elif callable(content):
        path.write_bytes(content(tmp_path))
    elif content is not None:
        path.write_bytes(content)

    with pytest.raises(ImportFileError, match=message) as error:
        run(ctx, sdr, path)

    assert "\n" not in str(error.value)
    assert counts(ctx) == before


def test_dry_run_writes_nothing(ctx: ServiceContext, sdr: UserInfo, tmp_path: Path) -> None:
    add_lead(ctx, email="known@x.example")
    before = counts(ctx)
    path = write_csv(
        tmp_path,
        [["Email"], ["a@x.example"], ["known@x.example"], ["A@x.example"], ["b@x.example"]],
    )

    report = run(ctx, sdr, path, dry_run=True)

    assert counts(ctx) == before
    assert (report.dry_run, report.imported, report.imported_ids, report.batch_id) == (
        True,
        2,
        (),
        None,
    )
    assert [d.line for d in report.duplicates] == [3, 4]
    assert report.summary().startswith(
        "Dry run: would import 2 of 4 rows from leads.csv (UTF-8, comma); nothing was written."
    )
    assert run(ctx, sdr, path).imported == 2  # and the real run agrees


def _many_rows(n: int) -> Rows:
    return [["Email", "Phone"]] + [[f"lead{i}@x.example", ""] for i in range(n)]


def test_progress_is_reported_regularly_and_ends_at_the_total(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    calls: list[tuple[int, int]] = []
    path = write_csv(tmp_path, _many_rows(1000))

    report = run(ctx, sdr, path, progress=lambda done, total: calls.append((done, total)))

    assert report.imported == 1000
    assert 20 <= len(calls) <= 150  # about every 1 %, not every row
    assert all(total == 1000 for _, total in calls)
    dones = [done for done, _ in calls]
    assert dones == sorted(dones)
    assert calls[-1] == (1000, 1000)


@pytest.mark.parametrize("stop_at", [0.1, 0.85, 1.0], ids=["checking", "writing", "last"])
def test_cancel_rolls_everything_back(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, stop_at: float
) -> None:
    add_lead(ctx, email="known@x.example")
    before = counts(ctx)
    path = write_csv(tmp_path, _many_rows(1200))

    def progress(done: int, total: int) -> bool:
        return done < stop_at * total

    with pytest.raises(SdrdeskError, match=r"^Import cancelled; nothing was imported\.$"):
        run(ctx, sdr, path, progress=progress)
    assert counts(ctx) == before


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
        "phone numbers without a country code were read as United States (US): 100 % of them"
        " are written as its numbers, 0 % as numbers of Germany (DE), the default region. To"
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


def test_events_record_the_import_and_the_line(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    report = run(ctx, sdr, write_csv(tmp_path, [["Email"], ["a@x.example"], ["b@x.example"]]))
    with ctx.store.read() as s:
        events = s.execute(
            select(
                LeadEvent.lead_id, LeadEvent.action, LeadEvent.actor_id, LeadEvent.data
            ).order_by(LeadEvent.id)
        ).all()
    assert [(e.lead_id, e.action, e.actor_id) for e in events] == [
        (lead_id, "hand_off", sdr.id) for lead_id in report.imported_ids
    ]
    assert [e.data["line"] for e in events] == [2, 3]


@pytest.mark.postgres_only
def test_a_concurrent_import_of_the_same_lead_rolls_back_with_a_clear_message(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, database_url: str
) -> None:
    rows = [*_many_rows(99), ["race@x.example", ""]]
    path = write_csv(tmp_path, rows)
    other = ServiceContext(store=Store.open(database_url), rules=ctx.rules, clock=ctx.clock)
    added: list[int] = []

    def progress(done: int, total: int) -> None:
        # Checking ends below 80 %; at 80 % this import has looked the file's leads up in
        # the store and not yet inserted any: now another client adds one of them.
        if done >= 0.8 * total and not added:
            worker = threading.Thread(
                target=lambda: added.append(add_lead(other, email="race@x.example"))
            )
            worker.start()
            worker.join(timeout=30)
            assert added, "the other client could not insert its lead"

    try:
        with pytest.raises(
            SdrdeskError,
            match=r"^Another import added some of these leads meanwhile; nothing was imported, "
            r"run it again\.$",
        ):
            run(ctx, sdr, path, progress=progress)
    finally:
        other.store.dispose()
    assert [lead["email"] for lead in stored(ctx)] == ["race@x.example"]
    assert counts(ctx) == (1, 1, 0)


def test_a_file_name_that_is_not_utf8_is_shown_and_stored_readably(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / os.fsdecode(b"Leads M\xe4rz.csv")  # a Latin-1 name on a UTF-8 system
    try:
        path.write_bytes(b"Email\r\na@x.example\r\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take such names")
    report = run(ctx, sdr, path)
    assert report.file_name == "Leads M\ufffdrz.csv"
    report.summary().encode("utf-8")  # printable
    with ctx.store.read() as s:
        assert s.scalar(select(ImportBatch.file_name)) == "Leads M\ufffdrz.csv"


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


def test_a_preview_shows_the_columns_and_the_chosen_ones_are_imported(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """The window's column dialog: the file read once, its columns as mapped
    automatically with their first values; the person's choice is what gets imported,
    and only the rows the preview read (the file changing meanwhile changes nothing)."""
    path = write_csv(
        tmp_path,
        [
            ["Wer", "Betrieb", "Nummer", "Adresse", "Intern"],
            ["Anna Schmidt", "Acme GmbH", "030 1234567", "anna@acme.example", "x"],
            ["Ben Jones", "Globex", "(212) 555-0100", "ben@globex.example", "y"],
            ["Ben Jones", "Globex", "(212) 555-0100", "ben@globex.example", "y"],
        ],
    )
    service = ImportService(ctx)
    preview = service.preview(path)
    assert (preview.rows, preview.encoding, preview.delimiter) == (3, "UTF-8", "comma")
    assert preview.headers == ("Wer", "Betrieb", "Nummer", "Adresse", "Intern")
    assert preview.samples[1] == ("Acme GmbH", "Globex")  # different values only
    assert preview.targets == ("extra",) * 5  # no header a CRM uses
    path.write_text("First Name,Email\nZed,zed@z.example\n", encoding="utf-8")  # changed

    choice = ("full_name", "company", "phone", "email", "ignore")
    dry = service.run(path, actor_id=sdr.id, prepared=preview, columns=choice, dry_run=True)
    assert (dry.imported, len(dry.duplicates)) == (2, 1)
    assert counts(ctx) == (0, 0, 0)
    report = service.run(
        path, actor_id=sdr.id, prepared=preview, columns=choice, default_region="US"
    )

    assert report.imported == 2
    leads = by_email(ctx)
    assert set(leads) == {"anna@acme.example", "ben@globex.example"}
    ben = leads["ben@globex.example"]
    assert (ben["first_name"], ben["last_name"], ben["company"]) == ("Ben", "Jones", "Globex")
    assert ben["phone_e164"] == "+12125550100"  # read in the region chosen for the file
    assert ben["extra"] == {}  # "Intern" left out
    assert leads["anna@acme.example"]["extra"] == {}


def test_chosen_columns_map_each_field_once(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(tmp_path, [["A", "B"], ["a@x.example", "b@y.example"]])
    service = ImportService(ctx)
    preview = service.preview(path)
    with pytest.raises(ValidationError, match="Both “A” and “B” are mapped to e-mail"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("email", "email"))
    with pytest.raises(ValidationError, match="“mail” is not a lead field"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("mail", "extra"))
    with pytest.raises(ValidationError, match="has 2 columns, but 1 were mapped"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("email",))
    with pytest.raises(ImportFileError, match="no column for email, phone or mobile"):
        service.run(path, actor_id=sdr.id, prepared=preview, columns=("extra", "extra"))
    assert counts(ctx) == (0, 0, 0)


def test_a_preview_keeps_the_backup_phone_while_its_columns_stay(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """The company number still fills an empty direct phone when the person changed
    another column, and no longer once they send it elsewhere."""
    path = tmp_path / "apollo.csv"
    path.write_text(
        "First Name,Email,Work Direct Phone,Mobile Phone,Corporate Phone,Team\n"
        "Ben,,,,+1 415 555 0100,Sales\n",
        encoding="utf-8",
    )
    service = ImportService(ctx)
    preview = service.preview(path)
    assert any("“Corporate Phone” fills phone" in note for note in preview.notes)
    assert preview.targets[:5] == ("first_name", "email", "phone", "mobile", "extra")
    kept = ("first_name", "email", "phone", "mobile", "extra", "title")
    dry = service.run(path, actor_id=sdr.id, prepared=preview, columns=kept, dry_run=True)
    assert (dry.imported, dry.skipped) == (1, ())
    left_out = ("first_name", "email", "phone", "mobile", "ignore", "title")
    dry = service.run(path, actor_id=sdr.id, prepared=preview, columns=left_out, dry_run=True)
    assert dry.imported == 0
    assert "no phone number" in dry.skipped[0].message


def test_the_rows_not_imported_are_saved_to_fix_and_import_again(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """A German export: the rows left out come back as the file had them (semicolons,
    every column), with their line and why; formulas stay inert; fixed and imported
    again, they become leads without the notes."""
    path = write_csv(
        tmp_path,
        [
            ["Vorname", "Nachname", "E-Mail", "Telefon", "Notiz"],
            ["Jürgen", "Groß", "jg@mueller.example", "030 1234567", ""],
            ["Änne", "Öztürk", "", "+49 12", '=HYPERLINK("http://x")'],
            ["Jürgen", "Groß", "jg@mueller.example", "", "zweimal"],
        ],
        encoding="cp1252",
        delimiter=";",
    )
    service = ImportService(ctx)
    preview = service.preview(path)
    report = service.run(path, actor_id=sdr.id, prepared=preview)
    assert (report.imported, len(report.skipped), len(report.duplicates)) == (1, 1, 1)

    text = not_imported_csv(preview, report)
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0] == ["Line", "Not imported because", "Vorname", "Nachname", "E-Mail",
                       "Telefon", "Notiz"]  # fmt: skip
    assert rows[1][:5] == ["3", rows[1][1], "Änne", "Öztürk", ""]
    assert "cannot be contacted" in rows[1][1]
    assert rows[1][6] == '\'=HYPERLINK("http://x")'  # a spreadsheet shows it, never runs it
    assert rows[1][5] == "+49 12"  # a phone as typed: nothing in it can run
    assert rows[2][:3] == ["4", "same e-mail as line 2", "Jürgen"]
    assert len(rows) == 3

    fixed = tmp_path / "fixed.csv"
    rows[1][4:6] = ["aenne@oeztuerk.example", ""]
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";").writerows(rows[:2])
    fixed.write_text(buffer.getvalue(), encoding="utf-8-sig", newline="")
    again = run(ctx, sdr, fixed)
    assert again.imported == 1
    assert again.mapping["Line"] == again.mapping["Not imported because"] == "ignore"
    lead = by_email(ctx)["aenne@oeztuerk.example"]
    assert lead["extra"] == {"Notiz": '\'=HYPERLINK("http://x")'}


def test_the_summary_writes_big_counts_with_thousands_separators(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    rows = [["Email"], *([f"lead{i}@firm{i}.example"] for i in range(1_200))]
    path = write_csv(tmp_path, [*rows, ["lead1@firm1.example"]])
    report = run(ctx, sdr, path, dry_run=True)
    assert report.summary().startswith(
        "Dry run: would import 1,200 of 1,201 rows from leads.csv (UTF-8, comma)"
    )


def test_an_import_reads_its_file_once(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read, previewed, estimated and imported: the file is read from disk once; read
    again only when it changed on disk since (size or modification time)."""
    path = write_csv(tmp_path, [["Email", "Phone"], ["a@x.example", "030 1234567"]])
    reads = record_reads(monkeypatch, path)
    service = ImportService(ctx)
    file = service.read(path)
    preview = service.preview(file)
    service.run(path, actor_id=sdr.id, prepared=preview, dry_run=True)
    report = service.run(path, actor_id=sdr.id, prepared=preview, columns=preview.targets)
    assert report.imported == 1
    assert len(reads) == 1

    assert service.preview(file).rows == 1  # unchanged: what was read
    assert len(reads) == 1
    path.write_text("Email\nb@x.example\nc@x.example\n", encoding="utf-8")
    assert service.preview(file).rows == 2  # changed since: read again
    assert len(reads) == 2

    service.run(path, actor_id=sdr.id, dry_run=True)  # no preview: read once
    assert len(reads) == 3


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
