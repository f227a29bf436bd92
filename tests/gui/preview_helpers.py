"""Driving the import's column dialog in tests: a window that opens it, Enter pressed in it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from sdrdesk.gui.dialogs.import_dialog import ImportReportDialog
from sdrdesk.gui.dialogs.import_preview import ImportPreviewDialog
from sdrdesk.gui.main_window import MainWindow
from tests.gui.conftest import WindowFactory, wait_idle


def _open_preview(
    qtbot: QtBot, make_window: WindowFactory, path: Path, text: str
) -> tuple[MainWindow, ImportPreviewDialog]:
    """A window on an empty store (reading national numbers as German ones) importing
    ``path`` with ``text`` in it: its column dialog, shown."""
    path.write_text(text, encoding="utf-8")
    window = make_window()
    wait_idle(qtbot, window)
    assert window.user is not None
    window.importer.start(path, window.user.id)
    qtbot.waitUntil(lambda: window.importer.preview_dialog is not None, timeout=20_000)
    dialog = window.importer.preview_dialog
    assert dialog is not None
    assert dialog.isVisible()
    return window, dialog


def _enter(qtbot: QtBot, window: MainWindow, dialog: ImportPreviewDialog) -> ImportReportDialog:
    """Press Enter in the column dialog: the import's report, once it is shown."""
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: window.importer.report_dialog is not None, timeout=20_000)
    assert window.importer.report_dialog is not None
    return window.importer.report_dialog
