"""Who is working: asked once on first start, changeable from the File menu."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QWidget

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.users import check_user_name
from sdrdesk.gui import theme
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
        # The full name shown is the current user's: typing another user name clears it
        # (unless it was edited), so it is not given to someone else.
        self._shown_for = (name, display_name) if display_name else None
        self.ui.identityName.textEdited.connect(self._name_edited)
        theme.colour_text(self.ui.identityError, "error")
        self.ui.identityLayout.setRowVisible(self.ui.identityError, False)
        self.ui.identityButtons.accepted.connect(self.confirm)
        self.ui.identityButtons.rejected.connect(self.reject)

    @property
    def user_name(self) -> str:
        return str(self.ui.identityName.text()).strip()

    @property
    def display_name(self) -> str:
        """The full name as typed ("" for none: a new user is then shown by user name)."""
        return str(self.ui.identityDisplayName.text()).strip()

    def _name_edited(self, text: str) -> None:
        if self._shown_for is None:
            return
        name, shown = self._shown_for
        full = self.ui.identityDisplayName
        if text.strip() != name and full.text() == shown:
            full.clear()
        elif text.strip() == name and not full.text():
            full.setText(shown)

    def confirm(self) -> None:
        try:
            check_user_name(self.user_name)
        except ValidationError as exc:
            self.ui.identityError.setText(str(exc))
            self.ui.identityLayout.setRowVisible(self.ui.identityError, True)
            self.adjustSize()
            self.ui.identityName.setFocus()
            return
        self.accept()
