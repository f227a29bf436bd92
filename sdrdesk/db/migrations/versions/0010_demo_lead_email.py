"""The lead's address for a demo's invite, on the demo.

``demos.lead_email``: the address the demo dialog asked for when the lead had none (or
another one); the invite uses it, else the lead's. The lead's own data stays as
marketing handed it off (on a team database only its erasure changes it).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-08
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN: SQLite's batch mode would rebuild ``demos`` (see 0008).
    op.add_column("demos", sa.Column("lead_email", sa.String(320), nullable=True))


def downgrade() -> None:
    op.drop_column("demos", "lead_email")  # SQLite 3.35+ drops a column in place
