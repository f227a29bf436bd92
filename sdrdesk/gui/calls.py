"""Start a call on the selected lead (C), run the workspace, save the call in the background.

A save that fails keeps the workspace open with everything typed; a lost race reloads
the lead's version so the next Ctrl+S can go through (or says why it cannot).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from PySide6.QtCore import QObject, QTimer, Signal

from sdrdesk.domain.errors import ConflictError, SdrdeskError, StoreUnavailableError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui import formats
from sdrdesk.gui.call_drafts import CallDraft, CallDrafts
from sdrdesk.gui.dialogs.call_workspace import CallWorkspace
from sdrdesk.gui.host import WindowHost
from sdrdesk.i18n import _, ngettext
from sdrdesk.paths import data_dir
from sdrdesk.services.calls import CALLABLE, CallLog, CallResult, CallSetup
from sdrdesk.services.catalog import Services

log = logging.getLogger(__name__)

DRAFT_DELAY_MS = 500


@dataclass(frozen=True)
class ClosedCall:
    """A call workspace closed: saved (with its result) or discarded."""

    lead_id: int
    result: CallResult | None
    connected: bool  # the outcome saved says the SDR spoke to the lead


class CallsController(QObject):
    logged = Signal(object)  # CallResult, after it is saved
    closed = Signal(object)  # ClosedCall: the workspace is gone, another call may start
    demo_requested = Signal(int)  # lead id: the SDR decided to book a demo
    accept_requested = Signal(object)  # accept the selected lead, then call this back

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._service = services.calls
        self._clock = services.ctx.now
        store = services.ctx.store.display_url
        self._drafts: CallDrafts | None = CallDrafts.for_store(data_dir() / "drafts", store)
        self.workspace: CallWorkspace | None = None
        self._prepared: CallWorkspace | None = None  # a session's next call, built ahead
        self._starting = False
        # What is typed in a call is kept as a draft this long after the last change.
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self._keep_draft)

    def start_current(self) -> None:
        """C: open the call workspace on the selected lead (if it may be called)."""
        if self.workspace is not None:
            self.workspace.raise_()
            self.workspace.activateWindow()
            return
        row = self._host.queue.current_row()
        if row is None:
            self._host.notify(_("Select a lead to call first."))
            return
        lead = row.lead
        if self._host.user is None:
            self._host.notify(_("Still connecting to the database…"))
            return
        if lead.status is Status.MQL:
            self._host.notify(
                _(
                    "Accept {name} first (A), or accept and call (Shift+C): only accepted "
                    "leads are called."
                ).format(name=lead.name)
            )
            return
        if lead.status not in CALLABLE:
            self._host.notify(
                _("{name} is {status}; the lead is not called any more.").format(
                    name=lead.name, status=lead.status.label
                )
            )
            return
        if lead.do_not_call:
            self._host.notify(
                _("{name} is marked do not call; the lead is not dialled again.").format(
                    name=lead.name
                )
            )
            return
        self.start_lead(lead.id, lead.name)

    def accept_and_call(self) -> None:
        """Shift+C: a new lead is accepted (``accept_requested``: triage accepts it and
        calls back once it is saved) and then called; any other lead is called as with C."""
        row = self._host.queue.current_row()
        if row is not None and row.lead.status is Status.MQL and self.workspace is None:
            self.accept_requested.emit(self.start_lead)
        else:
            self.start_current()

    def start_lead(self, lead_id: int, name: str) -> None:
        """Open the call workspace on lead ``lead_id`` (the service refuses a lead that may
        not be called)."""
        if self._starting or self.workspace is not None:
            return
        prepared = self._prepared
        if prepared is not None and prepared.setup.lead.id == lead_id:
            self._prepared = None
            # The call starts now, not when it was prepared.
            prepared.setup = replace(prepared.setup, started_at=self._clock())
            self._show(prepared)
            return
        self._starting = True
        self._host.notify(_("Opening the call with {name}…").format(name=name))
        service, drafts, user = self._service, self._drafts, self._host.user

        def start() -> tuple[CallSetup, CallDraft | None]:
            setup = service.start(lead_id)
            if drafts is None or user is None:
                return setup, None
            return setup, drafts.load(lead_id, user.name)  # a file: read here, too

        self._host.background.run(
            start,
            self._open,
            self._start_failed,
        )

    def _start_failed(self, exc: Exception) -> None:
        self._starting = False
        self._host.show_error(exc, _("Starting the call"))

    def _open(self, started: tuple[CallSetup, CallDraft | None]) -> None:
        self._starting = False
        self._show(self._make(*started))

    def _make(self, setup: CallSetup, draft: CallDraft | None) -> CallWorkspace:
        if draft is not None:  # an earlier call the app closed under: carry on with it
            setup = replace(setup, answers={**setup.answers, **draft.answers})
        workspace = CallWorkspace(setup, self._clock, self._host.dialog_parent())
        if draft is not None:
            workspace.carry_on(draft.notes, draft.written_at)
        workspace.typed.connect(self._draft_timer.start)
        workspace.save_requested.connect(lambda call: self._save(workspace, call))
        workspace.finished.connect(lambda _code: self._closed(workspace))
        return workspace

    def _show(self, workspace: CallWorkspace) -> None:
        self.workspace = workspace
        workspace.open()

    def withdraw(self, lead_id: int) -> None:
        """A call session's next call may not be made after all (checked just after it
        opened): it closes, not logged, before anything is said."""
        workspace = self.workspace
        if workspace is not None and workspace.setup.lead.id == lead_id:
            workspace.drop()

    def prepare(self, started: tuple[CallSetup, CallDraft | None] | None) -> None:
        """A call session's next call, built (hidden) while the SDR is on this one, so
        it opens at once after the save; ``None`` lets a prepared one go."""
        prepared, self._prepared = self._prepared, None
        if prepared is not None:
            prepared.deleteLater()
        if started is None:
            return
        setup, draft = started
        if self.workspace is not None and self.workspace.setup.lead.id == setup.lead.id:
            return
        user = self._host.user
        if draft is None and self._drafts is not None and user is not None:
            draft = self._drafts.load(setup.lead.id, user.name)  # a small local file
        self._prepared = self._make(setup, draft)
        self._prepared.ensurePolished()

    def _keep_draft(self) -> None:
        # Written here, not in the background: a small local file, at most every half
        # second, and in order (two writes in the pool could land the older one last).
        workspace, user = self.workspace, self._host.user
        if self._drafts is None or workspace is None or user is None:
            return
        self._drafts.save(
            CallDraft(
                lead_id=workspace.setup.lead.id,
                user=user.name,
                written_at=self._clock(),
                notes=workspace.ui.callNotes.toPlainText(),
                answers=workspace.ui.scriptView.answers(),
                lead_name=workspace.setup.lead.name,
            )
        )

    def remind_unsaved(self) -> None:
        """At start: name the calls this user typed in and never saved (the app ended
        under them), so they are finished rather than forgotten."""
        drafts, user = self._drafts, self._host.user
        if drafts is None or user is None:
            return
        self._host.background.run(lambda: drafts.left_by(user.name), self._remind)

    def _remind(self, left: list[CallDraft]) -> None:
        if not left:
            return
        names = ", ".join(
            _("{name} ({when})").format(
                name=d.lead_name or _("lead {id}").format(id=d.lead_id),
                when=formats.moment(d.written_at.astimezone()),
            )
            for d in left[:3]
        )
        if len(left) > 3:
            more = len(left) - 3
            names = ngettext("{names} and {n} more", "{names} and {n} more", more).format(
                names=names, n=formats.number(more)
            )
        self._host.show_banner(
            _(
                "Not saved when sdrdesk last closed: your call with {names}. Select the "
                "lead (under My accepted leads) and press C: what you typed is filled in again."
            ).format(names=names)
        )

    def _closed(self, workspace: CallWorkspace) -> None:
        # Saved or discarded (the only ways a call closes): its draft has done its job.
        self._draft_timer.stop()
        if self._drafts is not None:
            self._drafts.remove(workspace.setup.lead.id)
        if self.workspace is workspace:
            self.workspace = None
        outcome = workspace.wrapup.outcome() if workspace.result_ is not None else None
        closed = ClosedCall(
            workspace.setup.lead.id, workspace.result_, outcome is not None and outcome.connected
        )
        workspace.deleteLater()
        window = self._host.dialog_parent().window()
        window.activateWindow()  # back to the queue, keys and all
        self.closed.emit(closed)

    def _save(self, workspace: CallWorkspace, call: CallLog) -> None:
        user = self._host.user
        if user is None:
            workspace.save_failed(_("Still connecting to the database."))
            return
        self._host.background.run(
            lambda: self._service.log_attempt(call, actor_id=user.id),
            lambda result: self._saved(workspace, result),
            lambda exc: self._failed(workspace, call, exc),
        )

    def _saved(self, workspace: CallWorkspace, result: CallResult) -> None:
        name = workspace.setup.lead.name
        outcome = workspace.wrapup.outcome()
        text = _("Logged call {number} with {name}").format(number=result.attempt_number, name=name)
        if outcome is not None:
            text += f": {outcome.label}"
        if result.grade:
            text += " · " + _("grade {grade}").format(grade=result.grade)
        if result.status is not Status.WORKING:
            text += " · " + _("now {status}").format(status=result.status.label)
        workspace.saved(result)
        self._host.notify(text + ".", 8000)
        self.logged.emit(result)
        if result.demo_requested:
            self._host.notify(
                _("{name} is qualified: book the demo now (Schedule demo).").format(name=name),
                10000,
            )
            self.demo_requested.emit(result.lead_id)

    def _failed(self, workspace: CallWorkspace, call: CallLog, exc: Exception) -> None:
        if isinstance(exc, SdrdeskError):
            message = str(exc)
        else:
            log.error("Saving a call failed", exc_info=exc)
            message = _("{context} failed unexpectedly ({error}).").format(
                context=_("Saving the call"), error=f"{type(exc).__name__}: {exc}"
            )
        workspace.save_failed(message)
        if isinstance(exc, ConflictError):
            # Someone changed the lead: take its new version so the next save can go
            # through, unless the lead may no longer be called at all.
            self._host.background.run(
                lambda: self._service.start(call.lead_id),
                lambda setup: workspace.update_version(setup.lead.version),
                lambda again: workspace.save_failed(f"{message} {again}"),
            )
        elif isinstance(exc, StoreUnavailableError):
            self._host.show_error(exc, _("Saving the call"))
