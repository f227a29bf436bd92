"""Users bound to database logins, and erasures.

* ``users.login``: on a team database, the PostgreSQL login (``session_user``) a user
  is. Whoever connects as that login acts as that user and as no other. Existing users
  whose name is the name of a login role are bound to it (that is how they connected).
* ``erasures``: a person's data erased on request (DSGVO Art. 17): which lead, who,
  when and why, without the erased data.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-04
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sdrdesk.db.types import UTCDateTime

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # A plain ADD COLUMN and a unique index: SQLite's batch mode would rebuild ``users``,
    # which every lead and event references (foreign keys are on during migrations).
    op.add_column("users", sa.Column("login", sa.String(63), nullable=True))
    op.create_index("uq_users_login", "users", ["login"], unique=True)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "UPDATE users SET login = name WHERE login IS NULL AND name IN "
            "(SELECT rolname FROM pg_roles WHERE rolcanlogin)"
        )
    op.create_table(
        "erasures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("erased_by_id", sa.Integer(), nullable=True),
        sa.Column("erased_at", UTCDateTime(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.ForeignKeyConstraint(["lead_id"], ["leads.id"], name="fk_erasures_lead_id_leads"),
        sa.ForeignKeyConstraint(
            ["erased_by_id"], ["users.id"], name="fk_erasures_erased_by_id_users"
        ),
        sa.PrimaryKeyConstraint("id", name="pk_erasures"),
    )
    op.create_index("ix_erasures_lead_id", "erasures", ["lead_id"])


def downgrade() -> None:
    op.drop_index("ix_erasures_lead_id", table_name="erasures")
    op.drop_table("erasures")
    op.drop_index("uq_users_login", table_name="users")
    op.drop_column("users", "login")  # SQLite 3.35+ drops a column in place
