"""Leads into the store from the window: Import leads… (Ctrl+I), a file dropped on the
window, rows pasted from a spreadsheet (Ctrl+Shift+V), and the sample leads.

The import itself is ``ImportRunner`` (the column dialog, the progress, the report),
made on first use: its module and the import service load only when leads come in.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Signal
from PySide6.QtGui import QDragMoveEvent
from PySide6.QtWidgets import QApplication

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.gui import formats
from sdrdesk.gui.host import WindowHost
from sdrdesk.i18n import _, ngettext
from sdrdesk.paths import data_dir
from sdrdesk.services.catalog import Services

if TYPE_CHECKING:
    from sdrdesk.gui.dialogs.import_dialog import ImportRunner
    from sdrdesk.services.imports import ImportReport
    from sdrdesk.services.leads import Distribution
    from sdrdesk.services.sample_data import SampleResult

# The settings key of the country the last import read national phone numbers in.
IMPORT_REGION = "import_region"
SAMPLE_COUNT = 200


class ImportController(QObject):
    imported = Signal(object)  # ImportReport, or SampleResult: new leads are in the store

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host, self._services = host, services
        self._runner: ImportRunner | None = None
        self._error: str | None = None  # the banner of the last failed import

    @property
    def runner(self) -> ImportRunner:
        if self._runner is None:
            from sdrdesk.gui.dialogs.import_dialog import ImportRunner

            region = self._host.settings.extra.get(IMPORT_REGION)
            self._runner = ImportRunner(
                self._host.dialog_parent(),
                self._services.imports,
                self._host.background,
                region=region if isinstance(region, str) else None,
            )
            self._runner.finished.connect(self._imported)
            self._runner.failed.connect(self._failed)
        return self._runner

    def choose_file(self) -> None:
        user = self._host.user
        if user is not None:
            self.runner.choose_and_start(user.id)

    def paste(self) -> None:
        """Import the rows on the clipboard (copied from a spreadsheet, header row
        included), or the file copied in a file manager."""
        user = self._host.user
        if user is None or self.running():
            return
        data = QApplication.clipboard().mimeData()
        files = dropped_files(data)
        if len(files) == 1:
            self.runner.start(files[0], user.id)
            return
        text = data.text() if data is not None and data.hasText() else ""
        if files or not text.strip():
            self._host.notify(
                _(
                    "The clipboard holds no leads: copy their rows with the header row from "
                    "a spreadsheet or a CSV file (or copy one file), then paste."
                ),
                10_000,
            )
            return
        from sdrdesk.services.imports import save_pasted

        path = save_pasted(text, data_dir() / "pasted", self._services.ctx.now())
        self.runner.start(path, user.id)

    def drop(self, files: list[Path]) -> None:
        """Import the file dropped on the window, as Import leads… would import it."""
        user = self._host.user
        if user is None:
            return  # the identity dialog is still open
        if len(files) > 1:
            self._host.notify(
                _("Drop one file at a time: {n} files were dropped, none was imported.").format(
                    n=formats.number(len(files))
                ),
                10_000,
            )
            return
        if not self.running():
            self.runner.start(files[0], user.id)

    def running(self) -> bool:
        """Whether an import is under way (then says so: one import at a time)."""
        if self._runner is None or not self._runner.busy:
            return False
        self._host.notify(_("An import is running; try again when it is done."))
        return True

    def _failed(self, error: Exception) -> None:
        self._host.show_error(error, _("Importing"))
        self._error = self._host.banner.text()

    def _imported(self, report: ImportReport | None) -> None:
        if report is None:
            return
        # A failed attempt's message is out of date once the file (or another) imported.
        if self._error is not None and self._host.banner.text() == self._error:
            self._host.hide_banner()
        self._error = None
        done = ngettext("Imported {n} lead.", "Imported {n} leads.", report.imported).format(
            n=formats.number(report.imported)
        )
        user = self._host.user
        rules = self._services.ctx.assignment
        if not rules.assigns or not report.imported or report.dry_run or user is None:
            self._host.notify(done)
            self.imported.emit(report)
            return
        # The team's rules route the new leads, as after `sdrdesk import` and as the
        # intake routes each lead on arrival (one routing: AssignmentService.route_new).
        assignment = self._services.assignment
        self._host.background.run(
            lambda: assignment.route_new(report.imported_ids, actor_id=user.id),
            lambda result: self._routed(report, done, result),
            lambda exc: self._not_routed(report, done, exc),
        )

    def _routed(self, report: ImportReport, done: str, result: Distribution) -> None:
        given = sum(result.assigned.values())
        self._host.notify(
            done
            + " "
            + ngettext(
                "{n} of them was given out by the assignment rules.",
                "{n} of them were given out by the assignment rules.",
                given,
            ).format(n=formats.number(given))
        )
        self.imported.emit(report)

    def _not_routed(self, report: ImportReport, done: str, error: Exception) -> None:
        self.imported.emit(report)  # the leads are in; only the rules did not run
        if isinstance(error, PermissionDeniedError):
            self._host.notify(
                done
                + " "
                + _(
                    "They wait in the team pool: your role may not give them out by the "
                    "assignment rules; a manager does."
                ),
                10_000,
            )
            return
        self._host.show_error(error, _("Giving out the imported leads"))

    def load_samples(self) -> None:
        user = self._host.user
        if user is None:
            return
        service = self._services.sample_data
        self._host.notify(_("Adding sample leads…"))
        self._host.background.run(
            lambda: service.generate(SAMPLE_COUNT, actor_id=user.id),
            self._samples_added,
            lambda exc: self._host.show_error(exc, _("Adding sample leads")),
        )

    def _samples_added(self, result: SampleResult) -> None:
        self._host.notify(
            ngettext("Added {n} sample lead.", "Added {n} sample leads.", result.created).format(
                n=formats.number(result.created)
            )
        )
        self.imported.emit(result)

    def keep_region(self) -> None:
        """On closing: the country of the last import, for the next one."""
        if self._runner is not None and self._runner.region is not None:
            self._host.settings.extra[IMPORT_REGION] = self._runner.region


def dropped_files(data: QMimeData | None) -> list[Path]:
    """The local files a drag carries (a browser's link or some text: none)."""
    if data is None or not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def accept_files(event: QDragMoveEvent) -> None:
    if dropped_files(event.mimeData()):
        event.acceptProposedAction()
    else:
        event.ignore()
