"""Call sessions: the next lead of a list (the view the session was started on).

The list is the queue's order when the session started; each step reads the leads again
(a few at a time, one indexed read by id) and takes the first that may be called now:
not do-not-call, inside its calling hours on the service clock, owned by this SDR or by
nobody, and still new, accepted or being worked. Core only, like the queue.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sdrdesk.db.tables import leads
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.urgency import Reachability, UrgencyRules, reachability
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.lead_rows import summary_from_row, summary_select
from sdrdesk.services.results import LeadSummary
from sdrdesk.services.sessions.results import NextLead, Skip

SESSION_STATUSES = (Status.MQL, Status.SAL, Status.WORKING)
CHUNK = 50


class SessionService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def next_lead(self, lead_ids: Sequence[int], position: int, *, user: str) -> NextLead:
        """The first lead from ``position`` on in ``lead_ids`` that ``user`` (a user's
        name) may call now."""
        r = self._ctx.rules
        rules = UrgencyRules(
            timedelta(minutes=r.speed_to_lead_minutes), r.calling_hours_start, r.calling_hours_end
        )
        now = self._ctx.now()
        skipped: dict[Skip, int] = {}
        with self._ctx.store.connect() as conn:
            while position < len(lead_ids):
                chunk = list(lead_ids[position : position + CHUNK])
                found = {
                    lead.id: lead
                    for lead in map(
                        summary_from_row,
                        conn.execute(summary_select().where(leads.c.id.in_(chunk))),
                    )
                }
                for lead_id in chunk:
                    position += 1
                    lead = found.get(lead_id)
                    skip = _skip(lead, user, now, rules)
                    if skip is not None:
                        skipped[skip] = skipped.get(skip, 0) + 1
                    elif lead is not None:
                        return NextLead(lead, position, skipped)
        return NextLead(None, position, skipped)


def _skip(lead: LeadSummary | None, user: str, now: datetime, rules: UrgencyRules) -> Skip | None:
    if lead is None or lead.status not in SESSION_STATUSES:
        return Skip.DONE
    if lead.owner is not None and lead.owner != user:
        return Skip.CLAIMED
    if lead.do_not_call:
        return Skip.DO_NOT_CALL
    if reachability(lead.time_zone, now, rules) is Reachability.OFF_HOURS:
        return Skip.OFF_HOURS
    return None
