"""Book or move a demo: the AE (round-robin suggestion), when (your time, with the lead's
beside it), how long, where, a note for the AE, and any e-mail address the invite still
needs. Warnings (outside the lead's business hours, the AE already busy) show as the SDR
types; saving with warnings takes a second press ("Book anyway"). The dialog only
collects; the controller saves, and reopens it with everything typed if saving fails.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PySide6.QtCore import QDateTime, QEvent, QObject, Qt, QTimeZone
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QListWidgetItem, QPushButton, QWidget

from sdrdesk.domain import emails, zones
from sdrdesk.domain.callbacks import weekday_from
from sdrdesk.domain.demos import (
    DEFAULT_DURATION_MINUTES,
    DURATION_CHOICES,
    DemoWarning,
    WarningKind,
    warnings_for,
)
from sdrdesk.gui import theme
from sdrdesk.gui.forms.ui_demo_dialog import Ui_DemoDialog
from sdrdesk.gui.models import formats
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.demos import DemoPlan, DemoRequest

ID_ROLE = Qt.ItemDataRole.UserRole
CANCEL_DEMO = 2  # the dialog's result when the SDR chose "Cancel demo…"


@dataclass(frozen=True)
class DemoDraft:
    """What the SDR typed, kept to reopen the dialog after a failed save."""

    ae_id: int | None
    starts_at: datetime
    duration_minutes: int
    location: str
    note: str
    include_handover: bool
    sdr_email: str = ""
    ae_email: str = ""
    lead_email: str = ""
    acknowledged: tuple[str, ...] = field(default=())


def _duration_text(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    if not hours:
        return _("{minutes} min").format(minutes=rest)
    if not rest:
        return _("{hours} h").format(hours=hours)
    return _("{hours} h {minutes} min").format(hours=hours, minutes=rest)


def default_start(plan: DemoPlan, sdr_zone: ZoneInfo) -> datetime:
    """The next weekday at 10:00 on the lead's clock (yours if theirs is unknown)."""
    tz = zones.zone(plan.lead.time_zone) or sdr_zone
    day = weekday_from(plan.now.astimezone(tz).date() + timedelta(days=1))
    return datetime.combine(day, time(10, 0), tzinfo=tz).astimezone(UTC)


class DemoDialog(QDialog):
    def __init__(
        self,
        plan: DemoPlan,
        sdr_zone: str,
        parent: QWidget | None = None,
        *,
        draft: DemoDraft | None = None,
        error: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.ui = Ui_DemoDialog()
        self.ui.setupUi(self)
        self.setObjectName("demoDialog")
        self.plan = plan
        self._zone_name = sdr_zone
        self._zone = ZoneInfo(sdr_zone)
        self._acknowledged: tuple[str, ...] = draft.acknowledged if draft else ()
        self._warnings: list[DemoWarning] = []
        ui = self.ui
        demo = plan.demo
        lead = plan.lead
        title = _("Move the demo of {lead}") if demo else _("Book a demo for {lead}")
        who = f"<b>{html.escape(lead.name)}</b>" + (
            f" · {html.escape(lead.company)}" if lead.company else ""
        )
        ui.demoLeadLabel.setText(title.format(lead=who))
        self.setWindowTitle(_("Move the demo") if demo else _("Book a demo"))
        ui.whenCaption.setText(_("&When (your time, {zone})").format(zone=sdr_zone))
        self._save = ui.demoButtons.button(QDialogButtonBox.StandardButton.Save)
        self._save.setObjectName("demoSave")
        self._save_text = _("Save changes") if demo else _("Book demo")
        self._save.setText(self._save_text)
        self.cancel_demo_button: QPushButton | None = None
        if demo is not None:
            button = ui.demoButtons.addButton(
                _("Cancel the demo…"), QDialogButtonBox.ButtonRole.DestructiveRole
            )
            button.setObjectName("cancelDemoButton")
            button.clicked.connect(lambda: self.done(CANCEL_DEMO))
            self.cancel_demo_button = button
        warning = ui.warningLabel
        theme.themed(
            warning, lambda: warning.setStyleSheet(theme.box_style("warning", "", "0.3em"))
        )
        theme.colour_text(ui.errorLabel, "error")
        ui.aeList.setMaximumHeight(theme.lines(ui.aeList, 6))
        ui.noteEdit.setMaximumHeight(theme.lines(ui.noteEdit, 4.5))
        self._fill(draft or self._draft_from_plan())
        ui.demoButtons.accepted.connect(self.confirm)
        ui.demoButtons.rejected.connect(self.reject)
        ui.aeList.currentItemChanged.connect(lambda *_: self._changed())
        ui.demoDateTime.dateTimeChanged.connect(lambda *_: self._changed())
        ui.durationBox.currentIndexChanged.connect(lambda *_: self._changed())
        for widget in (ui.noteEdit, ui.locationEdit, ui.aeList):
            widget.installEventFilter(self)
        self._show_error(error)
        self._changed()
        ui.demoDateTime.setFocus()

    # --- filling -----------------------------------------------------------------------

    def _draft_from_plan(self) -> DemoDraft:
        plan, demo = self.plan, self.plan.demo
        if demo is not None:
            return DemoDraft(
                demo.ae.id,
                demo.starts_at,
                demo.duration_minutes,
                demo.location or "",
                demo.note or "",
                demo.include_handover,
            )
        return DemoDraft(
            plan.suggested_ae_id,
            default_start(plan, self._zone),
            DEFAULT_DURATION_MINUTES,
            "",
            "",
            True,
        )

    def _fill(self, draft: DemoDraft) -> None:
        ui = self.ui
        for ae in self.plan.aes:
            count = ngettext("{n} upcoming demo", "{n} upcoming demos", ae.upcoming).format(
                n=formats.number(ae.upcoming)
            )
            text = f"{ae.display_name} — {count}"
            if ae.suggested:
                text += _(" · suggested")
            item = QListWidgetItem(text)
            item.setData(ID_ROLE, ae.id)
            ui.aeList.addItem(item)
            if ae.id == draft.ae_id:
                ui.aeList.setCurrentItem(item)
        ui.aeList.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        ui.aeList.setToolTip(_("Suggested: the AE with the fewest upcoming demos"))
        if ui.aeList.currentItem() is None and ui.aeList.count():
            ui.aeList.setCurrentRow(0)
        qzone = QTimeZone(self._zone_name.encode())
        ui.demoDateTime.setTimeZone(qzone)
        ui.demoDateTime.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(draft.starts_at.timestamp()), qzone)
        )
        for minutes in sorted({*DURATION_CHOICES, draft.duration_minutes}):
            ui.durationBox.addItem(_duration_text(minutes), minutes)
        ui.durationBox.setCurrentIndex(ui.durationBox.findData(draft.duration_minutes))
        ui.locationEdit.setText(draft.location)
        ui.noteEdit.setPlainText(draft.note)
        ui.handoverCheck.setChecked(draft.include_handover)
        ui.handoverCheck.setToolTip(
            _("The invite goes to the lead as well: everyone invited can read its description.")
        )
        ui.handoverLabel.setText(self._handover_text())
        needs_sdr = not emails.is_valid_email(self.plan.sdr.email)
        self._show_row(ui.sdrEmailCaption, ui.sdrEmailEdit, needs_sdr)
        ui.sdrEmailEdit.setText(draft.sdr_email or (self.plan.sdr.email or ""))
        needs_lead = not self.plan.lead_email_valid
        self._show_row(ui.leadEmailCaption, ui.leadEmailEdit, needs_lead)
        ui.leadEmailEdit.setText(draft.lead_email or (self.plan.lead.email or ""))
        ui.aeEmailEdit.setText(draft.ae_email)

    def _handover_text(self) -> str:
        handover = self.plan.handover
        if handover is None or not (handover.answers or handover.grade or handover.notes):
            return _("No qualification recorded yet: the invite says so and keeps your note.")
        grade = handover.grade or _("not graded yet")
        answers = len(handover.answers)
        if handover.notes.strip():
            text = ngettext(
                "Hand-over: grade {grade}, {n} answer, call notes. Everyone invited can read it.",
                "Hand-over: grade {grade}, {n} answers, call notes. Everyone invited can read it.",
                answers,
            )
        else:
            text = ngettext(
                "Hand-over: grade {grade}, {n} answer. Everyone invited can read it.",
                "Hand-over: grade {grade}, {n} answers. Everyone invited can read it.",
                answers,
            )
        return text.format(grade=grade, n=formats.number(answers))

    @staticmethod
    def _show_row(caption: QWidget, editor: QWidget, visible: bool) -> None:
        caption.setVisible(visible)
        editor.setVisible(visible)

    # --- what the dialog collected ---------------------------------------------------

    @property
    def ae_id(self) -> int | None:
        item = self.ui.aeList.currentItem()
        return int(item.data(ID_ROLE)) if item is not None else None

    @property
    def starts_at(self) -> datetime:
        seconds = self.ui.demoDateTime.dateTime().toSecsSinceEpoch()
        return datetime.fromtimestamp(seconds, UTC)

    @property
    def duration_minutes(self) -> int:
        return int(self.ui.durationBox.currentData())

    def set_start(self, local: datetime) -> None:
        """Set the time (for tests and the keyboard-less): an aware datetime."""
        qzone = QTimeZone(self._zone_name.encode())
        self.ui.demoDateTime.setDateTime(
            QDateTime.fromSecsSinceEpoch(int(local.timestamp()), qzone)
        )

    def select_ae(self, ae_id: int) -> None:
        for row in range(self.ui.aeList.count()):
            item = self.ui.aeList.item(row)
            if item.data(ID_ROLE) == ae_id:
                self.ui.aeList.setCurrentItem(item)

    def draft(self) -> DemoDraft:
        ui = self.ui
        return DemoDraft(
            self.ae_id,
            self.starts_at,
            self.duration_minutes,
            ui.locationEdit.text(),
            ui.noteEdit.toPlainText(),
            ui.handoverCheck.isChecked(),
            ui.sdrEmailEdit.text() if ui.sdrEmailEdit.isVisibleTo(self) else "",
            ui.aeEmailEdit.text() if ui.aeEmailEdit.isVisibleTo(self) else "",
            ui.leadEmailEdit.text() if ui.leadEmailEdit.isVisibleTo(self) else "",
            self._acknowledged,
        )

    def request(self) -> DemoRequest:
        draft = self.draft()
        overlaps = frozenset(
            w.demo_id for w in self._warnings if w.kind is WarningKind.OVERLAP and w.demo_id
        )
        assert draft.ae_id is not None
        return DemoRequest(
            ae_id=draft.ae_id,
            starts_at=draft.starts_at,
            duration_minutes=draft.duration_minutes,
            location=draft.location,
            note=draft.note,
            time_zone=self._zone_name,
            include_handover=draft.include_handover,
            organizer_email=draft.sdr_email.strip() or None,
            ae_email=draft.ae_email.strip() or None,
            lead_email=draft.lead_email.strip() or None,
            accepted_overlaps=overlaps,
        )

    @property
    def warnings(self) -> list[DemoWarning]:
        return list(self._warnings)

    # --- behaviour -------------------------------------------------------------------

    def _changed(self) -> None:
        ae = next((a for a in self.plan.aes if a.id == self.ae_id), None)
        needs_ae = ae is not None and not emails.is_valid_email(ae.email)
        self._show_row(self.ui.aeEmailCaption, self.ui.aeEmailEdit, needs_ae)
        if needs_ae and ae is not None:
            self.ui.aeEmailEdit.setPlaceholderText(
                _("{name} has no e-mail address yet").format(name=ae.display_name)
            )
        self.ui.leadTimeLabel.setText(self._lead_time_text())
        self._warnings = warnings_for(
            starts_at=self.starts_at,
            duration_minutes=self.duration_minutes,
            ae_id=self.ae_id,
            ae_name=ae.display_name if ae else "",
            lead_zone=self.plan.lead.time_zone,
            business_hours=self.plan.business_hours,
            slots=self.plan.slots,
            exclude_demo_id=self.plan.demo.id if self.plan.demo else None,
            display_zone=self._zone,
        )
        self.ui.warningLabel.setText("\n".join("⚠ " + w.message for w in self._warnings))
        self.ui.warningLabel.setVisible(bool(self._warnings))
        acknowledged = self._messages() == self._acknowledged and bool(self._warnings)
        self._save.setText(_("Book anyway") if acknowledged else self._save_text)

    def _lead_time_text(self) -> str:
        zone_name = self.plan.lead.time_zone
        tz = zones.zone(zone_name)
        if tz is None:
            return _("The lead's time zone is unknown.")
        start = self.starts_at.astimezone(tz)
        end = start + timedelta(minutes=self.duration_minutes)
        when = f"{formats.day_date_time(start)}–{formats.clock_time(end)}"
        return _("Lead's time: {when} ({zone})").format(when=when, zone=zone_name)

    def _messages(self) -> tuple[str, ...]:
        return tuple(w.message for w in self._warnings)

    def confirm(self) -> None:
        ui = self.ui
        if self.ae_id is None:
            self._show_error(_("Choose the account executive."))
            ui.aeList.setFocus()
            return
        if self.starts_at <= self.plan.now:
            self._show_error(_("The demo must start in the future."))
            ui.demoDateTime.setFocus()
            return
        for edit, missing in (
            (ui.sdrEmailEdit, _("Enter your e-mail address for the invite.")),
            (ui.aeEmailEdit, _("Enter the AE's e-mail address for the invite.")),
            (ui.leadEmailEdit, _("Enter the lead's e-mail address for the invite.")),
        ):
            if edit.isVisibleTo(self) and not emails.is_valid_email(edit.text()):
                self._show_error(missing)
                edit.setFocus()
                return
        if self._warnings and self._messages() != self._acknowledged:
            self._acknowledged = self._messages()
            self._save.setText(_("Book anyway"))
            self._show_error(_("Check the warnings above, then press “Book anyway”."))
            self._save.setFocus()
            return
        self.accept()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
                event.modifiers() & Qt.KeyboardModifier.ControlModifier
            ):
                self.confirm()  # Ctrl+Enter saves from any field
                return True
        return super().eventFilter(watched, event)

    def _show_error(self, message: str | None) -> None:
        self.ui.errorLabel.setText(message or "")
        self.ui.errorLabel.setVisible(bool(message))
