"""Word-prefix search over a lead's name, company and e-mail, on both backends.

"mül schm" finds leads with a word starting "mül" and a word starting "schm" in first
name, last name, company or e-mail (split at ``@`` and ``.``), case-insensitively.
SQLite uses the FTS5 table ``lead_search``; PostgreSQL a GIN-indexed ``tsvector``. The
expressions here must stay identical to the ones the migration indexes.
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
        found: Select[Any] = (
            select(literal_column("rowid").label("id"))
            .select_from(text("lead_search"))
            .where(text("lead_search MATCH :fts_query").bindparams(fts_query=query))
        )
    else:
        tsquery = _ts_query(terms)
        found = select(leads.c.id).where(
            text(f"({PG_SEARCH_VECTOR}) @@ to_tsquery('simple', :ts_query)").bindparams(
                ts_query=tsquery
            )
        )
    ids = found.cte("search_matches")
    return leads.c.id.in_(select(ids.c.id))


def newest_matches(dialect: str, terms: list[str], limit: int) -> Subquery:
    """A subquery (column ``id``) of up to ``limit`` leads matching all ``terms``, newest
    first. Joined to ``leads`` it makes the database read the index first and then look
    up just these leads, whatever other index the rest of the query could use."""
    if dialect == "sqlite":
        query = _fts_query(terms)
        rowid: ColumnElement[int] = literal_column("lead_search.rowid")
        found: Select[Any] = (
            select(rowid.label("id"))
            .select_from(text("lead_search"))
            .where(text("lead_search MATCH :fts_query").bindparams(fts_query=query))
            .order_by(rowid.desc())
        )
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
        found = select(hits.c.id).order_by(hits.c.id.desc())
    return found.limit(limit).subquery("newest_matches")


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
    return name.startswith("lead_search") or name == "ix_leads_search"


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic ``include_object`` hook: leave the search machinery out of comparisons."""
    return not is_search_object(name, type_)
