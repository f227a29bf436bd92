"""Bulk inserts for the import path, at the speed of the driver.

SQLAlchemy processes every parameter of every row in Python (types, JSON, enums), which
cost more than SQLite's own ``executemany`` for a 100,000-row import. On SQLite the rows
are converted here (or by the caller, with ``db.sqlite_values``), with exactly the
storage formats the column types use, and handed to the driver as tuples. PostgreSQL
uses SQLAlchemy's batched ``insertmanyvalues``.

SQLite evaluates a ``CHECK (status IN (…))`` constraint by building the list anew for
every row (about 2.5 µs per constraint and row, a quarter of the cost of inserting a
lead). The enum columns' values are checked here instead, a set lookup per chunk, and
SQLite is told to skip those constraints for the one statement; a table with any other
CHECK constraint keeps SQLite's own checks.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    Connection,
    DateTime,
    Table,
    TypeDecorator,
    func,
    insert,
    select,
)
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session

from sdrdesk.db.sqlite_values import datetime_text, enum_text, json_text

# The rows of a bulk insert are new leads and their hand-off events, whose text
# ``domain.leads.clean_lead`` has cleaned (no NUL, no lone surrogate): the engine's check
# of every text parameter (``engine._refuse_nul``, a second per 100,000 leads) is skipped.
TEXT_CHECKED = {"sdrdesk_text_checked": True}


def _kind(column: Column[Any]) -> Any:
    kind = column.type
    return kind.impl_instance if isinstance(kind, TypeDecorator) else kind


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How one column's Python values become what SQLite stores (None: as they are)."""
    kind = _kind(column)
    if isinstance(kind, DateTime):
        return datetime_text
    if isinstance(kind, SAEnum):
        return enum_text
    if isinstance(kind, JSON):
        return json_text
    return None


def _enum_values(column: Column[Any]) -> frozenset[str] | None:
    kind = _kind(column)
    return frozenset(kind.enums) if isinstance(kind, SAEnum) else None


def insert_many(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    fixed: Mapping[str, Any] | None = None,
    encoded: bool = False,
    return_ids: bool = False,
) -> list[int]:
    """Insert ``rows`` (each the values of ``columns``, in that order) with the ``fixed``
    values every row shares; with ``return_ids`` the new ids, in order.

    ``encoded``: on SQLite the rows already hold what SQLite stores (``sqlite_values``),
    so they go to the driver as they are. On SQLite the new ids are assigned here, one
    above the table's largest: the write transaction holds SQLite's only write lock, so
    they are exactly the ids SQLite would pick, without reading them back.
    """
    if not rows:
        return []
    fixed = dict(fixed or {})
    if session.get_bind().dialect.name != "sqlite":
        return _insert_with_sqlalchemy(session, table, columns, rows, fixed, return_ids)
    if not encoded:
        rows = _encode(table, columns, rows)
    _check_enums(table, columns, rows)
    shared = tuple(
        f(value) if (f := _converter(table.c[name])) is not None else value
        for name, value in fixed.items()
    )
    _check_enums(table, list(fixed), [shared])
    names = [*columns, *fixed]
    ids: list[int] = []
    if return_ids:
        first = (session.scalar(select(func.max(table.c.id))) or 0) + 1
        ids = list(range(first, first + len(rows)))
        names.insert(0, "id")
        params = [(lead_id, *row, *shared) for lead_id, row in zip(ids, rows, strict=True)]
    else:
        params = [(*row, *shared) for row in rows]
    sql = f"INSERT INTO {table.name} ({', '.join(names)}) VALUES ({', '.join('?' * len(names))})"
    connection = session.connection()
    with _enum_checks_done_here(connection, table):
        connection.exec_driver_sql(sql, params, execution_options=TEXT_CHECKED)
    return ids


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, return_ids: bool = False
) -> list[int]:
    """Insert ``rows`` (dicts with the same keys); with ``return_ids`` the new ids in order."""
    if not rows:
        return []
    columns = list(rows[0])
    values = [tuple(row[c] for c in columns) for row in rows]
    return insert_many(session, table, columns, values, return_ids=return_ids)


def _insert_with_sqlalchemy(
    session: Session,
    table: Table,
    columns: Sequence[str],
    rows: Sequence[Sequence[Any]],
    fixed: dict[str, Any],
    return_ids: bool,
) -> list[int]:
    dicts = [{**dict(zip(columns, row, strict=True)), **fixed} for row in rows]
    statement = insert(table)
    if return_ids:
        statement = statement.returning(table.c.id, sort_by_parameter_order=True)
        return list(session.execute(statement, dicts, execution_options=TEXT_CHECKED).scalars())
    session.execute(statement, dicts, execution_options=TEXT_CHECKED)
    return []


def _encode(
    table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]
) -> list[tuple[Any, ...]]:
    converters = [(i, f) for i, c in enumerate(columns) if (f := _converter(table.c[c]))]
    if not converters:
        return [tuple(row) for row in rows]
    encoded = []
    for row in rows:
        values = list(row)
        for i, f in converters:
            values[i] = f(values[i])
        encoded.append(tuple(values))
    return encoded


def _check_enums(table: Table, columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """What the enum columns' CHECK constraints would refuse, refused here."""
    for i, name in enumerate(columns):
        allowed = _enum_values(table.c[name])
        if allowed is None:
            continue
        wrong = {row[i] for row in rows} - allowed - {None}
        if wrong:
            raise ValueError(f"{table.name}.{name} cannot be {sorted(map(str, wrong))}")


@contextmanager
def _enum_checks_done_here(connection: Connection, table: Table) -> Iterator[None]:
    if not _only_enum_checks(table):
        yield
        return
    connection.exec_driver_sql("PRAGMA ignore_check_constraints = ON")
    try:
        yield
    finally:
        connection.exec_driver_sql("PRAGMA ignore_check_constraints = OFF")


def _only_enum_checks(table: Table) -> bool:
    """Whether every CHECK constraint of ``table`` is an enum column's (values checked in
    ``_check_enums``)."""
    checks = [c for c in table.constraints if isinstance(c, CheckConstraint)]
    return bool(checks) and all(
        len(c.columns) == 1 and _enum_values(next(iter(c.columns))) is not None for c in checks
    )


@contextmanager
def cache_for_rows(session: Session, rows: int) -> Iterator[None]:
    """On SQLite, a page cache that holds what inserting ``rows`` leads (with their
    events and index entries, about 1 KiB each) dirties, up to 256 MiB, for the
    duration. With the default 64 MiB a 100,000-row import spilled pages to the WAL
    and wrote them again (0.3-0.5 s of the writer's 3.5 s)."""
    connection = session.connection()
    if connection.dialect.name != "sqlite":
        yield
        return
    before = connection.exec_driver_sql("PRAGMA cache_size").scalar()
    wanted = -min(_MAX_CACHE_KIB, max(rows, 1))  # negative: KiB
    if before is None or before >= 0 or wanted >= before:  # already as big (or in pages)
        yield
        return
    connection.exec_driver_sql(f"PRAGMA cache_size = {wanted:d}")
    try:
        yield
    finally:
        connection.exec_driver_sql(f"PRAGMA cache_size = {int(before):d}")


_MAX_CACHE_KIB = 256 * 1024


# Fewer new rows than this are inserted into the indexes as they come.
REBUILD_MIN_ROWS = 10_000


@contextmanager
def indexes_built_after(
    session: Session,
    table: Table,
    rows: int,
    *,
    keep: Collection[str] = (),
    min_rows: int | None = None,
) -> Iterator[bool]:
    """On SQLite, when about to insert ``rows`` new rows (at least ``min_rows``, default
    ``REBUILD_MIN_ROWS``) into a ``table`` that holds no more rows than that: its
    non-unique secondary indexes (but those named in ``keep``, which the inserting
    transaction still reads) are dropped for the duration and made again at the end, in
    the same transaction. Yields whether they were.

    Index entries inserted row by row land all over each index (a file's leads come in
    no order of score, zone or time): for 100,000 leads the six indexes of ``leads``
    cost 3 s on top of the table's own 1.7 s, where building them after the last row
    takes 1.1-1.3 s. A bigger table keeps its indexes: a build reads every row it
    already holds. Unique indexes always stay, checking every row as it arrives.

    Other connections see nothing of it (SQLite's DDL is transactional): they read the
    last committed state, indexes included, and an error or a cancel that rolls the
    transaction back brings the indexes back as they were."""
    connection = session.connection()
    least = REBUILD_MIN_ROWS if min_rows is None else min_rows
    if connection.dialect.name != "sqlite" or rows < least:
        yield False
        return
    held = connection.exec_driver_sql(f"SELECT max(rowid) FROM {table.name}").scalar() or 0
    if held > rows:
        yield False
        return
    dropped = [
        (name, sql)
        for name, sql in connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
            " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'",
            (table.name,),
        )
        if name not in keep
    ]
    for name, _sql in dropped:
        connection.exec_driver_sql(f'DROP INDEX "{name}"')
    yield True
    # Only after success: on an error the transaction is rolled back, and with it the
    # drops (making the indexes again first could hide the error behind another).
    for _name, sql in dropped:
        connection.exec_driver_sql(sql)
