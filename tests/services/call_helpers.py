"""Helpers of the call tests: good answers, a logged call, a lead's events, a team script."""

from __future__ import annotations

from typing import Any

from sdrdesk.services.calls.results import CallLog, CallResult
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.results import UserInfo

# Everything the default script asks, answered by a lead that fits well (grade A).
GOOD = {
    "interest_trigger": "evaluating",
    "interest_next_step": "yes",
    "fit_employees": 320,
    "fit_current_solution": "spreadsheets",
    "budget_status": "approved",
    "budget_amount": 40000,
    "authority_role": "decides",
    "need_problems": ["manual_work", "errors", "no_overview"],
    "need_urgency": "critical",
    "timeline_go_live": "2026-05-15",
}


def call(
    calls: CallService,
    lead_id: int,
    sdr: UserInfo,
    outcome: str = "connected",
    **changes: Any,
) -> CallResult:
    setup = calls.start(lead_id)
    log = CallLog(
        lead_id=lead_id,
        expected_version=setup.lead.version,
        script=setup.script,
        started_at=setup.started_at,
        duration_seconds=changes.pop("duration_seconds", 180),
        outcome=outcome,
        answers=changes.pop("answers", setup.answers),
        **changes,
    )
    return calls.log_attempt(log, actor_id=sdr.id)


def events(ctx: ServiceContext, lead_id: int) -> list[str]:
    return [e.action for e in LeadService(ctx).events(lead_id)]


TEAM_SCRIPT = """\
id = "team"
name = "Team script"
version = "7"

[[grades]]
grade = "A"
min_total = 80
recommend = "demo"

[[grades]]
grade = "C"
recommend = "nurture"
recontact_days = 30

[[sections]]
id = "need"
title = "Need"

[[sections.questions]]
id = "pain"
text = "Does it hurt?"
type = "yes_no"
weight = { yes = 10 }

[[sections.questions]]
id = "seats"
text = "How many seats?"
type = "number"
bands = [{ min = 20, weight = 10 }, { weight = 2 }]
"""
