"""Time the reports window showing one report: from the request to the chart and the
table painted (off-screen Qt), the query included."""

from __future__ import annotations

import time
from datetime import timedelta

from PySide6.QtWidgets import QApplication

from sdrdesk.gui.reports_window import ReportsWindow
from sdrdesk.services.catalog import Services
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.reports import ReportFilter

# Benchmark report name -> (tab, breakdown)
PAGES = {
    "rejections by reason": ("reasons", "total"),
    "rejections by campaign": ("campaigns", "total"),
    "rejections by week": ("weeks", "total"),
    "funnel (team)": ("funnel", "total"),
    "funnel per SDR": ("funnel", "sdr"),
    "funnel per source": ("funnel", "source"),
    "speed to lead (team)": ("speed", "total"),
    "speed to lead per source": ("speed", "source"),
    "call outcomes": ("calls", "total"),
    "grades": ("grades", "total"),
}


class Renderer:
    def __init__(self, ctx: ServiceContext) -> None:
        self.app = QApplication.instance() or QApplication(["reports-bench"])
        self.window = ReportsWindow(Services(ctx))
        self.window.resize(1280, 860)
        self.window.show()
        self._settle()

    def _settle(self) -> None:
        while self.window.busy:
            self.app.processEvents()
            time.sleep(0.002)
        self.app.processEvents()

    def __call__(self, name: str, f: ReportFilter) -> float:
        key, breakdown = PAGES[name]
        w = self.window
        for combo, value in ((w.ui.breakdownCombo, breakdown),):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)
        w.ui.reportTabs.blockSignals(True)
        w.show_report(key)
        w.ui.reportTabs.blockSignals(False)
        first = f.since.date()
        last = (f.until - timedelta(seconds=1)).date()
        for edit, day in ((w.ui.fromDate, first), (w.ui.toDate, last)):
            edit.blockSignals(True)
            edit.setDate(day)
            edit.blockSignals(False)
        page = w.current_page()
        page.loaded = False
        start = time.perf_counter()
        w.reload()
        while not page.loaded or w.background.pending:
            self.app.processEvents()
            time.sleep(0.001)
        page.grab()  # paint chart and table once, as the screen would
        return time.perf_counter() - start
