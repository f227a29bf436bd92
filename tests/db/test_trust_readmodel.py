"""The reports' read model on a team database: team members keep it current through
their work, but cannot write a figure of their own into it."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sdrdesk.db import lifecycle
from sdrdesk.domain.events import EventKind
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reports import ReportFilter, ReportService
from tests.db.conftest import TeamLogins
from tests.db.test_trust_forgeries import refused
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


def facts(team: TeamLogins, lead_id: int) -> tuple[object, ...]:
    rows = team.owner_sql(
        "SELECT accept_by, reject_by, source FROM lead_facts WHERE lead_id = :i", i=lead_id
    )
    return tuple(rows[0])


def test_work_keeps_the_facts_and_nobody_forges_them(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada", source="Webinar")
    TriageService(team.anna.ctx).accept(lead, actor_id=team.anna.user.id)
    assert facts(team, lead) == (team.anna.user.id, None, "Webinar")
    for login in (team.anna, team.mara):
        refused(
            login,
            "UPDATE lead_facts SET accept_by = :b WHERE lead_id = :i",
            "may not change the reports' figures",
            b=team.ben.user.id,
            i=lead,
        )
        refused(login, "DELETE FROM lead_facts", "may not change the reports' figures")
    # Asking for a recomputation is allowed: it only ever gives what the history says.
    team.anna.sql("SELECT sdrdesk_refresh_facts(ARRAY[:i])", i=lead)
    assert facts(team, lead) == (team.anna.user.id, None, "Webinar")
    refused(team.mara, "SELECT sdrdesk_refresh_facts(ARRAY[:i])", "may not do this", i=lead)
    # The bulk hand-off's insert leaves a lead that has its row as it is.
    team.anna.sql("SELECT sdrdesk_new_lead_facts(:i, :i)", i=lead)
    assert facts(team, lead) == (team.anna.user.id, None, "Webinar")
    refused(team.mara, "SELECT sdrdesk_new_lead_facts(:i, :i)", "may not do this", i=lead)


def test_an_sdrs_hand_off_gets_its_facts(team: TeamLogins) -> None:
    lead = add_lead(team.anna.ctx, first_name="Bea", source="Fair", actor_id=team.anna.user.id)
    assert facts(team, lead) == (None, None, "Fair")


def rollup(team: TeamLogins) -> list[tuple[object, ...]]:
    rows = team.owner_sql("SELECT action, reason, sdr_id, source, n FROM decision_hours")
    return sorted(tuple(r) for r in rows)


def test_work_keeps_the_rollups_and_nobody_forges_them(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Cleo", source="Webinar")
    TriageService(team.anna.ctx).reject(lead, actor_id=team.anna.user.id, reason_code="spam")
    kept = [("reject", "spam", team.anna.user.id, "Webinar", 1)]
    assert rollup(team) == kept
    for login in (team.anna, team.mara):
        tables = ("decision_hours", "decision_parts", "touch_hours", "touch_parts", "grade_marks")
        for table in tables:
            refused(login, f"DELETE FROM {table}", "may not change the reports' figures")
        refused(login, "UPDATE decision_hours SET n = 99", "may not change the reports' figures")
    # Asking for a recomputation is allowed, and only ever gives what the history says.
    team.anna.sql("SELECT sdrdesk_refresh_rollups(ARRAY[:i])", i=lead)
    team.anna.sql("SELECT sdrdesk_refresh_rollups(ARRAY[:i])", i=lead)
    assert rollup(team) == kept
    refused(team.mara, "SELECT sdrdesk_refresh_rollups(ARRAY[:i])", "may not do this", i=lead)
    refused(team.mara, "SELECT sdrdesk_refresh_grades(ARRAY[:i])", "may not do this", i=lead)


def test_an_sdrs_grade_reaches_the_grades_report_and_nobody_forges_one(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Dora", source="Webinar")
    anna = team.anna
    TriageService(anna.ctx).accept(lead, actor_id=anna.user.id)
    with anna.ctx.store.write() as s:
        lifecycle.record(
            s,
            lead,
            EventKind.QUALIFIED,
            actor_id=anna.user.id,
            at=anna.ctx.now(),
            data={"grade": "B"},
        )
    marks = "SELECT sdr_id, grade, demo FROM grade_marks WHERE lead_id = :i"
    assert [tuple(r) for r in team.owner_sql(marks, i=lead)] == [(anna.user.id, "B", 0)]
    period = ReportFilter(anna.ctx.now() - timedelta(days=1), anna.ctx.now() + timedelta(days=1))
    grades = ReportService(anna.ctx).grades(period)
    assert [(g.grade, g.leads) for g in grades] == [("B", 1)]
    refused(anna, "UPDATE grade_marks SET grade = 'A'", "may not change the reports' figures")
    anna.sql("SELECT sdrdesk_refresh_grades(ARRAY[:i])", i=lead)
    assert [tuple(r) for r in team.owner_sql(marks, i=lead)] == [(anna.user.id, "B", 0)]
