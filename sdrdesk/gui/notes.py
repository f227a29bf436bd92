"""Notes, touches and corrections from the lead panel (``actionAddNote``,
``actionLogTouch``, ``actionEditLead``); disqualifying or nurturing an accepted lead
without a call (``actionDisqualify``, ``actionNurture``); a manager lifting do-not-call
(``actionLiftDoNotCall``).

Each opens its dialog for the selected lead and saves in the background. A save that
fails for bad input brings the dialog back with what was typed and why; a lost race
(someone else works the lead now) says who, in the banner, and reloads the lead.
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from datetime import UTC, timedelta
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from sdrdesk.domain.callbacks import recontact_time, weekday_from
from sdrdesk.domain.email_templates import language_for, load_templates
from sdrdesk.domain.errors import ConflictError, ValidationError
from sdrdesk.domain.lifecycle import ReasonStage
from sdrdesk.domain.zones import zone
from sdrdesk.gui.dialogs.lead_notes import (
    EditLeadDialog,
    LiftDoNotCallDialog,
    Mail,
    NoteDialog,
    NurtureDialog,
    TouchDialog,
)
from sdrdesk.gui.dialogs.reject_dialog import RejectDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.statusbar.undo import UndoOffer
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.services.queue import QueueRow
from sdrdesk.services.results import LeadDetail, ReasonInfo

# What a confirmed dialog leaves: the save (given the user's id, run in the background)
# and the retry (given why it failed: the dialog again, with what was typed).
_Prepared = tuple[Callable[[int], Any], Callable[[str], None]]


class NotesController(QObject):
    saved = Signal(int)  # the lead's id, once a note, touch or correction is saved
    undoable = Signal(object)  # an UndoOffer: a correction Ctrl+Z takes back for a while

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._services = services
        self.dialog: QDialog | None = None  # the one open (tests reach it here)

    # --- note -----------------------------------------------------------------------------

    def add_note_current(self, *, text: str = "", error: str | None = None) -> None:
        row = self._target()
        if row is None:
            return
        dialog = NoteDialog(row.lead.name, self._host.dialog_parent(), text=text, error=error)
        op = str(uuid.uuid4())

        def prepare() -> _Prepared:
            typed = dialog.text
            return (
                lambda user_id: self._services.notes.add_note(
                    row.lead.id, typed, actor_id=user_id, op_id=op
                ),
                lambda error_: self.add_note_current(text=typed, error=error_),
            )

        self._open(dialog, row, prepare, _("Added a note to {name}."))

    # --- touch ----------------------------------------------------------------------------

    def log_touch_current(self, **kept: Any) -> None:
        row = self._target()
        if row is None:
            return
        dialog = TouchDialog(
            row.lead.name, self._host.dialog_parent(), mail=self._mail(row), **kept
        )
        op = str(uuid.uuid4())

        def prepare() -> _Prepared:
            channel, outcome, note = dialog.channel, dialog.outcome, dialog.note
            return (
                lambda user_id: self._services.notes.log_touch(
                    row.lead.id,
                    channel=channel,
                    outcome=outcome,
                    note=note,
                    actor_id=user_id,
                    op_id=op,
                ),
                lambda error_: self.log_touch_current(
                    channel=channel, outcome=outcome, note=note, error=error_
                ),
            )

        self._open(dialog, row, prepare, _("Logged the touch with {name}."))

    def _mail(self, row: QueueRow) -> Mail | None:
        try:
            templates = load_templates()
        except ValidationError as exc:
            self._host.notify(str(exc))
            return None
        lead, user = row.lead, self._host.user
        values = {
            "first_name": lead.first_name,
            "last_name": lead.last_name,
            "name": None,  # from the first and last name (never the e-mail)
            "company": lead.company,
            "title": lead.title,
            "sender": user.display_name if user else None,
        }
        return Mail(lead.email, values, language_for(lead.country), templates)

    # --- correction -----------------------------------------------------------------------

    def edit_current(self) -> None:
        row = self._target()
        if row is None:
            return
        lead_id = row.lead.id
        self._host.background.run(
            lambda: self._services.leads.get(lead_id),
            lambda detail: self._edit(row, detail),
            lambda exc: self._host.show_error(exc, _("Loading the lead")),
        )

    def _edit(
        self,
        row: QueueRow,
        detail: LeadDetail,
        typed: dict[str, str | None] | None = None,
        error: str | None = None,
    ) -> None:
        lead = detail.summary
        values = {
            "first_name": lead.first_name,
            "last_name": lead.last_name,
            "company": lead.company,
            "title": lead.title,
            "email": lead.email,
            "phone": detail.phone_raw or lead.phone_e164,
            "country": lead.country,
            "company_size": detail.company_size,
            "industry": detail.industry,
            "product": detail.product,
        }
        catalog = self._services.ctx.products
        dialog = EditLeadDialog(
            row.lead.name,
            values,
            self._host.dialog_parent(),
            typed=typed,
            error=error,
            products=tuple(n for p in catalog.products for n in (p.name, p.label)),
        )
        op = str(uuid.uuid4())

        def prepare() -> _Prepared:
            changes = dialog.changes
            return (
                lambda user_id: self._services.corrections.edit(
                    row.lead.id, changes, actor_id=user_id, op_id=op
                ),
                lambda error_: self._edit(row, detail, changes, error_),
            )

        self._open(dialog, row, prepare, _("Corrected {name}."), self._corrected)

    def _corrected(self, row: QueueRow, result: object) -> None:
        """A correction saved: Ctrl+Z (or the status bar's Undo) takes it back for the
        undo window, as a correction of its own."""
        corrections, event_id = self._services.corrections, getattr(result, "event_id", None)
        if not isinstance(event_id, int):
            return
        name = row.lead.name
        self.undoable.emit(
            UndoOffer(
                row.lead.id,
                _("Corrected {name}. Undo: Ctrl+Z").format(name=name),
                lambda user_id, op_id: corrections.undo(event_id, actor_id=user_id, op_id=op_id),
                _("Undone: the correction of {name}.").format(name=name),
                reload=False,
            )
        )

    # --- disqualify, nurture, lift do-not-call ---------------------------------------------

    def disqualify_current(
        self, *, code: str | None = None, comment: str = "", error: str | None = None
    ) -> None:
        row = self._target()
        if row is None:
            return
        self._host.background.run(
            lambda: self._services.reasons.list_reasons(ReasonStage.DISQUALIFY),
            lambda reasons: self._disqualify(row, reasons, code, comment, error),
            lambda exc: self._host.show_error(exc, _("Loading the reasons")),
        )

    def _disqualify(
        self,
        row: QueueRow,
        reasons: list[ReasonInfo],
        code: str | None,
        comment: str,
        error: str | None,
    ) -> None:
        dialog = RejectDialog(
            reasons,
            row.lead.name,
            self._host.dialog_parent(),
            reason_code=code,
            comment=comment,
            error=error,
        )
        dialog.setObjectName("disqualifyDialog")
        dialog.setWindowTitle(_("Disqualify lead"))
        dialog.ui.rejectLeadLabel.setText(
            _("Disqualify <b>{name}</b>").format(name=html.escape(row.lead.name))
        )
        ok = dialog.ui.rejectButtons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(_("Disqualify"))
        op = str(uuid.uuid4())

        def prepare() -> _Prepared:
            chosen, typed = dialog.reason_code, dialog.comment
            return (
                lambda user_id: self._services.triage.disqualify(
                    row.lead.id,
                    actor_id=user_id,
                    reason_code=chosen,
                    comment=typed,
                    expected_version=row.lead.version,
                    op_id=op,
                ),
                lambda error_: self.disqualify_current(code=chosen, comment=typed, error=error_),
            )

        self._open(dialog, row, prepare, _("Disqualified {name}."))

    def nurture_current(self, **kept: Any) -> None:
        row = self._target()
        if row is None:
            return
        lead_zone = zone(row.lead.time_zone) or UTC
        today = self._services.ctx.now().astimezone(lead_zone).date()
        dialog = NurtureDialog(
            row.lead.name,
            weekday_from(today + timedelta(days=1)),
            self._host.dialog_parent(),
            **kept,
        )
        start = self._services.ctx.rules.calling_hours_start
        op = str(uuid.uuid4())

        def prepare() -> _Prepared:
            day, reason = dialog.day, dialog.reason
            when = recontact_time(day, lead_zone, start)
            return (
                lambda user_id: self._services.triage.nurture(
                    row.lead.id,
                    actor_id=user_id,
                    recontact_at=when,
                    comment=reason,
                    expected_version=row.lead.version,
                    op_id=op,
                ),
                lambda error_: self.nurture_current(day=day, reason=reason, error=error_),
            )

        self._open(dialog, row, prepare, _("Moved {name} to nurture."))

    def lift_do_not_call_current(self, *, reason: str = "", error: str | None = None) -> None:
        row = self._target()
        if row is None:
            return
        dialog = LiftDoNotCallDialog(
            row.lead.name, self._host.dialog_parent(), reason=reason, error=error
        )
        op = str(uuid.uuid4())

        def prepare() -> _Prepared:
            typed = dialog.reason
            return (
                lambda user_id: self._services.corrections.lift_do_not_call(
                    row.lead.id, typed, actor_id=user_id, op_id=op
                ),
                lambda error_: self.lift_do_not_call_current(reason=typed, error=error_),
            )

        self._open(dialog, row, prepare, _("{name} may be called again."))

    # --- shared ---------------------------------------------------------------------------

    def _target(self) -> QueueRow | None:
        row = self._host.queue.current_row()
        if row is None or self._host.user is None:
            self._host.notify(_("Select a lead first."))
            return None
        return row

    def _open(
        self,
        dialog: QDialog,
        row: QueueRow,
        prepare: Callable[[], _Prepared],
        done: str,
        then: Callable[[QueueRow, object], None] | None = None,
    ) -> None:
        """Open ``dialog``; once confirmed, ``prepare`` reads what was typed (here, in the
        GUI thread, before the dialog goes) into the save and the retry."""
        self.dialog = dialog

        def finished(code: int) -> None:
            self.dialog = None
            user = self._host.user
            if code != QDialog.DialogCode.Accepted or user is None:
                dialog.deleteLater()
                return
            save, retry = prepare()
            dialog.deleteLater()
            self._host.background.run(
                lambda: save(user.id),
                lambda result: self._saved(row, done, result, then),
                lambda exc: self._failed(exc, row, retry),
            )

        dialog.finished.connect(finished)
        dialog.open()

    def _saved(
        self,
        row: QueueRow,
        done: str,
        result: object = None,
        then: Callable[[QueueRow, object], None] | None = None,
    ) -> None:
        self._host.notify(done.format(name=row.lead.name))
        self.saved.emit(row.lead.id)
        if then is not None:
            then(row, result)

    def _failed(self, exc: Exception, row: QueueRow, retry: Callable[[str], None]) -> None:
        if isinstance(exc, ValidationError) and not isinstance(exc, ConflictError):
            self._host.queue.select_lead(row.lead.id)
            retry(str(exc))  # nothing typed is lost
            return
        self._host.show_error(exc, _("Saving {name}").format(name=row.lead.name))
        self._host.lead_changed(row.lead.id)
