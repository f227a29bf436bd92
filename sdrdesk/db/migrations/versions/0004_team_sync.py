"""Team mode: idempotent actions and change notifications.

- ``lead_events.op_id``: the client's id for the action that wrote the event (unique),
  so an action retried after a lost connection is recognised and not applied twice.
- PostgreSQL: a statement-level trigger sends ``NOTIFY sdrdesk_events`` after events are
  written (one notification per transaction, however many events), which every client
  LISTENs to. SQLite clients poll the newest event id instead.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CHANNEL = "sdrdesk_events"


def upgrade() -> None:
    # A plain ADD COLUMN and a unique index: a batch (copy-and-move) on SQLite would drop
    # the append-only triggers of this table.
    op.add_column("lead_events", sa.Column("op_id", sa.String(36), nullable=True))
    op.create_index("uq_lead_events_op_id", "lead_events", ["op_id"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION sdrdesk_notify_events() RETURNS trigger LANGUAGE plpgsql AS "
            f"$$ BEGIN PERFORM pg_notify('{CHANNEL}', ''); RETURN NULL; END $$"
        )
        op.execute(
            "CREATE TRIGGER lead_events_notify AFTER INSERT ON lead_events "
            "FOR EACH STATEMENT EXECUTE FUNCTION sdrdesk_notify_events()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS lead_events_notify ON lead_events")
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_notify_events()")
    op.drop_index("uq_lead_events_op_id", table_name="lead_events")
    op.drop_column("lead_events", "op_id")
