"""A team and leads for demo tests: an SDR in Berlin, three AEs, leads in New York."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import AnswerLine, QualificationSummary, UserInfo
from sdrdesk.services.users.service import UserService
from tests.factories import add_lead

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")

NY_LEAD: dict[str, Any] = {
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "grace@cobalt-systems.com",
    "phone": "+1 212 555 0100",
    "country": "US",
    "company": "Cobalt Systems, Inc.",
    "title": "VP Engineering",
}


@dataclass(frozen=True)
class Team:
    sdr: UserInfo
    carla: UserInfo
    david: UserInfo
    eva: UserInfo


def make_team(ctx: ServiceContext, *, sdr_email: str | None = "anna@sdrdesk.example") -> Team:
    users = UserService(ctx)
    sdr = users.add(
        "anna", Role.SDR, display_name="Anna Schmidt", email=sdr_email, time_zone="Europe/Berlin"
    )
    carla, david, eva = (
        users.add(name, Role.AE, display_name=display, email=f"{name}@sdrdesk.example")
        for name, display in (
            ("carla", "Carla Weiss"),
            ("david", "David Chen"),
            ("eva", "Eva Lindqvist"),
        )
    )
    return Team(sdr, carla, david, eva)


def accepted_lead(ctx: ServiceContext, sdr: UserInfo, **fields: Any) -> int:
    """A lead the SDR accepted (SAL), by default Grace Hopper in New York."""
    lead_id = add_lead(ctx, **{**NY_LEAD, **fields})
    TriageService(ctx).accept(lead_id, actor_id=sdr.id)
    return lead_id


def berlin(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BERLIN)


def handover(lead_id: int) -> QualificationSummary:
    """What the call feature hands over after a good qualification call."""
    return QualificationSummary(
        lead_id=lead_id,
        script_id="bant-default",
        script_version="3",
        grade="A",
        scores={"budget": 3.0, "authority": 2.0, "need": 3.0, "timeline": 2.5},
        answers=(
            AnswerLine("Budget", "Is there a budget for this?", "Yes: 40k USD, approved; Q2"),
            AnswerLine("Authority", "Who signs?", "She does, with the CFO"),
            AnswerLine("Need", "What hurts today?", "Reps lose 2 h/day on manual dialling"),
            AnswerLine("Timeline", "When should it run?", "Before the summer kick-off"),
        ),
        notes="Very keen; wants to see the Salesforce sync.\nCFO may join.",
        recommendation="demo",
        complete=True,
    )
