"""Managers edit, deactivate and reactivate users; others are refused with one sentence."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import PermissionDeniedError, ValidationError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reasons import ReasonService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads


def test_the_first_manager_and_then_only_managers(ctx: ServiceContext, sdr: UserInfo) -> None:
    users = UserService(ctx)
    with pytest.raises(PermissionDeniedError, match="anna is a sales development rep, and this"):
        users.add("cem", Role.SDR, actor_id=sdr.id)
    users.edit("anna", actor_id=sdr.id, role=Role.MANAGER)  # the store had no manager
    users.add("cem", Role.SDR, actor_id=sdr.id, email="cem@x.de", time_zone="Europe/Berlin")
    with pytest.raises(PermissionDeniedError, match="Only a manager may edit users; cem is a"):
        users.edit("cem", actor_id=users.get("cem").id, role=Role.MANAGER)
    cem = users.get("cem").id
    for refused in (
        lambda: ReasonService(ctx).add("no_fit_x", "No fit", actor_id=cem),
        lambda: ReasonService(ctx).set_active("spam", False, actor_id=cem),
        lambda: users.deactivate("anna", actor_id=cem),
    ):
        with pytest.raises(PermissionDeniedError, match="cem is a sales development rep"):
            refused()


def test_edit_fields_and_refusals(ctx: ServiceContext, manager: UserInfo, sdr: UserInfo) -> None:
    users = UserService(ctx)
    edited = users.edit(
        "anna",
        actor_id=manager.id,
        email="Anna@X.DE",
        time_zone="Europe/Vienna",
        display_name="A S",
    )
    assert (edited.email, edited.time_zone, edited.display_name) == (
        "Anna@x.de",
        "Europe/Vienna",
        "A S",
    )
    assert users.get("anna") == edited
    for fields, message in (
        ({"email": "not an address"}, "not an e-mail address"),
        ({"time_zone": "Mars/Olympus"}, "not a time zone"),
        ({"display_name": "x" * 10_000}, "at most 200 fit"),
        ({"display_name": "Anna\x1b[2J"}, "control characters"),
        ({}, "Nothing to change"),
    ):
        with pytest.raises(ValidationError, match=message):
            users.edit("anna", actor_id=manager.id, **fields)  # type: ignore[arg-type]
    assert users.edit("anna", actor_id=manager.id, email="", time_zone="").email is None


def test_deactivating_hands_the_open_leads_over_in_one_go(
    ctx: ServiceContext, manager: UserInfo, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    ids = add_leads(ctx, *({"first_name": f"L{i}"} for i in range(3)))
    triage = TriageService(ctx)
    for lead_id in ids:
        triage.accept(lead_id, actor_id=sdr.id)
    users = UserService(ctx)
    with pytest.raises(ValidationError, match="not an active SDR"):
        users.deactivate("anna", actor_id=manager.id, to_user="maria")
    assert [lead.owner for lead in LeadService(ctx).list_leads()] == ["anna"] * 3
    done = users.deactivate("anna", actor_id=manager.id, to_user="ben")
    assert (done.leads_moved, done.to_user, done.user.active) == (3, "ben", False)
    assert [lead.owner for lead in LeadService(ctx).list_leads()] == ["ben"] * 3
    event = LeadService(ctx).events(ids[0])[-1]
    assert (event.action, event.actor) == ("assigned", "Maria Manager")
    assert event.data == {"from_owner": "anna", "to_owner": "ben", "deactivated": "anna"}
    assert [u.name for u in users.list_users(active_only=True)] == ["ben", "maria"]
    assert users.reactivate("anna", actor_id=manager.id).active
    users.deactivate("ben", actor_id=manager.id)
    assert {lead.owner for lead in LeadService(ctx).list_leads()} == {None}
    assert {lead.status for lead in LeadService(ctx).list_leads()} == {Status.SAL}
    with pytest.raises(ValidationError, match="cannot deactivate yourself"):
        users.deactivate("maria", actor_id=manager.id)
