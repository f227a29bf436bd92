"""Reports for SDR managers and marketing, computed in SQL from the event history.

``ReportService`` has one method per report; each is one read transaction and returns
plain dataclasses (and, through the ``*_table`` functions, a ``Table`` to show, print
or export). The SQL that differs between SQLite and PostgreSQL lives in
``sdrdesk.db.reporting``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.reports.activity import (
        GRADES,
        GradeCount,
        OutcomeCount,
        grade_table,
        outcome_label,
        outcome_table,
    )
    from sdrdesk.services.reports.cohort import Breakdown
    from sdrdesk.services.reports.filters import Preset, ReportFilter, period_from_dates
    from sdrdesk.services.reports.funnel import FunnelRow, funnel_table
    from sdrdesk.services.reports.rejections import (
        CampaignCount,
        ReasonCount,
        WeekCount,
        campaign_table,
        reason_table,
        week_table,
    )
    from sdrdesk.services.reports.service import FilterOptions, ReportService
    from sdrdesk.services.reports.speed import BUCKETS, SpeedReport, overdue_table, speed_table
    from sdrdesk.services.reports.table import Col, Kind, Table, format_cell
    from sdrdesk.services.reports.touches import TouchCount, touch_table

WHERE = {
    "activity": (
        "GRADES",
        "GradeCount",
        "OutcomeCount",
        "grade_table",
        "outcome_label",
        "outcome_table",
    ),
    "cohort": ("Breakdown",),
    "filters": (
        "Preset",
        "ReportFilter",
        "period_from_dates",
    ),
    "funnel": (
        "FunnelRow",
        "funnel_table",
    ),
    "rejections": (
        "CampaignCount",
        "ReasonCount",
        "WeekCount",
        "campaign_table",
        "reason_table",
        "week_table",
    ),
    "service": (
        "FilterOptions",
        "ReportService",
    ),
    "speed": (
        "BUCKETS",
        "SpeedReport",
        "overdue_table",
        "speed_table",
    ),
    "table": (
        "Col",
        "Kind",
        "Table",
        "format_cell",
    ),
    "touches": (
        "TouchCount",
        "touch_table",
    ),
}
__all__ = [
    "BUCKETS",
    "GRADES",
    "Breakdown",
    "CampaignCount",
    "Col",
    "FilterOptions",
    "FunnelRow",
    "GradeCount",
    "Kind",
    "OutcomeCount",
    "Preset",
    "ReasonCount",
    "ReportFilter",
    "ReportService",
    "SpeedReport",
    "Table",
    "TouchCount",
    "WeekCount",
    "campaign_table",
    "format_cell",
    "funnel_table",
    "grade_table",
    "outcome_label",
    "outcome_table",
    "overdue_table",
    "period_from_dates",
    "reason_table",
    "speed_table",
    "touch_table",
    "week_table",
]
__getattr__ = lazy_names(__name__, WHERE)
