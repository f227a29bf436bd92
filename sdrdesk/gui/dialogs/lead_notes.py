"""The small dialogs of working a lead outside a call: a note, a touch on another
channel (e-mail, LinkedIn, meeting) with its outcome, a correction of the lead's
contact data, nurturing it, and (managers) lifting do-not-call. Each keeps what was
typed and shows why a save failed, in red."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from PySide6.QtCore import QDate, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from sdrdesk.domain.corrections import EDITABLE
from sdrdesk.domain.email_templates import EmailTemplate, mailto_url, render
from sdrdesk.domain.touches import OUTCOMES, Channel
from sdrdesk.gui import theme
from sdrdesk.i18n import N_, _


class _LeadDialog(QDialog):
    """Title, a line naming the lead, the fields, a red error line, Save/Cancel."""

    def __init__(self, name: str, title: str, intro: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.setMinimumWidth(theme.chars(self, 55))
        self._layout = QVBoxLayout(self)
        label = QLabel(intro.format(name=name))
        label.setWordWrap(True)
        label.setObjectName("leadDialogIntro")
        self._layout.addWidget(label)
        self.form = QFormLayout()
        self._layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setObjectName("leadDialogError")
        theme.colour_text(self.error, "error")
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


def open_url(url: QUrl) -> bool:
    """Hand ``url`` to the desktop (the mail program for ``mailto:``)."""
    return bool(QDesktopServices.openUrl(url))


@dataclass(frozen=True)
class Mail:
    """What the touch dialog needs to write an e-mail from a template."""

    to: str | None
    values: Mapping[str, str | None]  # the placeholders' values
    language: str  # the lead's
    templates: tuple[EmailTemplate, ...]


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
        mail: Mail | None = None,
    ) -> None:
        super().__init__(
            name, _("Log touch"), _("A touch with {name} (it counts as an attempt):"), parent
        )
        self._mail = mail
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
        self.template_box = QComboBox()
        self.template_box.setObjectName("touchTemplate")
        self.write_button = QPushButton(_("&Write in the mail program"))
        self.write_button.setObjectName("touchWriteMail")
        self.write_button.setAutoDefault(False)
        self.write_button.clicked.connect(self.write_mail)
        mail_row = QHBoxLayout()
        mail_row.addWidget(self.template_box, 1)
        mail_row.addWidget(self.write_button)
        self.mail_label = QLabel(_("&Template:"))
        self.mail_label.setBuddy(self.template_box)
        self.form.addRow(self.mail_label, mail_row)
        for template in mail.templates if mail else ():
            self.template_box.addItem(_(template.name), template.id)
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
        by_mail = self.channel == Channel.EMAIL and self._mail is not None
        for widget in (self.mail_label, self.template_box, self.write_button):
            widget.setVisible(by_mail)
        if by_mail and self._mail is not None and not self._mail.to:
            self.write_button.setEnabled(False)
            self.write_button.setToolTip(_("The lead has no e-mail address."))

    def mail_url(self) -> str | None:
        """The chosen template for this lead, in the lead's language, as ``mailto:``."""
        mail = self._mail
        chosen = self.template_box.currentData()
        template = next((t for t in mail.templates if t.id == chosen), None) if mail else None
        if mail is None or template is None:
            return None
        subject, body = render(template, mail.values, mail.language)
        return mailto_url(mail.to, subject, body)

    def write_mail(self) -> None:
        url = self.mail_url()
        if url is None:
            return
        if not open_url(QUrl(url)):
            self.show_error(_("No mail program opened the e-mail; is one set up?"))
            return
        self.outcome_box.setCurrentIndex(max(0, self.outcome_box.findData("sent")))
        self.show_error(None)

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
    "product": N_("P&roduct:"),
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
        products: tuple[str, ...] = (),
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
        product = self.edits["product"]
        product.setCompleter(QCompleter(list(products), product))
        product.setPlaceholderText(_("empty: the team's default"))
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
