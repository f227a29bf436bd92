"""The grades report's marks (issue 24): ``grade_marks``, one row per ``qualified``
event with what the report needs (see sdrdesk/db/grademarks.py).

Built here from the events of every lead with the SQL of that day
(``frozen_grades.V0020``), a tenth of the leads at a time, with ``progress`` as in
migration 0018 (a line per 10 % in ``sdrdesk db upgrade``, a progress bar in the
window). On PostgreSQL the table is only written by ``sdrdesk_refresh_grades``, a
SECURITY DEFINER function team members may call (granted by ``sdrdesk db grants``).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from sdrdesk.db.migrations import frozen_grades

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "grade_marks",
        sa.Column("event_id", sa.Integer(), primary_key=True),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sdr_id", sa.Integer(), nullable=True),
        sa.Column("grade", sa.Text(), nullable=True),
        sa.Column("later_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("demo", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(200), nullable=True),
        sa.Column("product", sa.String(120), nullable=True),
    )
    op.create_index(
        "ix_grade_marks_at", "grade_marks", ["at", "grade", "sdr_id", "later_at", "demo"]
    )
    op.create_index("ix_grade_marks_lead", "grade_marks", ["lead_id", "event_id", "at"])
    bind = op.get_bind()
    sql = frozen_grades.V0020
    if bind.dialect.name == "postgresql":
        frozen_grades.install_function(bind, sql)
    frozen_grades.rebuild(bind, sql, context.config.attributes.get("progress"))
    if bind.dialect.name == "postgresql":
        op.execute("ANALYZE grade_marks")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_refresh_grades(integer[])")
    op.drop_table("grade_marks")
