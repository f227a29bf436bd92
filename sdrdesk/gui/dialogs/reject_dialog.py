"""Reject a lead: a mandatory reason (keys 1–9 pick one), a comment where it needs one.

Two keystrokes triage: ``R`` opens the dialog, a digit picks a reason that needs no
comment and confirms. The dialog only collects; the main window saves, and reopens it
with the same reason and comment if saving fails.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QWidget

from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_reject_dialog import Ui_RejectDialog
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _
from sdrdesk.services.results import ReasonInfo

CODE_ROLE = Qt.ItemDataRole.UserRole


class RejectDialog(QDialog):
    def __init__(
        self,
        reasons: list[ReasonInfo],
        lead_name: str,
        parent: QWidget | None = None,
        *,
        reason_code: str | None = None,
        comment: str = "",
        error: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_RejectDialog()
        self.ui.setupUi(self)
        self.setObjectName("rejectDialog")
        self._reasons = {r.code: r for r in reasons}
        self.ui.rejectLeadLabel.setText(
            _("Reject <b>{name}</b>").format(name=html.escape(lead_name))
        )
        for n, reason in enumerate(reasons, start=1):
            prefix = f"{n}  " if n <= 9 else "    "
            suffix = _("  (comment required)") if reason.requires_comment else ""
            item = QListWidgetItem(prefix + formats.data_label(reason.label) + suffix)
            item.setData(CODE_ROLE, reason.code)
            self.ui.reasonList.addItem(item)
        self.ui.rejectComment.setPlainText(comment)
        self.ui.rejectComment.setMaximumHeight(theme.lines(self.ui.rejectComment, 5))
        theme.colour_text(self.ui.rejectError, "error")
        self._show_error(error)
        ok = self.ui.rejectButtons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Reject"))
        ok.setObjectName("rejectConfirm")
        self.ui.rejectButtons.accepted.connect(self.confirm)
        self.ui.rejectButtons.rejected.connect(self.reject)
        self.ui.reasonList.currentItemChanged.connect(lambda *_: self._update_hint())
        self.ui.reasonList.itemActivated.connect(lambda _item: self.confirm())
        self.ui.reasonList.installEventFilter(self)
        self.ui.rejectComment.installEventFilter(self)
        if reason_code:
            self.select_reason(reason_code)
        self.ui.reasonList.setFocus()
        self._update_hint()

    # --- what the dialog collected ---------------------------------------------------

    @property
    def reason_code(self) -> str | None:
        item = self.ui.reasonList.currentItem()
        return str(item.data(CODE_ROLE)) if item is not None and item.isSelected() else None

    @property
    def comment(self) -> str:
        return str(self.ui.rejectComment.toPlainText())

    def select_reason(self, code: str) -> None:
        for row in range(self.ui.reasonList.count()):
            item = self.ui.reasonList.item(row)
            if item.data(CODE_ROLE) == code:
                self.ui.reasonList.setCurrentItem(item)
                item.setSelected(True)
                return

    # --- behaviour -------------------------------------------------------------------

    def confirm(self) -> None:
        code = self.reason_code
        if code is None:
            self._show_error(_("Choose a reason (keys 1–9)."))
            self.ui.reasonList.setFocus()
            return
        reason = self._reasons[code]
        if reason.requires_comment and not self.comment.strip():
            self._show_error(
                _("“{reason}” needs a comment for marketing.").format(
                    reason=formats.data_label(reason.label)
                )
            )
            self.ui.rejectComment.setFocus()
            return
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress:
            return super().eventFilter(watched, event)
        assert isinstance(event, QKeyEvent)
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier
        ):
            self.confirm()  # Ctrl+Enter confirms from the comment field as well
            return True
        if watched is self.ui.reasonList:
            text = event.text()
            if (
                len(text) == 1
                and text in "123456789"
                and not event.modifiers()
                & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
            ):
                self._pick(int(text))
                return True
        return super().eventFilter(watched, event)

    def _pick(self, number: int) -> None:
        if number > self.ui.reasonList.count():
            return
        item = self.ui.reasonList.item(number - 1)
        self.ui.reasonList.setCurrentItem(item)
        item.setSelected(True)
        reason = self._reasons[str(item.data(CODE_ROLE))]
        if reason.requires_comment and not self.comment.strip():
            self._update_hint()
            self.ui.rejectComment.setFocus()
        else:
            self.confirm()

    def _update_hint(self) -> None:
        code = self.reason_code
        needs = code is not None and self._reasons[code].requires_comment
        label = (
            _("&Comment for marketing (required)")
            if needs
            else _("&Comment for marketing (optional)")
        )
        self.ui.commentLabel.setText(label)
        if code is not None and self.ui.rejectError.text() and not needs:
            self._show_error(None)

    def _show_error(self, message: str | None) -> None:
        self.ui.rejectError.setText(message or "")
        self.ui.rejectError.setVisible(bool(message))
