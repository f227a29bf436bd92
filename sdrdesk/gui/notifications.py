"""Desktop notifications: one mechanism (``Notifier``) for everything that should reach
the SDR at once, and the first user of it, new leads.

``Notifier`` shows a message through the system tray (``QSystemTrayIcon``), or in the
status bar where there is no tray; clicking a tray message hands its ``key`` back
(``clicked``). Callback and demo reminders (``gui/reminders.py``) use the same notifier:
muted with the rest, and a click selects the lead.

``NotificationsController`` listens to the live sync (``team.synced``: PostgreSQL's
LISTEN, or SQLite's polling) and raises a notification for a lead routed to this SDR,
or a pool lead at or above the settings' ``notify_min_score``, within a second of its
commit. A click selects the lead. View › Mute notifications (and the setting
``notifications_muted``) silences them.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import QStyle, QSystemTrayIcon

from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.reminders import Reminders
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.services.myday import MyDay
from sdrdesk.services.queue import QueueRow
from sdrdesk.services.results import LeadSummary
from sdrdesk.services.sync import ChangeBatch
from sdrdesk.settings import save_settings

log = logging.getLogger(__name__)

ARRIVALS = frozenset({"hand_off", "assigned", "accept"})
MESSAGE_MSECS = 8000


class Notifier(QObject):
    """Shows notifications; ``clicked`` carries the key of the one clicked."""

    clicked = Signal(object)
    shown = Signal(str, str)  # title, text (tests and the status bar listen)

    def __init__(self, host: WindowHost) -> None:
        super().__init__()
        self._host = host
        self._tray: QSystemTrayIcon | None = None
        self._last_key: object = None

    @property
    def muted(self) -> bool:
        return bool(self._host.settings.notifications_muted)

    def notify(self, title: str, text: str, key: object = None) -> bool:
        """Show one notification unless muted; whether it was shown."""
        if self.muted:
            return False
        self._last_key = key
        tray = self._tray_icon()
        if tray is not None:
            tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MSECS)
        else:
            self._host.notify(f"{title}: {text}", MESSAGE_MSECS)
        self.shown.emit(title, text)
        return True

    def message_clicked(self) -> None:
        """The last notification was clicked (the tray's ``messageClicked``)."""
        if self._last_key is not None:
            self.clicked.emit(self._last_key)

    def _tray_icon(self) -> QSystemTrayIcon | None:
        if self._tray is None and QSystemTrayIcon.isSystemTrayAvailable():
            parent = self._host.dialog_parent()
            icon = parent.windowIcon()
            if icon.isNull():
                icon = parent.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
            self._tray = QSystemTrayIcon(QIcon(icon), parent)
            self._tray.setToolTip("sdrdesk")
            self._tray.messageClicked.connect(self.message_clicked)
            self._tray.show()
        return self._tray


class NotificationsController(QObject):
    """New leads for me (or hot ones in the pool) as desktop notifications, and the
    reminders of callbacks and demos."""

    # A reminder was clicked: its lead (a LeadSummary), opened as My day opens it
    # (in the view it belongs to, selected).
    lead_opened = Signal(object)

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._queue = services.queue
        self.notifier = Notifier(host)
        self.notifier.clicked.connect(self.select_lead)
        self._announced: set[int] = set()
        self.reminders = Reminders(host.settings.reminder_minutes, self.notifier.notify, self)
        self._show_muted()

    def remind(self, day: MyDay) -> None:
        """My day was read (on the window's tick): callbacks and demos falling due soon."""
        self.reminders.check(day)

    def leads_arrived(self, batch: ChangeBatch) -> None:
        """After the live sync applied ``batch``: read the leads that just arrived or were
        routed, and tell the SDR about the ones for them."""
        if self.notifier.muted or batch.truncated:
            return
        me = self._host.user.id if self._host.user is not None else None
        arrived = {  # what this SDR did themselves (accepted, imported) is no news to them
            c.lead_id for c in batch.changes if c.action in ARRIVALS and c.actor_id != me
        }
        ids = sorted(arrived - self._announced)
        if not ids:
            return
        self._host.background.run(
            lambda: self._queue.rows_for(ids), self._announce, lambda _exc: None
        )

    def _announce(self, rows: list[QueueRow]) -> None:
        mine = [r for r in rows if self._is_mine(r)]
        hot = [r for r in rows if r not in mine and self._is_hot(r)]
        for row in mine + hot:
            self._announced.add(row.lead.id)
        if not mine and not hot:
            return
        first = (mine + hot)[0].lead
        if len(mine) + len(hot) == 1:
            title = _("A new lead for you") if mine else _("A hot lead in the pool")
            text = _("{name}, {company} (score {score})").format(
                name=first.name, company=first.company or "—", score=first.score or "—"
            )
        else:
            title = _("New leads for you") if mine else _("Hot leads in the pool")
            text = _("{count} new leads, the first: {name}").format(
                count=len(mine) + len(hot), name=first.name
            )
        self.notifier.notify(title, text, first.id)

    def _is_mine(self, row: QueueRow) -> bool:
        user = self._host.user
        return user is not None and row.lead.owner in (user.name, user.display_name)

    def _is_hot(self, row: QueueRow) -> bool:
        lead = row.lead
        threshold = self._host.settings.notify_min_score
        return (
            lead.owner is None
            and lead.status is Status.MQL
            and lead.score is not None
            and lead.score >= threshold
        )

    def select_lead(self, lead_id: object) -> None:
        """A notification was clicked: the window comes up with that lead selected."""
        window = self._host.dialog_parent()
        if QGuiApplication.platformName() != "offscreen":  # nothing to raise there
            window.showNormal()
            window.raise_()
            window.activateWindow()
        if isinstance(lead_id, LeadSummary):  # a reminder's lead
            self.lead_opened.emit(lead_id)
            return
        if not isinstance(lead_id, int):
            return
        position = self._host.model.position_of(lead_id)
        if position is not None:
            self._host.queue.select_position(position)
        else:
            self._host.notify(_("That lead is not in the current view; clear the filters."))

    def toggle_mute(self) -> None:
        settings = self._host.settings
        settings.notifications_muted = not settings.notifications_muted
        try:
            save_settings(settings)
        except Exception as exc:  # the choice holds for this session
            log.warning("Could not save the settings: %s", exc)
        self._show_muted()
        self._host.notify(
            _("Notifications are muted.")
            if settings.notifications_muted
            else _("Notifications are on.")
        )

    def _show_muted(self) -> None:
        action = self._host.action("actionMuteNotifications")
        action.setCheckable(True)
        action.setChecked(bool(self._host.settings.notifications_muted))
