"""My day: the SDR's plan for today (callbacks, demos, new leads, leads past the target)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.myday.results import DayGroup, DayItem, DayKind, MyDay
    from sdrdesk.services.myday.service import GROUP_LIMIT, MyDayService

WHERE = {
    "results": ("DayGroup", "DayItem", "DayKind", "MyDay"),
    "service": ("GROUP_LIMIT", "MyDayService"),
}
__all__ = ["GROUP_LIMIT", "DayGroup", "DayItem", "DayKind", "MyDay", "MyDayService"]
__getattr__ = lazy_names(__name__, WHERE)
