"""Word-prefix search over a lead's name, company and e-mail, and the text of its notes
and touches, on both backends.

"mül schm" finds leads with a word starting "mül" and a word starting "schm" in first
name, last name, company or e-mail (split at ``@`` and ``.``), case-insensitively.
SQLite uses the FTS5 table ``lead_search``; PostgreSQL a GIN-indexed ``tsvector``. The
expressions here must stay identical to the ones the migration indexes. A lead is also
found when one of its notes (``note_added``) or touches (``touch_logged``, the comment)
has a word starting with each term: SQLite's FTS5 table ``note_search`` (filled by a
trigger on ``lead_events``), PostgreSQL's partial GIN index ``ix_lead_events_note_search``
(migration 0016).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, Subquery, literal_column, select, text

from sdrdesk.db.tables import leads

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# The expression migrations/versions/0001_initial_schema indexes (columns qualified here,
# which PostgreSQL resolves to the same index expression).
PG_SEARCH_VECTOR = (
    "to_tsvector('simple'::regconfig, coalesce(leads.first_name, '') || ' ' ||"
    " coalesce(leads.last_name, '') || ' ' || coalesce(leads.company, '') || ' ' ||"
    " translate(coalesce(leads.email, ''), '@.', '  '))"
)

# The note's text as PostgreSQL indexes it (migration 0016), and the events it covers.
PG_NOTE_VECTOR = "to_tsvector('simple'::regconfig, coalesce(lead_events.comment, ''))"
NOTE_ACTIONS = "('note_added', 'touch_logged')"
MAX_NOTE_HITS = 5000  # the newest notes that match, for the newest leads that match

_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def search_terms(text_: str) -> list[str]:
    """The words of a search box, lower-cased; punctuation only separates words."""
    return [w.casefold() for w in _WORD.findall(text_)][:MAX_TERMS]


def _fts_query(terms: list[str]) -> str:
    """An FTS5 query: every term as a quoted word prefix."""
    return " ".join('"' + t.replace('"', '""') + '"*' for t in terms)


def _ts_query(terms: list[str]) -> str:
    """A PostgreSQL ``tsquery``: every term as a quoted word prefix."""
    return " & ".join("'" + t.replace("'", "''").replace("\\", "") + "':*" for t in terms)


def matches(dialect: str, terms: list[str]) -> ColumnElement[bool]:
    """A WHERE clause: the lead has a word starting with each term.

    The matching ids are a CTE: however many index ranges of one statement (the queue's
    per-time-zone streams) use the condition, the search index is asked once.
    """
    if dialect == "sqlite":
        query = _fts_query(terms)
        found: Any = (
            select(literal_column("rowid").label("id"))
            .select_from(text("lead_search"))
            .where(text("lead_search MATCH :fts_query").bindparams(fts_query=query))
        ).union(_note_hits(dialect, terms))
    else:
        tsquery = _ts_query(terms)
        found = (
            select(leads.c.id).where(
                text(f"({PG_SEARCH_VECTOR}) @@ to_tsquery('simple', :ts_query)").bindparams(
                    ts_query=tsquery
                )
            )
        ).union(_note_hits(dialect, terms))
    ids = found.cte("search_matches")
    return leads.c.id.in_(select(ids.c.id))


def newest_matches(dialect: str, terms: list[str], limit: int) -> Subquery:
    """A subquery (column ``id``) of up to ``limit`` leads matching all ``terms``, newest
    first. Joined to ``leads`` it makes the database read the index first and then look
    up just these leads, whatever other index the rest of the query could use."""
    if dialect == "sqlite":
        query = _fts_query(terms)
        rowid: ColumnElement[int] = literal_column("lead_search.rowid")
        by_name: Subquery = (
            select(rowid.label("id"))
            .select_from(text("lead_search"))
            .where(text("lead_search MATCH :fts_query").bindparams(fts_query=query))
            .order_by(rowid.desc())
            .limit(limit)
            .subquery("by_name")
        )
        notes = _note_hits(dialect, terms).subquery("by_note")
        both = select(by_name.c.id).union(select(notes.c.id)).subquery("both_hits")
        found: Select[Any] = select(both.c.id).order_by(both.c.id.desc())
    else:
        # MATERIALIZED: all matches come from the GIN index, then the newest are kept.
        # Left to itself the planner may walk the primary key backwards instead, and
        # compute every lead's text vector until it has found enough (seconds for a rare
        # word in a big table).
        hits = (
            select(leads.c.id)
            .where(
                text(f"({PG_SEARCH_VECTOR}) @@ to_tsquery('simple', :ts_query)").bindparams(
                    ts_query=_ts_query(terms)
                )
            )
            .cte("search_hits")
            .prefix_with("MATERIALIZED")
        )
        notes = _note_hits(dialect, terms).subquery("by_note")
        both = select(hits.c.id).union(select(notes.c.id)).subquery("both_hits")
        found = select(both.c.id).order_by(both.c.id.desc())
    return found.limit(limit).subquery("newest_matches")


def _note_hits(dialect: str, terms: list[str]) -> Select[Any]:
    """The leads (column ``id``) of the newest notes and touches matching all ``terms``
    (a subquery: SQLite takes no ORDER BY or LIMIT inside a UNION's parts)."""
    if dialect == "sqlite":
        found: Select[Any] = (
            select(literal_column("note_search.lead_id").label("id"))
            .select_from(text("note_search"))
            .where(text("note_search MATCH :note_query").bindparams(note_query=_fts_query(terms)))
            .order_by(literal_column("note_search.rowid").desc())
            .limit(MAX_NOTE_HITS)
        )
    else:
        found = (
            select(literal_column("lead_events.lead_id").label("id"))
            .select_from(text("lead_events"))
            .where(
                text(
                    f"lead_events.action IN {NOTE_ACTIONS} AND lead_events.comment IS NOT NULL"
                    f" AND ({PG_NOTE_VECTOR}) @@ to_tsquery('simple', :note_query)"
                ).bindparams(note_query=_ts_query(terms))
            )
            .order_by(literal_column("lead_events.id").desc())
            .limit(MAX_NOTE_HITS)
        )
    hits = found.subquery("note_hits")
    return select(hits.c.id)


def index_new_leads(session: Session, first_id: int, last_id: int) -> None:
    """Add freshly inserted leads (ids ``first_id``..``last_id``) to the SQLite index.

    The intake path calls this once per batch (one INSERT … SELECT); PostgreSQL keeps
    its GIN index by itself.
    """
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(
        text(
            "INSERT INTO lead_search(rowid, first_name, last_name, company, email) "
            "SELECT id, first_name, last_name, company, email FROM leads "
            "WHERE id BETWEEN :first AND :last"
        ),
        {"first": first_id, "last": last_id},
    )


def is_search_object(name: str | None, type_: str) -> bool:
    """Objects the migration creates by hand that the models do not describe."""
    if not name:
        return False
    return name.startswith(("lead_search", "note_search")) or name in (
        "ix_leads_search",
        "ix_lead_events_note_search",
    )


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic ``include_object`` hook: leave the search machinery out of comparisons."""
    return not is_search_object(name, type_)
