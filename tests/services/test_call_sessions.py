"""Call sessions: the next lead skips do-not-call, off-hours and someone else's leads."""

from __future__ import annotations

from typing import Any

from sqlalchemy import update

from sdrdesk.db.tables import leads
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.claims import ClaimService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.sessions import SessionService, Skip
from tests.factories import add_lead

BERLIN: dict[str, Any] = {"phone": "030 1234567", "country": "DE"}


def test_the_next_lead_skips_what_may_not_be_called_now(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    # 14:30 UTC: 15:30 in Berlin, 23:30 in Tokyo.
    tokyo = add_lead(ctx, first_name="Night", phone="03-1234-5678", country="JP")
    blocked = add_lead(ctx, first_name="Blocked", **BERLIN)
    with ctx.store.write() as s:
        s.execute(update(leads).where(leads.c.id == blocked).values(do_not_call=True))
    taken = add_lead(ctx, first_name="Taken", **BERLIN)
    first = add_lead(ctx, first_name="Mine", **BERLIN)
    TriageService(ctx).accept(first, actor_id=sdr.id)
    pool = add_lead(ctx, first_name="Pool", **BERLIN)
    order = [tokyo, blocked, taken, first, pool]
    sessions = SessionService(ctx)

    ClaimService(ctx).claim(taken, actor_id=other_sdr.id)  # a colleague, meanwhile
    step = sessions.next_lead(order, 0, user=sdr.name)
    assert step.lead is not None
    assert step.lead.first_name == "Mine"
    assert step.skipped == {Skip.OFF_HOURS: 1, Skip.DO_NOT_CALL: 1, Skip.CLAIMED: 1}

    step = sessions.next_lead(order, step.position, user=sdr.name)
    assert step.lead is not None
    assert step.lead.first_name == "Pool"  # nobody's: accepted and called
    assert sessions.next_lead(order, step.position, user=sdr.name).lead is None
