"""The reports' read model: ``lead_facts``, one row per lead (see sdrdesk/db/readmodel.py).

Built here from the events of every lead, with the SQL of that day
(``frozen_facts.V0013``), a tenth of the leads at a time; the caller may pass
``progress`` (a callable taking the percent done) in the Alembic config's attributes.
On PostgreSQL the table is only written by ``sdrdesk_refresh_facts``, a SECURITY
DEFINER function team members may call (granted by ``sdrdesk db grants``).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from sdrdesk.db.migrations import frozen_facts

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "lead_facts",
        sa.Column("lead_id", sa.Integer(), sa.ForeignKey("leads.id"), primary_key=True),
        sa.Column("handed_off_at", _utc(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("campaign", sa.String(300)),
        sa.Column("owner_id", sa.Integer()),
        sa.Column("grade", sa.String(1)),
        sa.Column("accept_at", _utc()),
        sa.Column("accept_by", sa.Integer()),
        sa.Column("reject_at", _utc()),
        sa.Column("reject_by", sa.Integer()),
        sa.Column("demo_at", _utc()),
        sa.Column("call_at", _utc()),
        sa.Column("disqualified_at", _utc()),
        sa.Column("nurtured_at", _utc()),
    )
    op.create_index("ix_lead_facts_handed_off", "lead_facts", ["handed_off_at", "source"])
    bind = op.get_bind()
    if bind.dialect.name == "postgresql":
        frozen_facts.install_functions(bind, frozen_facts.V0013)
    frozen_facts.rebuild(bind, frozen_facts.V0013, context.config.attributes.get("progress"))
    if bind.dialect.name == "postgresql":
        op.execute("ANALYZE lead_facts")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_refresh_facts(integer[])")
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_new_lead_facts(integer, integer)")
    op.drop_index("ix_lead_facts_handed_off", "lead_facts")
    op.drop_table("lead_facts")
