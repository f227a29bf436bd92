"""The queue as a Qt table model: pages arrive from ``QueueService`` in the background.

The model never holds more than the pages the view has asked for (``canFetchMore`` /
``fetchMore``), never sorts or filters in Python (``sort`` starts a new query), and can
take a lead out or put it back locally so triage feels instant while the write runs.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Collection, Sequence
from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QFont

from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.urgency import Reachability, format_wait
from sdrdesk.domain.zones import local_time
from sdrdesk.gui import theme
from sdrdesk.gui.models import formats
from sdrdesk.gui.workers import Background
from sdrdesk.i18n import N_, _
from sdrdesk.services.queue import (
    QueueCursor,
    QueuePage,
    QueueQuery,
    QueueRow,
    QueueService,
    SortKey,
)

Index = QModelIndex | QPersistentModelIndex
LeadIdRole = Qt.ItemDataRole.UserRole + 1


class Column(IntEnum):
    NAME = 0
    COMPANY = 1
    TITLE = 2
    COUNTRY = 3
    SOURCE = 4
    SCORE = 5
    WAITING = 6
    LOCAL_TIME = 7
    ATTEMPTS = 8
    STATUS = 9
    PRODUCT = 10


HEADERS = {  # translated where shown
    Column.NAME: N_("Name"),
    Column.COMPANY: N_("Company"),
    Column.TITLE: N_("Title"),
    Column.COUNTRY: N_("Country"),
    Column.SOURCE: N_("Source"),
    Column.SCORE: N_("Score"),
    Column.WAITING: N_("Waiting"),
    Column.LOCAL_TIME: N_("Their time"),
    Column.ATTEMPTS: N_("Calls"),
    Column.STATUS: N_("Status"),
    Column.PRODUCT: N_("Product"),
}

SORT_KEYS: dict[Column, SortKey] = {
    Column.NAME: SortKey.NAME,
    Column.COMPANY: SortKey.COMPANY,
    Column.TITLE: SortKey.TITLE,
    Column.COUNTRY: SortKey.COUNTRY,
    Column.SOURCE: SortKey.SOURCE,
    Column.SCORE: SortKey.SCORE,
    Column.WAITING: SortKey.WAITING,
    Column.ATTEMPTS: SortKey.ATTEMPTS,
    Column.STATUS: SortKey.STATUS,
}

# Chip colours by role (gui/theme.py: the light or the dark set, as the palette is).
_OVERDUE, _FRESH, _MUTED = "error", "success", "hint"


class QueueModel(QAbstractTableModel):
    loaded = Signal(bool)  # True for a first page (a new query), False for more rows
    load_failed = Signal(object)
    members_changed = Signal()  # leads left or joined the view (not paging)

    def __init__(
        self,
        service: QueueService,
        background: Background,
        clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._background = background
        self._clock = clock
        self._rows: list[QueueRow] = []
        self._query = QueueQuery()
        self._cursor: QueueCursor | None = None
        self._loading = False
        self._page_size = 100
        self.note: str | None = None  # what the service said about the current query
        self.search_total: int | None = None  # a search's matches, counted by the service
        # Leads leaving or joining a search's rows (triaged, undone, a colleague's change).
        self._paging = False
        self.rowsRemoved.connect(lambda _p, first, last: self._members_changed(first - last - 1))
        self.rowsInserted.connect(lambda _p, first, last: self._members_changed(last - first + 1))

    def _members_changed(self, change: int) -> None:
        if self._paging:
            return
        if self.search_total is not None:
            self.search_total = max(0, self.search_total + change)
        self.members_changed.emit()

    # --- Qt model API -------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _(HEADERS[Column(section)])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self._rows):
            return None
        row = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == LeadIdRole:
            return row.lead.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row, column)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._foreground(row, column)
        new = row.lead.status is Status.MQL
        if role == Qt.ItemDataRole.FontRole and column == Column.WAITING and row.fresh and new:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            Column.SCORE,
            Column.ATTEMPTS,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and self._cursor is not None and not self._loading

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if not self.canFetchMore(parent) or self._cursor is None:
            return
        self._loading = True
        cursor = self._cursor
        self._background.run(
            lambda: self._service.next_page(cursor, self._page_size),
            self._more_arrived,
            self._failed,
            key=f"queue-{id(self)}",
        )

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = SORT_KEYS.get(Column(column)) if column >= 0 else None
        descending = key is not None and order == Qt.SortOrder.DescendingOrder
        wanted = _with(self._query, sort=key or SortKey.URGENCY, descending=descending)
        if wanted != self._query:  # the view also calls sort() when it merely shows
            self.set_query(wanted)

    # --- loading ------------------------------------------------------------------------

    @property
    def query(self) -> QueueQuery:
        return self._query

    @property
    def is_loading(self) -> bool:
        return self._loading

    def set_query(self, query: QueueQuery) -> None:
        self._query = query
        self.reload()

    def reload(self) -> None:
        """Read the first page of the current query again (older answers are dropped)."""
        self._loading = True
        query = self._query
        self._background.run(
            lambda: self._service.first_page(query, self._page_size),
            self._first_arrived,
            self._failed,
            key=f"queue-{id(self)}",
        )

    def show_first_page(self, query: QueueQuery, page: QueuePage) -> None:
        """Show a first page read elsewhere (start-up reads it with the user)."""
        self._background.cancel(f"queue-{id(self)}")
        self._query = query
        self._first_arrived(page)

    def _first_arrived(self, page: QueuePage) -> None:
        self.note = page.note
        self.search_total = page.matched
        self.beginResetModel()
        self._rows = list(page.rows)
        self._cursor = page.next
        self._loading = False
        self.endResetModel()
        self.loaded.emit(True)

    def _more_arrived(self, page: QueuePage) -> None:
        self._loading = False
        known = {r.lead.id for r in self._rows}
        fresh = [r for r in page.rows if r.lead.id not in known]
        self._cursor = page.next
        if fresh:
            first = len(self._rows)
            self._paging = True
            self.beginInsertRows(QModelIndex(), first, first + len(fresh) - 1)
            self._rows.extend(fresh)
            self.endInsertRows()
            self._paging = False
        self.loaded.emit(False)

    def _failed(self, exc: Exception) -> None:
        self._loading = False
        self.load_failed.emit(exc)

    # --- rows -----------------------------------------------------------------------------

    def row(self, position: int) -> QueueRow | None:
        return self._rows[position] if 0 <= position < len(self._rows) else None

    def rows(self) -> Sequence[QueueRow]:
        return tuple(self._rows)

    def position_of(self, lead_id: int) -> int | None:
        for i, row in enumerate(self._rows):
            if row.lead.id == lead_id:
                return i
        return None

    def take(self, lead_id: int) -> tuple[int, QueueRow] | None:
        """Remove a lead locally (it was just triaged); returns where it was."""
        position = self.position_of(lead_id)
        if position is None:
            return None
        self.beginRemoveRows(QModelIndex(), position, position)
        row = self._rows.pop(position)
        self.endRemoveRows()
        return position, row

    def put_back(self, position: int, row: QueueRow) -> None:
        """Undo a local ``take`` (the write failed)."""
        if self.position_of(row.lead.id) is not None:
            return
        position = max(0, min(position, len(self._rows)))
        self.beginInsertRows(QModelIndex(), position, position)
        self._rows.insert(position, row)
        self.endInsertRows()

    def apply_changes(
        self,
        changed: Collection[int],
        fresh: Sequence[QueueRow],
        order_key: Callable[[QueueRow], Any],
    ) -> None:
        """Patch the rows after the team changed ``changed`` leads: ``fresh`` are those
        that belong in this view now. Rows leave, update or move in place (persistent
        indexes, so the selection follows its lead); a new lead is inserted where it sorts
        if that is inside what is loaded (otherwise it comes with a later page)."""
        fresh_by_id = {row.lead.id: row for row in fresh}
        for lead_id in changed:
            if lead_id not in fresh_by_id:
                self.take(lead_id)
        for row in fresh:
            position = self.position_of(row.lead.id)
            if position is not None:
                self._rows[position] = row
                left = self.index(position, 0)
                self.dataChanged.emit(left, self.index(position, len(Column) - 1))
                self._move_into_place(position, order_key)
                continue
            keys = [order_key(r) for r in self._rows]
            target = bisect.bisect_left(keys, order_key(row))
            if target == len(self._rows) and self._cursor is not None:
                continue  # beyond what is loaded: a later page brings it
            self.beginInsertRows(QModelIndex(), target, target)
            self._rows.insert(target, row)
            self.endInsertRows()

    def _move_into_place(self, position: int, order_key: Callable[[QueueRow], Any]) -> None:
        row = self._rows[position]
        others = self._rows[:position] + self._rows[position + 1 :]
        target = bisect.bisect_left([order_key(r) for r in others], order_key(row))
        if target == position:
            return
        destination = target if target < position else target + 1
        self.beginMoveRows(QModelIndex(), position, position, QModelIndex(), destination)
        self._rows.pop(position)
        self._rows.insert(target, row)
        self.endMoveRows()

    def tick(self) -> None:
        """Time passed: countdowns and local clocks change, nothing else."""
        if self._rows:
            top = self.index(0, Column.WAITING)
            bottom = self.index(len(self._rows) - 1, Column.LOCAL_TIME)
            self.dataChanged.emit(top, bottom, [Qt.ItemDataRole.DisplayRole])

    # --- presentation ---------------------------------------------------------------------

    def _display(self, row: QueueRow, column: Column) -> str:
        lead = row.lead
        match column:
            case Column.NAME:
                return lead.name
            case Column.COMPANY:
                return lead.company or ""
            case Column.TITLE:
                return lead.title or ""
            case Column.COUNTRY:
                return lead.country or ""
            case Column.SOURCE:
                return lead.source or ""
            case Column.SCORE:
                return "" if lead.score is None else formats.number(lead.score)
            case Column.WAITING:
                if lead.status is not Status.MQL:
                    return ""  # speed to lead is about the first touch of a new lead
                rules = self._service.urgency_rules()
                return format_wait(lead.handed_off_at, self._clock(), rules)
            case Column.LOCAL_TIME:
                local = local_time(lead.time_zone, self._clock())
                if local is None:
                    return "?"
                suffix = "" if row.reachability is Reachability.CALLABLE else " ☾"
                return formats.day_time(local) + suffix
            case Column.ATTEMPTS:
                return formats.number(lead.attempt_count) if lead.attempt_count else ""
            case Column.STATUS:
                return formats.data_label(lead.status.label)
            case Column.PRODUCT:
                return self._service.product_label(lead.product)
        return ""

    def _tooltip(self, row: QueueRow, column: Column) -> str | None:
        lead = row.lead
        if column == Column.LOCAL_TIME:
            zone = lead.time_zone or _("unknown time zone")
            if row.reachability is Reachability.CALLABLE:
                return _("{zone}: a good time to call").format(zone=zone)
            if row.reachability is Reachability.OFF_HOURS:
                return _("{zone}: outside calling hours").format(zone=zone)
            return _("Time zone unknown (no valid phone number or country)")
        if column == Column.WAITING:
            deadline = formats.day_date_time(row.deadline.astimezone())
            return _("Speed-to-lead target: contact by {deadline}").format(deadline=deadline)
        if column == Column.NAME and lead.email:
            return lead.email
        return None

    def _foreground(self, row: QueueRow, column: Column) -> QBrush | None:
        if column == Column.WAITING and row.lead.status is Status.MQL:
            return QBrush(theme.qcolor(_FRESH if row.fresh else _OVERDUE))
        if row.reachability is Reachability.OFF_HOURS:
            return QBrush(theme.qcolor(_MUTED))
        return None


def _with(query: QueueQuery, **changes: Any) -> QueueQuery:
    from dataclasses import replace

    return replace(query, **changes)
