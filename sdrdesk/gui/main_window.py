"""The main window: the queue on the left, the selected lead on the right.

Layout comes from ``ui/main_window.ui``; the actions from ``gui/actions.py``; the parts
(the queue, its filters, the banner, the status bar) are small modules of their own;
the controllers (triage, team, calls, demos, imports, users, privacy) are registered in
``gui/controllers.py`` and load once the first rows are painted, or on first use.
Every database call goes through ``self.background``; the window only reacts to
results, so a slow or dead database never freezes it.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QByteArray, QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QMainWindow, QWidget

from sdrdesk import paths
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.domain.users import Role
from sdrdesk.gui import desktop, theme
from sdrdesk.gui.actions import build_actions, shortcut_rows
from sdrdesk.gui.banner import Banner
from sdrdesk.gui.dialogs.identity_dialog import IdentityDialog
from sdrdesk.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from sdrdesk.gui.first_paint import FirstPaint
from sdrdesk.gui.forms.ui_main_window import Ui_MainWindow
from sdrdesk.gui.identity import Identified, Identity
from sdrdesk.gui.imports import accept_files, dropped_files
from sdrdesk.gui.language import LanguageMenu, retranslate_window
from sdrdesk.gui.models.queue_model import QueueModel
from sdrdesk.gui.my_day import MyDayPage
from sdrdesk.gui.queue_filters import QueueFilters
from sdrdesk.gui.queue_pane import QueuePane
from sdrdesk.gui.reports_launcher import ReportsLauncher
from sdrdesk.gui.statusbar.busy import BusyLabel
from sdrdesk.gui.statusbar.count import QueueCount
from sdrdesk.gui.statusbar.store import StoreLabel
from sdrdesk.gui.statusbar.undo import UndoIndicator
from sdrdesk.gui.statusbar.user import UserLabel
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.services.queue import QueueRow
from sdrdesk.services.results import LeadDetail, UserInfo
from sdrdesk.settings import Settings, save_settings

if TYPE_CHECKING:
    from sdrdesk.gui.calls import CallsController
    from sdrdesk.gui.demos import DemoController
    from sdrdesk.gui.dialogs.import_dialog import ImportRunner
    from sdrdesk.gui.imports import ImportController
    from sdrdesk.gui.sessions import SessionController
    from sdrdesk.gui.team import TeamController
    from sdrdesk.gui.triage import TriageController

log = logging.getLogger(__name__)

TICK_MS = 30_000
# Act on the selected lead: greyed out (their keys too) while none is selected; the
# second group also waits for its controllers.
_ON_LEAD = ("actionAccept", "actionReject")
_ON_LEAD_LOADED = (
    "actionStartCall",
    "actionAcceptAndCall",
    "actionScheduleDemo",
    "actionAddNote",
    "actionLogTouch",
    "actionEditLead",
    "actionDisqualify",
    "actionNurture",
)
# A manager's work: greyed out (their keys too) for everyone else.
_FOR_MANAGERS = (
    "actionTeam",
    "actionReassign",
    "actionErasePersonalData",
    "actionWebhooks",
    "actionLiftDoNotCall",
)


class MainWindow(QMainWindow):
    # The first rows are on screen and everything else the window needs is loaded.
    started = Signal()

    def __init__(
        self,
        services: Services,
        settings: Settings,
        *,
        user_name: str | None = None,
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.ui = ui = Ui_MainWindow()
        ui.setupUi(self)
        self.setObjectName("MainWindow")
        theme.readable_links()  # a dark palette that kept the default blue links
        self.setAcceptDrops(True)  # a CSV file or spreadsheet dropped on the window: imported
        self.services, self._ctx, self.settings = services, services.ctx, settings
        self._user: UserInfo | None = None
        self.background = Background(self)
        self.model = QueueModel(services.queue, self.background, self._ctx.now, self)
        self.lead_panel = ui.leadPanel
        rules = self._ctx.rules
        ui.leadPanel.configure(self._ctx.now, (rules.calling_hours_start, rules.calling_hours_end))
        self.banner = Banner(ui.banner, ui.bannerLabel, ui.bannerClose)
        # The controllers load right after the first rows are on screen, or on first use.
        self._controllers: dict[str, QObject] | None = None
        self.has_started = False  # the first rows are painted and the controllers loaded
        self._actions = build_actions(self, ui.mainToolBar, self._handler)
        self.undo = UndoIndicator(ui.statusBar, self.action("actionUndo"))
        self.queue_count = QueueCount(self.model, services.queue, self.background)
        self._user_label = UserLabel()
        for label in (BusyLabel(self.background), self.queue_count, self._user_label):
            ui.statusBar.addPermanentWidget(label)
        ui.statusBar.addPermanentWidget(StoreLabel(self._ctx.store.display_url))
        self.queue = QueuePane(
            ui, self.model, services.queue, self.background, self.queue_count,
            self.notify, self.show_error,
        )  # fmt: skip
        self.queue.row_changed.connect(self._row_changed)
        self.filters = QueueFilters(
            ui, self.model, services.queue, self.background, self.queue.focus_queue
        )
        self.my_day = MyDayPage(
            ui, services, self.background, self.queue, self.filters,
            lambda: self._user, self.show_error,
        )  # fmt: skip
        self.reports = ReportsLauncher(self, services)
        self.identity = Identity(self, user_name or settings.user)
        self.identity.identified.connect(self._identified)
        self._parts: dict[str, object] = {
            "window": self, "queue": self.queue, "filters": self.filters,
            "reports": self.reports, "undo": self.undo, "identity": self.identity,
            "myday": self.my_day,
        }  # fmt: skip
        ui.importButton.clicked.connect(self.action("actionImport").trigger)
        ui.loadSampleButton.clicked.connect(self.action("actionLoadSample").trigger)
        self._lead_actions_follow(None)  # until the first lead is selected
        self._tick_timer = QTimer(self, interval=TICK_MS)
        self._tick_timer.timeout.connect(self._tick)
        self._tick_timer.start()
        self._restore_layout()
        self.language_menu = LanguageMenu(self, settings, self.notify)
        self._set_title()
        for warning in warnings:
            self.show_banner(warning)
        QTimer.singleShot(0, self.identity.start)

    # --- parts, actions and controllers ------------------------------------------------------

    def action(self, name: str) -> QAction:
        return self._actions[name]

    def _handler(self, path: str) -> Callable[[], object]:
        """``"part.method"`` of an action: found when triggered, loading the controllers
        if the part is one of them."""
        part, method = path.split(".")
        found = self._parts.get(part)
        return cast("Callable[[], object]", getattr(found or self.controller(part), method))

    def controller(self, name: str) -> QObject:
        if self._controllers is None:
            from sdrdesk.gui import controllers  # with them the ORM: after the first paint

            self._controllers = controllers.build(self, self.services, self._parts)
            detail = self.lead_panel.detail
            if detail is not None:
                self.demos.lead_shown(detail)
            self.refresh_selected()  # the lead panel and the call and demo actions waited
        return self._controllers[name]

    @property
    def triage(self) -> TriageController:
        return cast("TriageController", self.controller("triage"))

    @property
    def team(self) -> TeamController:
        return cast("TeamController", self.controller("team"))

    @property
    def calls(self) -> CallsController:
        return cast("CallsController", self.controller("calls"))

    @property
    def demos(self) -> DemoController:
        return cast("DemoController", self.controller("demos"))

    @property
    def sessions(self) -> SessionController:
        return cast("SessionController", self.controller("sessions"))

    @property
    def imports(self) -> ImportController:
        return cast("ImportController", self.controller("imports"))

    @property
    def importer(self) -> ImportRunner:
        return self.imports.runner

    @property
    def user(self) -> UserInfo | None:
        return self._user

    # --- start-up -----------------------------------------------------------------------

    @property
    def identity_dialog(self) -> IdentityDialog | None:
        return self.identity.dialog

    def _identified(self, result: Identified) -> None:
        user, query, page, refused = result
        if refused is not None:
            self.show_banner(
                _("Your full name stays “{name}”: {reason}").format(
                    name=user.display_name, reason=refused
                )
            )
        if self._user is not None and self._user.id != user.id and self._controllers:
            self.triage.forget_undo()
        self._user = user
        self._user_label.show_user(user)
        for name in _FOR_MANAGERS:
            self.action(name).setEnabled(user.role is Role.MANAGER)
        # What is not needed for the first rows waits until they are on screen.
        self._first_paint = FirstPaint(self.ui.queueView.viewport(), self._after_first_page)
        self.model.show_first_page(query, page)

    def _after_first_page(self) -> None:
        if self.has_started:
            return  # another user's first page (Change user…): the rest is running already
        self.triage.load_reasons()  # the first controller asked for loads them all
        self.filters.load_sources()
        self.team.start()
        self.calls.remind_unsaved()
        self.my_day.start()
        self.has_started = True
        log.info("Window ready: %s rows shown for %s", self.model.rowCount(), self.identity.name)
        self.started.emit()

    # --- the queue and the selected lead ---------------------------------------------------

    def current_row(self) -> QueueRow | None:
        return self.queue.current_row()

    def select_position(self, position: int) -> None:
        self.queue.select_position(position)

    def select_lead(self, lead_id: int) -> None:
        self.queue.select_lead(lead_id)

    def move_selection(self, step: int) -> None:
        self.queue.move_selection(step)

    def refresh(self) -> None:
        self.queue.reload()
        self.filters.load_sources()
        self.my_day.refresh(shown_only=True)

    def _row_changed(self, row: QueueRow | None) -> None:
        self._lead_actions_follow(row)
        if row is None:
            self.lead_panel.show_nothing()
            return
        if self._controllers is None:  # the first rows: their details follow the paint
            return
        lead_id, leads = row.lead.id, self.services.leads
        self.background.run(
            lambda: leads.get(lead_id),
            self._show_detail,
            lambda exc: self.show_error(exc, _("Loading the lead")),
            key="detail",
        )

    def _lead_actions_follow(self, row: QueueRow | None) -> None:
        for name in _ON_LEAD:
            self.action(name).setEnabled(row is not None)
        for name in _ON_LEAD_LOADED:
            self.action(name).setEnabled(row is not None and self._controllers is not None)

    def _show_detail(self, detail: LeadDetail) -> None:
        row = self.current_row()
        if row is not None and row.lead.id == detail.id:
            self.lead_panel.show_lead(detail)
            if self._controllers is not None:
                self.demos.lead_shown(detail)

    def refresh_selected(self) -> None:
        self._row_changed(self.current_row())

    def lead_changed(self, lead_id: int) -> None:
        """Someone changed a lead: show the new state if it is the one on screen."""
        row = self.current_row()
        if row is not None and row.lead.id == lead_id:
            self.refresh_selected()
        self.queue_count.load()

    def _tick(self) -> None:
        self.model.tick()
        self.lead_panel.refresh_clock()
        self.my_day.refresh()

    # --- messages -----------------------------------------------------------------------

    def show_banner(self, text: str) -> None:
        self.banner.show(text)

    def hide_banner(self) -> None:
        self.banner.hide()

    def show_error(self, error: Exception, context: str) -> None:
        self.banner.show_error(error, context)

    def notify(self, message: str, msecs: int = 5000) -> None:
        self.ui.statusBar.showMessage(message, msecs)

    def dialog_parent(self) -> QWidget:
        return self

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(shortcut_rows(self._actions.values()), self)
        dialog.open()
        self._shortcuts_dialog = dialog

    def open_log_folder(self) -> None:
        if not desktop.open_log_folder():
            self.notify(_("The log folder is {path}.").format(path=paths.log_dir()), 15_000)

    def about(self) -> None:
        self._about = desktop.show_about(self, self._ctx.store.display_url)

    def _set_title(self) -> None:
        self.setWindowTitle(_("sdrdesk — {store}").format(store=self._ctx.store.display_url))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and hasattr(self, "language_menu"):
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        """Everything the window shows, again in the language now in use."""
        retranslate_window(self)

    # --- a file dropped on the window: imported -----------------------------------------------

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        accept_files(event)

    dragEnterEvent = dragMoveEvent  # a QDragEnterEvent is a QDragMoveEvent

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        if self._user is not None:  # else the identity dialog is still open
            self.imports.drop(files)

    # --- window state ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        state = self.settings.extra.get("window", {})
        try:
            if "geometry" in state:
                self.restoreGeometry(QByteArray(base64.b64decode(state["geometry"])))
            if "splitter" in state:
                self.ui.mainSplitter.restoreState(QByteArray(base64.b64decode(state["splitter"])))
        except (ValueError, TypeError):
            log.info("Ignoring a broken saved window layout")

    def closeEvent(self, event: QCloseEvent) -> None:
        self.settings.extra["window"] = {
            "geometry": base64.b64encode(bytes(self.saveGeometry().data())).decode(),
            "splitter": base64.b64encode(bytes(self.ui.mainSplitter.saveState().data())).decode(),
        }
        if self._controllers is not None:
            self.imports.keep_region()
        try:
            save_settings(self.settings)
        except (OSError, SdrdeskError):
            log.warning("Could not save the window layout", exc_info=True)
        self._tick_timer.stop()
        if self._controllers is not None:
            self.team.stop()
        self.reports.close()
        self.background.shutdown(5000)
        super().closeEvent(event)
