"""Who is working: the user name from the settings or the command line, else asked
(on first start, and from File › Change user…); then, in one trip to the store, that
user and their first page of the queue."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject, Signal

from sdrdesk.domain.errors import PermissionDeniedError, SdrdeskError, ValidationError
from sdrdesk.domain.users import Role
from sdrdesk.gui.dialogs.identity_dialog import IdentityDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.i18n import _
from sdrdesk.services.queue import QueuePage, QueueQuery
from sdrdesk.services.results import UserInfo
from sdrdesk.settings import save_settings

# The user, their queue's query and first page, and why a new full name was refused.
Identified = tuple[UserInfo, QueueQuery, QueuePage, str | None]


class Identity(QObject):
    identified = Signal(object)  # Identified

    def __init__(self, host: WindowHost, name: str | None) -> None:
        super().__init__(host.dialog_parent())
        self._host = host
        self.name = name
        self.dialog: IdentityDialog | None = None

    def start(self) -> None:
        if self.name:
            self._identify(self.name)
        else:
            self.ask()

    def ask(self) -> None:
        user = self._host.user
        dialog = IdentityDialog(
            self._host.dialog_parent(),
            name=self.name or "",
            display_name=user.display_name if user is not None and user.name == self.name else "",
        )
        self.dialog = dialog
        dialog.finished.connect(lambda code: self._chosen(dialog, code))
        dialog.open()

    def _chosen(self, dialog: IdentityDialog, code: int) -> None:
        self.dialog = None
        dialog.deleteLater()
        host = self._host
        if code != IdentityDialog.DialogCode.Accepted:
            if host.user is None:
                host.show_banner(_("Choose who you are (File › Change user…) to work leads."))
            return
        host.settings.user = dialog.user_name
        try:
            save_settings(host.settings)
        except (OSError, SdrdeskError) as exc:
            host.show_error(exc, _("Saving your user name"))
        self.name = dialog.user_name
        self._identify(dialog.user_name, dialog.display_name)

    def _identify(self, name: str, display: str | None = None) -> None:
        services = self._host.services
        users, queue, query = services.users, services.queue, self._host.model.query

        def identify() -> Identified:
            user = users.ensure(name, Role.SDR, display_name=display)
            refused = None
            if display:
                try:
                    user = users.rename(user, display)
                except (PermissionDeniedError, ValidationError) as exc:
                    refused = str(exc)
            mine = replace(query, user_id=user.id)
            return user, mine, queue.first_page(mine), refused

        self._host.background.run(
            identify,
            self.identified.emit,
            lambda exc: self._host.show_error(exc, _("Opening the store")),
        )
