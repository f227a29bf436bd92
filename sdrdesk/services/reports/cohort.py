"""One row per lead handed off in the period, with the first moments that matter.

The funnel and speed-to-lead reports follow the leads handed off in the period (a
cohort) wherever they went afterwards. Each lead's first accept and first reject (and so
who triaged it), first demo booking and first call attempt, undone accepts and rejects
left out, are kept with the writes in ``lead_facts`` (``db.readmodel``); a report reads
the period's rows of it, so its cost follows the leads in the period, not the history.
The event-based derivation is kept in tests/report_reference.py as the check.
"""

from __future__ import annotations

import typing
from collections.abc import Iterable
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import (
    String,
    bindparam,
    case,
    cast,
    func,
    literal,
    literal_column,
    select,
    text,
    tuple_,
)
from sqlalchemy.orm import Session
from sqlalchemy.sql import Subquery

from sdrdesk.db.models import LeadFact
from sdrdesk.db.models.facts import MEDIANS
from sdrdesk.db.types import UTCDateTime
from sdrdesk.i18n import _
from sdrdesk.services.reports.common import NO_SOURCE, NOBODY
from sdrdesk.services.reports.filters import ReportFilter

# A period this long is read per group in index order on SQLite (see :func:`facts`):
# at a million leads a year, 30 days take 0.06 s as a range and a sort, 0.12 s as a
# scan of the group index; a year 0.8 s and 0.3 s.
LONG = timedelta(days=120)
# A period this short takes its medians from a sort of its rows on SQLite: the walk
# along a median's index reads the values of every period before the middle (at a
# million leads a year, speed to lead per source: 30 days 0.32 s walked, 0.24 s
# sorted; 90 days 0.57 s and 0.84 s).
SHORT = timedelta(days=45)


class Breakdown(StrEnum):
    TOTAL = "total"
    SDR = "sdr"
    SOURCE = "source"

    @property
    def label(self) -> str:
        return {"total": _("Team"), "sdr": _("SDR"), "source": _("Source")}[self.value]


def facts(f: ReportFilter, dialect: str, by: Breakdown, *wanted: str) -> Subquery:
    """Columns: lead_id, handed_off_at, source ('' for none), sdr_id (who triaged:
    the first accept's actor, else the first reject's), triage_at, accept_at, demo_at,
    call_at and the durations ``mql_seconds``, ``sal_seconds``, ``triage_seconds`` and
    ``call_seconds`` (NULL where a moment is missing), read from the read model
    (``lead_facts``, one row per lead).

    SQLite, per source or SDR, over a long period: the period is tested on each row
    (``+handed_off_at``, no range on the hand-off index), so that SQLite reads the
    group's covering index in group order rather than the period's range and a sort
    of it (migration 0021). A short period's range and sort are cheaper than reading
    every lead of the group.
    """
    del wanted
    x = LeadFact
    handed_off: Any = x.handed_off_at
    if dialect == "sqlite" and by is not Breakdown.TOTAL and f.until - f.since > LONG:
        handed_off = literal_column(f"+{x.__tablename__}.handed_off_at", UTCDateTime())
    query = select(
        x.lead_id,
        x.handed_off_at,
        x.source,
        x.triage_by.label("sdr_id"),
        func.coalesce(x.accept_at, x.reject_at).label("triage_at"),
        x.accept_at,
        x.demo_at,
        x.call_at,
        *(getattr(x, f"{m}_seconds") for m in MEDIANS),
    ).where(handed_off >= f.since, handed_off < f.until)
    if f.source is not None:
        query = query.where(x.source == f.source)
    if f.product is not None:
        query = query.where(x.product == f.product)
    if f.sdr_id is not None:
        query = query.where(x.triage_by == f.sdr_id)
    return query.cte("cohort")  # type: ignore[return-value]


def _if(condition: Any, value: Any) -> Any:
    return case((condition, value))


def grouped(cohort: Subquery, by: Breakdown, dialect: str = "", **columns: Any) -> Subquery:
    """``columns`` (expressions over the cohort) with a ``grp`` column: the group (SDR
    id as text, '' for nobody; or the source), '*' for the team breakdown. Each row
    once: :func:`summarize` adds the team total. SQLite groups on the plain column (an
    expression would need a sort; an index gives the column's order) and
    :func:`summarize` makes the text of it."""
    picked = [expr.label(name) for name, expr in columns.items()]
    key: Any
    if by is Breakdown.TOTAL:
        key = literal("*", String)
    elif by is Breakdown.SDR:
        key = cohort.c.sdr_id
        if dialect != "sqlite":
            key = func.coalesce(cast(key, String), "")
    else:
        key = cohort.c.source
    if dialect == "postgresql" and by is not Breakdown.TOTAL:
        key = key.collate("C")  # grouped by bytes, cheaper; the rows are ordered by us
    return select(key.label("grp"), *picked).cte("grouped")  # type: ignore[return-value]


def _group_text(grp: Any) -> str:
    """A group key as text: an SDR's id, '' for nobody (SQLite groups on the column)."""
    return "" if grp is None else str(grp)


def summarize(
    session: Session,
    f: ReportFilter,
    g: Subquery,
    by: Breakdown,
    dialect: str,
    counts: list[Any],
    medians: dict[str, tuple[str, Any]],
) -> list[tuple[Any, ...]]:
    """Rows of ``grp``, the aggregates ``counts`` (each a ``count``) and the median of
    each of ``medians`` (columns of ``g``, NULLs ignored; each maps to the ``lead_facts``
    column that holds the same value and to an expression over ``g`` that is NULL
    where it is, cheaper to count), per group and for the team (``'*'``). Medians
    are exact: the middle value, or the two middle ones combined as the backend's own
    median does (PostgreSQL ``percentile_cont``, SQLite the mean).

    The cheapest shapes measured at a year's million leads (docs/architecture.md):

    * The counts in one pass grouped by ``grp``; the team's counts are their sums. They
      read only the hand-off and the durations (NULL where a moment is missing), which
      the period indexes of migration 0021 hold: no table rows, no julianday().
    * A period with no other filter (on SQLite, not a short one): each median is the middle
      entry of its range in an index of ``lead_facts`` (migration 0019: the duration,
      per team, source or SDR, with the hand-off), ``LIMIT 1 or 2 OFFSET`` the middle,
      the count being known. It reads half the group's index entries, never sorts.
    * Filtered by source, product or SDR: PostgreSQL in one pass, the groups and the
      team as grouping sets, each median a ``percentile_cont``; SQLite (and a short
      period there) one sort per median of the rows that have a value, read once,
      each group's middle and the team's picked on the way.
    """
    walk = f.source is None and f.product is None and f.sdr_id is None
    if dialect == "sqlite" and f.until - f.since <= SHORT:
        walk = False  # the walk reads the group's values of every period up to the middle
    if dialect == "postgresql" and not walk:
        return _one_pass(session, g, by, counts, list(medians))
    present = [func.count(medians[m][1]).label(f"n_{m}") for m in medians]
    wanted = [*counts, *present]
    if by is Breakdown.TOTAL:
        query = select(literal("*", String), *wanted)
    else:
        query = select(g.c.grp, *wanted).group_by(g.c.grp)
    rows: list[tuple[Any, ...]] = [(_group_text(r[0]), *r[1:]) for r in session.execute(query)]
    if not rows or not rows[0][1]:  # no leads (the team's count(*) without groups: 0)
        return []
    k = len(counts)
    team: tuple[Any, ...] = (
        "*",
        *(sum(int(r[1 + i]) for r in rows) for i in range(k + len(medians))),
    )
    groups = [] if by is Breakdown.TOTAL else rows
    middle: dict[str, dict[str, float | None]] = {}
    for i, m in enumerate(medians):
        sizes = {r[0]: int(r[1 + k + i]) for r in groups}
        n = int(team[1 + k + i])
        if walk:
            middle[m] = _walked(session, f, by, medians[m][0], n, sizes, dialect)
        else:
            middle[m] = _middles(session, g, m, n, sizes)
    return [(r[0], *r[1 : 1 + k], *(middle[m].get(r[0]) for m in medians)) for r in [*groups, team]]


def _combined(values: list[float], dialect: str) -> float:
    low, high = values[0], values[-1]
    if dialect == "postgresql":
        return low + 0.5 * (high - low)  # as percentile_cont interpolates
    return (low + high) / 2.0  # as avg() of the two


def _walked(
    session: Session,
    f: ReportFilter,
    by: Breakdown,
    column: str,
    n: int,
    sizes: dict[str, int],
    dialect: str,
) -> dict[str, float | None]:
    """``{grp: median}`` of ``lead_facts.column`` in the period for the groups of
    ``sizes`` (group: how many values it has) and ``'*'`` (``n`` values), each the
    middle of its range in the index (team, source or SDR) that migration 0019 made."""
    # Plain SQL: SQLAlchemy does not write SQLite's INDEXED BY, and SQLite would rather
    # read the period by hand-off and sort it. ``column`` is one of ours, never input.
    assert column in {f"{m}_seconds" for m in MEDIANS}
    types = {"since": UTCDateTime(), "until": UTCDateTime()}

    def middle(size: int, index: str, where: str = "", grp: Any = None) -> float | None:
        if size == 0:
            return None
        hint = f" INDEXED BY {index}" if dialect == "sqlite" else ""
        query = text(
            f"SELECT {column} FROM lead_facts{hint} WHERE {column} IS NOT NULL{where}"
            " AND handed_off_at >= :since AND handed_off_at < :until"
            f" ORDER BY {column} LIMIT :n OFFSET :skip"
        ).bindparams(*(bindparam(k, type_=t) for k, t in types.items()))
        params = {"since": f.since, "until": f.until, "n": 2 - size % 2}
        params |= {"skip": (size - 1) // 2, "grp": grp}
        return _combined([float(v) for v in session.scalars(query, params)], dialect)

    name = column.removesuffix("_seconds")
    found = {"*": middle(n, f"ix_lead_facts_team_{name}")}
    for grp, size in sizes.items():
        if by is Breakdown.SOURCE:
            found[grp] = middle(size, f"ix_lead_facts_source_{name}", " AND source = :grp", grp)
        elif grp == "":
            found[grp] = middle(size, f"ix_lead_facts_sdr_{name}", " AND triage_by IS NULL")
        else:
            found[grp] = middle(
                size, f"ix_lead_facts_sdr_{name}", " AND triage_by = :grp", int(grp)
            )
    return found


def _one_pass(
    session: Session, g: Subquery, by: Breakdown, counts: list[Any], medians: list[str]
) -> list[tuple[Any, ...]]:
    middle = [func.percentile_cont(0.5).within_group(g.c[m]) for m in medians]
    if by is Breakdown.TOTAL:
        query = select(literal("*", String), *counts, *middle)
    else:
        grp = case((func.grouping(g.c.grp) == 1, literal("*", String)), else_=g.c.grp)
        query = select(grp, *counts, *middle).group_by(func.grouping_sets(g.c.grp, tuple_()))
    return [tuple(r) for r in session.execute(query)]


def _middles(
    session: Session, g: Subquery, column: str, n: int, sizes: dict[str, int]
) -> dict[str, float | None]:
    """``{grp: median}`` of ``g.column`` for the groups of ``sizes`` (group: how many
    values it has) and ``'*'`` for all ``n`` values, from one sort (SQLite: the mean of
    the two middle values for an even count, as ``db.reporting.grouped_median``)."""
    if n == 0:
        return {}
    v = g.c[column]
    wanted = {grp: ((size - 1) // 2, size // 2) for grp, size in sizes.items() if size}
    if not wanted:
        picked = [
            float(x)
            for x in session.scalars(
                select(v).where(v.is_not(None)).order_by(v).limit(2 - n % 2).offset((n - 1) // 2)
            )
        ]
        return {"*": (picked[0] + picked[-1]) / 2.0}
    seen = dict.fromkeys(wanted, 0)
    found: dict[str, list[float]] = {grp: [] for grp in wanted}
    team: list[float] = []
    low, high = (n - 1) // 2, n // 2
    left = len(wanted) + 1
    result = session.connection().execute(select(g.c.grp, v).where(v.is_not(None)).order_by(v))
    # Plain text and numbers: read from the driver's cursor, without row objects.
    raw = typing.cast(Iterable[tuple[Any, float]], result.cursor)
    for position, (key, value) in enumerate(raw):
        grp = _group_text(key)
        if low <= position <= high:
            team.append(value)
            left -= position == high
        at = seen[grp]
        seen[grp] = at + 1
        first, last = wanted[grp]
        if first <= at <= last:
            found[grp].append(value)
            left -= at == last
        if not left:
            break
    result.close()
    medians: dict[str, float | None] = {g_: _combined(x, "sqlite") for g_, x in found.items()}
    medians["*"] = _combined(team, "sqlite")
    return medians


def group_label(grp: str, by: Breakdown, names: dict[int, str]) -> str:
    """What a ``grp`` value of :func:`grouped` reads as."""
    if grp == "*":
        return _("Team")
    if by is Breakdown.SDR:
        return _(NOBODY) if grp == "" else names.get(int(grp)) or _("user {id}").format(id=grp)
    return grp or _(NO_SOURCE)
