"""Following the team: the changes others made, read from the event log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.sync.service import (
        Change,
        ChangeBatch,
        ChangeSignal,
        EventCursor,
        SyncService,
    )

WHERE = {
    "service": (
        "Change",
        "ChangeBatch",
        "ChangeSignal",
        "EventCursor",
        "SyncService",
    ),
}
__all__ = [
    "Change",
    "ChangeBatch",
    "ChangeSignal",
    "EventCursor",
    "SyncService",
]
__getattr__ = lazy_names(__name__, WHERE)
