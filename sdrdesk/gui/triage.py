"""Accept, reject and undo from the queue, optimistically.

The lead leaves the queue and the next one is selected at once; the write runs in the
background. If it fails, the lead comes back where it was, the reason and comment the
SDR gave are offered again, and the window says why. A lost race (someone else got
there first) reloads the queue instead, with a message naming who.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QDialog

from sdrdesk.domain.errors import ConflictError, IllegalTransitionError, ValidationError
from sdrdesk.domain.lifecycle import ReasonStage, Status
from sdrdesk.gui.dialogs.reject_dialog import RejectDialog
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.statusbar.undo import UndoOffer
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.services.leads import TriageResult
from sdrdesk.services.queue import QueueRow
from sdrdesk.services.results import ReasonInfo


class TriageController(QObject):
    triaged = Signal(object)  # TriageResult, after it is saved
    undo_available = Signal(str)  # text for the status bar, "" when gone
    latency_ms = Signal(float)  # keystroke-to-next-lead, for benchmarks

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._triage = services.triage
        self._reasons_service = services.reasons
        self._reasons: list[ReasonInfo] = []
        self._ctx = services.ctx  # its rules may change in the settings while we run
        self._undoable: UndoOffer | None = None
        self._undo_timer = QTimer(self)
        self._undo_timer.setSingleShot(True)
        self._undo_timer.timeout.connect(self._expire_undo)
        self.reject_dialog: RejectDialog | None = None
        self._pending_select = 0
        self._reasons_loading = False
        self._reject_waiting: int | None = None  # lead to reject once the reasons arrive

    def load_reasons(self) -> None:
        if self._reasons_loading:
            return
        self._reasons_loading = True
        self._host.background.run(
            lambda: self._reasons_service.list_reasons(ReasonStage.REJECT),
            self._set_reasons,
            self._reasons_failed,
        )

    def _set_reasons(self, reasons: list[ReasonInfo]) -> None:
        self._reasons_loading = False
        self._reasons = reasons
        # A reject asked for while they loaded opens now, if that lead is still selected.
        waiting, self._reject_waiting = self._reject_waiting, None
        row = self._host.queue.current_row()
        still_selected = waiting is not None and row is not None and row.lead.id == waiting
        if still_selected and self.reject_dialog is None:
            self.reject_current()

    def _reasons_failed(self, exc: Exception) -> None:
        self._reasons_loading = False
        self._reject_waiting = None
        self._host.show_error(exc, _("Loading the rejection reasons"))

    @property
    def reasons(self) -> list[ReasonInfo]:
        return list(self._reasons)

    # --- accept -------------------------------------------------------------------------

    def accept_current(self, then: Callable[[int, str], None] | None = None) -> None:
        """A: the selected new lead becomes a SAL owned by this user, and the next lead is
        selected; ``then(lead id, name)`` runs once the accept is saved (Shift+C: the
        call with the lead just accepted)."""
        row = self._triage_target(_("Select a lead to accept first."))
        if row is None:
            return
        started = time.perf_counter()
        user = self._host.user
        assert user is not None
        position = self._take(row)
        self.latency_ms.emit((time.perf_counter() - started) * 1000)
        lead = row.lead
        op_id = str(uuid.uuid4())
        self._host.background.run(
            lambda: self._triage.accept(
                lead.id, actor_id=user.id, expected_version=lead.version, op_id=op_id
            ),
            lambda result: self._accepted(result, lead.name, then),
            lambda exc: self._failed(
                exc, row, position, _("Accepting {name}").format(name=lead.name)
            ),
        )

    def _accepted(
        self, result: TriageResult, name: str, then: Callable[[int, str], None] | None
    ) -> None:
        self._saved(result, name, _("Accepted {name}").format(name=name))
        if then is not None:
            then(result.lead_id, name)

    # --- reject -------------------------------------------------------------------------

    def reject_current(
        self,
        *,
        reason_code: str | None = None,
        comment: str = "",
        error: str | None = None,
        op_id: str | None = None,
    ) -> None:
        row = self._triage_target(_("Select a lead to reject first."))
        if row is None:
            return
        if not self._reasons:
            # Pressed right after the window opened: the dialog opens when they arrive.
            self._reject_waiting = row.lead.id
            self._host.notify(_("Loading the rejection reasons…"))
            self.load_reasons()
            return
        dialog = RejectDialog(
            self._reasons,
            row.lead.name,
            self._host.dialog_parent(),
            reason_code=reason_code,
            comment=comment,
            error=error,
        )
        self.reject_dialog = dialog
        # A retry after a failed save reuses the id: if the first save did commit before
        # the connection dropped, it is not applied twice.
        op = op_id or str(uuid.uuid4())
        dialog.finished.connect(lambda code: self._rejected(dialog, row, code, op))
        dialog.open()

    def _rejected(self, dialog: RejectDialog, row: QueueRow, code: int, op_id: str) -> None:
        self.reject_dialog = None
        dialog.deleteLater()
        if code != QDialog.DialogCode.Accepted:
            return
        reason, comment = dialog.reason_code, dialog.comment
        user = self._host.user
        assert user is not None
        started = time.perf_counter()
        position = self._take(row)
        self.latency_ms.emit((time.perf_counter() - started) * 1000)
        lead = row.lead
        self._host.background.run(
            lambda: self._triage.reject(
                lead.id,
                actor_id=user.id,
                reason_code=reason,
                comment=comment,
                expected_version=lead.version,
                op_id=op_id,
            ),
            lambda result: self._saved(
                result, lead.name, _("Rejected {name}").format(name=lead.name)
            ),
            lambda exc: self._reject_failed(exc, row, position, reason, comment, op_id),
        )

    def _reject_failed(
        self,
        exc: Exception,
        row: QueueRow,
        position: int,
        reason: str | None,
        comment: str,
        op_id: str,
    ) -> None:
        self._failed(exc, row, position, _("Rejecting {name}").format(name=row.lead.name))
        if isinstance(exc, ConflictError | IllegalTransitionError):
            return  # the lead is gone from the queue; there is nothing to retry
        # Nothing typed is lost: the dialog comes back with the reason and comment.
        self._host.queue.select_lead(row.lead.id)
        self.reject_current(reason_code=reason, comment=comment, error=str(exc), op_id=op_id)

    # --- undo -----------------------------------------------------------------------------

    def undo(self) -> None:
        undoable = self._undoable
        user = self._host.user
        if undoable is None or user is None:
            self._host.notify(_("There is nothing to undo."))
            return
        self._expire_undo()
        op_id = str(uuid.uuid4())
        self._host.background.run(
            lambda: undoable.take_back(user.id, op_id),
            lambda _result: self._undone(undoable),
            lambda exc: self._host.show_error(exc, _("Undoing")),
        )

    def offer_undo(self, offer: UndoOffer) -> None:
        """Something else was saved that Ctrl+Z may take back (a correction): it replaces
        the offer of the moment, for the same few seconds."""
        self._undoable = offer
        self._undo_timer.start(self._ctx.rules.undo_seconds * 1000)
        self.undo_available.emit(offer.message)

    def _undone(self, offer: UndoOffer) -> None:
        self._host.notify(offer.undone)
        if not offer.reload:
            self._host.lead_changed(offer.lead_id)
            return
        self._host.model.reload()
        self._pending_select = offer.lead_id
        self._host.model.loaded.connect(self._select_after_reload)

    def _select_after_reload(self, first: bool) -> None:
        self._host.model.loaded.disconnect(self._select_after_reload)
        self._host.queue.select_lead(self._pending_select)

    def forget_undo(self) -> None:
        """Another user is working now: their Ctrl+Z cannot take back this one's triage."""
        if self._undoable is not None:
            self._expire_undo()

    def _expire_undo(self) -> None:
        self._undoable = None
        self._undo_timer.stop()
        self.undo_available.emit("")

    # --- shared -----------------------------------------------------------------------

    def _triage_target(self, none_selected: str) -> QueueRow | None:
        row = self._host.queue.current_row()
        if row is None:
            self._host.notify(none_selected)
            return None
        if row.lead.status is not Status.MQL:
            self._host.notify(
                _("Only new leads can be accepted or rejected; {name} is {status}.").format(
                    name=row.lead.name, status=row.lead.status.label
                )
            )
            return None
        if self._host.user is None:
            self._host.notify(_("Still connecting to the database…"))
            return None
        return row

    def _take(self, row: QueueRow) -> int:
        taken = self._host.model.take(row.lead.id)
        position = taken[0] if taken else 0
        self._host.queue.select_position(position)
        return position

    def _saved(self, result: TriageResult, name: str, message: str) -> None:
        triage, event_id = self._triage, result.event_id
        self.offer_undo(
            UndoOffer(
                result.lead_id,
                _("{done}. Undo: Ctrl+Z").format(done=message),
                lambda user_id, op_id: triage.undo(event_id, actor_id=user_id, op_id=op_id),
                _("Undone: {name} is back in the queue.").format(name=name),
            )
        )
        self.triaged.emit(result)

    def _failed(self, exc: Exception, row: QueueRow, position: int, context: str) -> None:
        if isinstance(exc, ConflictError | IllegalTransitionError):
            self._host.show_error(exc, context)
            self._host.model.reload()
            return
        self._host.model.put_back(position, row)
        if not isinstance(exc, ValidationError):
            self._host.show_error(exc, context)
