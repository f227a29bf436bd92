"""The SDR's queue: filtered and sorted in the database, read a page at a time."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.queue.results import (
        QueueCursor,
        QueuePage,
        QueueQuery,
        QueueRow,
        QueueView,
        SortKey,
    )
    from sdrdesk.services.queue.service import PAGE_SIZE, SEARCH_LIMIT, QueueService

WHERE = {
    "results": ("QueueCursor", "QueuePage", "QueueQuery", "QueueRow", "QueueView", "SortKey"),
    "service": ("PAGE_SIZE", "SEARCH_LIMIT", "QueueService"),
}
__all__ = [
    "PAGE_SIZE",
    "SEARCH_LIMIT",
    "QueueCursor",
    "QueuePage",
    "QueueQuery",
    "QueueRow",
    "QueueService",
    "QueueView",
    "SortKey",
]
__getattr__ = lazy_names(__name__, WHERE)
