"""The transactional outbox: a decision's webhooks are written with the decision.

``emit(s, event)`` runs inside the action's own transaction (triage, calls, demos,
privacy), after its event row is flushed: one delivery per endpoint that takes the
event's type, so a rolled-back action sends nothing and a crash after the commit loses
nothing. On PostgreSQL it goes through ``sdrdesk_webhook_emit`` (migration 0012), so an
SDR, who may not read endpoints' secrets or change deliveries, still queues the
messages of their own actions.

**Undo.** An accept or a reject can be undone for ``undo_seconds``. Its deliveries are
held that long plus a second (``available_at``), and ``withdraw`` (called by the undo,
in the undo's transaction) cancels them while they are still held and unclaimed. So
the CRM hears of an accept or reject only once it can no longer be undone, and never of
one that was undone; every other event leaves at once.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from sqlalchemy import insert, select, text, update
from sqlalchemy.orm import Session

from sdrdesk.db.models import LeadEvent, WebhookDelivery, WebhookEndpoint
from sdrdesk.services.results import QualificationSummary
from sdrdesk.services.webhooks import payloads, wake

# The lead events that leave sdrdesk, by the event's action.
EVENT_TYPES = {
    "accept": "lead.accepted",
    "reject": "lead.rejected",
    "disqualify": "lead.disqualified",
    "nurture": "lead.nurture",
    "book_demo": "lead.sql",
    "demo_rescheduled": "demo.moved",
    "demo_updated": "demo.moved",
    "cancel_demo": "demo.cancelled",
    "erased": "lead.erased",
}
HELD = frozenset({"lead.accepted", "lead.rejected"})
LIVE = ("active", "failing")  # endpoints that still get new deliveries


def hold_for(undo_seconds: int) -> int:
    """How long an undoable decision waits before it is sent."""
    return undo_seconds + 1 if undo_seconds > 0 else 0


def emit(
    s: Session,
    event: LeadEvent,
    *,
    undo_seconds: int = 0,
    qualification: QualificationSummary | None = None,
) -> int:
    """Queue the webhooks of ``event`` (flushed, of this transaction); returns how many."""
    event_type = EVENT_TYPES.get(event.action)
    if event_type is None:
        return 0
    targets = [
        endpoint
        for endpoint, events in s.execute(
            select(WebhookEndpoint.id, WebhookEndpoint.events).where(
                WebhookEndpoint.status.in_(LIVE)
            )
        )
        if event_type in events.split(",")
    ]
    if not targets and event_type != "lead.erased":
        return 0
    at = event.at
    available = at + timedelta(seconds=hold_for(undo_seconds) if event_type in HELD else 0)
    text_ = payloads.body(event_type, at, payloads.event_data(s, event_type, event, qualification))
    return queue(s, event_type, text_, event.lead_id, event.id, at, available, targets)


def queue(
    s: Session,
    event_type: str,
    body: str,
    lead_id: int | None,
    event_id: int | None,
    at: datetime,
    available: datetime,
    endpoints: list[int],
    *,
    direct: bool = False,
) -> int:
    """Write the deliveries to ``endpoints``; on PostgreSQL an action's go through
    ``sdrdesk_webhook_emit`` (``direct``: a manager's own insert, the ping)."""
    bind = s.get_bind()
    if bind.dialect.name == "postgresql" and not direct:
        added = s.execute(
            text("SELECT sdrdesk_webhook_emit(:t, :p, :l, :e, :c, :a)"),
            {"t": event_type, "p": body, "l": lead_id, "e": event_id, "c": at, "a": available},
        ).scalar_one()
    else:
        if event_type == "lead.erased":
            _forget(s, lead_id)
        rows = [
            {
                "endpoint_id": endpoint,
                "message_id": f"msg_{uuid.uuid4().hex}",
                "event_type": event_type,
                "lead_id": lead_id,
                "source_event_id": event_id,
                "payload": body,
                "status": "pending",
                "created_at": at,
                "available_at": available,
                "attempts": 0,
            }
            for endpoint in endpoints
        ]
        if rows:
            s.execute(insert(WebhookDelivery), rows)
        added = len(rows)
    if added:
        s.info[wake.MARK] = wake.database_key(bind.engine.url)
    return int(added)


def _forget(s: Session, lead_id: int | None) -> None:
    """An erasure: the lead's unsent deliveries are cancelled, its payloads blanked."""
    d = WebhookDelivery
    s.execute(
        update(d)
        .where(d.lead_id == lead_id, d.status == "pending")
        .values(status="cancelled", last_error="erased")
    )
    s.execute(
        update(d).where(d.lead_id == lead_id).values(payload='{"erased": true}', response_body=None)
    )


def withdraw(s: Session, undo_event: LeadEvent) -> int:
    """The undo of a held accept or reject: its deliveries are cancelled, unsent."""
    if s.get_bind().dialect.name == "postgresql":
        return int(
            s.execute(
                text("SELECT sdrdesk_webhook_withdraw(:e)"), {"e": undo_event.id}
            ).scalar_one()
        )
    undone = (undo_event.data or {}).get("undoes_event")
    d = WebhookDelivery
    result = s.execute(
        update(d)
        .where(
            d.source_event_id == undone,
            d.status == "pending",
            d.attempts == 0,
            d.locked_by.is_(None),
        )
        .values(status="cancelled", last_error="undone")
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
