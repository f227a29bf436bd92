"""Triage of handed-off leads: accept (SAL, owned by the SDR) or reject with a reason;
and, without a call, disqualify or nurture an accepted or working lead."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead, LeadEvent
from sdrdesk.domain.errors import ConflictError, ValidationError
from sdrdesk.domain.lifecycle import UNDOABLE, Action
from sdrdesk.i18n import _
from sdrdesk.services.conflicts import check_owner, conflict_after_race, load_lead, race_named
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.webhooks import outbox


@dataclass(frozen=True, slots=True)
class TriageResult:
    lead_id: int
    event_id: int
    action: Action
    version: int


class TriageService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def accept(
        self,
        lead_id: int,
        *,
        actor_id: int,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> TriageResult:
        """The lead becomes a SAL owned by ``actor_id``."""

        def change(s: Session, lead: Lead) -> LeadEvent:
            event = lifecycle.transition(
                s,
                lead,
                Action.ACCEPT,
                actor_id=actor_id,
                at=self._ctx.now(),
                data={"previous_owner_id": lead.owner_id},
                op_id=op_id,
            )
            lead.owner_id = actor_id
            lead.assigned_at = self._ctx.now()
            return event

        return self._apply(lead_id, expected_version, Action.ACCEPT, change, actor_id, op_id)

    def reject(
        self,
        lead_id: int,
        *,
        actor_id: int,
        reason_code: str | None,
        comment: str | None = None,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> TriageResult:
        """Back to marketing with a mandatory reason (and a comment where it needs one)."""
        if not reason_code:
            raise ValidationError(_("Choose a reason to reject this lead."))
        return self._with_reason(
            lead_id, Action.REJECT, actor_id, reason_code, comment, expected_version, op_id
        )

    def disqualify(
        self,
        lead_id: int,
        *,
        actor_id: int,
        reason_code: str | None,
        comment: str | None = None,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> TriageResult:
        """An accepted or working lead goes back to marketing with a reason (feedback to
        marketing, as a rejection), without a call."""
        if not reason_code:
            raise ValidationError(_("Choose a reason to disqualify this lead."))
        return self._with_reason(
            lead_id, Action.DISQUALIFY, actor_id, reason_code, comment, expected_version, op_id
        )

    def _with_reason(
        self,
        lead_id: int,
        action: Action,
        actor_id: int,
        reason_code: str,
        comment: str | None,
        expected_version: int | None,
        op_id: str | None,
    ) -> TriageResult:
        """Back to marketing with a reason (a rejection or a disqualification); a
        disqualified lead keeps no callback."""

        def change(s: Session, lead: Lead) -> LeadEvent:
            event = lifecycle.transition(
                s,
                lead,
                action,
                actor_id=actor_id,
                reason_code=reason_code,
                comment=comment,
                at=self._ctx.now(),
                op_id=op_id,
            )
            if action is Action.DISQUALIFY:
                lead.callback_due_at = None
            return event

        return self._apply(lead_id, expected_version, action, change, actor_id, op_id)

    def nurture(
        self,
        lead_id: int,
        *,
        actor_id: int,
        recontact_at: datetime | None,
        comment: str | None = None,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> TriageResult:
        """An accepted or working lead rests until ``recontact_at``, with why (the
        comment), without a call."""
        if recontact_at is None or recontact_at <= self._ctx.now():
            raise ValidationError(_("Choose a re-contact date in the future to nurture this lead."))
        if not (comment or "").strip():
            raise ValidationError(_("Say why the lead is nurtured (it is kept with the lead)."))

        def change(s: Session, lead: Lead) -> LeadEvent:
            event = lifecycle.transition(
                s,
                lead,
                Action.NURTURE,
                actor_id=actor_id,
                comment=comment,
                at=self._ctx.now(),
                data={"recontact_at": recontact_at.isoformat()},
                op_id=op_id,
            )
            lead.recontact_at = recontact_at
            lead.callback_due_at = recontact_at
            return event

        return self._apply(lead_id, expected_version, Action.NURTURE, change, actor_id, op_id)

    def lost_race(self, lead_id: int) -> ConflictError:
        """For a command-line twin that found the lead already decided or claimed (another
        process was quicker): the sentence the window's loser reads, naming who won."""
        return conflict_after_race(self._ctx, lead_id, named=True)

    def undo(self, event_id: int, *, actor_id: int, op_id: str | None = None) -> TriageResult:
        """Take back one's own accept/reject within the undo window, as a new event."""
        window = timedelta(seconds=self._ctx.rules.undo_seconds)
        with self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                saved = load_lead(s, done.lead_id)
                return TriageResult(saved.id, done.id, Action(done.action), saved.version)
            event = s.get(LeadEvent, event_id)
            if event is None or event.action not in {a.value for a in UNDOABLE}:
                raise ValidationError(_("There is nothing to undo."))
            if event.actor_id != actor_id:
                raise ValidationError(_("You can only undo your own accept or reject."))
            if self._ctx.now() - event.at > window:
                raise ValidationError(
                    _("Undo is only possible for {undo_seconds} seconds.").format(
                        undo_seconds=self._ctx.rules.undo_seconds
                    )
                )
            latest = s.scalars(
                select(LeadEvent.id)
                .where(LeadEvent.lead_id == event.lead_id, LeadEvent.to_status.is_not(None))
                .order_by(LeadEvent.id.desc())
                .limit(1)
            ).first()
            if latest != event.id:
                raise ConflictError(
                    _("The lead has changed since; it cannot be undone any more."),
                    lead_id=event.lead_id,
                )
            lead = load_lead(s, event.lead_id)
            undo_action = UNDOABLE[Action(event.action)]
            new = lifecycle.transition(
                s,
                lead,
                undo_action,
                actor_id=actor_id,
                at=self._ctx.now(),
                data={"undoes_event": event.id},
            )
            if undo_action is Action.UNDO_ACCEPT:
                lead.owner_id = event.data.get("previous_owner_id") if event.data else None
                lead.assigned_at = None
            s.flush()
            outbox.withdraw(s, new)  # the held webhook of what was undone is never sent
            return TriageResult(lead.id, new.id, undo_action, lead.version)

    def _apply(
        self,
        lead_id: int,
        expected_version: int | None,
        action: Action,
        change: Callable[[Session, Lead], LeadEvent],
        actor_id: int,
        op_id: str | None,
    ) -> TriageResult:
        with race_named(self._ctx, lead_id):
            try:
                with self._ctx.store.write() as s:
                    done = lifecycle.find_operation(s, op_id)
                    if done is not None:  # this very action was saved before the line dropped
                        lead = load_lead(s, done.lead_id)
                        return TriageResult(lead.id, done.id, action, lead.version)
                    lead = load_lead(s, lead_id, expected_version)
                    check_owner(s, lead, actor_id)
                    event = change(s, lead)
                    s.flush()
                    outbox.emit(s, event, undo_seconds=self._ctx.rules.undo_seconds)
                    return TriageResult(lead.id, event.id, action, lead.version)
            except IntegrityError:
                # The same action, retried at the same moment, won the race: report its result.
                with self._ctx.store.read() as s:
                    done = lifecycle.find_operation(s, op_id)
                    if done is None:
                        raise
                    lead = load_lead(s, done.lead_id)
                    return TriageResult(lead.id, done.id, action, lead.version)
