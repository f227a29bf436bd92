"""Sorting the queue by a column: the columns behind each sort key, and one value in
SQL's order (NULLs last) for merging pages in Python the way the database sorts."""

from __future__ import annotations

from typing import Any

from sdrdesk.db.tables import leads
from sdrdesk.services.queue.results import SortKey

SORT_ATTRIBUTES: dict[SortKey, tuple[str, ...]] = {
    SortKey.NAME: ("last_name", "first_name"),
    SortKey.COMPANY: ("company",),
    SortKey.TITLE: ("title",),
    SortKey.COUNTRY: ("country",),
    SortKey.SOURCE: ("source",),
    SortKey.SCORE: ("score",),
    SortKey.WAITING: ("handed_off_at",),
    SortKey.ATTEMPTS: ("attempt_count",),
    SortKey.STATUS: ("status",),
}


SORT_COLUMNS: dict[SortKey, tuple[Any, ...]] = {
    key: tuple(leads.c[name] for name in names) for key, names in SORT_ATTRIBUTES.items()
}


class Sortable:
    """One value in SQL's order: ascending or descending, NULLs last either way."""

    __slots__ = ("descending", "value")

    def __init__(self, value: Any, descending: bool) -> None:
        self.value = value
        self.descending = descending

    def __lt__(self, other: Sortable) -> bool:
        if self.value is None or other.value is None:
            return self.value is not None and other.value is None
        if self.value == other.value:
            return False
        return bool(self.value > other.value) if self.descending else bool(self.value < other.value)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Sortable) and self.value == other.value

    def __hash__(self) -> int:
        return hash(self.value)
