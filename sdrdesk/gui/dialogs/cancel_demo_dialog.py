"""Cancel a demo: a reason is required (it goes into the lead's history and into the
cancellation the attendees receive)."""

from __future__ import annotations

import html

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QWidget,
)

SUGGESTED_REASONS = (
    "The lead asked to cancel",
    "The lead no longer has the need",
    "Booked with the wrong account executive",
    "Booked by mistake",
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
        self.setObjectName("cancelDemoDialog")
        self.setWindowTitle(self.tr("Cancel the demo"))
        form = QFormLayout(self)
        intro = QLabel(
            self.tr("Cancel the demo with <b>%1</b> on %2? The lead goes back to Accepted (SAL).")
            .replace("%1", html.escape(lead_name))
            .replace("%2", html.escape(when))
        )
        intro.setWordWrap(True)
        form.addRow(intro)
        self.reason_box = QComboBox(self)
        self.reason_box.setObjectName("cancelReason")
        self.reason_box.setEditable(True)
        self.reason_box.addItems(SUGGESTED_REASONS)
        self.reason_box.setCurrentIndex(-1)
        self.reason_box.setEditText(reason)
        self.reason_box.setAccessibleName(self.tr("Reason for cancelling"))
        line = self.reason_box.lineEdit()
        if line is not None:
            line.setPlaceholderText(self.tr("Why? (the attendees see it in the cancellation)"))
        form.addRow(self.tr("&Reason"), self.reason_box)
        self.error = QLabel(self)
        self.error.setObjectName("cancelDemoError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setText(error or "")
        self.error.setVisible(bool(error))
        form.addRow(self.error)
        buttons = QDialogButtonBox(self)
        confirm = buttons.addButton(
            self.tr("Cancel the demo"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        confirm.setObjectName("cancelDemoConfirm")
        keep = buttons.addButton(self.tr("Keep it"), QDialogButtonBox.ButtonRole.RejectRole)
        keep.setObjectName("cancelDemoKeep")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.reason_box.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_box.currentText().strip()

    def confirm(self) -> None:
        if not self.reason:
            self.error.setText(self.tr("Give a reason for cancelling the demo."))
            self.error.setVisible(True)
            self.reason_box.setFocus()
            return
        self.accept()
