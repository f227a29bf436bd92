"""A lead's product (issue 22): ``leads.product`` and ``lead_facts.product``.

The product picks the SAL definition and the call script of a lead, and the reports and
exports filter by it. It comes from an import column, an intake field, or the campaign's
mapping in the data files; None means the team's default definition and script.

The read model's functions learn the new column (``frozen_facts.V0015``). Existing leads
have no product yet, so their facts need no rebuild.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sdrdesk.db.migrations import frozen_facts

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column("leads", sa.Column("product", sa.String(120)))
    op.add_column("lead_facts", sa.Column("product", sa.String(120)))
    if op.get_bind().dialect.name == "postgresql":
        frozen_facts.install_functions(op.get_bind(), frozen_facts.V0015)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        frozen_facts.install_functions(op.get_bind(), frozen_facts.V0013)
    # Plain ALTER TABLE on both (SQLite >= 3.35): a batch copy of ``leads`` would trip
    # over the tables that point at it.
    op.execute("ALTER TABLE lead_facts DROP COLUMN product")
    op.execute("ALTER TABLE leads DROP COLUMN product")
