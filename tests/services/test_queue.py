"""The queue's order and paging, checked against the urgency rules computed in Python."""

from __future__ import annotations

import random
from datetime import UTC, datetime
from typing import Any

import pytest

from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.urgency import Reachability, urgency_key
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.queue import QueueQuery, QueueRow, QueueService, QueueView, SortKey
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_leads

# At 14:30 UTC on a Tuesday: Berlin/London/Zurich are in office hours, New York (09:30
# EDT... in March 2026 DST has started: 10:30) too, Los Angeles (07:30) is not yet,
# Tokyo (23:30) is not. A lead without a usable phone and country has no known clock.
PHONES = [
    ("030 1234{:03d}", "DE"),
    ("(212) 555-0{:03d}", "US"),
    ("(415) 555-0{:03d}", "US"),
    ("020 7946 0{:03d}", "GB"),
    ("03-1234-5{:03d}", "JP"),
    (None, None),
]


def _all(service: QueueService, query: QueueQuery, size: int) -> list[QueueRow]:
    page = service.first_page(query, size)
    rows = list(page.rows)
    while page.next is not None:
        page = service.next_page(page.next, size)
        rows.extend(page.rows)
    return rows


@pytest.fixture
def mixed_queue(ctx: ServiceContext) -> list[int]:
    rnd = random.Random(3)
    specs = []
    for i in range(60):
        phone, country = rnd.choice(PHONES)
        specs.append(
            {
                "first_name": f"Lead{i}",
                "email": f"lead{i}@firm{i % 7}.com",
                "phone": phone.format(i) if phone else None,
                "country": country,
                "score": None if i % 9 == 0 else str(rnd.choice([20, 50, 50, 80, 95])),
                "minutes_ago": rnd.choice([2, 15, 45, 59, 61, 120, 600, 3000]),
                "source": rnd.choice(["Webinar", "Paid search"]),
            }
        )
    return add_leads(ctx, *specs)


@pytest.mark.parametrize("page_size", [1, 7, 100])
def test_default_order_is_most_urgent_first(
    ctx: ServiceContext, sdr: UserInfo, mixed_queue: list[int], page_size: int
) -> None:
    service = QueueService(ctx)
    rows = _all(service, QueueQuery(user_id=sdr.id), page_size)
    assert sorted(r.lead.id for r in rows) == sorted(mixed_queue)
    rules = service.urgency_rules()
    expected = sorted(
        rows,
        key=lambda r: urgency_key(
            r.lead.time_zone, r.lead.handed_off_at, r.lead.score, r.lead.id, ctx.now(), rules
        ),
    )
    assert [r.lead.id for r in rows] == [r.lead.id for r in expected]
    # The order is what an SDR expects to see at the top: callable, inside the target.
    top = rows[0]
    assert top.reachability is Reachability.CALLABLE
    assert top.fresh
    tiers = [r.reachability for r in rows]
    assert tiers == sorted(tiers)


def test_night_time_leads_sink_and_unknown_clocks_sit_between(
    ctx: ServiceContext, sdr: UserInfo, mixed_queue: list[int]
) -> None:
    rows = _all(QueueService(ctx), QueueQuery(user_id=sdr.id), 50)
    by_zone = {r.lead.time_zone: r.reachability for r in rows}
    assert by_zone["Europe/Berlin"] is Reachability.CALLABLE
    assert by_zone["America/New_York"] is Reachability.CALLABLE
    assert by_zone["America/Los_Angeles"] is Reachability.OFF_HOURS
    assert by_zone["Asia/Tokyo"] is Reachability.OFF_HOURS
    assert by_zone[None] is Reachability.UNKNOWN


def test_the_order_follows_the_clock(
    ctx: ServiceContext, sdr: UserInfo, clock: FakeClock, mixed_queue: list[int]
) -> None:
    clock.current = datetime(2026, 3, 10, 20, 0, tzinfo=UTC)  # evening in Europe
    rows = _all(QueueService(ctx), QueueQuery(user_id=sdr.id), 20)
    assert rows[0].lead.time_zone in {"America/New_York", "America/Los_Angeles"}
    assert all(
        r.reachability is not Reachability.CALLABLE
        for r in rows
        if r.lead.time_zone == "Europe/Berlin"
    )


def test_accepted_leads_leave_the_new_queue_and_join_mine(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo, mixed_queue: list[int]
) -> None:
    triage = TriageService(ctx)
    triage.accept(mixed_queue[0], actor_id=sdr.id)
    triage.accept(mixed_queue[1], actor_id=other_sdr.id)
    service = QueueService(ctx)
    new = {r.lead.id for r in _all(service, QueueQuery(user_id=sdr.id), 100)}
    assert mixed_queue[0] not in new
    assert mixed_queue[1] not in new
    mine = _all(service, QueueQuery(view=QueueView.MINE, user_id=sdr.id), 100)
    assert [r.lead.id for r in mine] == [mixed_queue[0]]
    assert mine[0].lead.status is Status.SAL
    assert service.count(QueueQuery(user_id=sdr.id)) == len(mixed_queue) - 2


def test_search_by_word_prefix_in_name_company_or_email(ctx: ServiceContext, sdr: UserInfo) -> None:
    add_leads(
        ctx,
        {
            "first_name": "Jürgen",
            "last_name": "Müller",
            "company": "Nordlicht Logistik GmbH",
            "email": "j.mueller@nordlicht.de",
        },
        {
            "first_name": "Anna",
            "last_name": "Schmidt",
            "company": "Bergwerk AG",
            "email": "anna@bergwerk.de",
        },
        {
            "first_name": "Jane",
            "last_name": "Doe",
            "company": "Acme Inc.",
            "email": "jane.doe@gmail.com",
        },
    )
    service = QueueService(ctx)

    def names(text: str) -> list[str]:
        page = service.first_page(QueueQuery(user_id=sdr.id, text=text))
        return sorted(r.lead.last_name or "" for r in page.rows)

    assert names("mül") == ["Müller"]
    assert names("MÜLLER") == ["Müller"]
    assert names("logist") == ["Müller"]
    assert names("bergwerk") == ["Schmidt"]
    assert names("gmail") == ["Doe"]
    assert names("j") == ["Doe", "Müller"]
    assert names("jane doe") == ["Doe"]
    assert names("zzz") == []
    assert names("  ") == ["Doe", "Müller", "Schmidt"]
    assert names("\"'*)(; DROP") == []
    assert service.count(QueueQuery(user_id=sdr.id, text="mül")) == 1


def test_filters_and_column_sorts(
    ctx: ServiceContext, sdr: UserInfo, mixed_queue: list[int]
) -> None:
    service = QueueService(ctx)
    webinar = _all(service, QueueQuery(user_id=sdr.id, source="Webinar"), 10)
    assert webinar
    assert {r.lead.source for r in webinar} == {"Webinar"}
    assert service.sources() == ["Paid search", "Webinar"]
    by_score = _all(service, QueueQuery(user_id=sdr.id, sort=SortKey.SCORE, descending=True), 13)
    scores = [r.lead.score for r in by_score]
    known = [s for s in scores if s is not None]
    assert known == sorted(known, reverse=True)
    assert scores[len(known) :] == [None] * (len(scores) - len(known))
    assert len(by_score) == len(mixed_queue)


@pytest.mark.postgres_only
def test_postgres_search_uses_the_gin_index(ctx: ServiceContext, sdr: UserInfo) -> None:
    """With a table of realistic make-up (many leads, one match) and fresh statistics, both
    search queries read the GIN index rather than computing every lead's text vector.
    A near-empty table would not do: there any plan is as cheap as another."""
    from sqlalchemy import select, text

    from sdrdesk.db.models import Lead
    from sdrdesk.db.search import matches, newest_matches

    others = [{"last_name": f"Schmidt{i}", "email": f"s{i}@example.com"} for i in range(3000)]
    add_leads(ctx, *others, {"last_name": "Müller", "email": "m@example.com"})
    with ctx.store.engine.connect() as conn:
        conn.execute(text("ANALYZE leads"))
        conn.commit()
    newest = newest_matches("postgresql", ["mül"], 501)
    for query in (
        select(Lead.id).where(matches("postgresql", ["mül"])),
        select(newest.c.id).select_from(newest.outerjoin(Lead, Lead.id == newest.c.id)),
    ):
        with ctx.store.engine.connect() as conn:
            compiled = query.compile(conn, compile_kwargs={"literal_binds": True})
            plan = "\n".join(r[0] for r in conn.execute(text(f"EXPLAIN {compiled}")))
        assert "ix_leads_search" in plan, plan


def test_search_results_follow_the_urgency_order(
    ctx: ServiceContext, sdr: UserInfo, mixed_queue: list[int]
) -> None:
    service = QueueService(ctx)
    rows = _all(service, QueueQuery(user_id=sdr.id, text="lead1"), 4)
    assert {r.lead.first_name for r in rows} == {f"Lead{i}" for i in (1, *range(10, 20))}
    rules = service.urgency_rules()
    keys = [
        urgency_key(
            r.lead.time_zone, r.lead.handed_off_at, r.lead.score, r.lead.id, ctx.now(), rules
        )
        for r in rows
    ]
    assert keys == sorted(keys)


def test_a_search_matching_too_many_leads_says_so(
    ctx: ServiceContext, sdr: UserInfo, mixed_queue: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    import sdrdesk.services.queue.service as queue_module

    monkeypatch.setattr(queue_module, "SEARCH_LIMIT", 10)
    page = QueueService(ctx).first_page(QueueQuery(user_id=sdr.id, text="lead"))
    assert len(page.rows) == 10
    assert page.note is not None
    assert "More than 10 leads match" in page.note
    newest = sorted(mixed_queue)[-10:]
    assert sorted(r.lead.id for r in page.rows) == newest


@pytest.mark.sqlite_only
def test_overdue_leads_are_read_in_index_order_not_sorted(
    ctx: ServiceContext, sdr: UserInfo, mixed_queue: list[int]
) -> None:
    """The overdue part of the queue walks ix_leads_zone_queue; sorting every overdue lead
    instead took a quarter second per page at 100,000 leads."""
    from sqlalchemy import event

    statements: list[tuple[str, Any]] = []

    def capture(_c: Any, _cur: Any, statement: str, params: Any, *_rest: Any) -> None:
        statements.append((statement, params))

    event.listen(ctx.store.engine, "before_cursor_execute", capture)
    try:
        _all(QueueService(ctx), QueueQuery(user_id=sdr.id), 7)
    finally:
        event.remove(ctx.store.engine, "before_cursor_execute", capture)
    stream_reads = [(s, p) for s, p in statements if "AS n" in s]
    assert stream_reads
    with ctx.store.engine.connect() as conn:
        for statement, params in stream_reads:
            plan = conn.exec_driver_sql("EXPLAIN QUERY PLAN " + statement, params).all()
            details = " / ".join(str(row[-1]) for row in plan)
            assert "ix_leads_zone_queue" in details
            assert "TEMP B-TREE" not in details, details
