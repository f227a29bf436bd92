"""Erase a person's personal data (DSGVO Art. 17): the question names the person, a
reason is required (it is recorded with the erasure, who and when).

The dialog stays open while the erasure runs: a refusal (not a manager, the database's
rules) is shown in it as one sentence, the reason as typed."""

from __future__ import annotations

import html

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_erase_dialog import Ui_EraseDialog
from sdrdesk.i18n import _


class EraseDialog(QDialog):
    erase_requested = Signal(str)  # the reason, once one is given

    def __init__(self, name: str, email: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_EraseDialog()
        self.ui.setupUi(self)
        self.setObjectName("eraseDialog")
        person = f"<b>{html.escape(name)}</b>"
        if email and email != name:
            person += f" ({html.escape(email)})"
        whose = _("every lead with this e-mail address") if email else _("this lead")
        self.ui.eraseIntro.setText(
            _(
                "Erase everything stored about {person}?<br><br>Name, e-mail, phone, company, "
                "title, imported columns, call notes, free-text answers, demo places and "
                "notes, and comments in the history go from {whose}, everywhere they are "
                "stored. The history keeps its counts, times and statuses, and records who "
                "erased the data and why. <b>This cannot be undone.</b>"
            ).format(person=person, whose=whose)
        )
        self.ui.eraseIntro.setMinimumWidth(theme.chars(self.ui.eraseIntro, 60))
        theme.colour_text(self.ui.eraseError, "error")
        self._show_error(None)
        buttons = self.ui.eraseButtons
        self.confirm_button = buttons.addButton(_("&Erase"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.confirm_button.setObjectName("eraseConfirm")
        self.confirm_button.setAccessibleName(_("Erase the personal data"))
        keep = buttons.addButton(_("&Keep the data"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setObjectName("eraseKeep")
        keep.setAccessibleName(_("Keep the data and close"))
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self.ui.eraseReason.setFocus()

    @property
    def reason(self) -> str:
        return str(self.ui.eraseReason.text()).strip()

    def confirm(self) -> None:
        """Ask for the erasure (the controller runs it), once a reason is given."""
        if not self.confirm_button.isEnabled():
            return  # already erasing
        if not self.reason:
            self.failed(
                _("Give the reason for the erasure (for example, the person's request of 3 May).")
            )
            return
        self._show_error(None)
        self.confirm_button.setEnabled(False)
        self.confirm_button.setText(_("Erasing…"))
        self.erase_requested.emit(self.reason)

    def failed(self, message: str) -> None:
        """The erasure was refused: say why; the reason stays as typed."""
        self.confirm_button.setEnabled(True)
        self.confirm_button.setText(_("&Erase"))
        self._show_error(message)
        self.adjustSize()  # room for the message, the question above kept whole
        self.ui.eraseReason.setFocus()

    def _show_error(self, message: str | None) -> None:
        self.ui.eraseError.setText(message or "")
        self.ui.eraseError.setVisible(bool(message))
