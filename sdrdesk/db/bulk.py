"""Bulk inserts for the import path, at the speed of the driver.

SQLAlchemy processes every parameter of every row in Python (types, JSON, enums), which
cost more than SQLite's own ``executemany`` for a 100,000-row import. On SQLite the rows
are converted here, with exactly the storage formats the column types use, and handed
to the driver as tuples. PostgreSQL uses SQLAlchemy's batched ``insertmanyvalues``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from enum import Enum
from typing import Any

from sqlalchemy import JSON, Column, DateTime, Table, TypeDecorator, func, insert, select
from sqlalchemy import Enum as SAEnum
from sqlalchemy.orm import Session


def _sqlite_datetime(value: datetime | None) -> str | None:
    # Same text as UTCDateTime + SQLAlchemy's SQLite DATETIME ("%Y-%m-%d %H:%M:%S.%f", UTC).
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def _sqlite_enum(value: Enum | str | None) -> str | None:
    return value.value if isinstance(value, Enum) else value


def _sqlite_json(value: Any) -> str | None:
    return None if value is None else json.dumps(value)


def _converter(column: Column[Any]) -> Callable[[Any], Any] | None:
    """How one column's Python values become what SQLite stores (None: as they are)."""
    kind = column.type
    if isinstance(kind, TypeDecorator):
        kind = kind.impl_instance
    if isinstance(kind, DateTime):
        return _sqlite_datetime
    if isinstance(kind, SAEnum):
        return _sqlite_enum
    if isinstance(kind, JSON):
        return _sqlite_json
    return None


def insert_rows(
    session: Session, table: Table, rows: Sequence[dict[str, Any]], *, return_ids: bool = False
) -> list[int]:
    """Insert ``rows`` (dicts with the same keys); with ``return_ids`` the new ids in order."""
    if not rows:
        return []
    columns = list(rows[0])
    if session.get_bind().dialect.name != "sqlite":
        statement = insert(table)
        if return_ids:
            statement = statement.returning(table.c.id, sort_by_parameter_order=True)
            return list(session.execute(statement, list(rows)).scalars())
        session.execute(statement, list(rows))
        return []
    before = session.scalar(select(func.coalesce(func.max(table.c.id), 0))) if return_ids else 0
    placeholders = ", ".join("?" for _ in columns)
    plain = [c for c in columns if _converter(table.c[c]) is None]
    converted = [(c, f) for c in columns if (f := _converter(table.c[c])) is not None]
    order = plain + [c for c, _ in converted]
    sql = f"INSERT INTO {table.name} ({', '.join(order)}) VALUES ({placeholders})"
    session.connection().exec_driver_sql(
        sql,
        [(*[row[c] for c in plain], *[f(row[c]) for c, f in converted]) for row in rows],
    )
    if not return_ids:
        return []
    # The write transaction holds SQLite's lock: the new ids are exactly those above the
    # previous maximum, in insertion order.
    return list(session.scalars(select(table.c.id).where(table.c.id > before).order_by(table.c.id)))
