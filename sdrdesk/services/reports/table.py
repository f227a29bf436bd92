"""A report as a plain table: what the window shows under a chart, prints and exports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from sdrdesk.i18n import _, format_number, format_percent


class Kind(StrEnum):
    TEXT = "text"
    COUNT = "count"
    PERCENT = "percent"  # a share 0..1, shown as 12.5 %
    HOURS = "hours"  # a duration in seconds, shown in minutes/hours/days
    DATE = "date"


@dataclass(frozen=True, slots=True)
class Col:
    key: str
    label: str
    kind: Kind = Kind.TEXT


@dataclass(frozen=True, slots=True)
class Table:
    """Rows of plain values (str, int, float, None) in the order of ``columns``."""

    title: str
    columns: tuple[Col, ...]
    rows: tuple[tuple[Any, ...], ...]
    total: tuple[Any, ...] | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    def column(self, key: str) -> list[Any]:
        index = [c.key for c in self.columns].index(key)
        return [row[index] for row in self.rows]


def ratio(part: int | float, whole: int | float) -> float | None:
    return part / whole if whole else None


def format_duration(seconds: float | None) -> str:
    """12 min, 3.5 h, 2.1 days: short enough for a table cell."""
    if seconds is None:
        return "–"
    minutes = seconds / 60
    if minutes < 90:
        return _("{n} min").format(n=format_number(round(minutes)))
    hours = minutes / 60
    if hours < 48:
        return _("{n} h").format(n=format_number(hours, 1))
    return _("{n} days").format(n=format_number(hours / 24, 1))


def format_cell(value: Any, kind: Kind) -> str:
    if value is None:
        return "–" if kind is not Kind.TEXT else ""
    if kind is Kind.PERCENT:
        return format_percent(float(value), 1)
    if kind is Kind.HOURS:
        return format_duration(float(value))
    if kind is Kind.COUNT:
        return format_number(int(value))
    return str(value)
