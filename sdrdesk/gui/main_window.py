"""The main window: the queue on the left, the selected lead on the right.

Layout comes from ``ui/main_window.ui``. Every database call goes through
``self.background``; the window only reacts to results, so a slow or dead database
never freezes it.
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
    QShortcut,
)
from PySide6.QtWidgets import (
    QApplication,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QWidget,
)

from sdrdesk import __version__
from sdrdesk.domain.errors import (
    PermissionDeniedError,
    SdrdeskError,
    StoreUnavailableError,
    ValidationError,
)
from sdrdesk.domain.users import Role
from sdrdesk.domain.wording import counted
from sdrdesk.gui.actions import decorate_actions, shortcut_rows
from sdrdesk.gui.dialogs.identity_dialog import IdentityDialog
from sdrdesk.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from sdrdesk.gui.forms.ui_main_window import Ui_MainWindow
from sdrdesk.gui.models.queue_model import Column, QueueModel
from sdrdesk.gui.reports_launcher import ReportsLauncher
from sdrdesk.gui.workers import Background
from sdrdesk.paths import data_dir
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.queue import QueuePage, QueueQuery, QueueRow, QueueService, QueueView
from sdrdesk.services.results import LeadDetail, UserInfo
from sdrdesk.services.users import UserService
from sdrdesk.settings import Settings, save_settings

if TYPE_CHECKING:
    from sdrdesk.gui.calls import CallsController
    from sdrdesk.gui.demos import DemoController
    from sdrdesk.gui.dialogs.import_dialog import ImportRunner
    from sdrdesk.gui.team import TeamController
    from sdrdesk.gui.triage import TriageController
    from sdrdesk.services.imports import ImportReport
    from sdrdesk.services.leads import LeadService
    from sdrdesk.services.sample_data import SampleResult

log = logging.getLogger(__name__)
# The settings key of the country the last import read national phone numbers in.
_IMPORT_REGION = "import_region"

# While typing goes on, the queue is searched at most this often (for the latest text).
SEARCH_DELAY_MS = 30
COUNT_DELAY_MS = 300  # a burst of changes (a colleague's import) is counted once
TICK_MS = 30_000
SAMPLE_COUNT = 200


class _FirstPaint(QObject):
    """Calls ``then`` once, right after ``widget`` has painted for the first time."""

    def __init__(self, widget: QWidget, then: Callable[[], None]) -> None:
        super().__init__(widget)
        self._then: Callable[[], None] | None = then
        widget.installEventFilter(self)
        QTimer.singleShot(2000, self._fire)  # a hidden window paints nothing: go anyway

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            QTimer.singleShot(0, self._fire)  # after this paint is on screen
        return False

    def _fire(self) -> None:
        if self._then is not None:
            then, self._then = self._then, None
            then()
            self.deleteLater()


@dataclass(frozen=True)
class _Features:
    """What the window loads once its first rows are painted (or on first use): all of it
    works through the ORM, whose import would otherwise delay the first rows."""

    leads: LeadService
    triage: TriageController
    team: TeamController
    calls: CallsController
    demos: DemoController


class MainWindow(QMainWindow):
    # The first rows are on screen and everything else the window needs is loaded.
    started = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        settings: Settings,
        *,
        user_name: str | None = None,
        warnings: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.ui = Ui_MainWindow()
        self.ui.setupUi(self)
        self.setObjectName("MainWindow")
        self.setAcceptDrops(True)  # a CSV file or spreadsheet dropped on the window: imported
        self._ctx = ctx
        self._settings = settings
        self._user_name = user_name or settings.user
        self._user: UserInfo | None = None
        self._pending_select: int | None = None
        self._total: int | None = None
        self._focus_queue_on_load = True
        self.identity_dialog: IdentityDialog | None = None
        self.background = Background(self)
        self.queue_service = QueueService(ctx)
        self.users = UserService(ctx)
        self.model = QueueModel(self.queue_service, self.background, ctx.now, self)
        self._importer: ImportRunner | None = None
        self._import_error: str | None = None  # the banner of the last failed import
        # Triage, the team, the lead panel's data, calls and demos load right after the
        # first rows are on screen, or on first use.
        self._features: _Features | None = None
        self.has_started = False  # the first rows are painted and the features loaded
        self.ui.leadPanel.configure(
            ctx.now, (ctx.rules.calling_hours_start, ctx.rules.calling_hours_end)
        )
        self._setup_queue_view()
        self._setup_filters()
        self._setup_status_bar()
        self._connect_actions()
        self.reports = ReportsLauncher(self, ctx, self.ui.menuView)
        decorate_actions(self)
        self._search_timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._search_pause_over)
        self._search_waiting = False
        self._tick_timer = QTimer(self, interval=TICK_MS)
        self._tick_timer.timeout.connect(self._tick)
        self._tick_timer.start()
        self._restore_layout()
        self.setWindowTitle(f"sdrdesk — {ctx.store.display_url}")
        for warning in warnings:
            self.show_banner(warning)
        QTimer.singleShot(0, self._start)

    # --- start-up -----------------------------------------------------------------------

    def _start(self) -> None:
        if self._user_name:
            self._identify(self._user_name)
        else:
            self.ask_identity()

    def ask_identity(self) -> None:
        """Who is working: asked on first start and from File › Change user…"""
        user = self._user
        dialog = IdentityDialog(
            self,
            name=self._user_name or "",
            display_name=user.display_name
            if user is not None and user.name == self._user_name
            else "",
        )
        self.identity_dialog = dialog
        dialog.finished.connect(lambda code: self._identity_chosen(dialog, code))
        dialog.open()

    def _identity_chosen(self, dialog: IdentityDialog, code: int) -> None:
        self.identity_dialog = None
        dialog.deleteLater()
        if code != IdentityDialog.DialogCode.Accepted:
            if self._user is None:
                self.show_banner(self.tr("Choose who you are (File › Change user…) to work leads."))
            return
        self._settings.user = dialog.user_name
        try:
            save_settings(self._settings)
        except (OSError, SdrdeskError) as exc:
            self.show_error(exc, "Saving your user name")
        self._user_name = dialog.user_name
        self._identify(dialog.user_name, dialog.display_name)

    def _identify(self, name: str, display: str | None = None) -> None:
        """Who is working and their first page of the queue, in one trip to the store."""
        users, queue, query = self.users, self.queue_service, self.model.query

        def identify() -> tuple[UserInfo, QueueQuery, QueuePage, str | None]:
            user = users.ensure(name, Role.SDR, display_name=display)
            refused = None
            if display:
                try:
                    user = users.rename(user, display)
                except (PermissionDeniedError, ValidationError) as exc:
                    refused = str(exc)
            mine = replace(query, user_id=user.id)
            return user, mine, queue.first_page(mine), refused

        self.background.run(
            identify, self._identified, lambda exc: self.show_error(exc, "Opening the store")
        )

    def _identified(self, result: tuple[UserInfo, QueueQuery, QueuePage, str | None]) -> None:
        user, query, page, refused = result
        if refused is not None:
            self.show_banner(
                self.tr("Your full name stays “{0}”: {1}").format(user.display_name, refused)
            )
        if self._user is not None and self._user.id != user.id and self._features is not None:
            self._features.triage.forget_undo()
        self._user = user
        self._user_label.setText(f"{user.display_name} ({user.role.label})")
        self.ui.actionReassign.setEnabled(user.role is Role.MANAGER)
        # What is not needed for the first rows waits until they are on screen.
        self._first_paint = _FirstPaint(self.ui.queueView.viewport(), self._after_first_page)
        self.model.show_first_page(query, page)

    def _after_first_page(self) -> None:
        if self.has_started:
            return  # another user's first page (Change user…): the rest is running already
        features = self._load_features()
        features.triage.load_reasons()
        self._load_sources()
        features.team.start()
        features.calls.remind_unsaved()
        self.has_started = True
        log.info("Window ready: %s rows shown for %s", self.model.rowCount(), self._user_name)
        self.started.emit()

    @property
    def leads(self) -> LeadService:
        return self._load_features().leads

    @property
    def triage(self) -> TriageController:
        return self._load_features().triage

    @property
    def team(self) -> TeamController:
        return self._load_features().team

    @property
    def calls(self) -> CallsController:
        return self._load_features().calls

    @property
    def demos(self) -> DemoController:
        return self._load_features().demos

    def _load_features(self) -> _Features:
        """Everything that needs the ORM, loaded once the first rows are painted."""
        if self._features is not None:
            return self._features
        from sdrdesk.gui.call_drafts import CallDrafts
        from sdrdesk.gui.calls import CallsController
        from sdrdesk.gui.demos import DemoController
        from sdrdesk.gui.team import TeamController
        from sdrdesk.gui.triage import TriageController
        from sdrdesk.services.calls import CallService
        from sdrdesk.services.demos import demo_service
        from sdrdesk.services.leads import ClaimService, LeadService, TriageService
        from sdrdesk.services.reasons import ReasonService
        from sdrdesk.services.sync import SyncService

        ctx, ui = self._ctx, self.ui
        triage = TriageController(
            self, TriageService(ctx), ReasonService(ctx), ctx.rules.undo_seconds
        )
        team = TeamController(self, SyncService(ctx), ClaimService(ctx), self.users)
        # Even a window that is destroyed without being closed stops following the team.
        self.destroyed.connect(team.stop)
        demos = DemoController(
            self, demo_service(ctx), ui.leadPanel, ui.actionScheduleDemo, ui.menuLead
        )
        drafts = CallDrafts.for_store(data_dir() / "drafts", ctx.store.display_url)
        calls = CallsController(self, CallService(ctx), ctx.now, drafts)
        self._features = _Features(LeadService(ctx), triage, team, calls, demos)
        triage.undo_available.connect(self._show_undo)
        triage.triaged.connect(lambda _result: self._refresh_selected())
        ui.actionStartCall.triggered.connect(calls.start_current)
        ui.actionAcceptAndCall.triggered.connect(
            lambda: calls.accept_and_call(triage.accept_current)
        )
        calls.logged.connect(lambda _result: self.refresh())
        calls.demo_requested.connect(demos.schedule_lead)
        decorate_actions(self)
        detail = self.ui.leadPanel.detail
        if detail is not None:
            demos.lead_shown(detail)
        self._refresh_selected()  # the lead panel and the call and demo actions waited
        return self._features

    @property
    def importer(self) -> ImportRunner:
        if self._importer is None:
            from sdrdesk.gui.dialogs.import_dialog import ImportRunner
            from sdrdesk.services.imports import ImportService

            region = self._settings.extra.get(_IMPORT_REGION)
            self._importer = ImportRunner(
                self,
                ImportService(self._ctx),
                self.background,
                region=region if isinstance(region, str) else None,
            )
            self._importer.finished.connect(self._imported)
            self._importer.failed.connect(self._import_failed)
        return self._importer

    @property
    def user(self) -> UserInfo | None:
        return self._user

    # --- widgets --------------------------------------------------------------------------

    def _setup_queue_view(self) -> None:
        view = self.ui.queueView
        view.setModel(self.model)
        header = view.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in (
            (Column.NAME, 150),
            (Column.COMPANY, 170),
            (Column.TITLE, 130),
            (Column.COUNTRY, 55),
            (Column.SOURCE, 120),
            (Column.SCORE, 50),
            (Column.WAITING, 110),
            (Column.LOCAL_TIME, 100),
            (Column.ATTEMPTS, 45),
        ):
            view.setColumnWidth(column, width)
        view.verticalHeader().setDefaultSectionSize(24)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        self.model.loaded.connect(self._queue_loaded)
        # The count in the status bar follows leads leaving and joining the view.
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_DELAY_MS)
        self._count_timer.timeout.connect(self._load_count)
        self.model.members_changed.connect(self._count_timer.start)
        self.model.load_failed.connect(lambda exc: self.show_error(exc, "Loading the queue"))
        self.model.modelReset.connect(self._update_count)
        self.model.rowsRemoved.connect(self._update_count)
        self.model.rowsInserted.connect(self._update_count)
        self.model.rowsInserted.connect(
            lambda *_: self.ui.mainStack.setCurrentWidget(self.ui.workPage)
        )
        self.ui.bannerClose.clicked.connect(self.hide_banner)
        self.ui.banner.setStyleSheet(
            "#banner { background: #fff4ce; border: 1px solid #e0c36b; border-radius: 4px; }"
        )
        self.ui.leadScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.ui.mainSplitter.setStretchFactor(0, 3)
        self.ui.mainSplitter.setStretchFactor(1, 2)
        self.ui.mainStack.setCurrentWidget(self.ui.workPage)

    def _setup_filters(self) -> None:
        self.ui.viewFilter.blockSignals(True)
        for view in QueueView:
            self.ui.viewFilter.addItem(self.tr(view.label), view)
        self.ui.viewFilter.blockSignals(False)
        self.ui.viewFilter.currentIndexChanged.connect(self._view_changed)
        self.ui.sourceFilter.blockSignals(True)
        self.ui.sourceFilter.addItem(self.tr("All sources"), None)
        self.ui.sourceFilter.blockSignals(False)
        self.ui.sourceFilter.currentIndexChanged.connect(self._source_changed)
        self.ui.queueFilter.textChanged.connect(self._search_typed)
        self.ui.queueFilter.returnPressed.connect(self._focus_queue)
        escape = QShortcut(QKeySequence("Escape"), self.ui.queueFilter)
        escape.setContext(Qt.ShortcutContext.WidgetShortcut)
        escape.activated.connect(self._leave_search)

    def _setup_status_bar(self) -> None:
        bar = self.ui.statusBar
        self._busy_label = QLabel(self.tr("Working…"))
        self._busy_label.setObjectName("busyLabel")
        self._busy_label.setVisible(False)
        self._undo_button = QPushButton(self.tr("Undo"))
        self._undo_button.setObjectName("undoButton")
        self._undo_button.setVisible(False)
        self._undo_button.setFlat(True)
        self._undo_button.clicked.connect(lambda: self.triage.undo())
        self._undo_label = QLabel()
        self._undo_label.setObjectName("undoLabel")
        self._count_label = QLabel()
        self._count_label.setObjectName("queueCount")
        self._user_label = QLabel(self.tr("Connecting…"))
        self._user_label.setObjectName("userLabel")
        store = QLabel(self._ctx.store.display_url)
        store.setObjectName("storeLabel")
        for label in (
            self._busy_label,
            self._undo_label,
            self._count_label,
            self._user_label,
            store,
        ):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names and URLs as typed, never HTML
        for widget in (self._undo_label, self._undo_button):
            bar.addWidget(widget)
        for widget in (self._busy_label, self._count_label, self._user_label, store):
            bar.addPermanentWidget(widget)
        self.background.busy_changed.connect(self._busy_label.setVisible)

    def _connect_actions(self) -> None:
        ui = self.ui
        # Through the properties: a key pressed before the features have loaded loads them.
        ui.actionAccept.triggered.connect(lambda: self.triage.accept_current())
        ui.actionReject.triggered.connect(lambda: self.triage.reject_current())
        ui.actionUndo.triggered.connect(lambda: self.triage.undo())
        ui.actionNext.triggered.connect(lambda: self.move_selection(1))
        ui.actionClaimNext.triggered.connect(lambda: self.team.claim_next())
        ui.actionReassign.triggered.connect(lambda: self.team.reassign_current())
        ui.actionPrevious.triggered.connect(lambda: self.move_selection(-1))
        ui.actionSearch.triggered.connect(self._focus_search)
        ui.actionRefresh.triggered.connect(self.refresh)
        ui.actionSortUrgency.triggered.connect(self._sort_by_urgency)
        ui.actionShortcuts.triggered.connect(self.show_shortcuts)
        ui.actionAbout.triggered.connect(self._about)
        ui.actionQuit.triggered.connect(self.close)
        ui.actionImport.triggered.connect(self.import_csv)
        ui.actionPasteLeads.triggered.connect(self.paste_leads)
        ui.actionLoadSample.triggered.connect(self.load_sample_leads)
        ui.actionChangeUser.triggered.connect(self.ask_identity)
        ui.importButton.clicked.connect(self.import_csv)
        ui.loadSampleButton.clicked.connect(self.load_sample_leads)
        self._lead_actions_follow(None)  # until the first lead is selected

    # --- queue ----------------------------------------------------------------------------

    def current_row(self) -> QueueRow | None:
        index = self.ui.queueView.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_position(self, position: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            searched = self.ui.queueFilter.text().strip()
            self.ui.leadPanel.show_nothing(
                self.tr("No lead matches “%1”").replace("%1", searched)
                if searched
                else self.tr("The queue is empty")
            )
            self._lead_actions_follow(None)
            return
        position = max(0, min(position, count - 1))
        index = self.model.index(position, Column.NAME)
        self.ui.queueView.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.ui.queueView.scrollTo(index)

    def select_lead(self, lead_id: int) -> None:
        position = self.model.position_of(lead_id)
        if position is not None:
            self.select_position(position)

    def move_selection(self, step: int) -> None:
        current = self.ui.queueView.currentIndex()
        target = (current.row() if current.isValid() else -1) + step
        if target >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        self.select_position(target)

    def refresh(self) -> None:
        row = self.current_row()
        self._pending_select = row.lead.id if row else None
        self.model.reload()
        self._load_sources()

    def _queue_loaded(self, first: bool) -> None:
        if not first:
            return
        if self.model.note:
            self.notify(self.model.note, 10_000)
        pending = self._pending_select
        if pending is not None and self.model.position_of(pending) is not None:
            self.select_lead(pending)
        else:
            self.select_position(0)
        self._pending_select = None
        if self.model.rowCount() == 0:
            self._check_empty_store()
        else:
            self.ui.mainStack.setCurrentWidget(self.ui.workPage)
        if self._focus_queue_on_load:
            self._focus_queue_on_load = False
            self.ui.queueView.setFocus()
        self._load_count()

    def _check_empty_store(self) -> None:
        queue, everything = self.queue_service, QueueQuery(view=QueueView.ALL)
        self.background.run(
            lambda: queue.count(everything),
            lambda total: self.ui.mainStack.setCurrentWidget(
                self.ui.emptyPage if total == 0 else self.ui.workPage
            ),
            lambda exc: self.show_error(exc, "Counting leads"),
        )

    def _load_count(self) -> None:
        if self.model.search_total is not None:  # a search counted its matches already
            self._set_count(self.model.search_total)
            return
        query = self.model.query
        self.background.run(lambda: self.queue_service.count(query), self._set_count, key="count")

    def _set_count(self, total: int) -> None:
        self._total = total
        self._update_count()

    def _update_count(self, *_args: object) -> None:
        total = self._total
        if total is None:
            text = f"{self.model.rowCount():,}" + ("+" if self.model.canFetchMore() else "")
        else:
            text = f"{total:,}"
        label = self.tr("%1 lead") if text == "1" else self.tr("%1 leads")
        self._count_label.setText(label.replace("%1", text))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        row = self.model.row(current.row()) if current.isValid() else None
        self._lead_actions_follow(row)
        if row is None:
            self.ui.leadPanel.show_nothing()
            return
        if self._features is None:  # the first rows: their details follow the paint
            return
        lead_id, leads = row.lead.id, self._features.leads
        self.background.run(
            lambda: leads.get(lead_id),
            self._show_detail,
            lambda exc: self.show_error(exc, "Loading the lead"),
            key="detail",
        )

    def _lead_actions_follow(self, row: QueueRow | None) -> None:
        """Accept, Reject, Start call and Schedule demo act on the selected lead: greyed
        out (their keys too) while none is selected, as in an empty queue or a search
        that finds nothing. Calls and demos also wait until their features have loaded."""
        ui, selected = self.ui, row is not None
        ui.actionAccept.setEnabled(selected)
        ui.actionReject.setEnabled(selected)
        for feature in (ui.actionStartCall, ui.actionAcceptAndCall, ui.actionScheduleDemo):
            feature.setEnabled(selected and self._features is not None)

    def _show_detail(self, detail: LeadDetail) -> None:
        row = self.current_row()
        if row is not None and row.lead.id == detail.id:
            self.ui.leadPanel.show_lead(detail)
            if self._features is not None:
                self._features.demos.lead_shown(detail)

    def _refresh_selected(self) -> None:
        self._current_changed(self.ui.queueView.currentIndex(), QModelIndex())

    def lead_changed(self, lead_id: int) -> None:
        """Someone changed a lead: show the new state if it is the one on screen."""
        row = self.current_row()
        if row is not None and row.lead.id == lead_id:
            self._refresh_selected()
        self._load_count()

    def _tick(self) -> None:
        self.model.tick()
        self.ui.leadPanel.refresh_clock()

    # --- filters --------------------------------------------------------------------------

    def _search_typed(self, _text: str) -> None:
        """Search at once; while keys keep coming (fast typing, a paste, a held key) at
        most every ``SEARCH_DELAY_MS``, and always for the text as it is then."""
        if self._search_timer.isActive():
            self._search_waiting = True
            return
        self._apply_search()
        self._search_timer.start()

    def _search_pause_over(self) -> None:
        if self._search_waiting:
            self._search_waiting = False
            self._apply_search()
            self._search_timer.start()

    def _apply_search(self) -> None:
        self.model.set_query(replace(self.model.query, text=self.ui.queueFilter.text()))

    def _view_changed(self, _index: int) -> None:
        # Qt hands the enum back as a plain str; the queue compares views by identity.
        view = QueueView(self.ui.viewFilter.currentData())
        self.model.set_query(replace(self.model.query, view=view))

    def _source_changed(self, _index: int) -> None:
        self.model.set_query(replace(self.model.query, source=self.ui.sourceFilter.currentData()))

    def _load_sources(self) -> None:
        self.background.run(self.queue_service.sources, self._set_sources, key="sources")

    def _set_sources(self, sources: list[str]) -> None:
        combo = self.ui.sourceFilter
        current = combo.currentData()
        combo.blockSignals(True)
        while combo.count() > 1:
            combo.removeItem(1)
        for source in sources:
            combo.addItem(source, source)
        position = combo.findData(current) if current else 0
        combo.setCurrentIndex(max(0, position))
        combo.blockSignals(False)

    def _focus_search(self) -> None:
        self.ui.queueFilter.setFocus()
        self.ui.queueFilter.selectAll()

    def _leave_search(self) -> None:
        if self.ui.queueFilter.text():
            self.ui.queueFilter.clear()
        else:
            self._focus_queue()

    def _focus_queue(self) -> None:
        self.ui.queueView.setFocus()
        if not self.ui.queueView.currentIndex().isValid():
            self.select_position(0)

    def _sort_by_urgency(self) -> None:
        self.ui.queueView.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.sort(-1)

    # --- messages -----------------------------------------------------------------------

    def show_banner(self, text: str) -> None:
        self.ui.bannerLabel.setText(text)
        self.ui.banner.setVisible(True)

    def hide_banner(self) -> None:
        self.ui.banner.setVisible(False)

    def show_error(self, error: Exception, context: str) -> None:
        if isinstance(error, SdrdeskError):
            text = str(error)
        else:
            log.error("%s failed", context, exc_info=error)
            text = f"{context} failed unexpectedly ({type(error).__name__}: {error})."
        if isinstance(error, StoreUnavailableError):
            text += " " + self.tr("Nothing was lost: what you typed is kept; try again.")
        self.show_banner(text)

    def notify(self, message: str, msecs: int = 5000) -> None:
        self.ui.statusBar.showMessage(message, msecs)

    def dialog_parent(self) -> QWidget:
        return self

    def _show_undo(self, text: str) -> None:
        self._undo_label.setText(text)
        self._undo_button.setVisible(bool(text))
        self.ui.actionUndo.setEnabled(bool(text))

    def show_shortcuts(self) -> None:
        dialog = ShortcutsDialog(shortcut_rows(self), self)
        dialog.open()
        self._shortcuts_dialog = dialog

    def _about(self) -> None:
        QMessageBox.about(
            self,
            self.tr("About sdrdesk"),
            self.tr("<b>sdrdesk %1</b><br>A keyboard-first work queue for SDRs.<br>Store: %2")
            .replace("%1", __version__)
            .replace("%2", self._ctx.store.display_url),
        )

    # --- data in --------------------------------------------------------------------------

    def import_csv(self) -> None:
        if self._user is not None:
            self.importer.choose_and_start(self._user.id)

    def paste_leads(self) -> None:
        """Import the rows on the clipboard (copied from a spreadsheet, header row
        included), or the file copied in a file manager."""
        if self._user is None or self._import_running():
            return
        data = QApplication.clipboard().mimeData()
        files = _dropped_files(data)
        if len(files) == 1:
            self.importer.start(files[0], self._user.id)
            return
        text = data.text() if data is not None and data.hasText() else ""
        if files or not text.strip():
            self.notify(
                self.tr(
                    "The clipboard holds no leads: copy their rows with the header row from "
                    "a spreadsheet or a CSV file (or copy one file), then paste."
                ),
                10_000,
            )
            return
        from sdrdesk.services.imports import save_pasted

        path = save_pasted(text, data_dir() / "pasted", self._ctx.now())
        self.importer.start(path, self._user.id)

    def _import_running(self) -> bool:
        """Whether an import is under way (then says so: one import at a time)."""
        if self._importer is None or not self._importer.busy:
            return False
        self.notify(self.tr("An import is running; try again when it is done."))
        return True

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        _accept_files(event)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        _accept_files(event)

    def dropEvent(self, event: QDropEvent) -> None:
        """Import the file dropped on the window, as Import leads… would import it."""
        files = _dropped_files(event.mimeData())
        if not files:
            event.ignore()
            return
        event.acceptProposedAction()
        if self._user is None:
            return  # the identity dialog is still open
        if len(files) > 1:
            self.notify(
                self.tr(
                    "Drop one file at a time: %1 files were dropped, none was imported."
                ).replace("%1", str(len(files))),
                10_000,
            )
            return
        if not self._import_running():
            self.importer.start(files[0], self._user.id)

    def _import_failed(self, error: Exception) -> None:
        self.show_error(error, "Importing")
        self._import_error = self.ui.bannerLabel.text()

    def _imported(self, report: ImportReport) -> None:
        # A failed attempt's message is out of date once the file (or another) imported.
        if self._import_error is not None and self.ui.bannerLabel.text() == self._import_error:
            self.hide_banner()
        self._import_error = None
        self.notify(self.tr("Imported %1.").replace("%1", counted(report.imported, "lead")))
        self.refresh()

    def load_sample_leads(self) -> None:
        user = self._user
        if user is None:
            return
        from sdrdesk.services.sample_data import SampleDataService

        service = SampleDataService(self._ctx)
        self.notify(self.tr("Adding sample leads…"))
        self.background.run(
            lambda: service.generate(SAMPLE_COUNT, actor_id=user.id),
            self._sample_added,
            lambda exc: self.show_error(exc, "Adding sample leads"),
        )

    def _sample_added(self, result: SampleResult) -> None:
        self.notify(self.tr("Added %1 sample leads.").replace("%1", str(result.created)))
        self.refresh()

    # --- window state ---------------------------------------------------------------------

    def _restore_layout(self) -> None:
        state = self._settings.extra.get("window", {})
        try:
            if "geometry" in state:
                self.restoreGeometry(QByteArray(base64.b64decode(state["geometry"])))
            if "splitter" in state:
                self.ui.mainSplitter.restoreState(QByteArray(base64.b64decode(state["splitter"])))
        except (ValueError, TypeError):
            log.info("Ignoring a broken saved window layout")

    def closeEvent(self, event: QCloseEvent) -> None:
        self._settings.extra["window"] = {
            "geometry": base64.b64encode(bytes(self.saveGeometry().data())).decode(),
            "splitter": base64.b64encode(bytes(self.ui.mainSplitter.saveState().data())).decode(),
        }
        if self._importer is not None and self._importer.region is not None:
            self._settings.extra[_IMPORT_REGION] = self._importer.region
        try:
            save_settings(self._settings)
        except (OSError, SdrdeskError):
            log.warning("Could not save the window layout", exc_info=True)
        self._tick_timer.stop()
        if self._features is not None:
            self._features.team.stop()
        self.reports.close()
        self.background.shutdown(5000)
        super().closeEvent(event)


def _dropped_files(data: QMimeData | None) -> list[Path]:
    """The local files a drag carries (a browser's link or some text: none)."""
    if data is None or not data.hasUrls():
        return []
    return [Path(url.toLocalFile()) for url in data.urls() if url.isLocalFile()]


def _accept_files(event: QDragMoveEvent) -> None:
    if _dropped_files(event.mimeData()):
        event.acceptProposedAction()
    else:
        event.ignore()
