"""What My day hands out: its groups and their leads (plain values, for any thread)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sdrdesk.i18n import N_, _
from sdrdesk.services.results import LeadSummary


class DayKind(StrEnum):
    CALLBACKS = "callbacks"  # my callbacks due today (overdue ones first)
    DEMOS = "demos"  # my demos today
    ROUTED = "routed"  # new leads routed to me, not yet touched
    LATE = "late"  # my leads past the speed-to-lead target, never called

    @property
    def label(self) -> str:
        return _(_LABELS[self])


_LABELS = {
    DayKind.CALLBACKS: N_("Callbacks due today"),
    DayKind.DEMOS: N_("Demos today"),
    DayKind.ROUTED: N_("Routed to me, not yet touched"),
    DayKind.LATE: N_("Over the speed-to-lead target"),
}


@dataclass(frozen=True, slots=True)
class DayItem:
    lead: LeadSummary
    at: datetime  # the callback's or demo's time; the hand-off for new and late leads
    overdue: bool = False  # a callback already due


@dataclass(frozen=True, slots=True)
class DayGroup:
    kind: DayKind
    items: tuple[DayItem, ...]
    count: int  # all of them (``items`` stops at GROUP_LIMIT)


@dataclass(frozen=True)
class MyDay:
    now: datetime
    zone: str  # the SDR's time zone: what "today" means
    day_start: datetime
    day_end: datetime
    groups: tuple[DayGroup, ...]

    @property
    def total(self) -> int:
        return sum(g.count for g in self.groups)

    @property
    def empty(self) -> bool:
        return self.total == 0

    def group(self, kind: DayKind) -> DayGroup:
        return next(g for g in self.groups if g.kind is kind)
