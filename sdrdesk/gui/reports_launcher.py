"""The main window's way into the reports: View › Reports… (Ctrl+Shift+R)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QMainWindow, QMenu

from sdrdesk.services.context import ServiceContext

if TYPE_CHECKING:
    from sdrdesk.gui.reports_window import ReportsWindow

SHORTCUT = "Ctrl+Shift+R"


class ReportsLauncher(QObject):
    """Adds ``actionReports`` to ``menu`` and opens one reports window (raised again if
    it is already open)."""

    def __init__(self, window: QMainWindow, ctx: ServiceContext, menu: QMenu) -> None:
        super().__init__(window)
        self._ctx = ctx
        self.window: ReportsWindow | None = None
        self.action = QAction(self.tr("&Reports…"), window)
        self.action.setObjectName("actionReports")
        self.action.setShortcut(QKeySequence(SHORTCUT))
        menu.addSeparator()
        menu.addAction(self.action)
        window.addAction(self.action)
        self.action.triggered.connect(self.open)

    def open(self) -> ReportsWindow:
        if self.window is None:
            from sdrdesk.gui.reports_window import ReportsWindow  # Qt Charts: load on use

            self.window = ReportsWindow(self._ctx)
            self.window.destroyed.connect(self._forget)
        self.window.show()
        if QGuiApplication.platformName() != "offscreen":  # no stacking order to change
            self.window.raise_()
        self.window.activateWindow()
        return self.window

    def _forget(self) -> None:
        self.window = None

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
