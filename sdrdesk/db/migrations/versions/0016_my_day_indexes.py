"""My day over a million leads: two indexes of an SDR's own leads; notes searchable.

``ix_leads_owner_callback`` (owner, status, callback due) answers "callbacks due today"
and ``ix_leads_owner_untouched`` (owner, status, attempts, hand-off) "routed to me and
not yet touched" and "past the speed-to-lead target", each count from the index alone
and each page of 200 in the index's order, the id breaking ties as My day sorts
(PostgreSQL keeps no row order of its own in an index; ``services/myday``). Partial: leads nobody
owns (most of a big import) are not in them, so an import writes no more than before.

The queue's search also finds a lead by the words of its notes and touches (the
comments of ``note_added`` and ``touch_logged`` events, ``db/search.py``): on SQLite an
FTS5 table ``note_search`` (rowid: the event's id) kept by triggers on ``lead_events``
(a new note; an erasure rewriting its text); on PostgreSQL a partial GIN index.

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
_NOTES = "new.action IN ('note_added', 'touch_logged') AND new.comment IS NOT NULL"
# As db/search.py asks (identical expressions, or the index is not used).
_PG_NOTE_VECTOR = "to_tsvector('simple'::regconfig, coalesce(comment, ''))"
_PG_NOTE_WHERE = "action IN ('note_added', 'touch_logged') AND comment IS NOT NULL"


def _note_search() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE note_search USING fts5(body, lead_id UNINDEXED,"
            " tokenize='unicode61 remove_diacritics 2', prefix='1')"
        )
        op.execute(
            f"CREATE TRIGGER lead_events_note_search AFTER INSERT ON lead_events WHEN {_NOTES}"
            " BEGIN INSERT INTO note_search(rowid, body, lead_id)"
            " VALUES (new.id, new.comment, new.lead_id); END"
        )
        op.execute(
            "CREATE TRIGGER lead_events_note_search_update AFTER UPDATE OF comment"
            " ON lead_events BEGIN DELETE FROM note_search WHERE rowid = old.id;"
            " INSERT INTO note_search(rowid, body, lead_id) SELECT new.id, new.comment,"
            f" new.lead_id WHERE {_NOTES}; END"
        )
        op.execute(
            "INSERT INTO note_search(rowid, body, lead_id) SELECT id, comment, lead_id"
            " FROM lead_events WHERE action IN ('note_added', 'touch_logged')"
            " AND comment IS NOT NULL"
        )
    else:
        op.execute(
            "CREATE INDEX ix_lead_events_note_search ON lead_events"
            f" USING gin ({_PG_NOTE_VECTOR}) WHERE {_PG_NOTE_WHERE}"
        )


def upgrade() -> None:
    op.create_index(
        "ix_leads_owner_callback",
        "leads",
        ["owner_id", "status", "callback_due_at", "id"],
        sqlite_where=_OWNED,
        postgresql_where=_OWNED,
    )
    op.create_index(
        "ix_leads_owner_untouched",
        "leads",
        ["owner_id", "status", "attempt_count", "handed_off_at", "id"],
        sqlite_where=_OWNED,
        postgresql_where=_OWNED,
    )
    _note_search()
    if op.get_bind().dialect.name == "postgresql":
        op.execute("ANALYZE leads")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS lead_events_note_search_update")
        op.execute("DROP TRIGGER IF EXISTS lead_events_note_search")
        op.execute("DROP TABLE IF EXISTS note_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_lead_events_note_search")
    op.drop_index("ix_leads_owner_untouched", "leads")
    op.drop_index("ix_leads_owner_callback", "leads")
