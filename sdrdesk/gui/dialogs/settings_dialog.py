"""Edit › Settings (Ctrl+,): everything settings.json holds, in tabs, checked as it is typed.

A value that is wrong says why under its field and keeps OK disabled; each file (SAL
criteria, call script, assignment rules) says what its loader made of it ("OK: 5
criteria", or the error with its line). The team database is a URL without its
password; the password goes in its own field and from there to the system keyring,
never to the file. The dialog only collects: ``save`` (the controller's) writes, and a
refusal (the keyring, the disk) is shown here with the dialog left open. Escape or
Cancel writes nothing.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sdrdesk import i18n
from sdrdesk.domain.errors import SdrdeskError, ValidationError
from sdrdesk.gui import theme
from sdrdesk.gui.dialogs import settings_checks as checks
from sdrdesk.i18n import _, pgettext
from sdrdesk.settings import Settings, team_database

SaveSettings = Callable[[Settings, str | None], None]  # the settings, a password (or None)
FILES = (  # (kind, the setting, its label)
    ("criteria", "sal_criteria_file", i18n.N_("&SAL criteria:")),
    ("script", "call_script_file", i18n.N_("Call &script:")),
    ("assignment", "assignment_rules_file", i18n.N_("&Assignment rules:")),
    ("products", "products_file", i18n.N_("&Products:")),
)


def _spin(low: int, high: int, value: int, suffix: str = "") -> QSpinBox:
    box = QSpinBox()
    box.setRange(low, high)
    box.setValue(value)
    box.setSuffix(suffix)
    return box


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, save: SaveSettings, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self.setWindowTitle(_("Settings"))
        self._settings, self._save = settings, save
        self._errors: dict[str, QLabel] = {}
        self._forms: dict[str, QFormLayout] = {}
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("settingsTabs")
        self.tabs.setUsesScrollButtons(False)  # every tab in sight: the dialog as wide
        self._titles: list[str] = []
        self._tab_of: dict[str, int] = {}  # a field's tab
        s = settings
        # General
        general = self._tab("general", _("&General"))
        self.user = QLineEdit(s.user or "")
        self.user.setPlaceholderText(_("asked for at the next start"))
        self._row(general, _("&User name:"), self.user, "user")
        self.language = QComboBox()
        self.language.addItem(
            _("System language ({language})").format(
                language=i18n.LANGUAGES[i18n.system_language()]
            ),
            None,
        )
        for code, name in i18n.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(s.language)))
        self._row(general, _("&Language:"), self.language, "language")
        self.region = QLineEdit(s.default_region)
        self.region.setMaxLength(2)
        self.region.setToolTip(_("For phone numbers without a country code, e.g. DE or US."))
        self._row(general, _("Default &region:"), self.region, "region")
        # Calling
        calling = self._tab("calling", _("&Calling"))
        hours = QWidget()
        row = QHBoxLayout(hours)
        row.setContentsMargins(0, 0, 0, 0)
        self.hours_start = _spin(0, 24, s.calling_hours_start, _(" h"))
        self.hours_end = _spin(0, 24, s.calling_hours_end, _(" h"))
        self.hours_start.setAccessibleName(_("Calling hours from"))
        self.hours_end.setAccessibleName(_("Calling hours to"))
        row.addWidget(self.hours_start)
        row.addWidget(QLabel(_("to")))
        row.addWidget(self.hours_end)
        row.addStretch(1)
        self._row(calling, _("Calling &hours:"), hours, "hours", buddy=self.hours_start)
        self.speed = _spin(1, 7 * 24 * 60, s.speed_to_lead_minutes, _(" min"))
        self._row(calling, _("S&peed-to-lead target:"), self.speed, "speed")
        self.undo = _spin(0, 600, s.undo_seconds, _(" s"))
        self._row(calling, _("&Undo for:"), self.undo, "undo")
        self.reminder = _spin(0, 24 * 60, s.reminder_minutes, _(" min before"))
        self.reminder.setSpecialValueText(_("no reminder"))
        self._row(calling, _("&Reminders:"), self.reminder, "reminder")
        # Notifications
        notes = self._tab("notifications", _("&Notifications"))
        self.muted = QCheckBox(_("&Mute notifications"))
        self.muted.setChecked(s.notifications_muted)
        notes.addRow(self.muted)
        self.min_score = _spin(0, 100, s.notify_min_score)
        self._row(notes, _("Pool leads from &score:"), self.min_score, "min_score")
        # Files
        files = self._tab("files", _("&Files"))
        self.files: dict[str, QLineEdit] = {}
        self.file_status: dict[str, QLabel] = {}
        for kind, key, label in FILES:
            self._file_row(files, kind, _(label), getattr(s, key) or "")
        # Team database
        team = self._tab("database", _("&Team database"))
        self.url = QLineEdit(s.database_url or "")
        self.url.setPlaceholderText("postgresql://anna@db.example.com/sales")
        self._row(team, _("Database &URL:"), self.url, "url")
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setPlaceholderText(_("unchanged"))
        self._row(team, _("Pass&word:"), self.password, "password")
        note = QLabel(
            _(
                "Without a URL the local file is used. A changed database is opened at the "
                "next start of sdrdesk. The password is stored in the system keyring, "
                "never in the settings file."
            )
        )
        note.setWordWrap(True)
        theme.colour_text(note, "hint")
        team.addRow(note)
        # Webhooks
        hooks = self._tab("webhooks", _("&Webhooks"))
        self.retry = QDoubleSpinBox()
        self.retry.setRange(0.5, 24 * 30)
        self.retry.setValue(s.webhook_retry_hours)
        self.retry.setSuffix(pgettext("duration", " h"))
        self._row(hooks, _("Retry for &up to:"), self.retry, "retry")
        self.timeout = QDoubleSpinBox()
        self.timeout.setRange(1, 300)
        self.timeout.setValue(s.webhook_timeout_seconds)
        self.timeout.setSuffix(_(" s"))
        self._row(hooks, _("&Timeout:"), self.timeout, "timeout")
        self.dispatch = QCheckBox(_("Send webhooks from this &window (when no intake serve runs)"))
        self.dispatch.setChecked(s.webhook_dispatch_in_window)
        hooks.addRow(self.dispatch)

        self.error = QLabel()
        self.error.setObjectName("settingsError")
        self.error.setWordWrap(True)
        self.error.setVisible(False)
        theme.colour_text(self.error, "error")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        for edit in (self.user, self.region, self.url, self.password, *self.files.values()):
            edit.textChanged.connect(self.check)
        for box in (self.hours_start, self.hours_end, self.speed, self.undo, self.reminder):
            box.valueChanged.connect(self.check)
        theme.themed(self, self.check)  # again when the palette turns dark or light

    # --- building -------------------------------------------------------------------------

    def _tab(self, name: str, title: str) -> QFormLayout:
        page = QWidget()
        page.setObjectName(f"settings_{name}")
        form = QFormLayout(page)
        self.tabs.addTab(page, title)
        self._titles.append(title)
        self._forms[name] = form
        return form

    def _row(
        self, form: QFormLayout, text: str, field: QWidget, name: str, buddy: QWidget | None = None
    ) -> None:
        field.setObjectName(f"settings_{name}")
        label = QLabel(text)
        label.setBuddy(buddy or field)
        form.addRow(label, field)
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        theme.colour_text(error, "error")
        form.addRow("", error)
        form.setRowVisible(error, False)
        self._errors[name] = error
        self._tab_of[name] = len(self._titles) - 1

    def _file_row(self, form: QFormLayout, kind: str, text: str, value: str) -> None:
        edit = QLineEdit(value)
        edit.setObjectName(f"settings_{kind}")
        edit.setPlaceholderText(_("built-in default"))
        browse = QPushButton(_("Choose…"))
        browse.setObjectName(f"browse_{kind}")
        browse.clicked.connect(lambda: self._browse(edit))
        row = QHBoxLayout()
        row.addWidget(edit, 1)
        row.addWidget(browse)
        label = QLabel(text)
        label.setBuddy(edit)
        form.addRow(label, row)
        status = QLabel()
        status.setObjectName(f"status_{kind}")
        status.setWordWrap(True)
        form.addRow("", status)
        self.files[kind], self.file_status[kind] = edit, status
        self._tab_of[kind] = len(self._titles) - 1

    def _browse(self, edit: QLineEdit) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, _("Choose a file"), edit.text(), _("TOML files (*.toml);;All files (*)")
        )
        if path:
            edit.setText(path)

    # --- checking -------------------------------------------------------------------------

    def problems(self) -> dict[str, str]:
        """What is wrong now, by field; each one also shown under its field."""
        found: dict[str, str | None] = {
            "user": checks.user_error(self.user.text()),
            "region": checks.value_error(default_region=self.region.text().strip().upper()),
            "hours": checks.value_error(
                calling_hours_start=self.hours_start.value(),
                calling_hours_end=self.hours_end.value(),
            ),
        }
        try:
            takes_password = bool(team_database(self.url.text()))
            found["url"] = None
        except ValidationError as exc:
            takes_password, found["url"] = False, str(exc)
        self.password.setEnabled(takes_password)
        if self.password.text() and not takes_password and not found["url"]:
            found["password"] = _("A password needs a postgresql:// URL with a user name.")
        for name, error in self._errors.items():
            message = found.get(name)
            error.setText(message or "")
            form = next(f for f in self._forms.values() if f.indexOf(error) >= 0)
            form.setRowVisible(error, bool(message))
        for kind, edit in self.files.items():
            good, said = checks.check_file(kind, edit.text())
            status = self.file_status[kind]
            status.setText(said)
            status.setStyleSheet(theme.text_style("success" if good else "error"))
            if not good:
                found[kind] = said
        wrong = {k: v for k, v in found.items() if v}
        marked = {self._tab_of[k] for k in wrong}
        for index, title in enumerate(self._titles):  # a tab with a mistake says so
            self.tabs.setTabText(index, title + (" ⚠" if index in marked else ""))
        return wrong

    def check(self) -> None:
        self.ok.setEnabled(not self.problems())

    # --- the result -----------------------------------------------------------------------

    def settings(self) -> Settings:
        """The settings as typed (the ones this dialog does not show kept as they were)."""
        files = {key: self.files[kind].text().strip() or None for kind, key, _l in FILES}
        return dataclasses.replace(
            self._settings,
            user=self.user.text().strip() or None,
            language=self.language.currentData(),
            default_region=self.region.text().strip().upper(),
            calling_hours_start=self.hours_start.value(),
            calling_hours_end=self.hours_end.value(),
            speed_to_lead_minutes=self.speed.value(),
            undo_seconds=self.undo.value(),
            reminder_minutes=self.reminder.value(),
            notifications_muted=self.muted.isChecked(),
            notify_min_score=self.min_score.value(),
            database_url=self.url.text().strip() or None,
            webhook_retry_hours=self.retry.value(),
            webhook_timeout_seconds=self.timeout.value(),
            webhook_dispatch_in_window=self.dispatch.isChecked(),
            extra=dict(self._settings.extra),
            **files,
        )

    def accept(self) -> None:
        if self.problems():
            return
        try:
            self._save(self.settings(), self.password.text() or None)
        except (SdrdeskError, OSError) as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return
        super().accept()
