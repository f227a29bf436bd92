"""Reminders: a desktop notification a few minutes before a callback or a demo is due.

They follow My day (``MyDayPage.loaded``, read on every tick of the window against the
service clock): a callback or demo of today that falls due within
``Settings.reminder_minutes`` is announced once (while notifications are muted, once
they are on again), through the window's one notification
mechanism (``notifications.Notifier``: the tray, or the status bar; muted with the
others; a click selects the lead). The notifications controller owns them
(``myday.loaded → notifications.remind`` in ``controllers.WIRING``).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal

from sdrdesk.gui.models.formats import clock_time
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.myday import DayKind, MyDay

Notify = Callable[[str, str, object], object]  # title, text, the key: the LeadSummary


class Reminders(QObject):
    reminded = Signal(str, str)  # title, text: each reminder as it is given

    def __init__(self, minutes: int, notify: Notify, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.minutes = minutes
        self._notify = notify
        self._given: set[tuple[DayKind, int, datetime]] = set()

    def check(self, day: MyDay) -> None:
        """Announce what falls due within the reminder time (each once)."""
        if self.minutes <= 0:
            return
        ahead = timedelta(minutes=self.minutes)
        mine = ZoneInfo(day.zone)
        for kind in (DayKind.CALLBACKS, DayKind.DEMOS):
            for item in day.group(kind).items:
                key = (kind, item.lead.id, item.at)
                if key in self._given or not (day.now < item.at <= day.now + ahead):
                    continue
                left = math.ceil((item.at - day.now).total_seconds() / 60)
                when = clock_time(item.at.astimezone(mine))
                name = item.lead.name + (f" ({item.lead.company})" if item.lead.company else "")
                if kind is DayKind.CALLBACKS:
                    title = ngettext(
                        "Callback in {n} minute", "Callback in {n} minutes", left
                    ).format(n=left)
                    text = _("Call {name} back at {time}.").format(name=name, time=when)
                else:
                    title = ngettext("Demo in {n} minute", "Demo in {n} minutes", left).format(
                        n=left
                    )
                    text = _("Demo with {name} at {time}.").format(name=name, time=when)
                if self._notify(title, text, item.lead):  # muted: said once unmuted
                    self._given.add(key)
                    self.reminded.emit(title, text)
