"""Deactivate a user (managers): where their open leads go, the team pool or a named
active colleague. The dialog only asks; the users controller deactivates."""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_deactivate_dialog import Ui_DeactivateDialog
from sdrdesk.i18n import _
from sdrdesk.services.results import UserInfo


class DeactivateDialog(QDialog):
    def __init__(
        self, user: UserInfo, colleagues: list[UserInfo], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DeactivateDialog()
        self.ui.setupUi(self)
        self.setObjectName("deactivateDialog")
        self.ui.deactivateIntro.setText(
            _(
                "Deactivate <b>{name}</b> ({user})? They can no longer work in sdrdesk until a "
                "manager reactivates them. Their open leads (new, accepted, being worked, "
                "nurture) go to a colleague or back to the team pool, each with an event in "
                "your name."
            ).format(name=html.escape(user.display_name), user=html.escape(user.name))
        )
        self.ui.deactivateIntro.setMinimumWidth(theme.chars(self.ui.deactivateIntro, 55))
        target = self.ui.deactivateTarget
        target.addItem(_("the team pool"), "")
        for colleague in colleagues:
            target.addItem(f"{colleague.display_name} ({colleague.name})", colleague.name)
        buttons = self.ui.deactivateButtons
        confirm = buttons.addButton(_("&Deactivate"), QDialogButtonBox.ButtonRole.AcceptRole)
        confirm.setObjectName("deactivateConfirm")
        confirm.setAccessibleName(_("Deactivate and hand over the open leads"))
        keep = buttons.addButton(_("&Keep active"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setObjectName("deactivateKeep")
        keep.setAccessibleName(_("Keep them active"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        target.setFocus()

    @property
    def to_user(self) -> str | None:
        """The colleague's user name, ``None`` for the team pool."""
        return str(self.ui.deactivateTarget.currentData() or "") or None

    def choose(self, name: str | None) -> None:
        self.ui.deactivateTarget.setCurrentIndex(self.ui.deactivateTarget.findData(name or ""))
