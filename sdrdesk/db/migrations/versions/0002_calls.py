"""Calls: call attempts and qualifications (answers, scores, grade, recommendation).

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    op.create_table(
        "qualifications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("script_id", sa.String(50), nullable=False),
        sa.Column("script_version", sa.String(40), nullable=False),
        sa.Column("answers", _json(), nullable=False),
        sa.Column("answer_lines", _json(), nullable=False),
        sa.Column("scores", _json(), nullable=False),
        sa.Column("total", sa.Float(), nullable=True),
        sa.Column("grade", sa.String(1), nullable=True),
        sa.Column("complete", sa.Boolean(), nullable=False),
        sa.Column("knockout_question", sa.String(50), nullable=True),
        sa.Column("recommendation", sa.String(20), nullable=True),
        sa.Column("recommendation_reason", sa.String(50), nullable=True),
        sa.Column("decision", sa.String(20), nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_qualifications_lead_id_leads")
        ),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_qualifications_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_qualifications")),
    )
    op.create_index("ix_qualifications_lead", "qualifications", ["lead_id", "id"])
    op.create_table(
        "call_attempts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("caller_id", sa.Integer(), nullable=True),
        sa.Column("started_at", _utc(), nullable=False),
        sa.Column("duration_seconds", sa.Integer(), nullable=False),
        sa.Column("outcome", sa.String(40), nullable=False),
        sa.Column("connected", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        sa.Column("script_id", sa.String(50), nullable=True),
        sa.Column("script_version", sa.String(40), nullable=True),
        sa.Column("answers", _json(), nullable=False),
        sa.Column("answer_lines", _json(), nullable=False),
        sa.Column("callback_at", _utc(), nullable=True),
        sa.Column("decision", sa.String(20), nullable=True),
        sa.Column("qualification_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_call_attempts_lead_id_leads")
        ),
        sa.ForeignKeyConstraint(
            ["caller_id"], ["users.id"], name=op.f("fk_call_attempts_caller_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["qualification_id"],
            ["qualifications.id"],
            name=op.f("fk_call_attempts_qualification_id_qualifications"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_call_attempts")),
    )
    op.create_index("ix_call_attempts_lead", "call_attempts", ["lead_id", "started_at"])
    op.create_index("ix_call_attempts_started", "call_attempts", ["started_at"])


def downgrade() -> None:
    op.drop_table("call_attempts")
    op.drop_table("qualifications")
