"""Before an import writes anything the window shows the columns, their fields and a dry run."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QInputDialog, QLabel, QPlainTextEdit, QPushButton
from pytestqt.qtbot import QtBot
from sqlalchemy import text

from sdrdesk.gui.dialogs.import_preview import ImportPreviewDialog
from sdrdesk.services.leads.details import LeadService
from sdrdesk.settings import load_settings
from tests.file_reads import record_reads
from tests.gui.conftest import WindowFactory, confirm_import, wait_idle
from tests.gui.preview_helpers import _enter, _open_preview
from tests.gui.queue_helpers import _drop


def _combo(dialog: ImportPreviewDialog, name: str) -> QComboBox:
    found = dialog.findChild(QComboBox, name)
    assert found is not None, name
    return found


def _estimate(dialog: ImportPreviewDialog) -> str:
    label = dialog.findChild(QLabel, "importEstimate")
    assert label is not None
    return label.text()


def test_a_file_with_unknown_headers_is_mapped_in_the_window_and_imported(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    """Headers no CRM uses: the dialog says a contact column is missing and will not
    import; the SDR picks the e-mail, phone and name columns by typing, and the phone's
    country, sees the dry run's count, and Enter imports exactly that."""
    window, dialog = _open_preview(
        qtbot,
        make_window,
        tmp_path / "messe.csv",
        "Wer,Firma,Nummer,Adresse\n"
        "Anna Schmidt,Acme GmbH,(212) 555-0100,anna@acme.example\n"
        "Ben Jones,Globex,,\n",
    )
    button = dialog.findChild(QPushButton, "importConfirm")
    assert button is not None
    about = dialog.findChild(QLabel, "importAbout")
    assert about is not None
    assert "2 rows (UTF-8, comma)" in about.text()
    samples = dialog.findChild(QLabel, "columnSamples1")
    assert samples is not None
    assert samples.text() == "Acme GmbH · Globex"
    assert _combo(dialog, "columnTarget1").currentText() == "Company"  # "Firma"
    assert "Choose the column with the e-mail address" in _estimate(dialog)
    assert not button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()  # nothing to import yet

    address = _combo(dialog, "columnTarget3")
    address.setFocus()
    qtbot.keyClicks(address, "E-mail")
    assert address.currentData() == "email"
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    assert _estimate(dialog).startswith("Would import 1 of 2 rows. 1 row skipped.")
    assert "line 3: cannot be contacted" in _estimate(dialog)
    number = _combo(dialog, "columnTarget2")
    number.setFocus()
    qtbot.keyClicks(number, "Phone")
    assert number.currentData() == "phone"
    who = _combo(dialog, "columnTarget0")
    who.setFocus()
    qtbot.keyClicks(who, "Full")
    assert who.currentData() == "full_name"
    region = _combo(dialog, "importRegion")
    assert region.currentData() == "DE"
    region.setCurrentIndex(region.findData("US"))
    assert region.currentText() == "United States (US)"
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    assert "warning" not in _estimate(dialog)  # a valid US number now

    report = _enter(qtbot, window, dialog)
    assert window.importer.preview_dialog is None
    headline = report.findChild(QLabel, "importHeadline")
    assert headline is not None
    assert "1 imported" in headline.text()
    summary = report.findChild(QPlainTextEdit, "importReport")
    assert summary is not None
    # The columns as the dialog named them.
    assert (
        "Columns: Wer → Full name (first and last), Firma → Company, Nummer → Phone,"
        " Adresse → E-mail." in summary.toPlainText()
    )
    wait_idle(qtbot, window)
    (lead,) = LeadService(window._ctx).list_records()
    assert (lead.summary.name, lead.summary.company, lead.summary.email) == (
        "Anna Schmidt",
        "Acme GmbH",
        "anna@acme.example",
    )
    assert lead.summary.phone_e164 == "+12125550100"

    # The next file is read in the country chosen last, also after a restart.
    report.close()
    assert window.user is not None
    window.importer.start(tmp_path / "messe.csv", window.user.id)
    qtbot.waitUntil(lambda: window.importer.preview_dialog is not None, timeout=20_000)
    again = window.importer.preview_dialog
    assert again is not None
    assert _combo(again, "importRegion").currentData() == "US"
    qtbot.keyClick(again, Qt.Key.Key_Escape)
    window.close()
    assert load_settings().extra["import_region"] == "US"


def test_a_field_chosen_for_a_second_column_leaves_the_first(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window, dialog = _open_preview(
        qtbot,
        make_window,
        tmp_path / "two-mails.csv",
        "Email,Private Email\nwork@firm.example,me@home.example\n",
    )
    work, private = _combo(dialog, "columnTarget0"), _combo(dialog, "columnTarget1")
    assert (work.currentData(), private.currentText()) == ("email", "Keep as extra data")

    private.setCurrentIndex(private.findData("email"))

    assert work.currentText() == "Keep as extra data"
    assert dialog.targets() == ("extra", "email")
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    _enter(qtbot, window, dialog)
    wait_idle(qtbot, window)
    (lead,) = LeadService(window._ctx).list_records()
    assert lead.summary.email == "me@home.example"
    assert lead.extra == {"Email": "work@firm.example"}


def test_closing_the_column_dialog_imports_nothing(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window, dialog = _open_preview(
        qtbot, make_window, tmp_path / "mqls.csv", "First Name,Email\nAda,ada@analytical.example\n"
    )
    assert window.importer.busy  # a second file waits: one import at a time

    qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    assert window.importer.preview_dialog is None
    assert window.importer.progress_dialog is None
    assert not window.importer.busy
    wait_idle(qtbot, window)
    assert LeadService(window._ctx).list_records() == []
    assert window.importer.report_dialog is None


def test_the_dialog_says_a_file_was_imported_before(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    path = tmp_path / "mqls.csv"
    text = "First Name,Email\nAda,ada@analytical.example\nGrace,grace@navy.example\n"
    window, dialog = _open_preview(qtbot, make_window, path, text)
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    assert _estimate(dialog) == "Would import 2 of 2 rows."
    _enter(qtbot, window, dialog)
    wait_idle(qtbot, window)

    assert window.user is not None
    window.importer.start(path, window.user.id)
    qtbot.waitUntil(lambda: window.importer.preview_dialog is not None, timeout=20_000)
    again = window.importer.preview_dialog
    assert again is not None
    qtbot.waitUntil(lambda: again.estimated is not None, timeout=20_000)
    assert _estimate(again).startswith(
        "Would import 0 of 2 rows. 2 duplicates, 1 warning. This file was imported before "
        "(import 1, "
    )


@pytest.mark.postgres_only
def test_a_database_that_does_not_answer_during_the_dry_run_does_not_block_the_import(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    """Another session holds the leads table: the dialog says the store is busy instead
    of a count, and Import stays possible; once the lock is gone, Enter imports."""
    window = make_window(lock_timeout_ms=300)
    wait_idle(qtbot, window)
    blocker = window._ctx.store.engine.connect()
    blocker.begin()
    blocker.execute(text("LOCK TABLE leads IN ACCESS EXCLUSIVE MODE"))
    path = tmp_path / "mqls.csv"
    path.write_text("First Name,Email\nAda,ada@analytical.example\n", encoding="utf-8")
    assert window.user is not None
    window.importer.start(path, window.user.id)
    qtbot.waitUntil(lambda: window.importer.preview_dialog is not None, timeout=20_000)
    dialog = window.importer.preview_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: "busy" in _estimate(dialog), timeout=20_000)
    assert dialog.estimated is None
    button = dialog.findChild(QPushButton, "importConfirm")
    assert button is not None
    assert button.isEnabled()

    blocker.rollback()
    blocker.close()
    _enter(qtbot, window, dialog)
    wait_idle(qtbot, window)
    assert [r.summary.email for r in LeadService(window._ctx).list_records()] == [
        "ada@analytical.example"
    ]


def test_the_dialog_says_how_dates_are_read_and_the_country_decides_the_ambiguous(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    window, dialog = _open_preview(
        qtbot,
        make_window,
        tmp_path / "webinar.csv",
        "Email,MQL Date\nada@analytical.example,03/04/2026 10:00\n",
    )
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    assert "read as 3 April (day first)" in _estimate(dialog)  # Germany, as the settings say
    region = _combo(dialog, "importRegion")
    region.setCurrentIndex(region.findData("US"))
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    assert "read as March 4 (month first)" in _estimate(dialog)

    _enter(qtbot, window, dialog)
    wait_idle(qtbot, window)
    (lead,) = LeadService(window._ctx).list_records()
    handed = lead.summary.handed_off_at
    assert (handed.month, handed.day) == (3, 4)


def test_the_dialog_starts_on_the_country_the_files_numbers_are_typed_in(
    qtbot: QtBot, make_window: WindowFactory, tmp_path: Path
) -> None:
    """A window reading national numbers as German ones opens a list from a US trade
    show: the dialog starts on the United States, says why, and the dry run reads them
    all (read as German, many would be valid numbers in Solingen or Bonn)."""
    areas = ("212", "415", "312", "646", "202")
    rows = "".join(f"lead{i}@firm{i}.example,({areas[i % 5]}) 555-01{i:02d}\n" for i in range(20))
    path = tmp_path / "trade-show.csv"
    window, dialog = _open_preview(qtbot, make_window, path, "Email,Phone\n" + rows)
    region = _combo(dialog, "importRegion")
    assert region.currentData() == "US"
    notes = dialog.findChild(QLabel, "importNotes")
    assert notes is not None
    assert notes.isVisible()
    assert "read as United States (US): 100% of them are written as its numbers" in notes.text()
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    assert _estimate(dialog).startswith("Would import 20 of 20 rows.")
    assert "warning" not in _estimate(dialog)
    report = _enter(qtbot, window, dialog)
    report.close()
    wait_idle(qtbot, window)
    phones = {lead.summary.phone_e164 for lead in LeadService(window._ctx).list_records()}
    assert {p[:2] if p else None for p in phones} == {"+1"}


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_dropped_file_is_read_once_and_never_on_the_gui_thread(
    qtbot: QtBot,
    make_window: WindowFactory,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
) -> None:
    """Dropped on the window, a file is read in the background, once: its sheets (a
    workbook with two asks which), the column dialog, its dry runs and the import all
    use what was read; the window's own thread never opens it."""
    rows = [
        ["First Name", "Email", "Phone", "Country"],
        ["Ada", "ada@analytical.co.uk", "020 7946 0001", "GB"],
    ]
    if kind == "csv":
        path = tmp_path / "mqls.csv"
        path.write_text("\n".join(",".join(row) for row in rows) + "\n", encoding="utf-8")
    else:
        from openpyxl import Workbook

        book = Workbook()
        for row in rows:
            book.active.append(row)
        book.create_sheet("Notes").append(["nothing to import"])
        path = tmp_path / "mqls.xlsx"
        book.save(path)
    asked: list[list[str]] = []

    def get_item(
        parent: object, title: str, label: str, items: list[str], current: int, editable: bool
    ) -> tuple[str, bool]:
        asked.append(list(items))
        return items[current], True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(get_item))
    window = make_window()
    wait_idle(qtbot, window)
    reads = record_reads(monkeypatch, path)

    assert _drop(window, path) == (True, True)
    dialog = confirm_import(qtbot, window)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)

    assert dialog.estimated is not None  # a dry run ran on what was read
    assert asked == ([] if kind == "csv" else [["Sheet", "Notes"]])
    report = window.importer.report_dialog
    assert report is not None
    headline = report.findChild(QLabel, "importHeadline")
    assert headline is not None
    assert "1 imported" in headline.text()
    assert len(reads) == 1, reads
    assert threading.main_thread() not in reads
