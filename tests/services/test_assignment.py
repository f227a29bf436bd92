"""Giving the pool out by the team's rules."""

from __future__ import annotations

from collections import Counter

import pytest

from sdrdesk.domain.assignment import parse_rules
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.assignment import AssignmentService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads

RULES = parse_rules(
    """
mode = "round_robin"
[[rule]]
name = "DACH"
countries = ["DE", "AT"]
sdrs = ["anna", "ben"]
""",
    "team.toml",
)


def test_round_robin_by_region(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo, manager: UserInfo
) -> None:
    UserService(ctx).add("cem", Role.SDR)
    add_leads(
        ctx,
        *({"first_name": f"DE{i}", "country": "DE", "minutes_ago": 100 - i} for i in range(4)),
        *({"first_name": f"US{i}", "country": "US", "minutes_ago": 50 - i} for i in range(3)),
    )
    result = AssignmentService(ctx).distribute(RULES, actor_id=manager.id)
    assert sum(result.assigned.values()) == 7
    owners = {lead.first_name: lead.owner for lead in LeadService(ctx).list_leads()}
    assert [owners[f"DE{i}"] for i in range(4)] == ["anna", "ben", "anna", "ben"]
    # Everyone else, in turn, among all active SDRs (anna, ben, cem by name).
    assert Counter(owners[f"US{i}"] for i in range(3)) == Counter(["anna", "ben", "cem"])
    # Next time the turn continues where it stopped.
    add_leads(ctx, {"first_name": "DE9", "country": "AT", "email": "de9@x.de"})
    AssignmentService(ctx).distribute(RULES, actor_id=manager.id)
    assert {lead.first_name: lead.owner for lead in LeadService(ctx).list_leads()}["DE9"] == "anna"
    events = [e for e in LeadService(ctx).events() if e.action == "assigned"]
    assert len(events) == 8
    assert events[0].data == {"from_owner": None, "to_owner": "anna", "rule": "DACH"}


def test_rules_naming_someone_unknown_change_nothing(
    ctx: ServiceContext, sdr: UserInfo, manager: UserInfo
) -> None:
    add_leads(ctx, {"first_name": "A", "country": "DE"})
    with pytest.raises(ValidationError, match="“ben” is not an active SDR"):
        AssignmentService(ctx).distribute(RULES, actor_id=manager.id)
    assert [lead.owner for lead in LeadService(ctx).list_leads()] == [None]
