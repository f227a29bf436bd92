"""Notes on a lead at any time, and touches on other channels (e-mail, LinkedIn,
meeting), each one user action in one transaction and an event in the lead's history.

A note is a ``note_added`` event (the text in its comment: searchable with the history,
blanked by an erasure like every comment). A touch is a ``touch_logged`` event and counts
as an attempt (``attempt_count``, ``last_attempt_at``), like a call; touching an accepted
lead starts working it, touching a nurtured one reactivates it.
"""

from __future__ import annotations

from dataclasses import dataclass

from sdrdesk.db import lifecycle
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action, Status
from sdrdesk.domain.text import check_text
from sdrdesk.domain.touches import NOTE_LIMIT, check_touch
from sdrdesk.i18n import _
from sdrdesk.services.conflicts import check_owner, load_lead, race_named
from sdrdesk.services.context import ServiceContext

TOUCHABLE = {Status.SAL, Status.WORKING, Status.NURTURE}


@dataclass(frozen=True, slots=True)
class NoteResult:
    lead_id: int
    event_id: int
    version: int
    attempt_count: int
    status: Status


class NoteService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def add_note(
        self, lead_id: int, text: str, *, actor_id: int, op_id: str | None = None
    ) -> NoteResult:
        """A timestamped note in the lead's history (any status, any time)."""
        note = _checked(text, _("note"))
        if not note:
            raise ValidationError(_("The note is empty; type what you want to keep."))
        with race_named(self._ctx, lead_id), self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return NoteResult(lead.id, done.id, lead.version, lead.attempt_count, lead.status)
            lead = load_lead(s, lead_id)
            check_owner(s, lead, actor_id)
            event = lifecycle.record(
                s,
                lead.id,
                EventKind.NOTE_ADDED,
                actor_id=actor_id,
                comment=note,
                at=self._ctx.now(),
                op_id=op_id,
            )
            s.flush()
            return NoteResult(lead.id, event.id, lead.version, lead.attempt_count, lead.status)

    def log_touch(
        self,
        lead_id: int,
        *,
        channel: str,
        outcome: str,
        note: str = "",
        actor_id: int,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> NoteResult:
        """An e-mail sent, a LinkedIn message, a meeting: an attempt with its outcome."""
        chosen, code = check_touch(channel, outcome)
        text = _checked(note, _("note"))
        now = self._ctx.now()
        with race_named(self._ctx, lead_id), self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return NoteResult(lead.id, done.id, lead.version, lead.attempt_count, lead.status)
            lead = load_lead(s, lead_id, expected_version)
            check_owner(s, lead, actor_id)
            name = lead.full_name or _("Lead {id}").format(id=lead.id)
            if lead.status is Status.MQL:
                raise ValidationError(
                    _("Accept {name} first: only accepted leads are contacted.").format(name=name)
                )
            if lead.status not in TOUCHABLE:
                raise ValidationError(
                    _("{name} is {status}; the lead is not contacted any more.").format(
                        name=name, status=lead.status.label
                    )
                )
            if lead.status is Status.NURTURE:
                lifecycle.transition(s, lead, Action.REACTIVATE, actor_id=actor_id, at=now)
            if lead.status is Status.SAL:
                lifecycle.transition(s, lead, Action.START_WORKING, actor_id=actor_id, at=now)
            number = lead.attempt_count + 1
            lead.attempt_count = number
            lead.last_attempt_at = now
            event = lifecycle.record(
                s,
                lead.id,
                EventKind.TOUCH_LOGGED,
                actor_id=actor_id,
                comment=text or None,
                data={"channel": chosen.value, "outcome": code, "attempt": number},
                at=now,
                op_id=op_id,
            )
            s.flush()
            return NoteResult(lead.id, event.id, lead.version, number, lead.status)


def _checked(text: str, field: str) -> str:
    return check_text(text or "", field, NOTE_LIMIT).strip()
