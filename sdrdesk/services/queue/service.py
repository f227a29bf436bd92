"""The SDR's queue: filtered, sorted in the database, read a page at a time.

The default order (most urgent first, see ``domain.urgency``) depends on each lead's
local clock, which no index can sort by. It is produced without sorting the pool: leads
are read per (status, time zone) stream along the index
``(status, time_zone, score, handed_off_at)`` and the streams are merged. Each page is a
handful of index seeks, so the first page of a million-lead queue costs the same as that
of a hundred-lead one. Searches and column sorts use one ordinary query instead.

Pages continue from a ``QueueCursor`` (keyset positions, never OFFSET on the default
order), which is a plain value the GUI can hand back from any thread.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    false,
    func,
    literal_column,
    or_,
    select,
    tuple_,
    type_coerce,
)
from sqlalchemy.engine import Connection

from sdrdesk.db.search import matches, newest_matches, search_terms
from sdrdesk.db.tables import leads
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.urgency import (
    UrgencyRules,
    deadline,
    is_fresh,
    reachability,
    urgency_key,
)
from sdrdesk.i18n import _, format_number
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.lead_rows import summary_from_row, summary_select
from sdrdesk.services.queue.columns import SORT_ATTRIBUTES, SORT_COLUMNS, Sortable
from sdrdesk.services.queue.results import (
    VIEW_STATUSES,
    QueueCursor,
    QueuePage,
    QueueQuery,
    QueueRow,
    QueueView,
    SortKey,
    StreamKey,
    StreamPos,
)
from sdrdesk.services.queue.streams import bind_pos, keyed, stream_cond, stream_keys, zones
from sdrdesk.services.results import LeadSummary

PAGE_SIZE = 100
SEARCH_LIMIT = 500  # matches a search puts in order; more means the search is too broad


class QueueService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def now(self) -> datetime:
        return self._ctx.now()

    def product_label(self, product: str | None) -> str:
        """How a lead's product is shown in the queue (its label, else as stored)."""
        return self._ctx.products.label_of(product) or ""

    def urgency_rules(self) -> UrgencyRules:
        r = self._ctx.rules
        return UrgencyRules(
            timedelta(minutes=r.speed_to_lead_minutes), r.calling_hours_start, r.calling_hours_end
        )

    # --- public API ---------------------------------------------------------------------

    def first_page(self, query: QueueQuery, size: int = PAGE_SIZE) -> QueuePage:
        cursor = QueueCursor(query=query, now=self._ctx.now(), rules=self.urgency_rules())
        with self._ctx.store.connect() as s:
            terms = search_terms(query.text)
            if terms:
                return self._search_first(s, cursor, terms, size)
            if self._merged(query):
                cursor = replace(cursor, tiers=self._plan(s, query, cursor))
            return self._page(s, cursor, size)

    def next_page(self, cursor: QueueCursor, size: int = PAGE_SIZE) -> QueuePage:
        with self._ctx.store.connect() as s:
            return self._page(s, cursor, size)

    def count(self, query: QueueQuery) -> int:
        with self._ctx.store.connect() as s:
            return int(
                s.scalar(select(func.count()).select_from(leads).where(*self._base(s, query))) or 0
            )

    def sources(self) -> list[str]:
        with self._ctx.store.connect() as s:
            rows = s.scalars(
                select(leads.c.source)
                .where(leads.c.source.is_not(None))
                .distinct()
                .order_by(leads.c.source)
            )
            return [r for r in rows if r]

    def products(self) -> list[tuple[str, str]]:
        """The products of the team's list (id, label) to filter by: no read at all."""
        return [(p.name, p.label) for p in self._ctx.products.products]

    def rows_for(self, lead_ids: Sequence[int], query: QueueQuery | None = None) -> list[QueueRow]:
        """Fresh copies of some leads; with ``query``, only those that belong in its view
        now (a view patches itself with these after the team changed something)."""
        if not lead_ids:
            return []
        now = self._ctx.now()
        rules = self.urgency_rules()
        with self._ctx.store.connect() as s:
            q = summary_select().where(leads.c.id.in_(sorted(set(lead_ids))))
            if query is not None:
                q = q.where(*self._base(s, query))
            return [_row(summary_from_row(r), now, rules) for r in s.execute(q)]

    def order_key(self, query: QueueQuery, row: QueueRow, now: datetime) -> tuple[Any, ...]:
        """Where ``row`` sorts in ``query``'s order (ascending), to place a changed row."""
        lead = row.lead
        if query.sort is SortKey.URGENCY:
            return urgency_key(
                lead.time_zone, lead.handed_off_at, lead.score, lead.id, now, self.urgency_rules()
            )
        values = [getattr(lead, name) for name in SORT_ATTRIBUTES[query.sort]]
        return tuple(Sortable(v, query.descending) for v in [*values, lead.id])

    # --- queries --------------------------------------------------------------------------

    def _merged(self, query: QueueQuery) -> bool:
        return query.sort is SortKey.URGENCY

    def _statuses(self, query: QueueQuery) -> tuple[Status, ...]:
        statuses = VIEW_STATUSES[query.view]
        if query.status is not None:
            statuses = tuple(s for s in statuses if s is query.status)
        return statuses

    def _base(
        self, conn: Connection, query: QueueQuery, *, search: bool = True
    ) -> list[ColumnElement[bool]]:
        me = query.user_id
        statuses = self._statuses(query)
        conds: list[ColumnElement[bool]] = [leads.c.status.in_(statuses) if statuses else false()]
        if query.view is QueueView.NEW:
            conds.append(or_(leads.c.owner_id.is_(None), leads.c.owner_id == me))
        elif query.view is QueueView.POOL:
            conds.append(leads.c.owner_id.is_(None))
        elif query.view in (QueueView.MINE, QueueView.CALLBACKS):
            conds.append(leads.c.owner_id == me)
        if query.view is QueueView.CALLBACKS:
            conds.append(leads.c.callback_due_at <= self._ctx.now())
        if query.source:
            conds.append(leads.c.source == query.source)
        if query.product:
            conds.append(leads.c.product == query.product)
        terms = search_terms(query.text) if search else []
        if terms:
            conds.append(matches(conn.dialect.name, terms))
        return conds

    def _plan(
        self, conn: Connection, query: QueueQuery, cursor: QueueCursor
    ) -> tuple[tuple[StreamKey, ...], ...]:
        """The (status, zone) streams that exist, grouped by reachability now."""
        tiers: list[list[StreamKey]] = [[], [], []]
        for status in self._statuses(query):
            for zone in zones(conn, status):
                tier = reachability(zone, cursor.now, cursor.rules)
                tiers[int(tier)].append((status, zone))
        return tuple(tuple(t) for t in tiers)

    def _search_first(
        self, conn: Connection, cursor: QueueCursor, terms: list[str], size: int
    ) -> QueuePage:
        """A search: the matching leads (at most SEARCH_LIMIT, newest first) read by their
        sort keys only, put in the view's order here, then shown a page at a time."""
        found = newest_matches(conn.dialect.name, terms, SEARCH_LIMIT + 1)
        query = cursor.query
        names = ("time_zone", "handed_off_at", "score", *SORT_ATTRIBUTES.get(query.sort, ()))
        # Every match, with its sort keys where it belongs in the view (else NULLs): one
        # query that also tells whether there were more matches than SEARCH_LIMIT.
        rows = conn.execute(
            select(
                found.c.id,
                leads.c.id.label("lead_id"),
                *(leads.c[n] for n in dict.fromkeys(names)),
            )
            .select_from(
                found.outerjoin(
                    leads, and_(leads.c.id == found.c.id, *self._base(conn, query, search=False))
                )
            )
            .order_by(found.c.id.desc())
        ).all()
        truncated = len(rows) > SEARCH_LIMIT
        keys = [row for row in rows[:SEARCH_LIMIT] if row.lead_id is not None]
        ordered = sorted(keys, key=lambda row: self._search_key(query, row._mapping, cursor))
        cursor = replace(cursor, search_ids=tuple(r.id for r in ordered))
        page = replace(self._search_page(conn, cursor, size), matched=len(ordered))
        if truncated:
            note = _(
                "More than {limit} leads match; only the newest {limit} "
                "of them are shown here. Type more to narrow the search."
            ).format(limit=format_number(SEARCH_LIMIT))
            page = replace(page, note=note)
        return page

    def _search_key(self, query: QueueQuery, row: Any, cursor: QueueCursor) -> tuple[Any, ...]:
        if query.sort is SortKey.URGENCY:
            return urgency_key(
                row["time_zone"],
                row["handed_off_at"],
                row["score"],
                row["id"],
                cursor.now,
                cursor.rules,
            )
        values = [row[name] for name in SORT_ATTRIBUTES[query.sort]]
        return tuple(Sortable(v, query.descending) for v in [*values, row["id"]])

    def _search_page(self, conn: Connection, cursor: QueueCursor, size: int) -> QueuePage:
        ids = (cursor.search_ids or ())[cursor.offset : cursor.offset + size]
        rows = tuple(_rows_in_order(conn, ids, cursor))
        more = cursor.offset + size < len(cursor.search_ids or ())
        return QueuePage(rows, replace(cursor, offset=cursor.offset + size) if more else None)

    def _page(self, conn: Connection, cursor: QueueCursor, size: int) -> QueuePage:
        if cursor.search_ids is not None:
            return self._search_page(conn, cursor, size)
        if not self._merged(cursor.query):
            return self._offset_page(conn, cursor, size)
        out: list[QueueRow] = []
        while len(out) < size and cursor.segment < 2 * len(cursor.tiers):
            tier, past_target = divmod(cursor.segment, 2)
            streams = cursor.tiers[tier]
            if past_target:
                rows, cursor = self._merge_streams(conn, cursor, streams, size - len(out))
            else:
                rows, cursor = self._fresh(conn, cursor, streams, size - len(out))
            out.extend(rows)
            if len(out) < size:
                cursor = replace(
                    cursor,
                    segment=cursor.segment + 1,
                    fresh_pos=None,
                    stream_pos=(),
                    done_streams=frozenset(),
                )
        more = cursor.segment < 2 * len(cursor.tiers)
        return QueuePage(tuple(out), cursor if more else None)

    def _fresh(
        self, conn: Connection, cursor: QueueCursor, streams: tuple[StreamKey, ...], n: int
    ) -> tuple[list[QueueRow], QueueCursor]:
        """Leads still inside the speed-to-lead target: the one closest to missing it first."""
        if not streams:
            return [], cursor
        cutoff = cursor.now - cursor.rules.speed_to_lead
        q = (
            summary_select()
            .where(
                *self._base(conn, cursor.query),
                leads.c.handed_off_at >= cutoff,
                or_(*(stream_cond(k) for k in streams)),
            )
            .order_by(leads.c.handed_off_at, leads.c.id)
            .limit(n)
        )
        if cursor.fresh_pos is not None:
            after = tuple_(*bind_pos(cursor.fresh_pos))
            q = q.where(tuple_(leads.c.handed_off_at, leads.c.id) > after)
        rows = [_row(summary_from_row(r), cursor.now, cursor.rules) for r in conn.execute(q)]
        if rows:
            last = rows[-1].lead
            cursor = replace(cursor, fresh_pos=(last.handed_off_at, last.id))
        return rows, cursor

    def _merge_streams(
        self, conn: Connection, cursor: QueueCursor, streams: tuple[StreamKey, ...], n: int
    ) -> tuple[list[QueueRow], QueueCursor]:
        """Past the target: highest score first, then longest waiting, across all streams.

        One query reads the next keys of every stream (a UNION ALL of index ranges), a
        merge picks the ``n`` first, and a second query reads those leads.
        """
        positions = dict(cursor.stream_pos)
        done = set(cursor.done_streams)
        cutoff = cursor.now - cursor.rules.speed_to_lead
        handed_off: ColumnElement[datetime] = leads.c.handed_off_at
        if conn.dialect.name == "sqlite":
            # "+column": the same value, but no index range. Otherwise SQLite (without
            # statistics) reads the overdue range of the hand-off index and sorts every
            # overdue lead, instead of walking ix_leads_zone_queue in order (a quarter
            # second at 100,000 leads, seconds at a million).
            handed_off = type_coerce(
                literal_column("+leads.handed_off_at"), leads.c.handed_off_at.type
            )
        base = [*self._base(conn, cursor.query), handed_off < cutoff]
        wanted = [(key, positions.get(key)) for key in streams if key not in done]
        fetched = stream_keys(conn, base, wanted, n)
        merged = heapq.merge(*(keyed(key, keys) for key, keys in fetched.items()))
        taken: list[tuple[StreamKey, StreamPos]] = []
        for _order, key, pos in merged:
            if len(taken) == n:
                break
            taken.append((key, pos))
            positions[key] = pos
        for key, keys in fetched.items():
            if len(keys) < n and (not keys or positions.get(key) == keys[-1]):
                done.add(key)
        ids = [pos[2] for _, pos in taken if pos is not None]
        rows = _rows_in_order(conn, ids, cursor)
        return rows, replace(
            cursor, stream_pos=tuple(positions.items()), done_streams=frozenset(done)
        )

    def _offset_page(self, conn: Connection, cursor: QueueCursor, size: int) -> QueuePage:
        query = cursor.query
        q = summary_select().where(*self._base(conn, query))
        columns = SORT_COLUMNS[query.sort]
        order = [
            *((c.desc() if query.descending else c.asc()).nulls_last() for c in columns),
            leads.c.id.desc() if query.descending else leads.c.id.asc(),
        ]
        q = q.order_by(*order).offset(cursor.offset).limit(size + 1)
        rows = [_row(summary_from_row(r), cursor.now, cursor.rules) for r in conn.execute(q)]
        more = len(rows) > size
        next_cursor = replace(cursor, offset=cursor.offset + size) if more else None
        return QueuePage(tuple(rows[:size]), next_cursor)


# --- helpers ------------------------------------------------------------------------------


def _rows_in_order(conn: Connection, ids: Sequence[int], cursor: QueueCursor) -> list[QueueRow]:
    """The queue rows of these leads, in the order of ``ids`` (leads gone meanwhile are
    left out)."""
    statement = summary_select().where(leads.c.id.in_(ids))
    found = {lead.id: lead for lead in map(summary_from_row, conn.execute(statement))}
    return [_row(found[i], cursor.now, cursor.rules) for i in ids if i in found]


def _row(lead: LeadSummary, now: datetime, rules: UrgencyRules) -> QueueRow:
    return QueueRow(
        lead=lead,
        reachability=reachability(lead.time_zone, now, rules),
        fresh=is_fresh(lead.handed_off_at, now, rules),
        deadline=deadline(lead.handed_off_at, rules),
    )
