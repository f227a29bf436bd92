"""Webhooks: the endpoints decisions are sent to, and the outbox of their deliveries.

A delivery row is written in the same transaction as the action it tells about (the
transactional outbox, ``services.webhooks.outbox``); the dispatcher sends it later and
marks it. ``message_id`` is the Standard Webhooks ``webhook-id``: the same on every
attempt. ``payload`` is the exact JSON text that is signed and sent. ``locked_by`` /
``locked_until`` are a dispatcher's lease (a dispatcher killed mid-batch loses it when
it runs out, and the delivery is sent again, with the same id).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import BigInteger, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sdrdesk.db.base import Base, BigIntId, utcnow


class WebhookEndpoint(Base):
    """A receiver (the CRM, marketing's tool). ``status``: active, failing (retries ran
    out; still tried), disabled (the receiver answered 410 Gone) or removed."""

    __tablename__ = "webhook_endpoints"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2000))
    description: Mapped[str | None] = mapped_column(Text)
    events: Mapped[str] = mapped_column(Text)  # event types, comma-separated
    secret: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(20), default="active")
    status_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    changed_at: Mapped[datetime | None]


class WebhookDelivery(Base):
    """One event for one endpoint. ``status``: pending (due at ``available_at``),
    delivered, failed (retries ran out, or the endpoint is gone) or cancelled (the action
    was undone while the delivery was held, or the person's data was erased)."""

    __tablename__ = "webhook_deliveries"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    endpoint_id: Mapped[int] = mapped_column(ForeignKey("webhook_endpoints.id"))
    message_id: Mapped[str] = mapped_column(String(64), unique=True)
    event_type: Mapped[str] = mapped_column(String(40))
    lead_id: Mapped[int | None] = mapped_column(Integer)
    source_event_id: Mapped[int | None] = mapped_column(BigInteger)
    payload: Mapped[str] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    available_at: Mapped[datetime]
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None]
    delivered_at: Mapped[datetime | None]
    response_status: Mapped[int | None] = mapped_column(Integer)
    response_body: Mapped[str | None] = mapped_column(Text)
    last_error: Mapped[str | None] = mapped_column(Text)
    locked_by: Mapped[str | None] = mapped_column(String(64))
    locked_until: Mapped[datetime | None]

    __table_args__ = (
        Index("ix_webhook_deliveries_due", "status", "available_at"),
        Index("ix_webhook_deliveries_endpoint", "endpoint_id", "id"),
        Index("ix_webhook_deliveries_source", "source_event_id"),
        Index("ix_webhook_deliveries_lead", "lead_id"),
    )
