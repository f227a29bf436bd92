"""The reports' hourly rollups (issue 24): ``decision_hours`` and ``touch_hours`` with
their parts (see sdrdesk/db/rollups.py).

Built here from the events of every lead with the SQL of that day
(``frozen_rollups.V0018``), a tenth of the leads at a time; the caller may pass
``progress`` (a callable taking the percent done) in the Alembic config's attributes
(a line per 10 % in ``sdrdesk db upgrade``, a progress bar in the window). On
PostgreSQL the tables are only written by ``sdrdesk_refresh_rollups``, a SECURITY
DEFINER function team members may call (granted by ``sdrdesk db grants``).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import context, op

from sdrdesk.db.migrations import frozen_rollups

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


_OUTCOME_INDEX = ["channel", "sdr_id", "outcome", "hour", "source", "product"]
_OUTCOME_INDEX += ["n", "connected", "talk_seconds"]


def _key(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), primary_key=True)


def _part(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length), nullable=False)


def _int(name: str, *, key: bool = False) -> sa.Column[int]:
    return sa.Column(name, sa.Integer(), primary_key=key, nullable=False)


def upgrade() -> None:
    op.create_table(
        "decision_hours",
        _int("hour", key=True),
        _key("action", 40),
        _key("reason", 60),
        _int("sdr_id", key=True),
        _key("source", 200),
        _key("campaign", 300),
        _key("product", 120),
        _int("n"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_decision_hours_campaign",
        "decision_hours",
        ["source", "campaign", "action", "hour", "sdr_id", "product", "n"],
    )
    op.create_table(
        "decision_parts",
        _int("event_id", key=True),
        _int("lead_id"),
        _int("hour"),
        _part("action", 40),
        _part("reason", 60),
        _int("sdr_id"),
        _part("source", 200),
        _part("campaign", 300),
        _part("product", 120),
    )
    op.create_index("ix_decision_parts_lead_id", "decision_parts", ["lead_id"])
    op.create_table(
        "touch_hours",
        _int("hour", key=True),
        _key("channel", 40),
        _key("outcome", 80),
        _int("sdr_id", key=True),
        _key("source", 200),
        _key("product", 120),
        _int("n"),
        _int("connected"),
        _int("talk_seconds"),
        sqlite_with_rowid=False,
    )
    op.create_index(
        "ix_touch_hours_outcomes",
        "touch_hours",
        _OUTCOME_INDEX,
    )
    op.create_table(
        "touch_parts",
        _int("event_id", key=True),
        _int("lead_id"),
        _int("hour"),
        _part("channel", 40),
        _part("outcome", 80),
        _int("sdr_id"),
        _part("source", 200),
        _part("product", 120),
        _int("connected"),
        _int("talk_seconds"),
    )
    op.create_index("ix_touch_parts_lead_id", "touch_parts", ["lead_id"])
    bind = op.get_bind()
    sql = frozen_rollups.V0018
    if bind.dialect.name == "postgresql":
        frozen_rollups.install_function(bind, sql)
    frozen_rollups.rebuild(bind, sql, context.config.attributes.get("progress"))
    if bind.dialect.name == "postgresql":
        op.execute("ANALYZE decision_hours, touch_hours, decision_parts, touch_parts")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_refresh_rollups(integer[])")
    for table in ("touch_parts", "touch_hours", "decision_parts", "decision_hours"):
        op.drop_table(table)
