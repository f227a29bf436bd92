"""My day's page: one group a heading with its count, the leads under it.

Everything works from the keyboard: arrows move, Enter opens the lead in the queue,
Escape goes back to the queue. Times are shown on the lead's clock and on the SDR's.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, tzinfo
from functools import lru_cache

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import QAbstractItemView, QTreeWidget, QTreeWidgetItem, QWidget

from sdrdesk.domain import zones
from sdrdesk.domain.urgency import UrgencyRules, format_wait
from sdrdesk.gui import theme
from sdrdesk.gui.models.formats import clock_time, month_day, number
from sdrdesk.i18n import _, current_locale, ngettext
from sdrdesk.services.myday import DayGroup, DayItem, DayKind, MyDay
from sdrdesk.services.results import LeadSummary

LEAD_ROLE = Qt.ItemDataRole.UserRole
WIDTHS = (20, 15, 28, 30)  # in average characters of the view's font; the note: the rest


class MyDayView(QTreeWidget):
    lead_opened = Signal(object)  # the LeadSummary the SDR pressed Enter on
    left = Signal()  # Escape: back to the queue

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("myDayView")
        self.setColumnCount(5)
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setAllColumnsShowFocus(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setAccessibleName(_("My day"))
        self.itemActivated.connect(self._activated)
        for column, width in enumerate(WIDTHS):
            self.setColumnWidth(column, theme.chars(self, width))
        self.day: MyDay | None = None
        self._leads: dict[int, LeadSummary] = {}  # the rows hold the lead's id
        self._retitle()

    def _retitle(self) -> None:
        self.setHeaderLabels(
            [_("When (your time)"), _("Their time"), _("Lead"), _("Company"), _("Note")]
        )

    def show_day(self, day: MyDay, rules: UrgencyRules) -> None:
        """Fill the page; the lead that was selected stays selected if it is still here."""
        current = self.current_lead()
        self.day = day
        self.setUpdatesEnabled(False)  # one paint for the whole page
        self.clear()
        self._leads = {}
        mine = zones.zone(day.zone) or UTC
        bold = QFont(self.font())
        bold.setBold(True)
        chosen: QTreeWidgetItem | None = None
        for group in day.groups:
            heading = QTreeWidgetItem(self, [heading_text(group)])
            heading.setFirstColumnSpanned(True)
            heading.setFont(0, bold)
            heading.setFlags(Qt.ItemFlag.ItemIsEnabled)
            for item in group.items:
                row = QTreeWidgetItem(heading, _columns(group.kind, item, day, mine, rules))
                row.setData(0, LEAD_ROLE, item.lead.id)
                self._leads[item.lead.id] = item.lead
                if item.overdue:
                    row.setForeground(0, theme.qcolor("error"))
                if current is not None and item.lead.id == current.id and chosen is None:
                    chosen = row
        self.expandAll()
        first = chosen or self._first_lead()
        if first is not None:
            self.setCurrentItem(first)
        self.setUpdatesEnabled(True)

    def current_lead(self) -> LeadSummary | None:
        item = self.currentItem()
        return self._lead_of(item) if item is not None else None

    def _lead_of(self, item: QTreeWidgetItem) -> LeadSummary | None:
        lead_id = item.data(0, LEAD_ROLE)
        return self._leads.get(lead_id) if isinstance(lead_id, int) else None

    def _first_lead(self) -> QTreeWidgetItem | None:
        for i in range(self.topLevelItemCount()):
            heading = self.topLevelItem(i)
            if heading is not None and heading.childCount():
                return heading.child(0)
        return None

    def _activated(self, item: QTreeWidgetItem, _column: int) -> None:
        lead = self._lead_of(item)
        if lead is not None:
            self.lead_opened.emit(lead)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
            return
        super().keyPressEvent(event)


def heading_text(group: DayGroup) -> str:
    shown = len(group.items)
    if shown < group.count:
        return _("{group} ({count}, the first {shown} shown)").format(
            group=group.kind.label, count=number(group.count), shown=number(shown)
        )
    return _("{group} ({count})").format(group=group.kind.label, count=number(group.count))


def _columns(
    kind: DayKind, item: DayItem, day: MyDay, mine: tzinfo, rules: UrgencyRules
) -> list[str]:
    lead = item.lead
    theirs_zone = zones.zone(lead.time_zone)  # None: no zone known (or an unknown name)
    yours = _when(item.at, mine, day)
    if kind in (DayKind.CALLBACKS, DayKind.DEMOS):
        theirs = _when(item.at, theirs_zone, day) if theirs_zone else ""
        note = _("overdue") if item.overdue else (_("demo") if kind is DayKind.DEMOS else "")
    else:
        theirs = clock_time(day.now.astimezone(theirs_zone)) if theirs_zone else ""
        note = format_wait(item.at, day.now, rules)
    if lead.attempt_count and kind is DayKind.CALLBACKS:
        tries = ngettext("{n} call so far", "{n} calls so far", lead.attempt_count).format(
            n=number(lead.attempt_count)
        )
        note = f"{note} · {tries}" if note else tries
    return [yours, theirs, lead.name, lead.company or "", note]


def _when(moment: datetime, where: tzinfo, day: MyDay) -> str:
    """The clock alone for today (the SDR's today), with the date otherwise."""
    local = moment.astimezone(where)
    if day.day_start <= moment < day.day_end:
        return clock_time(local)
    return _("{day}, {time}").format(
        day=_day_label(local.date(), str(current_locale())), time=clock_time(local)
    )


@lru_cache(maxsize=64)
def _day_label(day: date, _locale: str) -> str:
    return month_day(day)
