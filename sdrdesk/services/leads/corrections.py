"""Correcting a lead (name, company, title, e-mail, phone, country, size, industry):
one user action in one transaction, a ``lead_edited`` event with each field's value
before and after, and an undo for a few seconds (a new event that changes them back);
and a manager lifting do-not-call with a reason (``do_not_call_lifted``).

On a team database the contact data changes only with its ``lead_edited`` event in the
same transaction (migration 0014), so the history always says who changed what.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead, LeadEvent
from sdrdesk.domain.corrections import COLUMNS, plan_correction
from sdrdesk.domain.errors import ConflictError, ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.products import ProductCatalog
from sdrdesk.domain.text import check_text
from sdrdesk.i18n import _
from sdrdesk.services.conflicts import check_owner, load_lead, race_named
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.roles import require_manager


@dataclass(frozen=True, slots=True)
class EditResult:
    lead_id: int
    event_id: int
    version: int
    changes: dict[str, dict[str, str | None]]


class CorrectionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def edit(
        self,
        lead_id: int,
        typed: Mapping[str, str | None],
        *,
        actor_id: int,
        expected_version: int | None = None,
        op_id: str | None = None,
    ) -> EditResult:
        """Change the named fields; ``ValidationError`` (nothing saved) for bad input."""
        with race_named(self._ctx, lead_id), self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return EditResult(lead.id, done.id, lead.version, _changes(done))
            lead = load_lead(s, lead_id, expected_version)
            check_owner(s, lead, actor_id)
            return self._apply(s, lead, typed, actor_id, op_id, {}, self._ctx.products)

    def undo(self, event_id: int, *, actor_id: int, op_id: str | None = None) -> EditResult:
        """Take back one's own correction within the undo window, as a new correction."""
        window = timedelta(seconds=self._ctx.rules.undo_seconds)
        with self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return EditResult(lead.id, done.id, lead.version, _changes(done))
            event = s.get(LeadEvent, event_id)
            if event is None or event.action != EventKind.LEAD_EDITED:
                raise ValidationError(_("There is nothing to undo."))
            if event.actor_id != actor_id:
                raise ValidationError(_("You can only undo your own correction."))
            if self._ctx.now() - event.at > window:
                raise ValidationError(
                    _("Undo is only possible for {seconds} seconds.").format(
                        seconds=self._ctx.rules.undo_seconds
                    )
                )
            later = s.scalar(
                select(LeadEvent.id)
                .where(
                    LeadEvent.lead_id == event.lead_id,
                    LeadEvent.action == EventKind.LEAD_EDITED,
                    LeadEvent.id > event.id,
                )
                .limit(1)
            )
            if later is not None:
                raise ConflictError(
                    _("The lead was corrected again since; this correction cannot be undone."),
                    lead_id=event.lead_id,
                )
            lead = load_lead(s, event.lead_id)
            check_owner(s, lead, actor_id)
            back = {field: change["before"] for field, change in _changes(event).items()}
            return self._apply(s, lead, back, actor_id, op_id, {"undoes_event": event.id})

    def lift_do_not_call(
        self, lead_id: int, reason: str, *, actor_id: int, op_id: str | None = None
    ) -> EditResult:
        """A manager lets a do-not-call lead be dialled again (a wrong number corrected,
        consent given), with why; a ``do_not_call_lifted`` event."""
        why = check_text(reason or "", _("reason"), 500).strip()
        if not why:
            raise ValidationError(_("Say why the lead may be called again."))
        with race_named(self._ctx, lead_id), self._ctx.store.write() as s:
            done = lifecycle.find_operation(s, op_id)
            if done is not None:
                lead = load_lead(s, done.lead_id)
                return EditResult(lead.id, done.id, lead.version, {})
            require_manager(s, actor_id, "lift do-not-call")
            lead = load_lead(s, lead_id)
            if not lead.do_not_call:
                raise ValidationError(_("This lead is not marked do not call."))
            event = lifecycle.record(
                s,
                lead.id,
                EventKind.DO_NOT_CALL_LIFTED,
                actor_id=actor_id,
                comment=why,
                data={"previous_reason": lead.do_not_call_reason},
                at=self._ctx.now(),
                op_id=op_id,
            )
            lead.do_not_call = False
            lead.do_not_call_reason = None
            lead.updated_at = self._ctx.now()
            s.flush()
            return EditResult(lead.id, event.id, lead.version, {})

    def _apply(
        self,
        s: Session,
        lead: Lead,
        typed: Mapping[str, str | None],
        actor_id: int,
        op_id: str | None,
        extra: dict[str, Any],
        products: ProductCatalog | None = None,
    ) -> EditResult:
        current = {column: getattr(lead, column) for column in COLUMNS}
        plan = plan_correction(current, typed, self._ctx.rules.default_region, products)
        event = lifecycle.record(
            s,
            lead.id,
            EventKind.LEAD_EDITED,
            actor_id=actor_id,
            data={"changes": plan.changes, **extra},
            at=self._ctx.now(),
            op_id=op_id,
        )
        s.flush()  # the event first: on a team database the lead's row changes only with it
        for column, value in plan.columns.items():
            setattr(lead, column, value)
        lead.updated_at = self._ctx.now()
        s.flush()
        return EditResult(lead.id, event.id, lead.version, plan.changes)


def _changes(event: LeadEvent) -> dict[str, dict[str, str | None]]:
    changes = (event.data or {}).get("changes") or {}
    return {str(k): dict(v) for k, v in changes.items()}
