"""The small dialogs of working a lead outside a call: a note, a touch on another
channel (e-mail, LinkedIn, meeting) with its outcome, a correction of the lead's
contact data, nurturing it, and (managers) lifting do-not-call. Each keeps what was
typed and shows why a save failed, in red."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, timedelta

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from sdrdesk.domain.corrections import EDITABLE
from sdrdesk.domain.touches import OUTCOMES, Channel
from sdrdesk.i18n import N_, _


class _LeadDialog(QDialog):
    """Title, a line naming the lead, the fields, a red error line, Save/Cancel."""

    def __init__(self, name: str, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(420)
        self._layout = QVBoxLayout(self)
        label = QLabel(intro.format(name=name))
        label.setWordWrap(True)
        label.setObjectName("leadDialogIntro")
        self._layout.addWidget(label)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("leadDialogError")
        self.error.setStyleSheet("color: #b3261e;")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        self._layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.setObjectName("leadDialogButtons")
        buttons.accepted.connect(self.confirm)
        buttons.rejected.connect(self.reject)
        self._layout.addWidget(buttons)

    def show_error(self, text: str | None) -> None:
        self.error.setText(text or "")
        self.error.setVisible(bool(text))

    def confirm(self) -> None:
        self.accept()


class NoteDialog(_LeadDialog):
    def __init__(
        self, name: str, parent: QWidget | None = None, *, text: str = "", error: str | None = None
    ) -> None:
        super().__init__(name, _("Add note"), _("A note on {name}, kept in the history:"), parent)
        self.setObjectName("noteDialog")
        self.editor = QPlainTextEdit(text)
        self.editor.setObjectName("noteText")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlaceholderText(_("What should your colleagues and you remember?"))
        self.form.addRow(self.editor)
        self.show_error(error)
        self.editor.setFocus()

    @property
    def text(self) -> str:
        return self.editor.toPlainText().strip()

    def confirm(self) -> None:
        if not self.text:
            self.show_error(_("The note is empty; type what you want to keep."))
            self.editor.setFocus()
            return
        self.accept()


class TouchDialog(_LeadDialog):
    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        channel: str = Channel.EMAIL.value,
        outcome: str = "",
        note: str = "",
        error: str | None = None,
    ) -> None:
        super().__init__(
            name, _("Log touch"), _("A touch with {name} (it counts as an attempt):"), parent
        )
        self.setObjectName("touchDialog")
        self.channel_box = QComboBox()
        self.channel_box.setObjectName("touchChannel")
        for item in Channel:
            self.channel_box.addItem(item.label, item.value)
        self.outcome_box = QComboBox()
        self.outcome_box.setObjectName("touchOutcome")
        self.note_edit = QLineEdit(note)
        self.note_edit.setObjectName("touchNote")
        self.note_edit.setPlaceholderText(_("optional"))
        self.form.addRow(_("&Channel:"), self.channel_box)
        self.form.addRow(_("&Outcome:"), self.outcome_box)
        self.form.addRow(_("&Note:"), self.note_edit)
        self.channel_box.currentIndexChanged.connect(self._fill_outcomes)
        self.channel_box.setCurrentIndex(max(0, self.channel_box.findData(channel)))
        self._fill_outcomes()
        if outcome:
            self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData(outcome)))
        self.show_error(error)
        self.channel_box.setFocus()

    def _fill_outcomes(self) -> None:
        self.outcome_box.clear()
        for code, label in OUTCOMES[Channel(self.channel)].items():
            self.outcome_box.addItem(_(label), code)

    @property
    def channel(self) -> str:
        return str(self.channel_box.currentData())

    @property
    def outcome(self) -> str:
        return str(self.outcome_box.currentData())

    @property
    def note(self) -> str:
        return self.note_edit.text().strip()


# The field's label in the form (with its mnemonic).
EDIT_LABELS = {
    "first_name": N_("&First name:"),
    "last_name": N_("&Last name:"),
    "company": N_("C&ompany:"),
    "title": N_("&Title:"),
    "email": N_("&E-mail:"),
    "phone": N_("&Phone:"),
    "country": N_("Co&untry:"),
    "company_size": N_("Company si&ze:"),
    "industry": N_("&Industry:"),
}


class EditLeadDialog(_LeadDialog):
    """Every correctable field, filled with the lead's values; only changed ones count."""

    def __init__(
        self,
        name: str,
        values: Mapping[str, str | None],
        parent: QWidget | None = None,
        *,
        typed: Mapping[str, str | None] | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__(
            name,
            _("Correct lead"),
            _(
                "Correct {name}. A changed phone is checked again; the history keeps "
                "the values before and after."
            ),
            parent,
        )
        self.setObjectName("editLeadDialog")
        self._values = {f: values.get(f) or "" for f in EDITABLE}
        self.edits: dict[str, QLineEdit] = {}
        shown = {**self._values, **{k: v or "" for k, v in (typed or {}).items()}}
        for field in EDITABLE:
            edit = QLineEdit(shown[field])
            edit.setObjectName("edit_" + field)
            self.edits[field] = edit
            self.form.addRow(_(EDIT_LABELS[field]), edit)
        self.show_error(error)
        self.edits["first_name"].setFocus()

    @property
    def changes(self) -> dict[str, str | None]:
        """The fields typed differently from the lead's values ("" clears one)."""
        typed = {f: e.text().strip() for f, e in self.edits.items()}
        return {f: v for f, v in typed.items() if v != self._values[f].strip()}

    def confirm(self) -> None:
        if not self.changes:
            self.show_error(_("Nothing was changed."))
            return
        self.accept()


class NurtureDialog(_LeadDialog):
    """When to contact the lead again (a date, at the start of their calling hours) and
    why."""

    def __init__(
        self,
        name: str,
        first_day: date,
        parent: QWidget | None = None,
        *,
        day: date | None = None,
        reason: str = "",
        error: str | None = None,
    ) -> None:
        super().__init__(
            name, _("Nurture lead"), _("Move {name} to nurture without a call:"), parent
        )
        self.setObjectName("nurtureDialog")
        self.date_edit = QDateEdit()
        self.date_edit.setObjectName("nurtureDate")
        self.date_edit.setCalendarPopup(True)
        self.date_edit.setMinimumDate(QDate(first_day.year, first_day.month, first_day.day))
        chosen = day or first_day + timedelta(days=89)
        self.date_edit.setDate(QDate(chosen.year, chosen.month, chosen.day))
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setObjectName("nurtureReason")
        self.reason_edit.setPlaceholderText(_("Why? (kept with the lead)"))
        self.form.addRow(_("Contact &again on:"), self.date_edit)
        self.form.addRow(_("&Why:"), self.reason_edit)
        self.show_error(error)
        self.reason_edit.setFocus()

    @property
    def day(self) -> date:
        return date.fromisoformat(self.date_edit.date().toString("yyyy-MM-dd"))

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def confirm(self) -> None:
        if not self.reason:
            self.show_error(_("Say why the lead is nurtured (it is kept with the lead)."))
            self.reason_edit.setFocus()
            return
        self.accept()


class LiftDoNotCallDialog(_LeadDialog):
    def __init__(
        self,
        name: str,
        parent: QWidget | None = None,
        *,
        reason: str = "",
        error: str | None = None,
    ) -> None:
        super().__init__(
            name,
            _("Lift do-not-call"),
            _("Let {name} be called again? Say why; the history keeps it."),
            parent,
        )
        self.setObjectName("liftDoNotCallDialog")
        self.reason_edit = QLineEdit(reason)
        self.reason_edit.setObjectName("liftReason")
        self.reason_edit.setPlaceholderText(_("e.g. the number had a typo and is corrected"))
        self.form.addRow(_("&Why:"), self.reason_edit)
        self.show_error(error)
        self.reason_edit.setFocus()

    @property
    def reason(self) -> str:
        return self.reason_edit.text().strip()

    def confirm(self) -> None:
        if not self.reason:
            self.show_error(_("Say why the lead may be called again."))
            return
        self.accept()
