"""Importing CSV files of every encoding and delimiter, with a title line or a trailing one."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo
from tests.services.import_helpers import by_email, run, write_csv


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


def test_a_trailing_delimiter_is_not_a_ragged_row(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes(b"Email;Name\na@x.example;Ann;\nb@x.example;Bo;;\n")
    report = run(ctx, sdr, path)
    assert (report.imported, report.skipped) == (2, ())


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
