"""The reports the window offers: how each is loaded, tabulated and drawn."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCharts import QChart

from sdrdesk.gui import report_charts as charts
from sdrdesk.i18n import N_
from sdrdesk.services.reports import (
    Breakdown,
    ReportFilter,
    ReportService,
    Table,
    campaign_table,
    funnel_table,
    grade_table,
    outcome_table,
    overdue_table,
    reason_table,
    speed_table,
    touch_table,
    week_table,
)


@dataclass(frozen=True)
class Shown:
    """What a page shows for one loaded report."""

    table: Table
    extra: Table | None = None


@dataclass(frozen=True)
class ReportSpec:
    key: str
    title: str  # English, marked for the catalog: shown as _(title)
    load: Callable[[ReportService, ReportFilter, Breakdown], Any]  # runs on a worker
    tabulate: Callable[[Any, Breakdown], Shown]
    draw: Callable[[Any], QChart]
    uses_breakdown: bool = False


SPECS: tuple[ReportSpec, ...] = (
    ReportSpec(
        "reasons",
        N_("Rejection reasons"),
        lambda s, f, _b: s.rejections_by_reason(f),
        lambda rows, _b: Shown(reason_table(rows)),
        charts.reasons_chart,
    ),
    ReportSpec(
        "campaigns",
        N_("Sources and campaigns"),
        lambda s, f, _b: s.rejections_by_campaign(f),
        lambda rows, _b: Shown(campaign_table(rows)),
        charts.campaigns_chart,
    ),
    ReportSpec(
        "weeks",
        N_("Rejections by week"),
        lambda s, f, _b: s.rejections_by_week(f),
        lambda rows, _b: Shown(week_table(rows)),
        charts.weeks_chart,
    ),
    ReportSpec(
        "funnel",
        N_("Funnel"),
        lambda s, f, b: s.funnel(f, b),
        lambda rows, b: Shown(funnel_table(rows, b)),
        charts.funnel_chart,
        uses_breakdown=True,
    ),
    ReportSpec(
        "speed",
        N_("Speed to lead"),
        lambda s, f, b: s.speed_to_lead(f, b),
        lambda report, b: Shown(speed_table(report, b), overdue_table(report)),
        charts.speed_chart,
        uses_breakdown=True,
    ),
    ReportSpec(
        "calls",
        N_("Call outcomes"),
        lambda s, f, _b: (s.call_outcomes(f), s.touches(f)),  # touches count as attempts
        lambda rows, _b: Shown(outcome_table(rows[0]), touch_table(rows[1])),
        lambda rows: charts.calls_chart(rows[0]),
    ),
    ReportSpec(
        "grades",
        N_("Grades"),
        lambda s, f, _b: s.grades(f),
        lambda rows, _b: Shown(grade_table(rows)),
        charts.grades_chart,
    ),
)
