"""Every report against the hand-worked scenario in tests/report_scenario.py, on both
backends: the figures a manager would read off the window."""

from __future__ import annotations

from datetime import UTC, date

import pytest

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.reports import Breakdown, ReportService, period_from_dates
from sdrdesk.services.reports.activity import grade_table, outcome_table
from sdrdesk.services.reports.funnel import funnel_table
from sdrdesk.services.reports.rejections import campaign_table, reason_table, week_table
from sdrdesk.services.reports.speed import speed_table
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.report_scenario import Scenario, build


@pytest.fixture
def scenario(ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo) -> Scenario:
    return build(ctx, clock, sdr, other_sdr)


@pytest.fixture
def reports(ctx: ServiceContext) -> ReportService:
    return ReportService(ctx)


def test_rejections_by_reason_leave_out_the_undone_reject(
    reports: ReportService, scenario: Scenario
) -> None:
    rows = reports.rejections_by_reason(scenario.period())
    got = {r.code: (r.rejected, r.disqualified) for r in rows}
    assert got == {"duplicate": (1, 0), "not_icp": (1, 0), "other": (1, 0), "no_budget": (0, 1)}
    assert "spam" not in got  # Ben undid it
    labels = {r.code: r.label for r in rows}
    assert labels["not_icp"] == "Not our target customer (industry, size or region)"
    table = reason_table(rows)
    assert table.total == ("Total", 3, 1, 4, 1.0)


def test_rejections_by_reason_per_sdr_and_per_source(
    reports: ReportService, scenario: Scenario
) -> None:
    anna = reports.rejections_by_reason(scenario.period(sdr_id=scenario.anna.id))
    assert {r.code: r.total for r in anna} == {"not_icp": 1, "other": 1}
    paid = reports.rejections_by_reason(scenario.period(source="Paid search"))
    assert {r.code: (r.rejected, r.disqualified) for r in paid} == {
        "duplicate": (1, 0),
        "no_budget": (0, 1),
    }


def test_rejection_rate_per_campaign(reports: ReportService, scenario: Scenario) -> None:
    rows = reports.rejections_by_campaign(scenario.period())
    got = {
        (r.source, r.campaign): (r.accepted, r.rejected, r.disqualified, r.rejection_rate)
        for r in rows
    }
    assert got == {
        ("Webinar", "Spring"): (1, 2, 0, pytest.approx(2 / 3)),
        ("Paid search", "Brand"): (1, 1, 1, 0.5),
    }
    table = campaign_table(rows)
    assert table.total == ("Total", "", 5, 2, 3, 0.6, 1)


def test_rejections_over_weeks(reports: ReportService, scenario: Scenario) -> None:
    rows = reports.rejections_by_week(scenario.period())
    assert [(r.label, r.week, r.accepted, r.rejected, r.disqualified) for r in rows] == [
        ("2026-W10", date(2026, 3, 2), 0, 1, 0),
        ("2026-W11", date(2026, 3, 9), 2, 2, 1),
    ]
    assert [r.rejection_rate for r in rows] == [1.0, 0.5]
    assert week_table(rows).rows[0][:2] == ("2026-W10", "2026-03-02")


def test_weeks_start_at_local_midnight(
    reports: ReportService, scenario: Scenario, ctx: ServiceContext
) -> None:
    # Fourteen hours ahead of UTC, Ben's Friday 10:00 rejection is still Friday; shifted
    # back 11 hours (a viewer in Hawaii) the Tuesday events are still Tuesday: the weeks
    # do not move, but the offset reaches the SQL on both backends.
    from zoneinfo import ZoneInfo

    f = period_from_dates(date(2026, 3, 2), date(2026, 3, 15), zone=ZoneInfo("Pacific/Honolulu"))
    assert f.week_offset_minutes == -600
    assert [r.label for r in reports.rejections_by_week(f)] == ["2026-W10", "2026-W11"]


def test_funnel_for_the_team(reports: ReportService, scenario: Scenario) -> None:
    (team,) = reports.funnel(scenario.period())
    assert (team.group, team.mql, team.sal, team.sql, team.rejected, team.open) == (
        "Team",
        8,
        2,
        1,
        3,
        3,
    )
    assert team.mql_to_sal == 0.25
    assert team.sal_to_sql == 0.5
    assert team.mql_to_sql == 0.125
    assert team.median_mql_seconds == 1500.0  # 20 and 30 minutes
    assert team.median_sal_seconds == 3600.0


def test_funnel_per_sdr_and_per_source(reports: ReportService, scenario: Scenario) -> None:
    per_sdr = reports.funnel(scenario.period(), Breakdown.SDR)
    got = {r.group: (r.mql, r.sal, r.sql, r.rejected, r.median_mql_seconds) for r in per_sdr}
    assert got == {
        "Anna Schmidt": (3, 1, 1, 2, 1800.0),
        "Ben Okafor": (2, 1, 0, 1, 1200.0),
        "(not yet triaged)": (3, 0, 0, 0, None),
        "Team": (8, 2, 1, 3, 1500.0),
    }
    assert per_sdr[-1].is_total
    per_source = reports.funnel(scenario.period(), Breakdown.SOURCE)
    counts = {r.group: (r.mql, r.sal, r.sql, r.rejected) for r in per_source}
    assert counts == {
        "Webinar": (4, 1, 1, 2),
        "Paid search": (3, 1, 0, 1),
        "(no source)": (1, 0, 0, 0),
        "Team": (8, 2, 1, 3),
    }
    table = funnel_table(per_source, Breakdown.SOURCE)
    assert table.total is not None
    assert table.total[:4] == ("Team", 8, 2, 1)


def test_funnel_filtered_to_one_sdr(reports: ReportService, scenario: Scenario) -> None:
    (team,) = reports.funnel(scenario.period(sdr_id=scenario.ben.id))
    assert (team.mql, team.sal, team.sql, team.rejected) == (2, 1, 0, 1)


def test_speed_to_lead(reports: ReportService, scenario: Scenario) -> None:
    report = reports.speed_to_lead(scenario.period())
    team = report.total
    assert (team.leads, team.triaged) == (8, 5)
    # Triage times 20 min, 30 min, 90 min, 200 min, 25 h: the median is 90 min.
    assert team.median_triage_seconds == 5400.0
    # Due: the 5 triaged and L4, L7 (waiting > 60 min); L6 is 5 minutes old.
    assert (team.triaged_in_target, team.triage_due) == (2, 7)
    assert team.triage_share == pytest.approx(2 / 7)
    assert (team.accepted, team.called, team.called_in_target, team.call_due) == (2, 2, 2, 2)
    assert team.median_call_seconds == 2700.0  # 40 and 50 minutes
    assert team.buckets == (0, 2, 2, 0, 1, 3)
    assert report.overdue_count == 2
    assert [o.name for o in report.overdue] == ["Lead L7", "Lead L4"]
    table = speed_table(report, Breakdown.TOTAL)
    assert "Overdue now: 2 leads" in table.notes[0]


def test_speed_to_lead_per_source(reports: ReportService, scenario: Scenario) -> None:
    report = reports.speed_to_lead(scenario.period(), Breakdown.SOURCE)
    got = {r.group: (r.leads, r.triaged, r.median_triage_seconds) for r in report.rows}
    assert got == {
        "Webinar": (4, 3, 5400.0),
        "Paid search": (3, 2, (1200.0 + 90000.0) / 2),
        "(no source)": (1, 0, None),
        "Team": (8, 5, 5400.0),
    }
    webinar = reports.speed_to_lead(scenario.period(source="Webinar"))
    assert webinar.overdue_count == 1  # L7


def test_call_outcomes_per_sdr(reports: ReportService, scenario: Scenario) -> None:
    rows = reports.call_outcomes(scenario.period())
    got = {(r.sdr, r.outcome): (r.calls, r.connected, r.talk_seconds) for r in rows}
    assert got == {
        ("Anna Schmidt", "connected"): (1, 1, 600),
        ("Ben Okafor", "no_answer"): (1, 0, 0),
        ("Ben Okafor", "connected"): (1, 1, 300),
    }
    table = outcome_table(rows)
    assert [c.label for c in table.columns][:3] == ["SDR", "Connected", "No answer"]
    assert table.rows[1][:4] == ("Ben Okafor", 1, 1, 2)
    assert table.total == ("Team", 2, 1, 3, 2, pytest.approx(2 / 3), 450.0)


def test_grades_count_each_lead_once_with_its_latest_grade(
    reports: ReportService, scenario: Scenario
) -> None:
    rows = reports.grades(scenario.period())
    assert {(r.sdr, r.grade): (r.leads, r.demos) for r in rows} == {
        ("Anna Schmidt", "A"): (1, 1),
        ("Ben Okafor", "C"): (1, 0),
    }
    table = grade_table(rows)
    assert table.total == ("Team", 1, 0, 1, 2, 0.5, 1)


def test_a_period_without_activity_is_empty_not_an_error(
    reports: ReportService, scenario: Scenario
) -> None:
    f = period_from_dates(date(2025, 1, 1), date(2025, 1, 31), zone=UTC)
    assert reports.rejections_by_reason(f) == []
    assert reports.rejections_by_week(f) == []
    (team,) = reports.funnel(f)
    assert (team.mql, team.median_mql_seconds) == (0, None)
    assert reports.speed_to_lead(f).total.leads == 0
    assert reports.call_outcomes(f) == []
    assert reports.grades(f) == []


def test_filter_options_list_sdrs_and_sources(reports: ReportService, scenario: Scenario) -> None:
    options = reports.filter_options()
    assert [name for _id, name in options.sdrs] == ["Anna Schmidt", "Ben Okafor"]
    assert options.sources == ("Paid search", "Webinar")
