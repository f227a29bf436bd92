"""Who is working: asked once on first start, changeable from the File menu."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.users import check_user_name
from sdrdesk.gui.forms.ui_identity_dialog import Ui_IdentityDialog


class IdentityDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, name: str = "", display_name: str = ""
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_IdentityDialog()
        self.ui.setupUi(self)
        self.setObjectName("identityDialog")
        self.ui.identityName.setText(name)
        self.ui.identityDisplayName.setText(display_name)
        self.ui.identityError.setStyleSheet("color: #b3261e;")
        self.ui.identityButtons.accepted.connect(self.confirm)
        self.ui.identityButtons.rejected.connect(self.reject)

    @property
    def user_name(self) -> str:
        return str(self.ui.identityName.text()).strip()

    @property
    def display_name(self) -> str:
        return str(self.ui.identityDisplayName.text()).strip() or self.user_name

    def confirm(self) -> None:
        try:
            check_user_name(self.user_name)
        except ValidationError as exc:
            self.ui.identityError.setText(str(exc))
            self.ui.identityName.setFocus()
            return
        self.accept()
