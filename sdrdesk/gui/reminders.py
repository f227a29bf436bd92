"""Reminders: a desktop notification a few minutes before a callback or a demo is due.

They follow My day (``MyDayPage.loaded``, read on every tick of the window against the
service clock): a callback or demo of today that falls due within
``Settings.reminder_minutes`` is announced once. How it is shown is one callable,
``notify(title, text)``: by default a system tray message where the desktop has a tray,
else the window's banner; the intake work's Notifier can be handed in instead.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QSystemTrayIcon, QWidget

from sdrdesk.gui.models.formats import clock_time
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.myday import DayKind, MyDay

Notify = Callable[[str, str], None]


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
                self._given.add(key)
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
                self._notify(title, text)
                self.reminded.emit(title, text)


def desktop_notify(window: QWidget, fallback: Notify) -> Notify:
    """A system tray message where the desktop has a tray, else ``fallback``."""
    tray: list[QSystemTrayIcon] = []

    def notify(title: str, text: str) -> None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            fallback(title, text)
            return
        if not tray:
            icon = QSystemTrayIcon(QApplication.windowIcon(), window)
            icon.show()
            tray.append(icon)
        tray[0].showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, 15_000)

    return notify
