"""Applying the domain lifecycle inside a transaction.

``transition`` is the only code that changes ``Lead.status``. It asks the domain whether
the move is allowed, sets the status and adds the event row in the caller's session, so
both land in the same commit. A ``before_flush`` guard refuses any other status change
and any update or delete of an event (the history is append-only; the migration adds
database triggers for the same rule).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, event, inspect, select
from sqlalchemy.orm import Session

from sdrdesk.db import readmodel, search, tables
from sdrdesk.db.bulk import insert_many
from sdrdesk.db.models import Lead, LeadEvent, RejectionReason
from sdrdesk.db.sqlite_values import json_text
from sdrdesk.db.types import utcnow
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.lifecycle import Action, ReasonRule, Status, plan_transition
from sdrdesk.i18n import _

_SANCTIONED = "sdrdesk_sanctioned_status"


def reason_rule(session: Session, code: str | None) -> ReasonRule | None:
    if code is None:
        return None
    reason = session.scalars(select(RejectionReason).where(RejectionReason.code == code)).first()
    if reason is None:
        raise ValidationError(
            _("There is no reason “{code}”; `sdrdesk reasons list` shows them.").format(code=code)
        )
    return ReasonRule(
        reason.code, reason.label, reason.requires_comment, reason.active, reason.stage
    )


def transition(
    session: Session,
    lead: Lead,
    action: Action,
    *,
    actor_id: int | None,
    reason_code: str | None = None,
    comment: str | None = None,
    data: Mapping[str, Any] | None = None,
    at: datetime | None = None,
    op_id: str | None = None,
) -> LeadEvent:
    """Move ``lead`` by ``action`` and record the event; raises domain errors if illegal."""
    comment = storable(comment)
    current = lead.status
    target = plan_transition(current, action, reason_rule(session, reason_code), comment)
    session.info.setdefault(_SANCTIONED, {})[id(lead)] = target
    lead.status = target
    entry = LeadEvent(
        lead=lead,
        at=at or utcnow(),
        actor_id=actor_id,
        action=action.value,
        from_status=current,
        to_status=target,
        reason_code=reason_code,
        comment=comment,
        data=dict(data or {}),
        op_id=op_id,
    )
    session.add(entry)
    return entry


def find_operation(session: Session, op_id: str | None) -> LeadEvent | None:
    """The event an earlier attempt of the same user action wrote, if it committed."""
    if op_id is None:
        return None
    return session.scalars(select(LeadEvent).where(LeadEvent.op_id == op_id)).first()


def record(
    session: Session,
    lead_id: int,
    action: str,
    *,
    actor_id: int | None,
    comment: str | None = None,
    data: Mapping[str, Any] | None = None,
    at: datetime | None = None,
    op_id: str | None = None,
) -> LeadEvent:
    """An event that does not change the status (claim, call logged, demo moved, …)."""
    if action in Action.__members__.values():
        raise ValueError(f"{action} changes the status: use transition()")
    entry = LeadEvent(
        lead_id=lead_id,
        at=at or utcnow(),
        actor_id=actor_id,
        action=action,
        comment=storable(comment),
        data=dict(data or {}),
        op_id=op_id,
    )
    session.add(entry)
    return entry


def storable(comment: str | None) -> str | None:
    """A comment as stored: trimmed; None when empty. A NUL or a lone surrogate is not
    cleaned away here: the engine refuses it with one sentence (``db/engine.py``), so
    nothing typed is silently changed."""
    return (comment or "").strip() or None


def hand_off_many(
    session: Session,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    actor_id: int | None,
    fixed: Mapping[str, Any] | None = None,
    event_data: Iterable[Any] | None = None,
    at: datetime | None = None,
    encoded: bool = False,
    index_search: bool = True,
) -> list[int]:
    """Insert new MQLs in bulk with their hand-off events; returns the new ids in order.

    Each row holds one lead's values of ``columns``, ``fixed`` the values all of them
    share (the importer's fast path). ``encoded``: the rows and the events' data are
    already what SQLite stores (the data as JSON text), see ``db.bulk``. The lifecycle is
    asked once: every new lead starts with the hand-off transition into MQL. Without
    ``index_search`` the caller adds the leads to the search index itself, before its
    transaction ends (``search.index_new_leads``: an import does it once for all its
    chunks, three times faster than chunk by chunk).
    """
    if not rows:
        return []
    target = plan_transition(None, Action.HAND_OFF)
    now = at or utcnow()
    ids = insert_many(
        session,
        tables.leads,
        columns,
        rows,
        fixed={
            **(fixed or {}),
            "status": target,
            "version": 1,
            "created_at": now,
            "updated_at": now,
        },
        encoded=encoded,
        return_ids=True,
    )
    if len(ids) != len(rows):
        raise RuntimeError(f"inserted {len(rows)} leads but found {len(ids)} new ids")
    if index_search:
        search.index_new_leads(session, min(ids), max(ids))
    empty: Any = json_text({}) if encoded else {}
    datas = list(event_data) if event_data is not None else [empty for _ in rows]
    insert_many(
        session,
        cast(Table, LeadEvent.__table__),
        ("lead_id", "data"),
        list(zip(ids, datas, strict=True)),
        fixed={
            "at": now,
            "actor_id": actor_id,
            "action": Action.HAND_OFF.value,
            "from_status": None,
            "to_status": target,
        },
        encoded=encoded,
    )
    readmodel.add_new(session.connection(), min(ids), max(ids))
    return ids


@event.listens_for(Session, "before_flush")
def _guard_history(session: Session, _ctx: Any, _instances: Any) -> None:
    sanctioned: dict[int, Status] = session.info.get(_SANCTIONED, {})
    for obj in list(session.dirty) + list(session.deleted):
        if isinstance(obj, LeadEvent):
            raise RuntimeError("lead_events is append-only: events are never changed or deleted")
    for obj in session.deleted:
        if isinstance(obj, Lead):
            raise RuntimeError("leads are never deleted; move them through the lifecycle")
    for obj in list(session.dirty) + list(session.new):
        if not isinstance(obj, Lead):
            continue
        history = inspect(obj).attrs.status.history
        if obj in session.new and not history.added:
            continue
        if history.has_changes() and sanctioned.get(id(obj)) != obj.status:
            raise RuntimeError(
                f"Lead {obj.id}: status changed to {obj.status} outside the lifecycle"
            )
    session.info.pop(_SANCTIONED, None)
