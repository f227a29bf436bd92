"""The reports window: charts with their tables, for a period, an SDR and a source;
exports to PDF/PNG/print, the feedback export and the digest for marketing.

Layout in ``ui/reports_window.ui``. Only the visible report is computed, on a worker
(``Background``); changing a filter marks the others stale, and they load when shown.
"""

from __future__ import annotations

import time
from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, QLocale, QTimer
from PySide6.QtGui import QCloseEvent, QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMainWindow, QWidget

from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.gui import formats
from sdrdesk.gui.actions import decorate_actions
from sdrdesk.gui.dialogs.digest_dialog import DigestDialog, UrlOpener
from sdrdesk.gui.forms.ui_reports_window import Ui_ReportsWindow
from sdrdesk.gui.report_output import print_report, write_pdf, write_png
from sdrdesk.gui.report_specs import SPECS, ReportSpec, Shown
from sdrdesk.gui.widgets.report_page import ReportPage
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import N_, _
from sdrdesk.services.catalog import Services
from sdrdesk.services.feedback import (
    Digest,
    ExportFormat,
    build_digest,
    write_feedback,
)
from sdrdesk.services.reports import (
    Breakdown,
    FilterOptions,
    Preset,
    ReportFilter,
    period_from_dates,
)

CUSTOM = "custom"
FILTER_DELAY_MS = 250
DEFAULT_PRESET = Preset.LAST_30_DAYS
FEEDBACK_FILTERS: tuple[tuple[str, ExportFormat, str], ...] = (
    (N_("Excel workbook (*.xlsx)"), ExportFormat.XLSX, ","),
    (N_("CSV, comma-separated (*.csv)"), ExportFormat.CSV, ","),
    (N_("CSV for German Excel, semicolon-separated (*.csv)"), ExportFormat.CSV, ";"),
    (N_("JSON (*.json)"), ExportFormat.JSON, ","),
)


def feedback_filters() -> dict[str, tuple[ExportFormat, str]]:
    """The file dialog's filters, in the language in use, with what each one writes."""
    return {_(label): (fmt, delimiter) for label, fmt, delimiter in FEEDBACK_FILTERS}


class ReportsWindow(QMainWindow):
    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_ReportsWindow()
        self.ui.setupUi(self)
        self.setObjectName("reportsWindow")
        self._ctx = ctx = services.ctx
        self.reports = services.reports
        self.feedback = services.feedback
        self.background = Background(self)
        self.open_url: UrlOpener = QDesktopServices.openUrl
        self.digest_dialog: DigestDialog | None = None
        self.last_error: str | None = None
        self._started = 0.0
        # Typing a date or flicking through combos settles before anything is computed.
        self._settle = QTimer(self, singleShot=True, interval=FILTER_DELAY_MS)
        self._settle.timeout.connect(self._apply_filters)
        self.pages: list[ReportPage] = []
        for spec in SPECS:
            page = ReportPage(spec.key, _(spec.title), self)
            self.pages.append(page)
            self.ui.reportTabs.addTab(page, _(spec.title))
        self._setup_filters()
        self._connect()
        decorate_actions(self)
        self.setWindowTitle(_("Reports — {store}").format(store=ctx.store.display_url))
        self._load_options()
        self.reload()

    # --- filters --------------------------------------------------------------------------

    def _setup_filters(self) -> None:
        ui = self.ui
        for edit in (ui.fromDate, ui.toDate):  # the format is the form's, translated
            edit.setLocale(QLocale())
        for preset in Preset:
            ui.periodCombo.addItem(_(preset.label), preset.value)
        ui.periodCombo.addItem(_("Custom"), CUSTOM)
        ui.sdrCombo.addItem(_("Everyone"), None)
        ui.sourceCombo.addItem(_("All sources"), None)
        ui.productCombo.addItem(_("All products"), None)
        for by in Breakdown:
            ui.breakdownCombo.addItem(_(by.label), by.value)
        ui.periodCombo.setCurrentIndex(ui.periodCombo.findData(DEFAULT_PRESET.value))
        self._apply_preset()

    def _connect(self) -> None:
        ui = self.ui
        ui.periodCombo.currentIndexChanged.connect(self._preset_changed)
        ui.fromDate.dateChanged.connect(self._dates_edited)
        ui.toDate.dateChanged.connect(self._dates_edited)
        for combo in (ui.sdrCombo, ui.sourceCombo, ui.productCombo, ui.breakdownCombo):
            combo.currentIndexChanged.connect(self._filters_changed)
        ui.reportTabs.currentChanged.connect(self._tab_changed)
        ui.actionReloadReport.triggered.connect(self.reload)
        ui.actionExportPdf.triggered.connect(lambda: self.export_pdf())
        ui.actionExportPng.triggered.connect(lambda: self.export_png())
        ui.actionPrintReport.triggered.connect(self.print_current)
        ui.actionExportFeedback.triggered.connect(lambda: self.export_feedback())
        ui.actionDigest.triggered.connect(self.show_digest)
        ui.actionCloseReports.triggered.connect(self.close)
        ui.actionNextReport.triggered.connect(lambda: self._step_tab(1))
        ui.actionPreviousReport.triggered.connect(lambda: self._step_tab(-1))

    def today(self) -> date:
        return self._ctx.now().astimezone().date()

    def _apply_preset(self) -> None:
        value = self.ui.periodCombo.currentData()
        if value == CUSTOM:
            return
        first, last = Preset(value).dates(self.today())
        for edit, day in ((self.ui.fromDate, first), (self.ui.toDate, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _preset_changed(self, _index: int) -> None:
        self._apply_preset()
        self._filters_changed()

    def _dates_edited(self, _day: QDate) -> None:
        combo = self.ui.periodCombo
        combo.blockSignals(True)
        combo.setCurrentIndex(combo.findData(CUSTOM))
        combo.blockSignals(False)
        self._filters_changed()

    def set_period(self, first: date, last: date) -> None:
        """Show the days ``first`` to ``last`` (a custom period)."""
        for edit, day in ((self.ui.fromDate, first), (self.ui.toDate, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)
        self._dates_edited(QDate())

    def period(self) -> tuple[date, date]:
        return self.ui.fromDate.date().toPython(), self.ui.toDate.date().toPython()

    def preset(self) -> Preset | None:
        """The period's preset, ``None`` for a custom period."""
        value = self.ui.periodCombo.currentData()
        return None if value == CUSTOM else Preset(value)

    def set_preset(self, preset: Preset) -> None:
        self.ui.periodCombo.setCurrentIndex(self.ui.periodCombo.findData(preset.value))

    def report_filter(self) -> ReportFilter:
        first = self.ui.fromDate.date().toPython()
        last = self.ui.toDate.date().toPython()
        if last < first:
            first, last = last, first
        return period_from_dates(
            first,
            last,
            sdr_id=self.ui.sdrCombo.currentData(),
            source=self.ui.sourceCombo.currentData(),
            product=self.ui.productCombo.currentData(),
        )

    def breakdown(self) -> Breakdown:
        return Breakdown(self.ui.breakdownCombo.currentData())

    def describe_filter(self) -> str:
        parts = [
            _("{first} – {last}").format(first=self.ui.fromDate.text(), last=self.ui.toDate.text()),
            _("SDR: {name}").format(name=self.ui.sdrCombo.currentText()),
            _("Source: {source}").format(source=self.ui.sourceCombo.currentText()),
        ]
        if self.ui.productCombo.currentData() is not None:  # named when one is chosen
            parts.append(_("Product: {product}").format(product=self.ui.productCombo.currentText()))
        if self.current_spec().uses_breakdown:
            parts.append(_("by {breakdown}").format(breakdown=self.ui.breakdownCombo.currentText()))
        stamp = formats.short_datetime(self._ctx.now())
        parts.append(_("as of {time}").format(time=stamp))
        return " · ".join(parts)

    @property
    def busy(self) -> bool:
        """A filter change is settling or a computation is running."""
        return self._settle.isActive() or self.background.pending > 0

    def _filters_changed(self, *_args: Any) -> None:
        for page in self.pages:
            page.loaded = False
        self._settle.start()

    def _apply_filters(self) -> None:
        self.reload()

    def _load_options(self) -> None:
        self.background.run(
            self.reports.filter_options,
            self._set_options,
            lambda exc: self.show_error(exc, _("Loading the SDRs and sources")),
            key="options",
        )

    def _set_options(self, options: FilterOptions) -> None:
        for combo, items in (
            (self.ui.sdrCombo, list(options.sdrs)),
            (self.ui.sourceCombo, [(s, s) for s in options.sources]),
            (self.ui.productCombo, list(options.products)),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for value, text in items:
                combo.addItem(text, value)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)

    # --- loading --------------------------------------------------------------------------

    def current_page(self) -> ReportPage:
        index: int = self.ui.reportTabs.currentIndex()
        return self.pages[index]

    def current_spec(self) -> ReportSpec:
        index: int = self.ui.reportTabs.currentIndex()
        return SPECS[index]

    def page(self, key: str) -> ReportPage:
        return next(p for p in self.pages if p.key == key)

    def show_report(self, key: str) -> None:
        self.ui.reportTabs.setCurrentWidget(self.page(key))

    def _step_tab(self, step: int) -> None:
        tabs = self.ui.reportTabs
        tabs.setCurrentIndex((tabs.currentIndex() + step) % tabs.count())

    def _tab_changed(self, _index: int) -> None:
        self.ui.breakdownCombo.setEnabled(self.current_spec().uses_breakdown)
        if not self.current_page().loaded:
            self.reload()

    def reload(self) -> None:
        spec = self.current_spec()
        page = self.current_page()
        self.ui.breakdownCombo.setEnabled(spec.uses_breakdown)
        try:
            f = self.report_filter()
        except SdrdeskError as exc:
            self.show_error(exc, _("Choosing the period"))
            return
        by = self.breakdown() if spec.uses_breakdown else Breakdown.TOTAL
        service = self.reports
        self._started = time.perf_counter()
        self.ui.reportsStatusBar.showMessage(_("Computing {report}…").format(report=page.title))
        self.background.run(
            lambda: spec.load(service, f, by),
            lambda result: self._loaded(page, spec, by, result),
            lambda exc: self.show_error(exc, _("Computing {report}").format(report=page.title)),
            key="report",
        )

    def _loaded(self, page: ReportPage, spec: ReportSpec, by: Breakdown, result: Any) -> None:
        shown: Shown = spec.tabulate(result, by)
        page.show_report(spec.draw(result), shown.table, shown.extra)
        seconds = time.perf_counter() - self._started
        self.last_error = None
        self.ui.reportsStatusBar.showMessage(
            _("{report} · computed in {seconds} s").format(
                report=page.title, seconds=QLocale().toString(seconds, "f", 2)
            )
        )

    def show_error(self, error: Exception, context: str) -> None:
        if isinstance(error, SdrdeskError):
            text = str(error)
        else:
            text = _("{context} failed unexpectedly ({error}).").format(
                context=context, error=f"{type(error).__name__}: {error}"
            )
        self.last_error = text
        self.ui.reportsStatusBar.showMessage(text)

    # --- output ---------------------------------------------------------------------------

    def _ask_path(self, title: str, suggestion: str, filters: str) -> tuple[Path | None, str]:
        name, chosen = QFileDialog.getSaveFileName(self, title, suggestion, filters)
        return (Path(name) if name else None), chosen

    def _file_stem(self) -> str:
        f = self.ui
        return (
            f"sdrdesk-{self.current_page().key}-{f.fromDate.date().toString('yyyy-MM-dd')}"
            f"-{f.toDate.date().toString('yyyy-MM-dd')}"
        )

    def export_pdf(self, path: Path | None = None) -> Path | None:
        if path is None:
            path, _chosen = self._ask_path(
                _("Export as PDF"), self._file_stem() + ".pdf", _("PDF (*.pdf)")
            )
        if path is None:
            return None
        return self._output(
            lambda: write_pdf(self.current_page(), self.describe_filter(), path), path
        )

    def export_png(self, path: Path | None = None) -> Path | None:
        if path is None:
            path, _chosen = self._ask_path(
                _("Export as PNG"), self._file_stem() + ".png", _("PNG (*.png)")
            )
        if path is None:
            return None
        return self._output(lambda: write_png(self.current_page(), path), path)

    def print_current(self) -> None:
        if print_report(self.current_page(), self.describe_filter(), self):
            self.ui.reportsStatusBar.showMessage(_("Sent to the printer."), 5000)

    def _output(self, write: Any, path: Path) -> Path | None:
        try:
            write()
        except SdrdeskError as exc:
            self.show_error(exc, _("Exporting"))
            return None
        self.ui.reportsStatusBar.showMessage(_("Saved {path}").format(path=path), 8000)
        return path

    def export_feedback(
        self, path: Path | None = None, fmt: ExportFormat | None = None, delimiter: str = ","
    ) -> None:
        """Write the feedback for the current period and filters (on a worker)."""
        if path is None:
            stem = f"sdrdesk-feedback-{self.ui.toDate.date().toString('yyyy-MM-dd')}"
            filters = feedback_filters()
            path, chosen = self._ask_path(
                _("Export feedback for marketing"), stem + ".xlsx", ";;".join(filters)
            )
            if path is None:
                return
            fmt, delimiter = filters.get(chosen, (ExportFormat.XLSX, ","))
            if not path.suffix:
                path = path.with_suffix("." + fmt.value)
        fmt = fmt or ExportFormat(path.suffix.lstrip(".").lower() or "csv")
        f = self.report_filter()
        target = path
        self.background.run(
            lambda: write_feedback(self.feedback.collect(f), target, fmt, delimiter=delimiter),
            lambda files: self.ui.reportsStatusBar.showMessage(
                _("Saved {path}").format(path=", ".join(str(p) for p in files)), 8000
            ),
            lambda exc: self.show_error(exc, _("Exporting the feedback")),
            key="feedback",
        )

    def show_digest(self) -> None:
        f = self.report_filter()
        self.background.run(
            lambda: build_digest(self.feedback.collect(f)),
            self._show_digest,
            lambda exc: self.show_error(exc, _("Writing the digest")),
            key="digest",
        )

    def _show_digest(self, digest: Digest) -> None:
        dialog = DigestDialog(digest, self, open_url=lambda url: self.open_url(url))
        self.digest_dialog = dialog
        dialog.finished.connect(lambda _code: setattr(self, "digest_dialog", None))
        dialog.open()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.background.wait(5000)
        super().closeEvent(event)
