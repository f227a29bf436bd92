"""Webhooks: endpoints and the transactional outbox of their deliveries.

Tables ``webhook_endpoints`` and ``webhook_deliveries`` (``db.models.webhooks``).

PostgreSQL (team trust, see ``db.grants``): only managers read and change the two
tables (an endpoint's secret, a delivery's state). An SDR's action still writes its
outbox rows in its own transaction, through two SECURITY DEFINER functions with a fixed
``search_path``, which only accept an event of that lead written by the calling
transaction (``xmin = pg_current_xact_id()::xid``), so nobody queues a message for
something they did not do:

* ``sdrdesk_webhook_emit(type, payload, lead, event, created, available)``: one delivery
  per endpoint that takes the event type; NOTIFY ``sdrdesk_webhooks`` (sent at commit)
  wakes the dispatchers. For ``lead.erased`` (only with that lead's erasures row of the
  same transaction) the lead's earlier payloads are blanked and its unsent ones
  cancelled.
* ``sdrdesk_webhook_withdraw(undo_event)``: an undo (its event written by this
  transaction, in the caller's own name) cancels the deliveries of the undone event that
  are still held and were never claimed.

SQLite: the tables only (the services do the same in plain SQL).

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PATH = "SET search_path = pg_catalog, public"
_THIS_TRANSACTION = "xmin = pg_current_xact_id()::xid"

FUNCTIONS = [
    f"""CREATE FUNCTION sdrdesk_webhook_emit(p_type text, p_payload text, p_lead integer,
        p_event bigint, p_created timestamptz, p_available timestamptz) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
    DECLARE added integer;
    BEGIN
      IF NOT sdrdesk_trusted() AND NOT EXISTS (
          SELECT 1 FROM public.lead_events
          WHERE id = p_event AND lead_id = p_lead AND {_THIS_TRANSACTION}) THEN
        PERFORM sdrdesk_refuse('A webhook is sent only for an action of this transaction.');
      END IF;
      IF p_type = 'lead.erased' THEN
        IF NOT sdrdesk_trusted() AND NOT EXISTS (
            SELECT 1 FROM public.erasures WHERE lead_id = p_lead AND {_THIS_TRANSACTION}) THEN
          PERFORM sdrdesk_refuse('Only an erasure tells that a person was erased.');
        END IF;
        UPDATE public.webhook_deliveries SET status = 'cancelled', last_error = 'erased'
          WHERE lead_id = p_lead AND status = 'pending';
        UPDATE public.webhook_deliveries SET payload = '{{"erased": true}}',
          response_body = NULL WHERE lead_id = p_lead;
      END IF;
      INSERT INTO public.webhook_deliveries (endpoint_id, message_id, event_type, lead_id,
          source_event_id, payload, status, created_at, available_at, attempts)
        SELECT e.id, 'msg_' || replace(gen_random_uuid()::text, '-', ''), p_type, p_lead,
               p_event, p_payload, 'pending', p_created, p_available, 0
        FROM public.webhook_endpoints e
        WHERE e.status IN ('active', 'failing')
          AND p_type = ANY (string_to_array(e.events, ','));
      GET DIAGNOSTICS added = ROW_COUNT;
      IF added > 0 THEN PERFORM pg_notify('sdrdesk_webhooks', ''); END IF;
      RETURN added;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_webhook_withdraw(p_undo_event bigint) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
    DECLARE undone bigint; withdrawn integer;
    BEGIN
      SELECT (data ->> 'undoes_event')::bigint INTO undone FROM public.lead_events
        WHERE id = p_undo_event AND {_THIS_TRANSACTION};
      IF NOT sdrdesk_trusted() THEN  -- (nested: SQL does not promise to short-circuit)
        IF NOT EXISTS (SELECT 1 FROM public.lead_events
            WHERE id = p_undo_event AND actor_id = sdrdesk_me()) THEN
          undone := NULL;
        END IF;
      END IF;
      IF undone IS NULL THEN
        PERFORM sdrdesk_refuse('Only an undo of this transaction withdraws a webhook.');
      END IF;
      UPDATE public.webhook_deliveries SET status = 'cancelled', last_error = 'undone'
        WHERE source_event_id = undone AND status = 'pending' AND attempts = 0
          AND locked_by IS NULL;
      GET DIAGNOSTICS withdrawn = ROW_COUNT;
      RETURN withdrawn;
    END $$""",
    "REVOKE ALL ON FUNCTION sdrdesk_webhook_emit(text, text, integer, bigint, timestamptz, "
    "timestamptz) FROM PUBLIC",
    "REVOKE ALL ON FUNCTION sdrdesk_webhook_withdraw(bigint) FROM PUBLIC",
]


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "webhook_endpoints",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("url", sa.String(2000), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("events", sa.Text(), nullable=False),
        sa.Column("secret", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("status_note", sa.Text(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("changed_at", _utc(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_webhook_endpoints_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_endpoints")),
    )
    big_id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    op.create_table(
        "webhook_deliveries",
        sa.Column("id", big_id, autoincrement=True, nullable=False),
        sa.Column("endpoint_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("event_type", sa.String(40), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=True),
        sa.Column("source_event_id", sa.BigInteger(), nullable=True),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("available_at", _utc(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", _utc(), nullable=True),
        sa.Column("delivered_at", _utc(), nullable=True),
        sa.Column("response_status", sa.Integer(), nullable=True),
        sa.Column("response_body", sa.Text(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("locked_by", sa.String(64), nullable=True),
        sa.Column("locked_until", _utc(), nullable=True),
        sa.ForeignKeyConstraint(
            ["endpoint_id"],
            ["webhook_endpoints.id"],
            name=op.f("fk_webhook_deliveries_endpoint_id_webhook_endpoints"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_webhook_deliveries")),
        sa.UniqueConstraint("message_id", name=op.f("uq_webhook_deliveries_message_id")),
    )
    op.create_index("ix_webhook_deliveries_due", "webhook_deliveries", ["status", "available_at"])
    op.create_index("ix_webhook_deliveries_endpoint", "webhook_deliveries", ["endpoint_id", "id"])
    op.create_index("ix_webhook_deliveries_source", "webhook_deliveries", ["source_event_id"])
    op.create_index("ix_webhook_deliveries_lead", "webhook_deliveries", ["lead_id"])
    if op.get_bind().dialect.name == "postgresql":
        for statement in FUNCTIONS:
            op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "DROP FUNCTION IF EXISTS sdrdesk_webhook_emit(text, text, integer, bigint, "
            "timestamptz, timestamptz)"
        )
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_webhook_withdraw(bigint)")
    op.drop_table("webhook_deliveries")
    op.drop_table("webhook_endpoints")
