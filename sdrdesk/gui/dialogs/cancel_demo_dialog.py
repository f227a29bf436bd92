"""Cancel a demo: a reason is required (it goes into the lead's history and into the
cancellation the attendees receive)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_cancel_demo_dialog import Ui_CancelDemoDialog
from sdrdesk.i18n import N_, _

SUGGESTED_REASONS = (
    N_("The lead asked to cancel"),
    N_("The lead no longer has the need"),
    N_("Booked with the wrong account executive"),
    N_("Booked by mistake"),
)


class CancelDemoDialog(QDialog):
    def __init__(
        self,
        lead_name: str,
        when: str,
        parent: QWidget | None = None,
        *,
        reason: str = "",
        error: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_CancelDemoDialog()
        self.ui.setupUi(self)
        self.setObjectName("cancelDemoDialog")
        self.ui.cancelDemoIntro.setText(
            _(
                "Cancel the demo with <b>{name}</b> on {when}? The lead goes back to "
                "Accepted (SAL)."
            ).format(name=html.escape(lead_name), when=html.escape(when))
        )
        self.ui.cancelReason.addItems([_(reason) for reason in SUGGESTED_REASONS])
        self.ui.cancelReason.setCurrentIndex(-1)
        self.ui.cancelReason.setEditText(reason)
        line = self.ui.cancelReason.lineEdit()
        if line is not None:
            hint = _("Why? (the attendees see it in the cancellation)")
            line.setPlaceholderText(hint)
            # The hint whole, in every language: the field is as wide as it needs.
            wide = line.fontMetrics().horizontalAdvance(hint) + 48
            self.ui.cancelReason.setMinimumWidth(wide)
        theme.colour_text(self.ui.cancelDemoError, "error")
        self.ui.cancelDemoError.setText(error or "")
        self.ui.cancelDemoError.setVisible(bool(error))
        buttons = self.ui.cancelDemoButtons
        confirm = buttons.addButton(_("&Cancel the demo"), QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setObjectName("cancelDemoConfirm")
        keep = buttons.addButton(_("&Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setObjectName("cancelDemoKeep")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self.ui.cancelReason.setFocus()

    @property
    def reason(self) -> str:
        return str(self.ui.cancelReason.currentText()).strip()

    def confirm(self) -> None:
        if not self.reason:
            self.ui.cancelDemoError.setText(_("Give a reason for cancelling the demo."))
            self.ui.cancelDemoError.setVisible(True)
            self.adjustSize()  # room for the message, the wrapped question kept whole
            self.ui.cancelReason.setFocus()
            return
        self.accept()
