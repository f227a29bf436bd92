"""The queue on the left: its columns, which lead is selected, moving through it (J, K),
the urgency order (U), and the empty store's page."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QObject, Qt, Signal
from PySide6.QtWidgets import QHeaderView

from sdrdesk.gui.forms.ui_main_window import Ui_MainWindow
from sdrdesk.gui.models.queue_model import Column, QueueModel
from sdrdesk.gui.statusbar.count import QueueCount
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import _
from sdrdesk.services.queue import QueueQuery, QueueRow, QueueService, QueueView

WIDTHS = (
    (Column.NAME, 150),
    (Column.COMPANY, 170),
    (Column.TITLE, 130),
    (Column.COUNTRY, 55),
    (Column.SOURCE, 120),
    (Column.PRODUCT, 100),
    (Column.SCORE, 50),
    (Column.WAITING, 110),
    (Column.LOCAL_TIME, 100),
    (Column.ATTEMPTS, 45),
)


class QueuePane(QObject):
    row_changed = Signal(object)  # the selected QueueRow, or None

    def __init__(
        self,
        ui: Ui_MainWindow,
        model: QueueModel,
        queue: QueueService,
        background: Background,
        count: QueueCount,
        notify: Callable[[str, int], None],
        show_error: Callable[[Exception, str], None],
    ) -> None:
        super().__init__(ui.queueView)
        self.ui, self.model, self._queue, self._background = ui, model, queue, background
        self._count, self._notify, self._show_error = count, notify, show_error
        self._pending_select: int | None = None
        self._focus_on_load = True
        view = ui.queueView
        view.setModel(model)
        header = view.horizontalHeader()
        header.setSortIndicatorClearable(True)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in WIDTHS:
            view.setColumnWidth(column, width)
        # The product is the model's last column, shown beside the source.
        header.moveSection(
            header.visualIndex(Column.PRODUCT), header.visualIndex(Column.SOURCE) + 1
        )
        view.verticalHeader().setDefaultSectionSize(24)
        view.selectionModel().currentRowChanged.connect(self._current_changed)
        model.loaded.connect(self._loaded)
        model.load_failed.connect(lambda exc: show_error(exc, _("Loading the queue")))
        model.rowsInserted.connect(lambda *_: self._show_work())
        ui.leadScroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.mainSplitter.setStretchFactor(0, 3)
        ui.mainSplitter.setStretchFactor(1, 2)
        ui.mainStack.setCurrentWidget(ui.workPage)

    def current_row(self) -> QueueRow | None:
        index = self.ui.queueView.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.row_changed.emit(self.model.row(current.row()) if current.isValid() else None)

    def select_position(self, position: int) -> None:
        count = self.model.rowCount()
        if count == 0:
            searched = self.ui.queueFilter.text().strip()
            self.row_changed.emit(None)
            self.ui.leadPanel.show_nothing(
                _("No lead matches “{text}”").format(text=searched)
                if searched
                else _("The queue is empty")
            )
            return
        position = max(0, min(position, count - 1))
        index = self.model.index(position, Column.NAME)
        self.ui.queueView.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.ui.queueView.scrollTo(index)

    def _show_work(self) -> None:
        # Rows arrived: the queue's page, unless My day (another page) is on screen.
        if self.ui.mainStack.currentWidget() in (self.ui.emptyPage, self.ui.workPage):
            self.ui.mainStack.setCurrentWidget(self.ui.workPage)

    def select_after_load(self, lead_id: int) -> None:
        """Select this lead now if it is in the queue, and again once a load under way
        has finished."""
        if self.model.position_of(lead_id) is not None:
            self.select_lead(lead_id)
        self._pending_select = lead_id

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

    def next_lead(self) -> None:
        self.move_selection(1)

    def previous_lead(self) -> None:
        self.move_selection(-1)

    def focus_queue(self) -> None:
        self.ui.queueView.setFocus()
        if not self.ui.queueView.currentIndex().isValid():
            self.select_position(0)

    def sort_by_urgency(self) -> None:
        self.ui.queueView.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.model.sort(-1)

    def reload(self) -> None:
        """Read the queue again, the selected lead selected again if it is still in it."""
        row = self.current_row()
        self._pending_select = row.lead.id if row else None
        self.model.reload()

    def _loaded(self, first: bool) -> None:
        if not first:
            return
        if self.model.note:
            self._notify(self.model.note, 10_000)
        pending = self._pending_select
        if pending is not None and self.model.position_of(pending) is not None:
            self.select_lead(pending)
        else:
            self.select_position(0)
        self._pending_select = None
        if self.model.rowCount() == 0:
            self._check_empty_store()
        else:
            self._show_work()
        if self._focus_on_load:
            self._focus_on_load = False
            self.ui.queueView.setFocus()
        self._count.load()

    def _check_empty_store(self) -> None:
        queue, everything, ui = self._queue, QueueQuery(view=QueueView.ALL), self.ui
        self._background.run(
            lambda: queue.count(everything),
            lambda total: ui.mainStack.setCurrentWidget(
                ui.emptyPage if total == 0 else ui.workPage
            ),
            lambda exc: self._show_error(exc, _("Counting leads")),
        )
