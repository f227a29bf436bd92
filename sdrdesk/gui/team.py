"""Working as a team: colleagues' changes appear live, "next lead" claims from the pool,
a manager reassigns, and a lost connection is survived without losing anyone's work."""

from __future__ import annotations

import uuid

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QInputDialog

from sdrdesk.domain.errors import ConflictError
from sdrdesk.domain.lifecycle import describe_action
from sdrdesk.domain.users import Role
from sdrdesk.gui.host import WindowHost
from sdrdesk.gui.sync import SyncMonitor
from sdrdesk.i18n import _
from sdrdesk.services.catalog import Services
from sdrdesk.services.leads import ClaimResult
from sdrdesk.services.queue import QueueRow
from sdrdesk.services.results import UserInfo
from sdrdesk.services.sync import ChangeBatch, EventCursor


class TeamController(QObject):
    synced = Signal(object)  # the ChangeBatch just applied (tests and benchmarks listen)
    connection_changed = Signal(bool)

    def __init__(self, host: WindowHost, services: Services) -> None:
        super().__init__()
        self._host = host
        self._sync = services.sync
        self._claims = services.claims
        self._users = services.users
        self._cursor: EventCursor | None = None
        self._monitor: SyncMonitor | None = None
        self._fetching = False
        self._again = False
        self._stopped = False
        self._starting = False
        self.online = True

    # --- live updates -------------------------------------------------------------------

    def start(self) -> None:
        """Read from the newest event on, then follow the team (once: a second call does
        nothing, so no second listener is left running)."""
        if self._starting:
            return
        self._starting = True
        self._host.background.run(self._sync.head, self._started, self._start_failed)

    def _started(self, head: int) -> None:
        if self._stopped:
            return  # the window closed before the store answered
        self._cursor = EventCursor(last_id=head)
        self._monitor = SyncMonitor(self._sync.change_signal(), self)
        self._monitor.changed.connect(self.fetch)
        self._monitor.lost.connect(self._lost)
        self._monitor.restored.connect(self._restored)
        self._monitor.start()

    def _start_failed(self, exc: Exception) -> None:
        self._starting = False
        self._host.show_error(exc, _("Following the team's changes"))

    def stop(self) -> None:
        self._stopped = True
        if self._monitor is not None:
            self._monitor.stop()
            self._monitor = None

    def fetch(self) -> None:
        """Read the event log and patch the views (one reader at a time)."""
        cursor = self._cursor
        if cursor is None:
            return
        if self._fetching:
            self._again = True
            return
        self._fetching = True
        query = self._host.model.query
        sync, queue = self._sync, self._host.services.queue
        me = self._host.user.id if self._host.user else None

        def read() -> tuple[EventCursor, ChangeBatch, list[QueueRow]]:
            trial = cursor.copy()  # kept once applied: a failed read is read again
            batch = sync.changes_since(trial, me=me)
            if batch.truncated or not batch.changes:
                return trial, batch, []
            return trial, batch, queue.rows_for(sorted(batch.lead_ids), query)

        self._host.background.run(read, self._apply, self._fetch_failed)

    def changed_here(self, _result: object = None) -> None:
        """This window saved a change (a call): its rows are patched from the event log,
        as a colleague's change is, instead of reading the whole queue again."""
        if self._cursor is None:
            self._host.refresh()
        else:
            self.fetch()

    def _apply(self, result: tuple[EventCursor, ChangeBatch, list[QueueRow]]) -> None:
        self._fetching = False
        cursor, batch, rows = result
        if self._cursor is not None:
            self._cursor = cursor
        if batch.truncated:
            if batch.by_others:  # not after this window's own import of a big file
                self._host.notify(_("Many leads changed; the queue was reloaded."))
            self._host.refresh()
        elif batch.changes:
            self._patch(batch, rows)
        self.synced.emit(batch)
        if self._again:
            self._again = False
            self.fetch()

    def _patch(self, batch: ChangeBatch, rows: list[QueueRow]) -> None:
        host = self._host
        selected = host.queue.current_row()
        position = host.model.position_of(selected.lead.id) if selected else None
        self._place(batch.lead_ids, rows)
        me = host.user.id if host.user else None
        if selected is not None:
            lead_id = selected.lead.id
            theirs = [c for c in batch.changes if c.lead_id == lead_id and c.actor_id != me]
            if host.model.position_of(lead_id) is None and position is not None:
                host.queue.select_position(position)
            if theirs:
                change = theirs[-1]
                host.notify(
                    _("{who}: {action} — {name}").format(
                        who=change.actor or _("Someone"),
                        action=describe_action(change.action),
                        name=selected.lead.name,
                    )
                )
            if any(c.lead_id == lead_id for c in batch.changes):
                host.lead_changed(lead_id)

    def _place(self, lead_ids: frozenset[int] | list[int], rows: list[QueueRow]) -> None:
        queue, query = self._host.services.queue, self._host.model.query
        now = queue.now()
        self._host.model.apply_changes(lead_ids, rows, lambda row: queue.order_key(query, row, now))

    def _fetch_failed(self, exc: Exception) -> None:
        self._fetching = False
        self._host.show_error(exc, _("Reading the team's changes"))

    def _lost(self, message: str) -> None:
        self.online = False
        self.connection_changed.emit(False)
        self._host.show_banner(
            _(
                "{problem} — sdrdesk keeps showing what it has and what you typed, "
                "and reconnects by itself."
            ).format(problem=message)
        )

    def _restored(self) -> None:
        self.online = True
        self.connection_changed.emit(True)
        self._host.hide_banner()
        self._host.notify(_("Reconnected; catching up with the team."))
        self.fetch()

    # --- claims -----------------------------------------------------------------------

    def claim_next(self) -> None:
        user = self._host.user
        if user is None:
            return
        op_id = str(uuid.uuid4())
        claims, queue, query = self._claims, self._host.services.queue, self._host.model.query

        def claim() -> tuple[ClaimResult | None, list[QueueRow]]:
            result = claims.claim_next(actor_id=user.id, op_id=op_id)
            return result, (queue.rows_for([result.lead_id], query) if result else [])

        self._host.background.run(
            claim,
            self._claimed,
            lambda exc: self._host.show_error(exc, _("Claiming the next lead")),
        )

    def _claimed(self, outcome: tuple[ClaimResult | None, list[QueueRow]]) -> None:
        result, rows = outcome
        if result is None:
            self._host.notify(_("The team pool is empty: no new lead is waiting without an owner."))
            return
        self._place([result.lead_id], rows)
        self._host.queue.select_lead(result.lead_id)
        self._host.notify(_("The lead is yours: accept (A) or reject (R)."))

    # --- reassignment -------------------------------------------------------------------

    def reassign_current(self) -> None:
        user, row = self._host.user, self._host.queue.current_row()
        if user is None or row is None:
            return
        if user.role is not Role.MANAGER:
            self._host.notify(_("Only a manager can reassign leads."))
            return
        self._host.background.run(
            lambda: self._users.list_users(Role.SDR),
            lambda sdrs: self._ask_assignee(row, sdrs),
            lambda exc: self._host.show_error(exc, _("Loading the team")),
        )

    def _ask_assignee(self, row: QueueRow, sdrs: list[UserInfo]) -> None:
        names = [_("(team pool)")] + [f"{u.display_name} ({u.name})" for u in sdrs]
        handles = [""] + [u.name for u in sdrs]
        dialog = QInputDialog(self._host.dialog_parent())
        dialog.setObjectName("reassignDialog")
        dialog.setWindowTitle(_("Reassign lead"))
        dialog.setLabelText(_("Give {name} to:").format(name=row.lead.name))
        dialog.setComboBoxItems(names)
        dialog.setComboBoxEditable(False)
        self.reassign_dialog = dialog

        def chosen(text: str) -> None:
            target = handles[names.index(text)]
            self._assign(row, target)

        dialog.textValueSelected.connect(chosen)
        dialog.open()

    def _assign(self, row: QueueRow, target: str) -> None:
        user = self._host.user
        assert user is not None
        op_id = str(uuid.uuid4())
        lead = row.lead
        self._host.background.run(
            lambda: self._claims.assign(
                lead.id,
                to_user=target,
                actor_id=user.id,
                expected_version=lead.version,
                op_id=op_id,
            ),
            lambda _result: self._host.notify(_("{name} reassigned.").format(name=lead.name)),
            lambda exc: self._assign_failed(exc),
        )

    def _assign_failed(self, exc: Exception) -> None:
        self._host.show_error(exc, _("Reassigning"))
        if isinstance(exc, ConflictError):
            self.fetch()
