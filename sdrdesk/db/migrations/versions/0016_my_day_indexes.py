"""My day over a million leads: two indexes of an SDR's own leads.

``ix_leads_owner_callback`` (owner, status, callback due) answers "callbacks due today"
and ``ix_leads_owner_untouched`` (owner, status, attempts, hand-off) "routed to me and
not yet touched" and "past the speed-to-lead target", each count from the index alone
and each page of 200 in the index's order (``services/myday``). Partial: leads nobody
owns (most of a big import) are not in them, so an import writes no more than before.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0016"
down_revision: str | None = "0015"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OWNED = sa.text("owner_id IS NOT NULL")


def upgrade() -> None:
    op.create_index(
        "ix_leads_owner_callback",
        "leads",
        ["owner_id", "status", "callback_due_at"],
        sqlite_where=_OWNED,
        postgresql_where=_OWNED,
    )
    op.create_index(
        "ix_leads_owner_untouched",
        "leads",
        ["owner_id", "status", "attempt_count", "handed_off_at"],
        sqlite_where=_OWNED,
        postgresql_where=_OWNED,
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE leads")


def downgrade() -> None:
    op.drop_index("ix_leads_owner_untouched", "leads")
    op.drop_index("ix_leads_owner_callback", "leads")
