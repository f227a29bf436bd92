"""Real client processes on one store: racing for leads, and one killed mid-action."""

from __future__ import annotations

import multiprocessing
from collections import Counter

from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads
from tests.workers import die_while_accepting, work_the_pool

SPAWN = multiprocessing.get_context("spawn")


def test_processes_racing_for_the_pool_triage_each_lead_once(
    ctx: ServiceContext, database_url: str
) -> None:
    ids = add_leads(
        ctx,
        *(
            {"first_name": f"L{i}", "score": str(i % 100), "minutes_ago": 90 + i}
            for i in range(120)
        ),
    )
    out = SPAWN.Queue()
    clients = [
        SPAWN.Process(target=work_the_pool, args=(database_url, f"sdr{i}", out)) for i in range(3)
    ]
    for p in clients:
        p.start()
    reports = [out.get(timeout=120) for _ in clients]
    for p in clients:
        p.join(timeout=30)
        assert p.exitcode == 0
    committed = [item for _, done, _ in reports for item in done]
    # Every lead triaged exactly once, and every action a client saw succeed is in the
    # history exactly once, under its own event id.
    assert sorted(lead_id for lead_id, _, _ in committed) == sorted(ids)
    events = [e for e in LeadService(ctx).events() if e.action in {"accept", "reject"}]
    assert sorted((e.lead_id, e.action, e.id) for e in events) == sorted(committed)
    per_actor = Counter(e.actor for e in events)
    assert per_actor == Counter({name: len(done) for name, done, _ in reports})
    claims = Counter(e.lead_id for e in LeadService(ctx).events() if e.action == "claimed")
    assert set(claims.values()) == {1}


def test_a_client_killed_mid_action_leaves_no_trace(ctx: ServiceContext, database_url: str) -> None:
    lead_id = add_leads(ctx, {"first_name": "Victim"})[0]
    killed = SPAWN.Process(target=die_while_accepting, args=(database_url, lead_id, "crash"))
    killed.start()
    killed.join(timeout=60)
    assert killed.exitcode == -9
    detail = LeadService(ctx).get(lead_id)
    assert detail.summary.status is Status.MQL
    assert [e.action for e in detail.events] == ["hand_off"]
    # The store is not left locked: a colleague triages the lead at once.
    ben = UserService(ctx).ensure("ben")
    TriageService(ctx).accept(lead_id, actor_id=ben.id)
    assert LeadService(ctx).get(lead_id).summary.owner == "ben"
