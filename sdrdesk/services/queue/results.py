"""What the queue hands out and takes back: its views, sort keys, queries, rows and pages.

Plain values: a ``QueueCursor`` goes from a worker thread to the GUI and back.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.urgency import Reachability, UrgencyRules
from sdrdesk.i18n import _
from sdrdesk.services.results import LeadSummary


class QueueView(StrEnum):
    NEW = "new"  # new MQLs in the team pool or assigned to me
    POOL = "pool"  # new MQLs nobody has claimed yet
    MINE = "mine"  # my accepted (SAL) and working leads
    CALLBACKS = "callbacks"  # my leads whose callback is due
    OPEN = "open"  # every lead still with the SDRs
    ALL = "all"

    @property
    def label(self) -> str:
        return {
            QueueView.NEW: _("New leads (MQL)"),
            QueueView.POOL: _("Team pool (unclaimed)"),
            QueueView.MINE: _("My accepted leads"),
            QueueView.CALLBACKS: _("Callbacks due"),
            QueueView.OPEN: _("All open leads"),
            QueueView.ALL: _("All leads"),
        }[self]


VIEW_STATUSES: dict[QueueView, tuple[Status, ...]] = {
    QueueView.NEW: (Status.MQL,),
    QueueView.POOL: (Status.MQL,),
    QueueView.MINE: (Status.SAL, Status.WORKING),
    QueueView.CALLBACKS: (Status.SAL, Status.WORKING, Status.NURTURE),
    QueueView.OPEN: (Status.MQL, Status.SAL, Status.WORKING),
    QueueView.ALL: tuple(Status),
}


class SortKey(StrEnum):
    URGENCY = "urgency"
    NAME = "name"
    COMPANY = "company"
    TITLE = "title"
    COUNTRY = "country"
    SOURCE = "source"
    SCORE = "score"
    WAITING = "waiting"
    ATTEMPTS = "attempts"
    STATUS = "status"


@dataclass(frozen=True)
class QueueQuery:
    view: QueueView = QueueView.NEW
    user_id: int | None = None
    text: str = ""
    source: str | None = None
    product: str | None = None  # a product's id (``leads.product``)
    status: Status | None = None
    sort: SortKey = SortKey.URGENCY
    descending: bool = False


@dataclass(frozen=True, slots=True)
class QueueRow:
    lead: LeadSummary
    reachability: Reachability
    fresh: bool
    deadline: datetime


StreamKey = tuple[Status, str | None]
# (score, handed_off_at, id) of the last row taken from a stream; "done" when exhausted.
StreamPos = tuple[int | None, datetime, int] | None


@dataclass(frozen=True)
class QueueCursor:
    query: QueueQuery
    now: datetime
    rules: UrgencyRules
    tiers: tuple[tuple[StreamKey, ...], ...] = ()  # streams per reachability tier
    segment: int = 0  # 2*tier + (0 fresh, 1 past the target)
    fresh_pos: tuple[datetime, int] | None = None
    stream_pos: tuple[tuple[StreamKey, StreamPos], ...] = ()
    done_streams: frozenset[StreamKey] = field(default_factory=frozenset)
    offset: int = 0  # searches and column sorts page with OFFSET
    search_ids: tuple[int, ...] | None = None  # a search's matches, in the view's order


@dataclass(frozen=True)
class QueuePage:
    rows: tuple[QueueRow, ...]
    next: QueueCursor | None
    note: str | None = None  # for the SDR, e.g. that a search matched too many leads
    matched: int | None = None  # a search's leads in the view (at most SEARCH_LIMIT)

    @property
    def lead_ids(self) -> list[int]:
        return [r.lead.id for r in self.rows]
