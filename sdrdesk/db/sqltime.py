"""The seconds between two timestamps in SQL, as both backends write it: used by the
reports (``db.reporting``) and by the read model's computed durations (``lead_facts``),
which must be the very same expression so that their values are identical."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Float
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import SQLCoreOperations
from sqlalchemy.sql.functions import FunctionElement

_SQLExpression = SQLCoreOperations[Any]


class seconds_between(FunctionElement[float]):
    """``end - start`` in seconds (a float); NULL if either is NULL."""

    type = Float()
    inherit_cache = True
    name = "seconds_between"

    def __init__(self, start: _SQLExpression, end: _SQLExpression) -> None:
        super().__init__(start, end)


@compiles(seconds_between, "sqlite")
def _seconds_sqlite(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    # Stored as UTC text "YYYY-MM-DD HH:MM:SS.ffffff"; julianday keeps the fraction.
    return (
        f"((julianday({compiler.process(end, **kw)})"
        f" - julianday({compiler.process(start, **kw)})) * 86400.0)"
    )


@compiles(seconds_between, "postgresql")
def _seconds_pg(element: seconds_between, compiler: SQLCompiler, **kw: Any) -> str:
    start, end = list(element.clauses)
    # date_part gives a double straight away; EXTRACT gives numeric (PostgreSQL 14+),
    # whose arithmetic made a year's speed report several times slower.
    return f"date_part('epoch', {compiler.process(end, **kw)} - {compiler.process(start, **kw)})"
