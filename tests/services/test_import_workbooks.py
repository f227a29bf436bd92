"""Importing spreadsheets: Excel workbooks, their error cells, .xls exports, formatted reports."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.results import UserInfo
from tests.services.import_helpers import by_email, run, stored
from tests.spreadsheets import GERMAN_XLS


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
