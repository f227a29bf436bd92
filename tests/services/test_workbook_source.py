"""Reading spreadsheets as a CSV export would: Excel, .xls and OpenDocument sheets, error cells."""

from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest

from sdrdesk.domain.errors import ImportFileError
from sdrdesk.services.imports.csv_file import CsvRow
from sdrdesk.services.imports.read import read_csv_file
from sdrdesk.services.imports.workbook import cell_text
from tests.spreadsheets import DATA, GERMAN_XLS, write_ods


def test_a_damaged_workbook_is_refused_in_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "leads.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    with pytest.raises(
        ImportFileError, match="looks like an Excel workbook, but it cannot be read"
    ):
        read_csv_file(path)


def test_a_workbook_is_read_row_by_row_as_a_csv_export_would_be(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    empty = book.active
    empty.title = "Notes"  # the active sheet, but empty: the first sheet with data is read
    sheet = book.create_sheet("Leads")
    sheet.append(["Email", "Phone", "Handed off", "Score", "Notes", "Opted in"])
    sheet.append(
        ["a@x.example", 4930123456, datetime(2026, 3, 4, 10, 30), 85.0, "two\nlines", True]
    )
    sheet.append([])
    sheet.append(["b@x.example", "+49 30 1234567", date(2026, 3, 5), 70.5, None, False, "PS"])
    book.create_sheet("Archive").append(["Email"])  # a header alone is data too
    path = tmp_path / "leads.csv"  # a workbook saved under a CSV name
    book.save(path)
    source = read_csv_file(path)
    assert (source.encoding, source.delimiter_name) == ("Excel workbook", "sheet “Leads”")
    # A value right of the last header gets a column of its own (kept as extra data).
    assert source.header == ("Email", "Phone", "Handed off", "Score", "Notes", "Opted in", "")
    assert source.rows == [
        CsvRow(
            2, ["a@x.example", "4930123456", "2026-03-04 10:30:00", "85", "two\nlines", "TRUE", ""]
        ),
        CsvRow(4, ["b@x.example", "+49 30 1234567", "2026-03-05", "70.5", "", "FALSE", "PS"]),
    ]
    assert source.notes == (
        "only sheet “Leads” was imported; the workbook's other sheets “Archive” hold data too "
        "(import the file again and choose the sheet: the window asks, the command takes "
        "--sheet)",
    )


def test_the_sheet_open_when_saved_is_read_and_hidden_sheets_are_not_named(
    tmp_path: Path,
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Overview"
    book.active.append(["Email"])
    book.active.append(["overview@x.example"])
    book.create_chartsheet("Chart")  # counted by the file's "active tab", never read
    leads = book.create_sheet("Leads")
    leads.append(["Email"])
    leads.append(["lead@x.example"])
    lists = book.create_sheet("Lists")
    lists.append(["Sources"])
    lists.sheet_state = "hidden"
    book.active = 2  # Leads
    path = tmp_path / "leads.xlsx"
    book.save(path)
    source = read_csv_file(path)
    assert source.sheet == "Leads"
    assert source.rows == [CsvRow(2, ["lead@x.example"])]
    assert source.notes == (
        "only sheet “Leads” was imported; the workbook's other sheets “Overview” hold data "
        "too (import the file again and choose the sheet: the window asks, the command "
        "takes --sheet)",
    )


def test_error_cells_read_as_excel_exports_them_whoever_wrote_the_file(
    tmp_path: Path,
) -> None:
    """Other writers than Excel put the attributes in another order, prefix the elements
    (``<x:c>``), leave a cell's reference out or keep the sheet's part elsewhere."""
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Email", "Phone", "Score"])
    book.active.append(["a@x.example", "#N/A", "#VALUE!"])
    book.active.append(["b@x.example", None, "#NAME?"])
    plain = tmp_path / "plain.xlsx"
    book.save(plain)
    assert read_csv_file(plain).rows == [
        CsvRow(2, ["a@x.example", "#N/A", "#VALUE!"]),
        CsvRow(3, ["b@x.example", "", "#NAME?"]),
    ]
    with zipfile.ZipFile(plain) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    cells = parts.pop("xl/worksheets/sheet1.xml")
    ns = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    cells = cells.replace(ns, ns.replace(b"xmlns=", b"xmlns:x=")).replace(b"<", b"<x:")
    cells = cells.replace(b"<x:/", b"</x:").replace(b"<x:?", b"<?")
    cells = cells.replace(b'<x:c r="B2" t="e">', b'<x:c t="e" s="0" r="B2">')
    cells = cells.replace(b'<x:c r="C3" t="e">', b'<x:c t="e">')  # no reference: skipped
    parts["xl/worksheets/data.xml"] = cells
    parts["xl/_rels/workbook.xml.rels"] = parts["xl/_rels/workbook.xml.rels"].replace(
        b"/xl/worksheets/sheet1.xml", b"worksheets/data.xml"
    )
    other = tmp_path / "other.xlsx"
    with zipfile.ZipFile(other, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    assert read_csv_file(other).rows == [
        CsvRow(2, ["a@x.example", "#N/A", "#VALUE!"]),
        CsvRow(3, ["b@x.example", "", ""]),
    ]


@pytest.mark.parametrize(
    ("name", "vlookup"),
    [("errors_libreoffice.ods", "Err:502"), ("errors_libreoffice.xlsx", "#VALUE!")],
)
def test_error_cells_of_files_libreoffice_wrote(name: str, vlookup: str) -> None:
    source = read_csv_file(DATA / name)
    assert source.rows == [
        CsvRow(2, ["a@x.example", "#N/A", "#N/A", "#DIV/0!"]),
        CsvRow(5, ["b@x.example", "+49 30 1234567", "", vlookup]),  # after 2 empty rows
    ]


def test_an_excel_97_workbook_is_read(tmp_path: Path) -> None:
    path = tmp_path / "export.xls"
    path.write_bytes(GERMAN_XLS.read_bytes())
    source = read_csv_file(path)
    assert (source.encoding, source.delimiter_name) == ("Excel 97-2003 workbook", "sheet “Leads”")
    assert source.header[:6] == ("Anrede", "Vorname", "Nachname", "Firma", "E-Mail", "Telefon")
    assert [row.line for row in source.rows] == [2, 4, 5, 6]  # row 3 is empty
    first = source.rows[0].values
    assert first[5] == "498912345678"  # a phone typed as a number keeps its digits
    assert (first[10], first[11]) == ("85", "2026-03-04 09:30:00")
    assert source.rows[1].values[10:] == ["70.5", "2026-03-05"]
    assert source.notes == (
        "only sheet “Leads” was imported; the workbook's other sheets “Legende” hold data too "
        "(import the file again and choose the sheet: the window asks, the command takes "
        "--sheet)",
    )


def test_an_opendocument_spreadsheet_is_read(tmp_path: Path) -> None:
    path = write_ods(
        tmp_path / "leads.ods",
        [
            ("Notes", [["Written by marketing"]]),
            (
                "MQLs",
                [
                    [None, None],
                    ["Email", "Phone", "Handed off", "Score", "Opted in"],
                    ["a@x.example", 4930123456, date(2026, 3, 5), 85, True],
                    [],
                    ["b@x.example", "+49 30 1234567", None, 70.5, False, "PS"],
                ],
            ),
        ],
        active="MQLs",
    )
    source = read_csv_file(path)
    assert (source.encoding, source.sheet) == ("OpenDocument spreadsheet", "MQLs")
    assert source.header_line == 2
    assert source.rows == [
        CsvRow(3, ["a@x.example", "4930123456", "2026-03-05", "85", "TRUE", ""]),
        CsvRow(5, ["b@x.example", "+49 30 1234567", "", "70.5", "FALSE", "PS"]),
    ]


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (85, "85"),
        (85.0, "85"),
        (4930123456.0, "4930123456"),
        (0.1, "0.1"),
        (True, "TRUE"),
        (datetime(2026, 3, 4, 9, 30), "2026-03-04 09:30:00"),
        (date(2026, 3, 4), "2026-03-04"),
        (time(9, 30), "09:30:00"),
        (timedelta(hours=26, minutes=5, seconds=3), "26:05:03"),  # Excel's [h]:mm:ss
        (timedelta(minutes=-90), "-1:30:00"),
        ("=SUM(A1)", "=SUM(A1)"),  # a text cell, as typed
    ],
)
def test_a_cell_reads_as_a_csv_export_writes_it(value: object, text: str) -> None:
    assert cell_text(value) == text


def test_a_zip_that_is_no_workbook_is_still_named(tmp_path: Path) -> None:
    path = tmp_path / "leads.csv"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("leads.csv", "Email\na@x.example\n")
    with pytest.raises(ImportFileError, match="ZIP archive, not CSV"):
        read_csv_file(path)
