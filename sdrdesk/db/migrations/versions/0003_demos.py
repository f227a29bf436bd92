"""Demos booked with account executives.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "demos",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(255), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("ae_id", sa.Integer(), nullable=False),
        sa.Column("sdr_id", sa.Integer(), nullable=False),
        sa.Column("starts_at", _utc(), nullable=False),
        sa.Column("duration_minutes", sa.Integer(), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=True),
        sa.Column("location", sa.String(500), nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("include_handover", sa.Boolean(), nullable=False),
        sa.Column(
            "status",
            sa.Enum(
                "booked",
                "cancelled",
                name="demo_status",
                native_enum=False,
                create_constraint=True,
                length=20,
            ),
            nullable=False,
        ),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("cancel_reason", sa.Text(), nullable=True),
        sa.Column("cancelled_at", _utc(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["ae_id"], ["users.id"], name=op.f("fk_demos_ae_id_users")),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name=op.f("fk_demos_lead_id_leads")),
        sa.ForeignKeyConstraint(["sdr_id"], ["users.id"], name=op.f("fk_demos_sdr_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_demos")),
        sa.UniqueConstraint("uid", name=op.f("uq_demos_uid")),
    )
    op.create_index("ix_demos_lead", "demos", ["lead_id", "status"])
    op.create_index("ix_demos_ae_starts", "demos", ["ae_id", "starts_at"])
    op.create_index("ix_demos_status_starts", "demos", ["status", "starts_at"])


def downgrade() -> None:
    op.drop_index("ix_demos_status_starts", table_name="demos")
    op.drop_index("ix_demos_ae_starts", table_name="demos")
    op.drop_index("ix_demos_lead", table_name="demos")
    op.drop_table("demos")
