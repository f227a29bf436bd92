"""The main window's way into the reports: View › Reports… (Ctrl+Shift+R, declared
with the window's other actions)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QMainWindow

from sdrdesk.services.catalog import Services

if TYPE_CHECKING:
    from sdrdesk.gui.reports_window import ReportsWindow


class ReportsLauncher(QObject):
    """Opens one reports window (raised again if it is already open) from the window's
    ``actionReports``."""

    def __init__(self, window: QMainWindow, services: Services) -> None:
        super().__init__(window)
        self._services = services
        self.window: ReportsWindow | None = None
        action = window.findChild(QAction, "actionReports")
        assert action is not None
        self.action = action

    def open(self) -> ReportsWindow:
        if self.window is None:
            from sdrdesk.gui.reports_window import ReportsWindow  # Qt Charts: load on use

            self.window = ReportsWindow(self._services)
            self.window.destroyed.connect(self._forget)
        self.window.show()
        if QGuiApplication.platformName() != "offscreen":  # no stacking order to change
            self.window.raise_()
        self.window.activateWindow()
        return self.window

    def retranslate(self) -> None:
        """An open reports window again, in the language now in use: made anew (its
        titles, filters, charts and tables), on the same report, period and place. A
        closed one is dropped, to be made anew when it is opened again."""
        old = self.window
        if old is None:
            return
        key, preset, period = old.current_page().key, old.preset(), old.period()
        geometry, visible = old.saveGeometry(), old.isVisible()
        self.window = None  # a closed one is dropped too: it would open in the old language
        old.destroyed.disconnect(self._forget)
        old.close()
        old.deleteLater()
        if not visible:
            return
        window = self.open()
        window.restoreGeometry(geometry)
        if preset is None:
            window.set_period(*period)
        else:
            window.set_preset(preset)
        window.show_report(key)

    def _forget(self) -> None:
        self.window = None

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
