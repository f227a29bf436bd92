"""Who is working: asked once on first start, changeable from the File menu."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.users import check_user_name


class IdentityDialog(QDialog):
    def __init__(
        self, parent: QWidget | None = None, *, name: str = "", display_name: str = ""
    ) -> None:
        super().__init__(parent)
        self.setObjectName("identityDialog")
        self.setWindowTitle(self.tr("Who is working?"))
        form = QFormLayout(self)
        form.addRow(
            QLabel(
                self.tr(
                    "sdrdesk records who accepted, rejected and called each lead.\n"
                    "Use the same user name your team uses for you."
                )
            )
        )
        self.name_edit = QLineEdit(name, self)
        self.name_edit.setObjectName("identityName")
        self.name_edit.setPlaceholderText(self.tr("e.g. anna"))
        self.display_edit = QLineEdit(display_name, self)
        self.display_edit.setObjectName("identityDisplayName")
        self.display_edit.setPlaceholderText(self.tr("e.g. Anna Schmidt"))
        form.addRow(self.tr("&User name"), self.name_edit)
        form.addRow(self.tr("&Full name"), self.display_edit)
        self.error = QLabel(self)
        self.error.setStyleSheet("color: #b3261e;")
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @property
    def user_name(self) -> str:
        return self.name_edit.text().strip()

    @property
    def display_name(self) -> str:
        return self.display_edit.text().strip() or self.user_name

    def confirm(self) -> None:
        try:
            check_user_name(self.user_name)
        except ValidationError as exc:
            self.error.setText(str(exc))
            self.name_edit.setFocus()
            return
        self.accept()
