"""Call sessions (Ctrl+Shift+C): call the leads of the current view one after another.

The session takes the view's leads in their order when it starts. After each saved call
the next lead opens (``call_requested`` → the calls controller); leads that may not be
called now are passed over (do-not-call, outside their calling hours, claimed by a
colleague meanwhile), and a new lead nobody owns is accepted first, as Shift+C does. A
call that asks for a demo waits for the demo to be saved. Ctrl+Shift+P pauses and goes
on; Ctrl+Shift+X stops; at the end a summary: calls, connected, demos booked, time (on
the service clock).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QMessageBox

from sdrdesk.domain.errors import ConflictError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.gui.calls import ClosedCall
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.models.formats import number
from sdrdesk.i18n import _, ngettext
from sdrdesk.services.catalog import Services
from sdrdesk.services.results import LeadSummary
from sdrdesk.services.sessions import NextLead, Skip

SESSION_ACTIONS = ("actionPauseSession", "actionStopSession")
PREPARE_DELAY_MS = 500  # the next call is built this long after one opens


@dataclass
class Session:
    lead_ids: list[int]
    started_at: datetime
    position: int = 0
    calls: int = 0
    connected: int = 0
    demos: int = 0
    paused_at: datetime | None = None
    paused_for: timedelta = timedelta(0)
    waiting: str | None = None  # "call" (a call is open or opening), "demo"
    skipped: dict[Skip, int] = field(default_factory=dict)
    ahead: NextLead | None = None  # the next lead, found while the SDR is on a call


class SessionController(QObject):
    call_requested = Signal(int, str)  # lead id, name: open the call workspace
    # (CallSetup, CallDraft | None): the next call, built while on this one; None: let go
    prepare_requested = Signal(object)
    call_withdrawn = Signal(int)  # lead id: the call just opened may not be made after all
    finished = Signal(object)  # the Session, stopped

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._sessions = services.sessions
        self._triage = services.triage
        self._calls = services.calls
        self._clock = services.ctx.now
        self.session: Session | None = None
        self.summary: QMessageBox | None = None

    # --- the actions -------------------------------------------------------------------

    def start(self) -> None:
        """Ctrl+Shift+C: a session over the leads of the current view."""
        if self.session is not None:
            self._host.notify(_("A call session is running: Ctrl+Shift+X stops it."))
            return
        if self._host.user is None:
            self._host.notify(_("Still connecting to the database…"))
            return
        ids = [row.lead.id for row in self._host.model.rows()]
        if not ids:
            self._host.notify(_("No leads in this view to call."))
            return
        self.session = Session(ids, self._clock())
        self._follow()
        self._next()

    def pause(self) -> None:
        """Ctrl+Shift+P: no next call until pressed again (the open call goes on)."""
        session = self.session
        if session is None:
            return
        now = self._clock()
        if session.paused_at is None:
            session.paused_at = now
            self._host.notify(_("Call session paused: Ctrl+Shift+P goes on."), 0)
        else:
            session.paused_for += now - session.paused_at
            session.paused_at = None
            if session.waiting in (None, "demo"):
                session.waiting = None
                self._next()
        self._follow()

    def stop(self) -> None:
        """Ctrl+Shift+X: the session ends (an open call stays open) with its summary."""
        session = self.session
        if session is None:
            return
        self.session = None
        self.prepare_requested.emit(None)
        self._follow()
        now = self._clock()
        if session.paused_at is not None:
            session.paused_for += now - session.paused_at
        self._show_summary(session, now - session.started_at - session.paused_for)
        self.finished.emit(session)

    # --- what happens in between ----------------------------------------------------------

    def call_closed(self, closed: ClosedCall) -> None:
        session = self.session
        if session is None or session.waiting not in ("call", "withdrawn"):
            return
        withdrawn = session.waiting == "withdrawn"
        session.waiting = None
        if withdrawn:  # taken or changed meanwhile: on to the next one
            session.skipped[Skip.CLAIMED] = session.skipped.get(Skip.CLAIMED, 0) + 1
            self._next()
            return
        if closed.result is None:  # discarded: the SDR wants a break, or another lead
            if session.paused_at is None:
                self.pause()
            return
        session.calls += 1
        session.connected += int(closed.connected)
        if closed.result.demo_requested:
            session.waiting = "demo"
            return
        if session.paused_at is None:
            self._next()

    def demo_saved(self, _result: object) -> None:
        session = self.session
        if session is None or session.waiting != "demo":
            return
        session.demos += 1
        session.waiting = None
        if session.paused_at is None:
            self._next()

    def _next(self) -> None:
        session, user = self.session, self._host.user
        if session is None or user is None:
            return
        session.waiting = "call"
        sessions, triage = self._sessions, self._triage
        ids, position = list(session.lead_ids), session.position
        ahead, session.ahead = session.ahead, None
        if ahead is not None and ahead.lead is not None:
            self._open_ahead(session, ahead, ahead.lead)
            return

        def find() -> NextLead:
            skipped: dict[Skip, int] = {}
            at = position
            while True:
                step = sessions.next_lead(ids, at, user=user.name)
                for skip, n in step.skipped.items():
                    skipped[skip] = skipped.get(skip, 0) + n
                lead = step.lead
                if lead is None or lead.status is not Status.MQL:
                    return NextLead(lead, step.position, skipped)
                try:  # a new lead: accepted first, as Shift+C does
                    triage.accept(lead.id, actor_id=user.id, expected_version=lead.version)
                except ConflictError:  # a colleague was quicker
                    skipped[Skip.CLAIMED] = skipped.get(Skip.CLAIMED, 0) + 1
                    at = step.position
                    continue
                return NextLead(lead, step.position, skipped)

        self._host.background.run(find, self._found, self._failed)

    def _open_ahead(self, session: Session, ahead: NextLead, lead: LeadSummary) -> None:
        """The call found and built while the SDR was on the last one opens at once; one
        read of its row follows, and if it was taken or changed meanwhile, it closes
        again (not logged) and the session goes on with the next."""
        sessions, user = self._sessions, self._host.user
        assert user is not None
        self._found(ahead)

        def still_callable() -> bool:
            again = sessions.next_lead([lead.id], 0, user=user.name).lead
            return again is not None and again.version == lead.version

        def checked(ok: bool) -> None:
            if ok or self.session is not session or session.waiting != "call":
                return
            session.waiting = "withdrawn"
            self._host.notify(
                _("{name} was taken or changed meanwhile: passed over.").format(name=lead.name)
            )
            self.call_withdrawn.emit(lead.id)

        self._host.background.run(still_callable, checked, lambda _exc: None)

    def _found(self, step: NextLead) -> None:
        session = self.session
        if session is None:
            return
        session.position = step.position
        for skip, n in step.skipped.items():
            session.skipped[skip] = session.skipped.get(skip, 0) + n
        lead = step.lead
        if lead is None:
            session.waiting = None
            self._host.notify(_("Nobody left to call in this session."), 8000)
            self.stop()
            return
        # The call first: selecting the lead loads its details, which would queue ahead.
        self.call_requested.emit(lead.id, lead.name)
        self._host.queue.select_after_load(lead.id)
        self._look_ahead(session)
        self._host.notify(
            _("Call session: lead {n} of {total}").format(
                n=number(session.position), total=number(len(session.lead_ids))
            ),
            0,
        )

    def _look_ahead(self, session: Session) -> None:
        """While the SDR is on this call: the next lead that may be called, and its call
        built hidden (``prepare_requested``), so it opens at once after the save. A new
        lead is not prepared: it is accepted first, when its turn comes."""
        sessions, calls, user = self._sessions, self._calls, self._host.user
        ids, position = list(session.lead_ids), session.position
        if user is None:
            return

        def look() -> tuple[NextLead, object]:
            step = sessions.next_lead(ids, position, user=user.name)
            if step.lead is None or step.lead.status is Status.MQL:
                return step, None
            return step, calls.start(step.lead.id)

        def found(result: tuple[NextLead, object]) -> None:
            step, setup = result
            if self.session is not session or session.waiting != "call":
                return
            if setup is not None:
                session.ahead = step
                # Built a moment later: the call just opened gets the GUI thread first
                # (building a workspace takes it for tens of milliseconds).
                QTimer.singleShot(PREPARE_DELAY_MS, lambda: self._prepare(session, step, setup))

        self._host.background.run(look, found, lambda _exc: None, key="session-ahead")

    def _prepare(self, session: Session, step: NextLead, setup: object) -> None:
        if self.session is session and session.ahead is step:
            self.prepare_requested.emit((setup, None))

    def _failed(self, exc: Exception) -> None:
        if self.session is not None:
            self.session.waiting = None
        self._host.show_error(exc, _("Finding the next lead to call"))
        self.pause()

    def _follow(self) -> None:
        running = self.session is not None
        for name in SESSION_ACTIONS:
            self._host.action(name).setEnabled(running)
        pause = self._host.action("actionPauseSession")
        paused = self.session is not None and self.session.paused_at is not None
        pause.setText(_("Go on &with the session") if paused else _("&Pause session"))

    def _show_summary(self, session: Session, spent: timedelta) -> None:
        minutes = int(spent.total_seconds() // 60)
        lines = [
            ngettext("{n} call", "{n} calls", session.calls).format(n=number(session.calls)),
            ngettext("{n} connected", "{n} connected", session.connected).format(
                n=number(session.connected)
            ),
            ngettext("{n} demo booked", "{n} demos booked", session.demos).format(
                n=number(session.demos)
            ),
            ngettext("{n} minute", "{n} minutes", minutes).format(n=number(minutes)),
        ]
        passed = sum(session.skipped.values())
        if passed:
            lines.append(
                ngettext(
                    "{n} lead passed over (do not call, outside calling hours or claimed)",
                    "{n} leads passed over (do not call, outside calling hours or claimed)",
                    passed,
                ).format(n=number(passed))
            )
        box = QMessageBox(
            QMessageBox.Icon.Information,
            _("Call session"),
            _("Call session finished.") + "\n\n" + "\n".join(lines),
            QMessageBox.StandardButton.Ok,
            self._host.dialog_parent(),
        )
        box.setObjectName("sessionSummary")
        self.summary = box
        box.open()
