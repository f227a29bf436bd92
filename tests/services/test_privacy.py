"""Erasing and exporting a person (DSGVO Art. 17 and 15) on both backends: afterwards no
column of any table (nor SQLite's search index) holds the person's name, e-mail or
phone, the reports give the same figures, and the export holds everything stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select, text

from sdrdesk.db.base import Base
from sdrdesk.db.models import load_all
from sdrdesk.domain.errors import PermissionDeniedError, ValidationError
from sdrdesk.domain.users import Role
from sdrdesk.services.calls.results import CallLog
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.service import DemoService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.privacy import PrivacyService
from sdrdesk.services.reports import ReportService
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.demo_helpers import berlin, make_team
from tests.factories import add_lead
from tests.services.test_demos import _request

FIRST, LAST = "Zyxwerta", "Quorblefink"
EMAIL = "zyx.quorblefink@privacy-example.test"
DEMO_EMAIL = "zyxwerta@home.privacy-example.test"  # typed for the demo's invite
PHONE = "030 98765432"
NEEDLES = ("zyxwerta", "quorblefink", "98765432")


def _person(ctx: ServiceContext) -> tuple[int, UserInfo, Any]:
    team = make_team(ctx)
    lead_id = add_lead(
        ctx, first_name=FIRST, last_name=LAST, email=EMAIL, phone=PHONE, country="DE",
        company=f"{LAST} Consulting", title="Owner", external_id="CRM-QUORBLE-1",
        extra={"LinkedIn": f"linkedin.com/in/{LAST}", "Notes": f"{FIRST} met us at the fair"},
    )  # fmt: skip
    TriageService(ctx).accept(lead_id, actor_id=team.sdr.id)
    calls = CallService(ctx)
    setup = calls.start(lead_id)
    answers = {**setup.answers, "fit_current_solution": "competitor"}
    answers["fit_competitor_name"] = f"{LAST} Suite, ask {FIRST}"
    calls.log_attempt(
        CallLog(
            lead_id=lead_id,
            expected_version=setup.lead.version,
            script=setup.script,
            started_at=setup.started_at,
            duration_seconds=120,
            outcome="connected",
            answers=answers,
            notes=f"{FIRST} {LAST} wants a call back on {PHONE}",
        ),
        actor_id=team.sdr.id,
    )
    demos = DemoService(ctx)
    booked = demos.book(
        lead_id,
        _request(
            team.david.id,
            berlin(2026, 3, 12, 16),
            note=f"{FIRST} brings her CFO",
            lead_email=DEMO_EMAIL,
        ),
        actor_id=team.sdr.id,
    )
    demos.cancel(booked.demo.id, actor_id=team.sdr.id, reason=f"{FIRST} {LAST} is ill")
    boss = UserService(ctx).add("tom", Role.MANAGER, display_name="Tom Becker")
    return lead_id, boss, team


def _everything(ctx: ServiceContext) -> str:
    """Every row of every table (and SQLite's search index), as one case-folded text."""
    load_all()
    parts: list[str] = []
    with ctx.store.read() as s:
        for table in Base.metadata.sorted_tables:
            parts.extend(repr(tuple(row)) for row in s.execute(select(table)))
        if s.get_bind().dialect.name == "sqlite":
            parts.extend(repr(tuple(r)) for r in s.execute(text("SELECT * FROM lead_search")))
            for (block,) in s.execute(text("SELECT block FROM lead_search_data")):
                parts.append(bytes(block).decode("latin-1"))
    return "\n".join(parts).casefold()


def _figures(ctx: ServiceContext) -> tuple[Any, ...]:
    f = ReportFilter(datetime(2026, 1, 1, tzinfo=UTC), datetime(2027, 1, 1, tzinfo=UTC))
    reports = ReportService(ctx)
    return (reports.funnel(f), reports.rejections_by_reason(f))


def test_an_erasure_leaves_no_trace_and_the_same_figures(ctx: ServiceContext) -> None:
    lead_id, boss, team = _person(ctx)
    other = add_lead(ctx, first_name="Else", last_name="Other", email="else@other.test")
    TriageService(ctx).reject(other, actor_id=team.sdr.id, reason_code="spam")
    before = _everything(ctx)
    assert all(n in before for n in NEEDLES)
    figures = _figures(ctx)
    events = [
        (e.action, e.at, e.from_status, e.to_status) for e in LeadService(ctx).events(lead_id)
    ]

    done = PrivacyService(ctx).erase(lead_id=lead_id, actor_id=boss.id, reason="Asked on 3 May")

    assert [e.lead_id for e in done] == [lead_id]
    after = _everything(ctx)
    assert [n for n in NEEDLES if n in after] == []
    assert "else" in after  # the other lead is untouched
    assert _figures(ctx) == figures
    history = LeadService(ctx).events(lead_id)
    assert [(e.action, e.at, e.from_status, e.to_status) for e in history[:-1]] == events
    last = history[-1]
    assert (last.action, last.actor, last.to_status) == ("erased", "Tom Becker", None)
    assert LeadService(ctx).get(lead_id).summary.name == f"Lead {lead_id}"
    export = PrivacyService(ctx).export(lead_id=lead_id).as_json()
    assert export["leads"][0]["erasures"][0]["reason"] == "Asked on 3 May"
    assert export["leads"][0]["erasures"][0]["erased_by"] == "tom"


def test_the_export_holds_everything_stored(ctx: ServiceContext) -> None:
    lead_id, _boss, _team = _person(ctx)
    [person] = PrivacyService(ctx).export(email=EMAIL.upper()).as_json()["leads"]
    lead = person["lead"]
    assert (lead["first_name"], lead["last_name"], lead["email"]) == (FIRST, LAST, EMAIL)
    assert (lead["phone_raw"], lead["external_id"]) == (PHONE, "CRM-QUORBLE-1")
    assert lead["extra"]["Notes"] == f"{FIRST} met us at the fair"
    stored = [(e.id, e.action) for e in LeadService(ctx).events(lead_id)]
    assert [(e["id"], e["action"]) for e in person["events"]] == stored
    assert person["events"][-1]["comment"] == f"{FIRST} {LAST} is ill"
    [call] = person["calls"]
    assert call["notes"] == f"{FIRST} {LAST} wants a call back on {PHONE}"
    assert call["caller"] == "anna"
    assert person["qualifications"][0]["answers"]["fit_competitor_name"].startswith(LAST)
    [demo] = person["demos"]
    assert (demo["note"], demo["ae"], demo["status"], demo["lead_email"]) == (
        f"{FIRST} brings her CFO",
        "david",
        "cancelled",
        DEMO_EMAIL,
    )
    assert person["erasures"] == []


def test_only_a_manager_erases_and_odd_reasons_are_refused(ctx: ServiceContext) -> None:
    lead_id, boss, team = _person(ctx)
    privacy = PrivacyService(ctx)
    with pytest.raises(PermissionDeniedError, match="anna is a sales development rep"):
        privacy.erase(lead_id=lead_id, actor_id=team.sdr.id, reason="asked")
    for reason, message in (
        ("", "Give the reason"),
        ("asked\x00\x1b[31m", "control characters"),
        ("x" * 10_000, "10000 characters long; at most 1000"),
    ):
        with pytest.raises(ValidationError, match=message):
            privacy.erase(lead_id=lead_id, actor_id=boss.id, reason=reason)
    with pytest.raises(ValidationError, match="either a lead id or an e-mail"):
        privacy.erase(actor_id=boss.id, reason="asked")
    assert LeadService(ctx).get(lead_id).summary.last_name == LAST  # nothing erased


def test_every_lead_of_an_address_is_erased(ctx: ServiceContext, manager: UserInfo) -> None:
    first = add_lead(ctx, first_name=FIRST, email=EMAIL)
    done = PrivacyService(ctx).erase(email=f" {EMAIL.upper()} ", actor_id=manager.id, reason="r")
    assert [e.lead_id for e in done] == [first]
    # Nothing is kept to find duplicates against: the same person comes in as a new lead.
    again = add_lead(ctx, first_name=FIRST, email=EMAIL)
    assert again != first
    assert LeadService(ctx).get(again).summary.email == EMAIL


def test_naughty_strings_in_a_reason_are_kept_as_typed(
    ctx: ServiceContext, manager: UserInfo
) -> None:
    lead_id = add_lead(ctx, first_name=FIRST, email=EMAIL)
    reason = "Robert'); DROP TABLE leads;-- 𝕿𝖍𝖊 ‮ <script>alert(1)</script>"
    PrivacyService(ctx).erase(lead_id=lead_id, actor_id=manager.id, reason=reason)
    export = PrivacyService(ctx).export(lead_id=lead_id).as_json()
    assert export["leads"][0]["erasures"][0]["reason"] == reason
    assert ctx.now() - timedelta(seconds=1) <= datetime.fromisoformat(
        export["leads"][0]["erasures"][0]["erased_at"]
    )
