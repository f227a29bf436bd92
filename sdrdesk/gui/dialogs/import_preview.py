"""Before an import writes anything: what each column of the file becomes, which
country national phone numbers are read in, and how many rows would be imported.

The columns start as the automatic mapping chose them; the person can send any column to
another lead field, keep it as extra data or leave it out. A lead field is filled by one
column only: choosing it for a second column moves the first one to the extra data. After
every change a dry run of the whole file (in the background, cancelled by the next change
or by closing the dialog) says what the import would do.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from html import escape

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QSizePolicy, QWidget

from sdrdesk.domain.errors import SdrdeskError, StoreUnavailableError
from sdrdesk.domain.import_fields import CONTACT_FIELDS, EXTRA, FIELD_LABELS, IGNORE, LEAD_FIELDS
from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_import_preview_dialog import Ui_ImportPreviewDialog
from sdrdesk.gui.models import formats
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import N_, _, ngettext
from sdrdesk.services.imports import ImportPreview, ImportReport

# (targets, region, still wanted) → the dry run's report; raises as the import would.
Estimate = Callable[[tuple[str, ...], str, Callable[[], bool]], ImportReport]

log = logging.getLogger(__name__)

_CHOICES = (*LEAD_FIELDS, EXTRA, IGNORE)
_DELAY_MS = 300  # after the last change, before the dry run starts
_DELIMITERS = {
    "comma": N_("comma"),
    "semicolon": N_("semicolon"),
    "tab": N_("tab"),
    "pipe": N_("pipe"),
}


def rows_text(n: int) -> str:
    """``1 row``, ``1,200 rows`` (``1 Zeile``, ``1.200 Zeilen``)."""
    return ngettext("{n} row", "{n} rows", n).format(n=formats.number(n))


class ImportPreviewDialog(QDialog):
    def __init__(
        self,
        preview: ImportPreview,
        regions: Sequence[tuple[str, str]],
        region: str,
        estimate: Estimate,
        background: Background,
        parent: QWidget | None = None,
        *,
        notes: Sequence[str] = (),
    ) -> None:
        """``notes``: said about the file besides the preview's own (why ``region``)."""
        super().__init__(parent)
        self.preview = preview
        self._estimate = estimate
        self._background = background
        self._wanted: threading.Event | None = None  # set while the latest dry run counts
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(_DELAY_MS)
        self._delay.timeout.connect(self._run_estimate)
        self.estimated: ImportReport | None = None  # the dry run of what is shown now

        self.ui = Ui_ImportPreviewDialog()
        self.ui.setupUi(self)
        self.setWindowTitle(_("Import {file}").format(file=preview.file_name))
        delimiter = _DELIMITERS.get(preview.delimiter)
        self.ui.importAbout.setText(
            _(
                "<b>{file}</b>: {rows} ({encoding}, {delimiter}). Check what each column becomes."
            ).format(
                file=escape(preview.file_name),
                rows=rows_text(preview.rows),
                encoding=escape(preview.encoding),
                delimiter=escape(_(delimiter) if delimiter else preview.delimiter),
            )
        )
        shown_notes = (*preview.notes, *notes)
        self.ui.importNotes.setText("\n".join(f"• {note}" for note in shown_notes))
        self.ui.importNotes.setVisible(bool(shown_notes))

        host, grid = self.ui.columnsHost, self.ui.columnsGrid
        self.combos: list[QComboBox] = []
        for i, header in enumerate(preview.headers):
            shown = header.strip() or _("(column {n}, no header)").format(n=i + 1)
            name = QLabel(shown, host)
            name.setTextFormat(Qt.TextFormat.PlainText)
            combo = QComboBox(host)
            combo.setObjectName(f"columnTarget{i}")
            combo.setAccessibleName(_("{column} imports as").format(column=shown))
            for target in _CHOICES:
                combo.addItem(formats.data_label(FIELD_LABELS[target]), target)
            combo.setCurrentIndex(_CHOICES.index(preview.targets[i]))
            combo.currentIndexChanged.connect(lambda _index, i=i: self._chosen(i))
            name.setBuddy(combo)
            values = QLabel(" · ".join(preview.samples[i]) or "—", host)
            values.setTextFormat(Qt.TextFormat.PlainText)
            values.setObjectName(f"columnSamples{i}")
            values.setEnabled(bool(preview.samples[i]))
            values.setToolTip("\n".join(preview.samples[i]))
            # Long values are cut at the dialog's edge, never push the choices out of view.
            values.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
            for column, widget in enumerate((name, combo, values)):
                grid.addWidget(widget, i + 1, column)
            self.combos.append(combo)
        grid.setRowStretch(len(preview.headers) + 1, 1)  # the rows at the top, not spread

        choice = self.ui.importRegion
        for code, country in regions:
            choice.addItem(f"{country} ({code})", code)
        choice.setCurrentIndex(max(0, choice.findData(region)))
        choice.currentIndexChanged.connect(self._changed)

        buttons = self.ui.previewButtons
        self.import_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.import_button.setText(_("&Import"))
        self.import_button.setObjectName("importConfirm")
        self.import_button.setDefault(True)
        cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAutoDefault(False)  # Enter imports or does nothing, never cancels
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.finished.connect(self._stop_estimate)
        row = self.fontMetrics().lineSpacing()  # the size follows the font, not pixels
        self.resize(theme.chars(self, 110), min(row * 36, row * (14 + 2 * len(preview.headers))))
        self._changed()
        if self.import_button.isEnabled() or not self.combos:
            self.import_button.setFocus()
        else:  # a contact column to choose first
            self.combos[0].setFocus()

    # --- what was chosen -------------------------------------------------------------------

    def targets(self) -> tuple[str, ...]:
        return tuple(str(combo.currentData()) for combo in self.combos)

    def changed(self) -> bool:
        """Whether the columns differ from the automatic mapping."""
        return self.targets() != self.preview.targets

    def region(self) -> str:
        return str(self.ui.importRegion.currentData())

    # --- reacting ---------------------------------------------------------------------------

    def _chosen(self, column: int) -> None:
        target = self.combos[column].currentData()
        if target in LEAD_FIELDS:  # one column per field: an earlier holder gives it up
            for i, combo in enumerate(self.combos):
                if i != column and combo.currentData() == target:
                    combo.blockSignals(True)
                    combo.setCurrentIndex(_CHOICES.index(EXTRA))
                    combo.blockSignals(False)
        self._changed()

    def _changed(self) -> None:
        self._stop_estimate()
        self.estimated = None
        if not any(t in CONTACT_FIELDS for t in self.targets()):
            self.import_button.setEnabled(False)
            self.ui.importEstimate.setText(
                _(
                    "Choose the column with the e-mail address or a phone number: "
                    "a lead needs one of them."
                )
            )
            return
        self.import_button.setEnabled(True)
        self.ui.importEstimate.setText(_("Checking the rows…"))
        self._delay.start()

    def _run_estimate(self) -> None:
        wanted = threading.Event()
        wanted.set()
        self._wanted = wanted
        estimate, targets, region = self._estimate, self.targets(), self.region()
        self._background.run(
            lambda: estimate(targets, region, wanted.is_set),  # nothing of the dialog's
            lambda report: self._estimated(wanted, report),
            lambda exc: self._estimate_failed(wanted, exc),
            key="import-preview",
        )

    def _stop_estimate(self) -> None:
        self._delay.stop()
        if self._wanted is not None:
            self._wanted.clear()  # the dry run stops at its next progress report
            self._wanted = None

    def _estimated(self, wanted: threading.Event, report: ImportReport) -> None:
        if wanted is not self._wanted:  # a change or closing the dialog came first
            return
        self._wanted = None
        self.estimated = report
        tally = []
        if report.duplicates:
            n = len(report.duplicates)
            tally.append(ngettext("{n} duplicate", "{n} duplicates", n))
            tally[-1] = tally[-1].format(n=formats.number(n))
        if report.skipped:
            n = len(report.skipped)
            tally.append(ngettext("{n} row skipped", "{n} rows skipped", n))
            tally[-1] = tally[-1].format(n=formats.number(n))
        if report.warnings:
            n = len(report.warnings)
            tally.append(ngettext("{n} warning", "{n} warnings", n))
            tally[-1] = tally[-1].format(n=formats.number(n))
        text = _("Would import {imported} of {rows}.").format(
            imported=formats.number(report.imported), rows=rows_text(report.rows_total)
        )
        if tally:
            joined = ", ".join(tally)
            text += " " + joined[:1].upper() + joined[1:] + "."
        if report.dates_dayfirst is not None:  # the region decides where no date does
            text += " " + (
                _("Dates like 03/04/2026 are read as 3 April (day first).")
                if report.dates_dayfirst
                else _("Dates like 03/04/2026 are read as March 4 (month first).")
            )
        header = self.preview.source.header_line  # its notes are shown above already
        for note in report.warnings:  # about the whole file: "imported before (…)"
            if note.line is None and note.message not in self.preview.notes:
                text += " " + note.message[:1].upper() + note.message[1:] + "."
        rows = [w for w in report.warnings if w.line not in (None, header)]
        first = (*report.skipped, *rows)[:1]
        if first:
            text += " " + _("First: {issue}").format(issue=first[0].shown(report.unit))
        self.ui.importEstimate.setText(text)

    def _estimate_failed(self, wanted: threading.Event, exc: Exception) -> None:
        if wanted is not self._wanted:
            return
        self._wanted = None
        if isinstance(exc, SdrdeskError):
            text = str(exc)
        else:
            log.error("The import's dry run failed", exc_info=exc)
            text = _("Checking the rows failed unexpectedly ({error}).").format(
                error=f"{type(exc).__name__}: {exc}"
            )
        self.ui.importEstimate.setText(text)
        # The file or the columns would be refused by the import too; a database that
        # does not answer now may answer when the person imports (the import says so).
        self.import_button.setEnabled(isinstance(exc, StoreUnavailableError))
