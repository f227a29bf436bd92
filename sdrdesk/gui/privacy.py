"""A person's data on request, from the window (managers): Lead › Erase personal data…
asks for a reason, erases in the background, and the queue and the lead panel follow."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from sdrdesk.domain.errors import NotFoundError
from sdrdesk.domain.users import Role
from sdrdesk.gui import formats
from sdrdesk.gui.banner import error_text
from sdrdesk.gui.dialogs.erase_dialog import EraseDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.i18n import N_, _
from sdrdesk.services.catalog import Services
from sdrdesk.services.privacy import Erased
from sdrdesk.services.results import LeadSummary

CONTEXT = N_("Erasing the personal data")  # translated where shown


class PrivacyController(QObject):
    erased = Signal(int)  # the selected lead, its personal data erased

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._privacy = services.privacy
        self.erase_dialog: EraseDialog | None = None

    def erase_current(self) -> None:
        user, row = self._host.user, self._host.queue.current_row()
        if user is None:
            return
        if user.role is not Role.MANAGER:
            self._host.notify(_("Only a manager may erase a person's data."))
            return
        if row is None:
            self._host.notify(_("Select the lead whose personal data is to be erased."))
            return
        lead = row.lead
        dialog = EraseDialog(lead.name, lead.email, self._host.dialog_parent())
        dialog.erase_requested.connect(lambda reason: self._erase(dialog, lead, reason))
        dialog.finished.connect(lambda _code: self._closed(dialog))
        self.erase_dialog = dialog
        dialog.open()

    def _closed(self, dialog: EraseDialog) -> None:
        if self.erase_dialog is dialog:
            self.erase_dialog = None
        dialog.deleteLater()

    def _erase(self, dialog: EraseDialog, lead: LeadSummary, reason: str) -> None:
        user = self._host.user
        if user is None:
            return
        privacy, actor_id = self._privacy, user.id

        def erase() -> list[Erased]:
            # The person: every lead with the lead's e-mail address, or the lead alone.
            if lead.email:
                try:
                    found = privacy.find(email=lead.email)
                except NotFoundError:
                    found = []
                if lead.id in found:
                    return privacy.erase(actor_id=actor_id, reason=reason, email=lead.email)
            return privacy.erase(actor_id=actor_id, reason=reason, lead_id=lead.id)

        self._host.background.run(
            erase,
            lambda done: self._erased(dialog, lead, done),
            lambda exc: self._failed(dialog, exc),
        )

    def _erased(self, dialog: EraseDialog, lead: LeadSummary, done: list[Erased]) -> None:
        if self.erase_dialog is dialog:
            dialog.accept()
        text = (
            _(
                "Erased the personal data of {name} ({n} leads); the history records who and why."
            ).format(name=lead.name, n=formats.number(len(done)))
            if len(done) > 1
            else _("Erased the personal data of {name}; the history records who and why.").format(
                name=lead.name
            )
        )
        self._host.notify(text, 10_000)
        self._host.refresh()
        self.erased.emit(lead.id)

    def _failed(self, dialog: EraseDialog, exc: Exception) -> None:
        if self.erase_dialog is dialog:
            dialog.failed(error_text(exc, _(CONTEXT)))
        else:
            self._host.show_error(exc, _(CONTEXT))
        if isinstance(exc, NotFoundError):
            self._host.refresh()
