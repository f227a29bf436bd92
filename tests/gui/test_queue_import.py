"""Importing from the queue window: the file dialog, workbooks, dropped files and pasted rows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLabel, QPlainTextEdit
from pytestqt.qtbot import QtBot

from sdrdesk.paths import data_dir
from tests.gui.conftest import WindowFactory, confirm_import, wait_idle
from tests.gui.queue_helpers import _drop, child, names
from tests.spreadsheets import GERMAN_XLS, write_ods


def test_import_from_the_window_shows_the_report(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window = make_window()
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "First Name,Last Name,Email,Phone,Country\n"
        "Ada,Lovelace,ada@analytical.co.uk,020 7946 0001,GB\n"
        "Ada,Lovelace,ada@analytical.co.uk,020 7946 0001,GB\n"
        "No,Contact,,,DE\n",
        encoding="utf-8",
    )
    assert window.user is not None
    window.importer.start(csv, window.user.id)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    headline = child(report, QLabel, "importHeadline").text()
    assert "1 imported" in headline
    assert "1 duplicate," in headline
    assert "1 skipped" in headline
    assert "line 4" in child(report, QPlainTextEdit, "importReport").toPlainText()
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])


def test_an_excel_workbook_is_imported_from_the_window(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["First Name", "Last Name", "Email", "Phone", "Country"])
    book.active.append(["Ada", "Lovelace", "ada@analytical.co.uk", "020 7946 0001", "GB"])
    path = tmp_path / "mqls.xlsx"
    book.save(path)
    window = make_window()
    assert window.user is not None
    window.importer.start(path, window.user.id)
    progress = window.importer.progress_dialog
    assert progress is not None
    assert progress.maximum() == 0  # busy while the workbook is read, not stuck at 0 %
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    assert "1 imported" in child(report, QLabel, "importHeadline").text()
    assert (
        "(Excel workbook, sheet “Sheet”)"
        in child(report, QPlainTextEdit, "importReport").toPlainText()
    )
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])


def test_an_opendocument_spreadsheet_is_chosen_and_imported_from_the_window(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The file dialog offers spreadsheets (LibreOffice's .ods, old .xls) besides CSV, and
    the chosen one is imported."""
    path = write_ods(
        tmp_path / "mqls.ods",
        [("MQLs", [["First Name", "Last Name", "Email", "Phone", "Country"],
                   ["Ada", "Lovelace", "ada@analytical.co.uk", "020 7946 0001", "GB"]])],
    )  # fmt: skip
    offered: list[str] = []

    def choose(parent: object, caption: str, folder: str, filters: str) -> tuple[str, str]:
        offered.append(filters)
        return str(path), filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(choose))
    window = make_window()
    assert window.user is not None
    window.importer.choose_and_start(window.user.id)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    first = offered[0].split(";;")[0]
    assert all(f"*.{ext}" in first for ext in ("csv", "xlsx", "xls", "ods"))
    report = window.importer.report_dialog
    assert report is not None
    assert "1 imported" in child(report, QLabel, "importHeadline").text()
    assert (
        "(OpenDocument spreadsheet, sheet “MQLs”)"
        in child(report, QPlainTextEdit, "importReport").toPlainText()
    )
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])


def test_a_file_dropped_on_the_window_is_imported(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    csv = tmp_path / "mqls.csv"
    csv.write_text(
        "First Name,Last Name,Email,Phone,Country\n"
        "Ada,Lovelace,ada@analytical.co.uk,020 7946 0001,GB\n",
        encoding="utf-8",
    )
    window = make_window()
    wait_idle(qtbot, window)

    assert _drop(window, url="https://example.com/leads.csv") == (False, False)  # no file
    assert window.importer.progress_dialog is None
    assert _drop(window, csv, tmp_path / "other.csv") == (True, True)
    assert "Drop one file at a time" in window.ui.statusBar.currentMessage()
    assert window.importer.progress_dialog is None

    assert _drop(window, csv) == (True, True)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    assert "1 imported" in child(report, QLabel, "importHeadline").text()
    qtbot.waitUntil(lambda: names(window) == ["Ada Lovelace"])
    assert window.ui.statusBar.currentMessage() == "Imported 1 lead."


def test_a_workbook_with_several_sheets_asks_which_to_import(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "Export.xls"
    path.write_bytes(GERMAN_XLS.read_bytes())  # sheets "Leads" and "Legende"
    asked: list[tuple[str, list[str], int]] = []
    answer: list[tuple[str, bool]] = [("", False)]  # cancel first

    def get_item(
        parent: object, title: str, label: str, items: list[str], current: int, editable: bool
    ) -> tuple[str, bool]:
        asked.append((label, list(items), current))
        return answer[0]

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    window = make_window()
    wait_idle(qtbot, window)
    assert window.user is not None
    window.importer.start(path, window.user.id)
    qtbot.waitUntil(lambda: bool(asked), timeout=20_000)  # once the file is read
    assert asked == [("Export.xls has 2 sheets. Import the leads of:", ["Leads", "Legende"], 0)]
    assert window.importer.progress_dialog is None  # cancelled: nothing imported

    answer[0] = ("Legende", True)  # a sheet with a header only: refused, nothing imported
    window.importer.start(path, window.user.id)
    banner = window.ui.bannerLabel
    qtbot.waitUntil(lambda: "no data rows in sheet “Legende”" in banner.text(), timeout=20_000)
    assert window.ui.banner.isVisible()

    answer[0] = ("Leads", True)
    window.importer.start(path, window.user.id)
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    assert not window.ui.banner.isVisible()  # the failed attempt's message is gone
    report = window.importer.report_dialog
    assert report is not None
    text = child(report, QPlainTextEdit, "importReport").toPlainText()
    assert "(Excel 97-2003 workbook, sheet “Leads”)" in text
    assert "other sheets" not in text  # the SDR chose this one
    qtbot.waitUntil(lambda: sorted(names(window)) == ["Anna Weiß", "Jürgen Müller"])


def test_rows_copied_from_a_spreadsheet_are_pasted_as_leads(
    qtbot: QtBot, make_window: WindowFactory
) -> None:
    """Ctrl+Shift+V imports the clipboard's rows (a spreadsheet copies them tab
    separated); what was pasted is kept as a file the report names."""
    window = make_window()
    wait_idle(qtbot, window)
    clipboard = QApplication.clipboard()
    clipboard.setText("   ")
    window.action("actionPasteLeads").trigger()
    assert "The clipboard holds no leads" in window.ui.statusBar.currentMessage()
    assert window.importer.progress_dialog is None

    pasted = (
        "First Name\tLast Name\tCompany\tEmail\tPhone\tCountry\n"
        "Ada\tLovelace\tAnalytical & Co\tada@analytical.co.uk\t020 7946 0001\tGB\n"
        'Grace\tHopper\t"Navy\nYard"\tgrace@navy.example\t\tUS\n'
    )
    clipboard.setText(pasted)
    assert window.action("actionPasteLeads").shortcut().toString() == "Ctrl+Shift+V"
    window.action("actionPasteLeads").trigger()
    window.action("actionPasteLeads").trigger()  # again, before the first import is done: refused
    assert "An import is running" in window.ui.statusBar.currentMessage()
    confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    report = window.importer.report_dialog
    assert report is not None
    assert "2 imported" in child(report, QLabel, "importHeadline").text()
    text = child(report, QPlainTextEdit, "importReport").toPlainText()
    assert "from Pasted leads " in text
    assert "(UTF-8, tab)" in text
    qtbot.waitUntil(lambda: sorted(names(window)) == ["Ada Lovelace", "Grace Hopper"])
    name = re.search(r"from (Pasted leads .+?\.tsv) \(UTF-8", text)
    assert name is not None
    assert (data_dir() / "pasted" / name[1]).read_text(encoding="utf-8") == pasted
