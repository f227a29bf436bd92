"""The read model (``lead_facts`` and the hourly rollups) against the raw events, on
both backends.

Every report that reads the read model is computed twice, from ``lead_facts`` (the
product) and from the events (tests/report_reference.py, the way it was done before),
on the hand-worked scenario and on a randomised history with undos and reassignments;
the figures must be identical, and ``rebuild-reports``' check must find nothing.
"""

from __future__ import annotations

import contextlib
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sdrdesk.db import lifecycle, readmodel
from sdrdesk.domain.errors import SdrdeskError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action
from sdrdesk.services.conflicts import load_lead
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.claims import ClaimService
from sdrdesk.services.leads.notes import NoteService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reports import Breakdown, ReportFilter, ReportService, period_from_dates
from sdrdesk.services.reports import activity as activity_module
from sdrdesk.services.reports import funnel as funnel_module
from sdrdesk.services.reports import hours as hours_module
from sdrdesk.services.reports import speed as speed_module
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead
from tests.report_reference import reference_facts, reference_grades
from tests.report_scenario import build, call


def _all_reports(reports: ReportService, filters: list[ReportFilter]) -> list[Any]:
    out: list[Any] = []
    for f in filters:
        for by in Breakdown:
            out.append(reports.funnel(f, by))
            out.append(reports.speed_to_lead(f, by))
        out.append(reports.rejections_by_reason(f))
        out.append(reports.rejections_by_campaign(f))
        out.append(reports.rejections_by_week(f))
        out.append(reports.call_outcomes(f))
        out.append(reports.grades(f))
    return out


def _all_from_events(f: ReportFilter) -> hours_module.Split:
    """The reference's cut of a period: no whole hours, every count from the events."""
    return hours_module.Split(0, 0, (f,))


def _both_ways(
    ctx: ServiceContext, monkeypatch: pytest.MonkeyPatch, filters: list[ReportFilter]
) -> tuple[list[Any], list[Any]]:
    reports = ReportService(ctx)
    new = _all_reports(reports, filters)
    with monkeypatch.context() as m:
        m.setattr(funnel_module, "facts", reference_facts)
        m.setattr(speed_module, "facts", reference_facts)
        m.setattr(hours_module, "split", _all_from_events)
        m.setattr(activity_module, "grade_counts", reference_grades)
        old = _all_reports(reports, filters)
    return new, old


def _no_drift(ctx: ServiceContext) -> None:
    with ctx.store.engine.connect() as conn:
        assert readmodel.differences(conn) == {}


def test_scenario_reports_are_the_same_from_the_read_model(
    ctx: ServiceContext,
    clock: FakeClock,
    sdr: UserInfo,
    other_sdr: UserInfo,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    scenario = build(ctx, clock, sdr, other_sdr)
    filters = [
        scenario.period(),
        scenario.period(sdr_id=sdr.id),
        scenario.period(source="Paid search"),
    ]
    new, old = _both_ways(ctx, monkeypatch, filters)
    assert new == old
    team = new[0][-1]  # the funnel's team total, as hand-worked in test_reports.py
    assert (team.mql, team.sal, team.sql) == (8, 2, 1)
    _no_drift(ctx)


SOURCES = ("Webinar", "Paid search", None)
PRODUCTS = ("Cloud", "On-prem", None)


def _random_history(
    ctx: ServiceContext, clock: FakeClock, sdrs: list[UserInfo], manager: UserInfo, seed: int
) -> None:
    rng = random.Random(seed)
    triage = TriageService(ctx)
    claims = ClaimService(ctx)
    start = datetime(2026, 3, 1, 8, 0, tzinfo=UTC)
    for n in range(40):
        clock.current = start + timedelta(hours=7 * n + rng.randint(0, 5))
        lead = add_lead(ctx, source=rng.choice(SOURCES), campaign=rng.choice(("A", "B", None)))
        for _step in range(rng.randint(0, 6)):
            clock.advance(minutes=rng.randint(1, 300))
            who = rng.choice(sdrs)
            # A step the lead's state does not allow is refused; the history moves on.
            with contextlib.suppress(SdrdeskError):
                _random_step(ctx, clock, rng, triage, claims, lead, who, sdrs, manager)


def _random_step(
    ctx: ServiceContext,
    clock: FakeClock,
    rng: random.Random,
    triage: TriageService,
    claims: ClaimService,
    lead: int,
    who: UserInfo,
    sdrs: list[UserInfo],
    manager: UserInfo,
) -> None:
    kind = rng.choice(
        (
            *("accept", "reject", "undo", "assign", "call", "work", "demo", "demo"),
            *("disqualify", "touch", "product", "grade", "grade"),
        )
    )
    if kind in ("accept", "reject", "undo"):
        if kind == "accept":
            done = triage.accept(lead, actor_id=who.id)
        else:
            done = triage.reject(lead, actor_id=who.id, reason_code="not_icp")
        if kind == "undo" or rng.random() < 0.3:
            clock.advance(seconds=5)
            triage.undo(done.event_id, actor_id=who.id)
    elif kind == "assign":
        claims.assign(lead, to_user=rng.choice(sdrs).name, actor_id=manager.id)
    elif kind == "call":
        call(ctx, lead, who.id, rng.choice(("connected", "no_answer")), rng.randint(0, 600))
    elif kind == "touch":
        NoteService(ctx).log_touch(lead, channel="email", outcome="sent", actor_id=who.id)
    elif kind == "grade":  # now and then dated earlier, as an imported history may be
        at = ctx.now() - timedelta(days=rng.choice((0, 0, 0, 2, 9)))
        grade = rng.choice(("A", "B", "C", None))
        with ctx.store.write() as s:
            lifecycle.record(
                s, lead, EventKind.QUALIFIED, actor_id=who.id, at=at, data={"grade": grade}
            )
    elif kind == "product":  # a correction after the fact moves the lead's counts
        with ctx.store.write() as s:
            load_lead(s, lead).product = rng.choice(PRODUCTS)
    else:
        action = {
            "work": Action.START_WORKING,
            "demo": Action.BOOK_DEMO,
            "disqualify": Action.DISQUALIFY,
        }[kind]
        reason = "no_budget" if kind == "disqualify" else None
        with ctx.store.write() as s:
            row = load_lead(s, lead)
            lifecycle.transition(
                s,
                row,
                action,
                actor_id=who.id,
                at=ctx.now(),
                reason_code=reason,
                data={"demo_id": 1, "ae": "eve"} if kind == "demo" else None,
            )


@pytest.mark.parametrize("seed", [1, 2])
def test_random_history_with_undos_and_reassignments_gives_the_same_reports(
    ctx: ServiceContext,
    clock: FakeClock,
    sdr: UserInfo,
    other_sdr: UserInfo,
    manager: UserInfo,
    monkeypatch: pytest.MonkeyPatch,
    seed: int,
) -> None:
    _random_history(ctx, clock, [sdr, other_sdr], manager, seed)
    whole = period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC)
    week = period_from_dates(date(2026, 3, 4), date(2026, 3, 10), zone=UTC)
    filters = [
        whole,
        week,
        period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC, sdr_id=other_sdr.id),
        period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC, source="Webinar"),
        period_from_dates(date(2026, 3, 1), date(2026, 3, 31), zone=UTC, product="Cloud"),
        # Local midnights of Berlin (whole hours) and of India (+05:30: ends from the events).
        period_from_dates(date(2026, 3, 2), date(2026, 3, 20), zone=ZoneInfo("Europe/Berlin")),
        period_from_dates(date(2026, 3, 2), date(2026, 3, 20), zone=ZoneInfo("Asia/Kolkata")),
        # An odd period: it starts and ends inside an hour.
        ReportFilter(
            datetime(2026, 3, 3, 9, 17, tzinfo=UTC), datetime(2026, 3, 9, 15, 41, tzinfo=UTC)
        ),
        ReportFilter(
            datetime(2026, 3, 3, 9, 17, tzinfo=UTC), datetime(2026, 3, 3, 9, 59, tzinfo=UTC)
        ),
    ]
    new, old = _both_ways(ctx, monkeypatch, filters)
    assert new == old
    assert new[0][-1].mql == 40
    per_filter = len(Breakdown) * 2 + 5
    reasons, outcomes, grades = new[per_filter - 5], new[per_filter - 2], new[per_filter - 1]
    assert reasons, "the history has rejections to compare"
    assert outcomes, "the history has calls to compare"
    assert len(grades) >= 3, "the history has grades to compare"
    _no_drift(ctx)
