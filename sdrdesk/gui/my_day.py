"""My day (Ctrl+Shift+M): the SDR's plan for today as a page of the window, and the
window's start page whenever it has anything in it.

Enter on a lead shows it in the queue (in the view it belongs to) with its details;
Escape or Ctrl+Shift+M again goes back to the queue. The page is read again on the
window's tick and after every refresh, against the service clock.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimeZone, Signal

from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.forms.ui_main_window import Ui_MainWindow
from sdrdesk.gui.queue_filters import QueueFilters
from sdrdesk.gui.queue_pane import QueuePane
from sdrdesk.gui.widgets.my_day_view import MyDayView
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.services.myday import MyDay
from sdrdesk.services.queue import QueueView
from sdrdesk.services.results import LeadSummary, UserInfo

PAGE_NAME = "myDayPage"


def view_of(lead: LeadSummary) -> QueueView:
    """The queue view a lead of My day is found in."""
    if lead.status is Status.MQL:
        return QueueView.NEW
    if lead.status in (Status.SAL, Status.WORKING):
        return QueueView.MINE
    return QueueView.ALL


class MyDayPage(QObject):
    loaded = Signal(object)  # MyDay, each time it is read

    def __init__(
        self,
        ui: Ui_MainWindow,
        services: Services,
        background: Background,
        queue: QueuePane,
        filters: QueueFilters,
        user: Callable[[], UserInfo | None],
        show_error: Callable[[Exception, str], None],
    ) -> None:
        super().__init__(ui.mainStack)
        self.ui, self._services, self._background = ui, services, background
        self._queue, self._filters, self._user, self._show_error = queue, filters, user, show_error
        self.view = MyDayView(ui.mainStack)
        self.view.setProperty("pageName", PAGE_NAME)
        ui.mainStack.addWidget(self.view)
        self.view.lead_opened.connect(self.open_lead)
        self.view.left.connect(self.leave)
        self.day: MyDay | None = None

    @property
    def showing(self) -> bool:
        return self.ui.mainStack.currentWidget() is self.view

    def show(self) -> None:
        """Ctrl+Shift+M: My day, read afresh; pressed on My day, back to the queue."""
        if self.showing:
            self.leave()
            return
        self.ui.mainStack.setCurrentWidget(self.view)
        self.view.setFocus()
        self.load()

    def leave(self) -> None:
        if self.showing:
            self.ui.mainStack.setCurrentWidget(self.ui.workPage)
            self._queue.focus_queue()

    def start(self) -> None:
        """At start: My day is the first page if it has anything in it."""
        self.load(start=True)

    def load(self, *, start: bool = False) -> None:
        user = self._user()
        if user is None:
            return
        service = self._services.myday
        zone = bytes(QTimeZone.systemTimeZoneId().data()).decode() or None
        self._background.run(
            lambda: service.today(user.id, zone),
            lambda day: self._loaded(day, start),
            lambda exc: self._show_error(exc, _("Loading My day")),
            key="myday",
        )

    def refresh(self, *, shown_only: bool = False) -> None:
        """Read again: on the window's tick (reminders follow it), and after a change in
        the window only while it is on screen (a call session's next call goes first)."""
        if self.showing or (self.day is not None and not shown_only):
            self.load()

    def _loaded(self, day: MyDay, start: bool) -> None:
        self.day = day
        self.view.show_day(day, self._services.queue.urgency_rules())
        if start and not day.empty and self.ui.mainStack.currentWidget() is self.ui.workPage:
            self.ui.mainStack.setCurrentWidget(self.view)
            self.view.setFocus()
        self.loaded.emit(day)

    def open_lead(self, lead: LeadSummary) -> None:
        """Enter: the lead in the queue, selected, its details in the lead panel."""
        self.ui.mainStack.setCurrentWidget(self.ui.workPage)
        self._queue.select_after_load(lead.id)
        self._filters.show_view(view_of(lead))
        self._queue.ui.queueView.setFocus()
