"""The window as a desktop citizen: its icon, About, Help › Open log folder, and the
dialog an unexpected error shows."""

from __future__ import annotations

import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sdrdesk import paths
from sdrdesk.gui import desktop
from sdrdesk.gui.main_window import MainWindow


def test_the_icon_is_in_about_and_the_help_menu_opens_the_log_folder(
    qtbot: QtBot, window: MainWindow
) -> None:
    assert not desktop.app_icon().isNull()
    assert not desktop.app_icon().pixmap(64, 64).isNull()
    window.about()
    box = window._about
    qtbot.waitUntil(box.isVisible)
    assert not box.iconPixmap().isNull()
    box.close()
    help_menu = window.ui.menuHelp
    texts = [a.text() for a in help_menu.actions()]
    assert "Open &log folder" in texts


def test_an_unexpected_error_names_the_log_and_copies_the_details(qtbot: QtBot) -> None:
    try:
        raise RuntimeError("boom \x1b[31m")
    except RuntimeError:
        kind, error, tb = sys.exc_info()
    assert kind is not None
    assert error is not None
    dialog = desktop.show_unexpected_error(kind, error, tb)
    qtbot.waitUntil(dialog.isVisible)
    assert str(paths.log_file()) in dialog.message.text()
    dialog.copy.click()
    copied = QGuiApplication.clipboard().text()
    assert "RuntimeError: boom" in copied
    assert "Traceback" in copied
    assert dialog.isVisible()  # copying leaves it open
    dialog.close()  # deleted on close
    assert QApplication.instance() is not None
