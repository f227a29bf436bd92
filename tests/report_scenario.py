"""A small team week with figures worked out by hand (see the table in each test).

Clock S = Tue 2026-03-10 14:30 UTC, speed-to-lead target 60 min, period 2–15 March.

- L8 Paid search/Brand, handed off Thu 5 Mar 9:00: Ben rejects "duplicate" Fri 6 Mar 10:00.
- L1 Webinar/Spring, S-30 min: Anna accepts at S; call at S+10m, connected, 600 s;
  graded B at S+20m, then A at S+50m; demo booked at S+1h.
- L2 Webinar/Spring, S-90 min: Anna rejects "not_icp" at S.
- L3 Paid search/Brand, S-20 min: Ben accepts at S; calls at S+30m (no answer) and S+2h
  (connected, 300 s); graded C at S+2h10; disqualified "no_budget" at S+3h.
- L4 Paid search/Brand, S-10 min: Ben rejects "spam" at S and undoes it 5 s later.
- L5 Webinar/Spring, S-200 min: Anna rejects "other" with a comment at S.
- L7 Webinar/Autumn, S-40 min: Anna accepts at S and undoes it 5 s later.
- L6 no source, F-5 min: nothing yet (F = S + 4 h is "now" at the end).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sdrdesk.db import lifecycle
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action
from sdrdesk.services.conflicts import load_lead
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reports import ReportFilter, period_from_dates
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead

S = datetime(2026, 3, 10, 14, 30, tzinfo=UTC)
F = S + timedelta(hours=4)
COMMENT_L5 = '=HYPERLINK("http://x") wants a job, not our tool'


@dataclass(frozen=True)
class Scenario:
    ids: dict[str, int]
    anna: UserInfo
    ben: UserInfo

    def period(self, **kw: Any) -> ReportFilter:
        return period_from_dates(date(2026, 3, 2), date(2026, 3, 15), zone=UTC, **kw)


def _lead(
    ctx: ServiceContext, source: str | None, campaign: str | None, minutes: int, n: str
) -> int:
    return add_lead(
        ctx,
        first_name="Lead",
        last_name=n,
        company=f"Company {n}",
        email=f"lead{n.lower()}@example-corp.com",
        source=source,
        campaign=campaign,
        minutes_ago=minutes,
    )


def _record(ctx: ServiceContext, lead_id: int, kind: str, actor: int, **data: Any) -> None:
    with ctx.store.write() as s:
        lifecycle.record(s, lead_id, kind, actor_id=actor, data=data, at=ctx.now())


def _move(ctx: ServiceContext, lead_id: int, action: Action, actor: int, **kw: Any) -> None:
    with ctx.store.write() as s:
        lead = load_lead(s, lead_id)
        lifecycle.transition(s, lead, action, actor_id=actor, at=ctx.now(), **kw)


def call(ctx: ServiceContext, lead_id: int, actor: int, outcome: str, seconds: int) -> None:
    _record(
        ctx,
        lead_id,
        EventKind.CALL_LOGGED,
        actor,
        attempt_id=1,
        outcome=outcome,
        connected=seconds > 0,
        duration_seconds=seconds,
        callback_at=None,
    )


def build(ctx: ServiceContext, clock: FakeClock, anna: UserInfo, ben: UserInfo) -> Scenario:
    triage = TriageService(ctx)
    ids: dict[str, int] = {}
    clock.current = datetime(2026, 3, 5, 9, 0, tzinfo=UTC)
    ids["L8"] = _lead(ctx, "Paid search", "Brand", 0, "L8")
    clock.current = datetime(2026, 3, 6, 10, 0, tzinfo=UTC)
    triage.reject(ids["L8"], actor_id=ben.id, reason_code="duplicate")

    clock.current = S
    ids["L1"] = _lead(ctx, "Webinar", "Spring", 30, "L1")
    ids["L2"] = _lead(ctx, "Webinar", "Spring", 90, "L2")
    ids["L3"] = _lead(ctx, "Paid search", "Brand", 20, "L3")
    ids["L4"] = _lead(ctx, "Paid search", "Brand", 10, "L4")
    ids["L5"] = _lead(ctx, "Webinar", "Spring", 200, "L5")
    ids["L7"] = _lead(ctx, "Webinar", "Autumn", 40, "L7")
    triage.accept(ids["L1"], actor_id=anna.id)
    triage.reject(ids["L2"], actor_id=anna.id, reason_code="not_icp", comment="Retail, 5 people")
    triage.accept(ids["L3"], actor_id=ben.id)
    spam = triage.reject(ids["L4"], actor_id=ben.id, reason_code="spam")
    triage.reject(ids["L5"], actor_id=anna.id, reason_code="other", comment=COMMENT_L5)
    oops = triage.accept(ids["L7"], actor_id=anna.id)
    clock.advance(seconds=5)
    triage.undo(spam.event_id, actor_id=ben.id)
    triage.undo(oops.event_id, actor_id=anna.id)

    clock.current = S + timedelta(minutes=10)
    call(ctx, ids["L1"], anna.id, "connected", 600)
    clock.current = S + timedelta(minutes=20)
    _record(ctx, ids["L1"], EventKind.QUALIFIED, anna.id, grade="B", complete=True)
    clock.current = S + timedelta(minutes=30)
    call(ctx, ids["L3"], ben.id, "no_answer", 0)
    clock.current = S + timedelta(minutes=50)
    _record(ctx, ids["L1"], EventKind.QUALIFIED, anna.id, grade="A", complete=True)
    clock.current = S + timedelta(hours=1)
    _move(ctx, ids["L1"], Action.BOOK_DEMO, anna.id, data={"demo_id": 1, "ae": "eve"})
    clock.current = S + timedelta(hours=2)
    call(ctx, ids["L3"], ben.id, "connected", 300)
    clock.current = S + timedelta(hours=2, minutes=10)
    _record(ctx, ids["L3"], EventKind.QUALIFIED, ben.id, grade="C", complete=True)
    clock.current = S + timedelta(hours=3)
    _move(ctx, ids["L3"], Action.DISQUALIFY, ben.id, reason_code="no_budget")

    clock.current = F
    ids["L6"] = _lead(ctx, None, None, 5, "L6")
    return Scenario(ids, anna, ben)
