"""Indexes for the reports (see sdrdesk/db/models/reporting.py).

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = (
    ("ix_leads_handed_off_report", "leads", ["handed_off_at", "source", "campaign", "id"]),
    ("ix_lead_events_lead_action", "lead_events", ["lead_id", "action", "at"]),
    (
        "ix_lead_events_report",
        "lead_events",
        ["action", "at", "lead_id", "actor_id", "reason_code", "id"],
    ),
)


def upgrade() -> None:
    for name, table, columns in INDEXES:
        op.create_index(name, table, columns)
    if op.get_bind().dialect.name == "postgresql":
        # Fresh statistics, so the first report after the upgrade is planned well.
        op.execute("ANALYZE leads")
        op.execute("ANALYZE lead_events")


def downgrade() -> None:
    for name, table, _columns in reversed(INDEXES):
        op.drop_index(name, table_name=table)
