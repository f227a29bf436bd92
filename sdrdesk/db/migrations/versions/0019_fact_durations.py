"""The reports' medians at a million leads: durations computed in ``lead_facts``, indexed.

``lead_facts`` gets ``triage_by`` (who triaged: the accept's actor, else the reject's)
and four durations in seconds, ``mql_seconds`` (hand-off to accept), ``sal_seconds``
(accept to demo booked), ``triage_seconds`` (hand-off to accept or reject) and
``call_seconds`` (hand-off to first call), as generated columns: the database computes
them from the row with the very expression the reports use (``db.sqltime``), so the
read model's writes (``db.readmodel``, its frozen SQL and PostgreSQL functions) do not
change. SQLite: VIRTUAL (``ADD COLUMN`` cannot add a stored one; the indexes hold the
values); PostgreSQL: STORED (one rewrite of the table).

Each duration has three partial indexes (only rows that have it: a lead just handed off
enters none): (duration, hand-off) for the team, and (source, …) and (triage_by, …)
for the groups. A median is then the middle entry of an index range
(``services/reports/cohort.py``), read from the index alone, not a sort of the period.

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0019"
down_revision: str | None = "0018"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# (column, start, end) as text, per backend; frozen here as written on 2026-12-05.
_DURATIONS = (
    ("mql_seconds", "handed_off_at", "accept_at"),
    ("sal_seconds", "accept_at", "demo_at"),
    ("triage_seconds", "handed_off_at", "coalesce(accept_at, reject_at)"),
    ("call_seconds", "handed_off_at", "call_at"),
)


def _seconds(dialect: str, start: str, end: str) -> str:
    if dialect == "sqlite":
        return f"((julianday({end}) - julianday({start})) * 86400.0)"
    return f"date_part('epoch', {end} - {start})"


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    kind = "VIRTUAL" if dialect == "sqlite" else "STORED"
    columns = [f"triage_by INTEGER GENERATED ALWAYS AS (coalesce(accept_by, reject_by)) {kind}"]
    columns += [
        f"{name} FLOAT GENERATED ALWAYS AS ({_seconds(dialect, start, end)}) {kind}"
        for name, start, end in _DURATIONS
    ]
    if dialect == "sqlite":
        for column in columns:  # SQLite adds one column per statement
            op.execute(f"ALTER TABLE lead_facts ADD COLUMN {column}")
    else:
        op.execute("ALTER TABLE lead_facts " + ", ".join(f"ADD COLUMN {c}" for c in columns))
    for name, _start, _end in _DURATIONS:
        value = name.removesuffix("_seconds")
        where = sa.text(f"{name} IS NOT NULL")
        for by, key in (("team", None), ("source", "source"), ("sdr", "triage_by")):
            op.create_index(
                f"ix_lead_facts_{by}_{value}",
                "lead_facts",
                [*([key] if key else []), name, "handed_off_at"],
                sqlite_where=where,
                postgresql_where=where,
            )
    if dialect == "postgresql":
        op.execute("ANALYZE lead_facts")


def downgrade() -> None:
    for name, _start, _end in _DURATIONS:
        value = name.removesuffix("_seconds")
        for by in ("team", "source", "sdr"):
            op.drop_index(f"ix_lead_facts_{by}_{value}", "lead_facts")
    for name in ("call_seconds", "triage_seconds", "sal_seconds", "mql_seconds", "triage_by"):
        op.execute(f"ALTER TABLE lead_facts DROP COLUMN {name}")
