"""The team, from the window (managers): File › Team… lists everyone, edits the selected
person, deactivates (their open leads to a colleague or the pool) and reactivates. All
database work on the window's ``Background``; the dialogs only show and collect."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog

from sdrdesk.domain.users import Role
from sdrdesk.gui import formats
from sdrdesk.gui.banner import error_text
from sdrdesk.gui.dialogs.deactivate_dialog import DeactivateDialog
from sdrdesk.gui.dialogs.team_dialog import TeamDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.catalog import Services
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users import Deactivated


class UsersController(QObject):
    leads_moved = Signal()  # a deactivation handed over open leads: the queue reloads

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._users = services.users
        self.dialog: TeamDialog | None = None
        self.deactivate_dialog: DeactivateDialog | None = None

    def open_team(self) -> None:
        user = self._host.user
        if user is None:
            return
        if user.role is not Role.MANAGER:
            self._host.notify(_("Only a manager may edit the team."))
            return
        if self.dialog is not None:
            self.dialog.raise_()
            self.dialog.activateWindow()
            return
        dialog = TeamDialog(self._host.dialog_parent())
        dialog.save_requested.connect(self._save)
        dialog.deactivate_requested.connect(self._ask_deactivate)
        dialog.reactivate_requested.connect(self._reactivate)
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.dialog = dialog
        dialog.open()
        self._load(dialog)

    def _closed(self, dialog: TeamDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None
        dialog.deleteLater()

    # --- the list -------------------------------------------------------------------------

    def _load(
        self,
        dialog: TeamDialog,
        *,
        message: str | None = None,
        error: bool = False,
        select: str | None = None,
        keep_edits: bool = False,
    ) -> None:
        """Read the team again, then show it with ``message`` (else how many are shown)."""
        users = self._users

        def loaded(found: list[UserInfo]) -> None:
            if self.dialog is dialog:
                dialog.show_users(found, select=select, keep_edits=keep_edits)
                dialog.done_working(message or dialog.summary(), error=error)

        self._host.background.run(
            lambda: users.list_users(active_only=False),
            loaded,
            lambda exc: self._failed(dialog, exc, _("Loading the team"), reload=False),
            key="team-list",
        )

    def _failed(
        self, dialog: TeamDialog, exc: Exception, context: str, *, reload: bool = True
    ) -> None:
        """One sentence in the dialog; the list read again, what was typed kept."""
        if self.dialog is not dialog:
            self._host.show_error(exc, context)
            return
        text = error_text(exc, context)
        if reload:
            self._load(dialog, message=text, error=True, keep_edits=True)
        else:
            dialog.done_working(text, error=True)

    def _me(self) -> int | None:
        user = self._host.user
        return user.id if user is not None else None

    # --- editing --------------------------------------------------------------------------

    def _save(self, user: UserInfo, changes: dict[str, Any]) -> None:
        dialog, users, actor_id = self.dialog, self._users, self._me()
        if dialog is None or actor_id is None:
            return
        self._host.background.run(
            lambda: users.edit(user.name, actor_id=actor_id, **changes),
            lambda saved: self._load(
                dialog,
                message=_("Saved {name}.").format(name=saved.display_name),
                select=saved.name,
            ),
            lambda exc: self._failed(dialog, exc, _("Saving the user")),
        )

    # --- leaving and coming back ----------------------------------------------------------

    def _ask_deactivate(self, user: UserInfo) -> None:
        dialog = self.dialog
        if dialog is None:
            return
        colleagues = [
            u for u in dialog.team() if u.active and u.role is Role.SDR and u.id != user.id
        ]
        ask = DeactivateDialog(user, colleagues, dialog)
        self.deactivate_dialog = ask
        ask.finished.connect(lambda code: self._deactivate_chosen(ask, user, code))
        ask.open()

    def _deactivate_chosen(self, ask: DeactivateDialog, user: UserInfo, code: int) -> None:
        self.deactivate_dialog = None
        ask.deleteLater()
        dialog, users, actor_id = self.dialog, self._users, self._me()
        if code != QDialog.DialogCode.Accepted or dialog is None or actor_id is None:
            return
        to_user = ask.to_user
        dialog.working()
        self._host.background.run(
            lambda: users.deactivate(user.name, actor_id=actor_id, to_user=to_user),
            lambda done: self._deactivated(dialog, done),
            lambda exc: self._failed(dialog, exc, _("Deactivating the user")),
        )

    def _deactivated(self, dialog: TeamDialog, done: Deactivated) -> None:
        name, moved = done.user.display_name, done.leads_moved
        if moved == 0:
            text = _("{name} is deactivated; they had no open leads.").format(name=name)
        elif done.to_user:
            text = ngettext(
                "{name} is deactivated; {n} open lead went to {to}.",
                "{name} is deactivated; {n} open leads went to {to}.",
                moved,
            ).format(name=name, n=formats.number(moved), to=self._shown(dialog, done.to_user))
        else:
            text = ngettext(
                "{name} is deactivated; {n} open lead went back to the team pool.",
                "{name} is deactivated; {n} open leads went back to the team pool.",
                moved,
            ).format(name=name, n=formats.number(moved))
        self._host.notify(text, 10_000)
        self._load(dialog, message=text, select=done.user.name)
        if moved:
            self.leads_moved.emit()

    def _shown(self, dialog: TeamDialog, name: str) -> str:
        found = [u.display_name for u in dialog.team() if u.name == name]
        return found[0] if found else name

    def _reactivate(self, user: UserInfo) -> None:
        dialog, users, actor_id = self.dialog, self._users, self._me()
        if dialog is None or actor_id is None:
            return
        self._host.background.run(
            lambda: users.reactivate(user.name, actor_id=actor_id),
            lambda back: self._load(
                dialog,
                message=_("{name} is active again.").format(name=back.display_name),
                select=back.name,
            ),
            lambda exc: self._failed(dialog, exc, _("Reactivating the user")),
        )
