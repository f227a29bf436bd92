"""Edit › Settings (Ctrl+,): opens the settings dialog, writes what it collected, and
applies at once what can be: the language, muted notifications and their minimum
score, the reminder lead time for reminders set from now on, and the team's rules
(region, calling hours, speed-to-lead, undo time: every service computes with them
from its next call, ``ServiceContext.use_rules``). The rest (user, the files, the
database, webhooks) applies at the next start; the dialog and the status bar say so.

settings.json stays the store, written atomically and 0600 (``save_settings``); a
password goes to the system keyring (``sdrdesk.db.secrets``), never to the file.
"""

from __future__ import annotations

import dataclasses
import logging

from PySide6.QtCore import QObject

from sdrdesk.gui.dialogs.settings_dialog import SettingsDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.settings import Settings, rules_from, save_settings, store_database_password

log = logging.getLogger(__name__)

RULES = frozenset(
    {
        "default_region",
        "calling_hours_start",
        "calling_hours_end",
        "speed_to_lead_minutes",
        "undo_seconds",
    }
)
LIVE = RULES | {"language", "notifications_muted", "notify_min_score", "reminder_minutes"}


class SettingsController(QObject):
    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._services = services
        self.dialog: SettingsDialog | None = None
        self._saved = host.settings

    def open(self) -> SettingsDialog:
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.raise_()
            self.dialog.activateWindow()
            return self.dialog
        dialog = SettingsDialog(self._host.settings, self.save, self._host.dialog_parent())
        dialog.accepted.connect(self._applied)
        self.dialog = dialog
        dialog.open()
        return dialog

    def save(self, settings: Settings, password: str | None) -> None:
        """Write ``settings`` (and ``password`` to the keyring first: a refusal there
        writes nothing). Raises ``ValidationError`` or ``OSError``; the dialog says it."""
        if password and settings.database_url:
            store_database_password(settings.database_url, password)
        save_settings(settings)
        self._saved = settings

    def _applied(self) -> None:
        old, new = self._host.settings, self._saved
        changed = {
            f.name
            for f in dataclasses.fields(Settings)
            if getattr(old, f.name) != getattr(new, f.name) and f.name != "extra"
        }
        language = new.language
        for f in dataclasses.fields(Settings):  # the window's settings object is shared
            if f.name not in ("language", "extra"):
                setattr(old, f.name, getattr(new, f.name))
        if "language" in changed:
            menu = getattr(self._host, "language_menu", None)
            if menu is not None:
                menu.choose(language)  # saves it (again) and translates the windows
        else:
            old.language = language
        reminders = getattr(self._host.controller("notifications"), "reminders", None)
        if reminders is not None:
            reminders.minutes = new.reminder_minutes  # for reminders from now on
        if changed & RULES:
            self._services.ctx.use_rules(rules_from(new))
        mute = self._host.action("actionMuteNotifications")
        mute.setCheckable(True)
        mute.setChecked(bool(new.notifications_muted))
        later = changed - LIVE
        if later:
            self._host.notify(_("Settings saved; some apply at the next start."), 10_000)
        elif changed:
            self._host.notify(_("Settings saved."), 5000)
