"""The funnel's and speed to lead's counts from an index alone (issue 24).

Three covering indexes on ``lead_facts``: (hand-off, source), (source, hand-off) and
(who triaged, hand-off), each followed by the four durations of migration 0019. A
period's counts per source or SDR then read one index in group order (SQLite: no
temporary sort of a year's million rows; the durations are stored in the index, so no
julianday() per row), the team's a range of the first. It replaces
``ix_lead_facts_handed_off`` (hand-off, source), its prefix.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen as written on 2026-12-05.
_DURATIONS = ["mql_seconds", "sal_seconds", "triage_seconds", "call_seconds"]
_INDEXES = {
    "ix_lead_facts_period": ["handed_off_at", "source"],
    "ix_lead_facts_source_period": ["source", "handed_off_at"],
    "ix_lead_facts_sdr_period": ["triage_by", "handed_off_at"],
}


def upgrade() -> None:
    # Seconds at a million leads: the caller's progress (a line per index in
    # ``sdrdesk db upgrade``, the bar in the window) after each index.
    progress = context.config.attributes.get("progress")
    if op.get_bind().execute(sa.text("SELECT 1 FROM lead_facts LIMIT 1")).first() is None:
        progress = None  # nothing to index, nothing to show (as 0013, 0018 and 0020)
    op.drop_index("ix_lead_facts_handed_off", "lead_facts")
    for done, (name, key) in enumerate(_INDEXES.items(), 1):
        op.create_index(name, "lead_facts", [*key, *_DURATIONS])
        if progress:
            progress(100 * done // len(_INDEXES))
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE lead_facts")


def downgrade() -> None:
    for name in _INDEXES:
        op.drop_index(name, "lead_facts")
    op.create_index("ix_lead_facts_handed_off", "lead_facts", ["handed_off_at", "source"])
