"""Importing a CSV file or spreadsheet from the window: pick the file (and the sheet), check
its columns (``import_preview``), watch the progress, read the report and save the rows
that were not imported."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from sdrdesk.domain.import_fields import FIELD_LABELS
from sdrdesk.domain.phones import phone_region_names
from sdrdesk.files import write_private
from sdrdesk.gui.dialogs.import_preview import ImportPreviewDialog, rows_text
from sdrdesk.gui.forms.ui_import_report_dialog import Ui_ImportReportDialog
from sdrdesk.gui.models import formats
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.imports import (
    ImportFile,
    ImportPreview,
    ImportReport,
    ImportService,
    RegionDecision,
    not_imported_csv,
    usable_region,
)


class ImportReportDialog(QDialog):
    def __init__(
        self,
        report: ImportReport,
        parent: QWidget | None = None,
        *,
        prepared: ImportPreview | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_ImportReportDialog()
        self.ui.setupUi(self)
        self._report = report
        self._prepared = prepared
        duplicates = len(report.duplicates)
        self.ui.importHeadline.setText(
            _("<b>{imported} imported</b>, {duplicates}, {skipped} skipped").format(
                imported=formats.number(report.imported),
                duplicates=ngettext("{n} duplicate", "{n} duplicates", duplicates).format(
                    n=formats.number(duplicates)
                ),
                skipped=formats.number(len(report.skipped)),
            )
        )
        self.ui.importReport.setPlainText(report.summary(FIELD_LABELS))
        buttons = self.ui.reportButtons
        buttons.rejected.connect(self.accept)
        self.save_button: QPushButton | None = None
        if prepared is not None and (report.skipped or report.duplicates):
            # The rows to fix in a spreadsheet and import again, with why each was left out.
            self.save_button = buttons.addButton(
                _("&Save rows not imported…"), QDialogButtonBox.ButtonRole.ActionRole
            )
            self.save_button.setObjectName("importSaveNotImported")
            self.save_button.clicked.connect(lambda: self.save_not_imported())

    def save_not_imported(self, path: Path | None = None) -> None:
        """Write the rows the import left out (asks where, unless ``path`` is given)."""
        prepared = self._prepared
        if prepared is None:
            return
        if path is None:
            source = prepared.source.path
            suggested = source.with_name(_("{name} - not imported.csv").format(name=source.stem))
            chosen, _filter = QFileDialog.getSaveFileName(
                self,
                _("Save the rows that were not imported"),
                str(suggested),
                _("CSV files (*.csv)"),
            )
            if not chosen:
                return
            path = Path(chosen)
        rows = len(self._report.skipped) + len(self._report.duplicates)
        try:
            text = not_imported_csv(prepared, self._report)
            write_private(path, text, encoding="utf-8-sig")
        except OSError as exc:
            message = _("{path} could not be saved: {error}.")
            self.ui.importSaved.setText(message.format(path=path, error=exc.strerror or str(exc)))
        else:
            message = _("Saved {rows} to {path}, with why each was not imported.")
            self.ui.importSaved.setText(message.format(rows=rows_text(rows), path=path))
        self.ui.importSaved.show()


# What reading a file gives the column dialog: the file, the regions to choose from, the
# region its national numbers are read in and why.
_Read = tuple[ImportPreview, tuple[tuple[str, str], ...], RegionDecision]


@dataclass(frozen=True)
class _Sheets:
    """A workbook read with several sheets: which to import is asked first."""

    file: ImportFile
    names: list[str]
    active: str | None


class ImportRunner(QObject):
    """Runs one import in the background with a cancellable progress dialog."""

    progressed = Signal(int, int)
    finished = Signal(object)  # ImportReport, or None when it failed or was cancelled
    failed = Signal(object)

    def __init__(
        self,
        parent: QWidget,
        service: ImportService,
        background: Background,
        *,
        region: str | None = None,
    ) -> None:
        super().__init__(parent)
        # The country national phone numbers were last read in (the next file is likely
        # from the same place); the settings' default region until one is chosen.
        self.region = usable_region(region)
        self._parent = parent
        self._service = service
        self._background = background
        self.progress_dialog: QProgressDialog | None = None
        self.report_dialog: ImportReportDialog | None = None
        self.preview_dialog: ImportPreviewDialog | None = None
        self._prepared: ImportPreview | None = None  # the file being imported
        # A window-modal QProgressDialog processes events inside setValue(): the import's
        # result can arrive there. It is then handled once setValue() has returned.
        self._in_set_value = False
        self.progressed.connect(self._show_progress)

    def choose_and_start(self, actor_id: int) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self._parent,
            _("Import leads from a CSV file or spreadsheet"),
            str(Path.home()),
            ";;".join(
                (
                    _("CSV files and spreadsheets")
                    + " (*.csv *.txt *.tsv *.xlsx *.xlsm *.xls *.xlsb *.ods)",
                    _("CSV files") + " (*.csv *.txt *.tsv)",
                    _("Excel workbooks") + " (*.xlsx *.xlsm *.xls *.xlsb)",
                    _("OpenDocument spreadsheets") + " (*.ods)",
                    _("All files") + " (*)",
                )
            ),
        )
        if path:
            self.start(Path(path), actor_id)

    def start(self, path: Path, actor_id: int) -> None:
        """Import ``path``: the file is read in the background, once (its sheets, the
        column dialog and the import all use what was read: never on this thread); a
        spreadsheet with several sheets asks which one first; then its columns are shown
        (``ImportPreviewDialog``) for the person to check; only then is anything written."""
        service = self._service
        self._read(path, actor_id, None, lambda: service.read(path))

    @property
    def busy(self) -> bool:
        """Whether an import is being read, checked by the person or written."""
        return self.progress_dialog is not None or self.preview_dialog is not None

    def _read(
        self, path: Path, actor_id: int, sheet: str | None, file: Callable[[], ImportFile]
    ) -> None:
        """In the background: ``file()`` (the file read, or as it was read), its sheets
        to choose from when ``sheet`` is not chosen yet and it has several, else its
        preview for the column dialog."""
        cancelled = self._show_busy(_("Reading {file}…").format(file=path.name))
        service = self._service
        last = self.region

        def read() -> _Read | _Sheets:
            read_file = file()
            if sheet is None:
                sheets, active = read_file.sheets()
                if len(sheets) > 1:
                    return _Sheets(read_file, sheets, active)
            preview = service.preview(read_file, sheet=sheet)
            return preview, phone_region_names(), service.region_for(preview, last)

        def review(result: _Read | _Sheets) -> None:
            self._close_progress()  # busy only: no progress is reported while reading
            if cancelled.is_set():
                return
            if isinstance(result, _Sheets):
                chosen = self._ask_sheet(path, result.names, result.active)
                if chosen is not None:  # else cancelled: nothing imported
                    self._read(path, actor_id, chosen, lambda: result.file)
                return
            self._review(path, actor_id, sheet, *result)

        self._background.run(read, review, self._failed)

    def _review(
        self,
        path: Path,
        actor_id: int,
        sheet: str | None,
        preview: ImportPreview,
        regions: tuple[tuple[str, str], ...],
        region: RegionDecision,
    ) -> None:
        service = self._service

        def estimate(
            targets: tuple[str, ...], region: str, wanted: Callable[[], bool]
        ) -> ImportReport:
            return service.run(
                path,
                actor_id=None,
                prepared=preview,
                columns=targets,
                default_region=region,
                dry_run=True,
                progress=lambda _done, _total: wanted(),
            )

        dialog = ImportPreviewDialog(
            preview,
            regions,
            region.region,
            estimate,
            self._background,
            self._parent,
            notes=region.notes,  # as the report words it
        )
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.preview_dialog = dialog

        def decided(result: int) -> None:
            self.preview_dialog = None
            dialog.deleteLater()
            if result == QDialog.DialogCode.Accepted:
                columns = dialog.targets() if dialog.changed() else None
                self.region = dialog.region()
                self._start(path, actor_id, sheet, preview, columns, self.region)

        dialog.finished.connect(decided)
        dialog.open()

    def _ask_sheet(self, path: Path, sheets: list[str], active: str | None) -> str | None:
        chosen, ok = QInputDialog.getItem(
            self._parent,
            _("Import which sheet?"),
            ngettext(
                "{file} has {n} sheet. Import the leads of:",
                "{file} has {n} sheets. Import the leads of:",
                len(sheets),
            ).format(file=path.name, n=formats.number(len(sheets))),
            sheets,
            sheets.index(active) if active in sheets else 0,
            False,
        )
        return chosen if ok and chosen in sheets else None

    def _start(
        self,
        path: Path,
        actor_id: int,
        sheet: str | None,
        prepared: ImportPreview,
        columns: tuple[str, ...] | None,
        region: str,
    ) -> None:
        cancelled = self._show_busy(_("Importing {file}…").format(file=path.name))
        self._prepared = prepared  # for the report's rows not imported
        service, progressed = self._service, self.progressed

        def progress(done: int, total: int) -> bool:
            progressed.emit(done, total)  # queued to the GUI thread
            return not cancelled.is_set()

        self._background.run(
            lambda: service.run(
                path,
                actor_id=actor_id,
                progress=progress,
                sheet=sheet,
                prepared=prepared,
                columns=columns,
                default_region=region,
            ),
            self._done,
            self._failed,
        )

    def _show_busy(self, text: str) -> threading.Event:
        """A window-modal progress dialog, busy until progress is reported; the event is
        set when the person cancels."""
        dialog = QProgressDialog(
            text,
            _("Cancel"),
            0,
            0,  # busy until the file is read (a big workbook takes a while): 0-1000 then
            self._parent,
        )
        dialog.setObjectName("importProgress")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(0)
        dialog.setValue(0)
        self.progress_dialog = dialog
        cancelled = threading.Event()
        dialog.canceled.connect(cancelled.set)
        return cancelled

    def _show_progress(self, done: int, total: int) -> None:
        if self.progress_dialog is not None and total > 0:
            if self.progress_dialog.maximum() == 0:
                self.progress_dialog.setRange(0, 1000)
            self._in_set_value = True
            try:
                self.progress_dialog.setValue(min(999, int(done * 1000 / total)))
            finally:
                self._in_set_value = False

    def _close_progress(self) -> None:
        if self.progress_dialog is not None:
            self.progress_dialog.reset()
            self.progress_dialog.deleteLater()
            self.progress_dialog = None

    def _done(self, report: ImportReport) -> None:
        if self._in_set_value:  # inside the progress dialog's own event processing
            QTimer.singleShot(0, lambda: self._done(report))
            return
        self._close_progress()
        self.report_dialog = ImportReportDialog(report, self._parent, prepared=self._prepared)
        self.report_dialog.open()
        self.finished.emit(report)

    def _failed(self, exc: Exception) -> None:
        if self._in_set_value:
            QTimer.singleShot(0, lambda: self._failed(exc))
            return
        self._close_progress()
        self.failed.emit(exc)
