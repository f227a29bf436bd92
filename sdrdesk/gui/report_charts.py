"""Qt Charts for the reports: every chart is bars, built from the report's own rows."""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCharts import (
    QAbstractBarSeries,
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QChart,
    QHorizontalBarSeries,
    QHorizontalStackedBarSeries,
    QStackedBarSeries,
    QValueAxis,
)
from PySide6.QtCore import QLocale, QMargins, Qt
from PySide6.QtGui import QColor, QFont

from sdrdesk.domain.wording import shortened
from sdrdesk.i18n import N_, _
from sdrdesk.services.reports import (
    BUCKETS,
    GRADES,
    CampaignCount,
    FunnelRow,
    GradeCount,
    OutcomeCount,
    ReasonCount,
    SpeedReport,
    WeekCount,
    outcome_label,
)

# Colour-blind-safe (Okabe–Ito), in the order series appear.
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#56B4E9", "#CC79A7", "#F0E442", "#000000")
MAX_CATEGORIES = 10
# The speed buckets' labels (``BUCKETS`` of the reports service), marked here for the
# catalog and translated where drawn.
BUCKET_LABELS = (N_("≤ 15 min"), N_("15–60 min"), N_("1–4 h"), N_("4–24 h"), N_("> 1 day"))


def _short(text: str, width: int = 34) -> str:
    return shortened(text, width)


def bar_chart(
    title: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    horizontal: bool = False,
    stacked: bool = False,
    percent: bool = False,
) -> QChart:
    chart = QChart()
    chart.setLocalizeNumbers(True)  # the axes' and bars' numbers in QLocale (1.234)
    chart.setLocale(QLocale())
    chart.setTitle(title)
    title_font = QFont(chart.titleFont())
    title_font.setBold(True)
    title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
    chart.setTitleFont(title_font)
    chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
    chart.setMargins(QMargins(4, 4, 4, 4))
    if horizontal:  # Qt draws the first category at the bottom: read top-down instead
        categories = list(reversed(categories))
        series = [(name, list(reversed(values))) for name, values in series]
    kind: type[QAbstractBarSeries]
    if horizontal:
        kind = QHorizontalStackedBarSeries if stacked else QHorizontalBarSeries
    else:
        kind = QStackedBarSeries if stacked else QBarSeries
    bars = kind()
    top = 0.0
    for i, (name, values) in enumerate(series):
        bar_set = QBarSet(name)
        bar_set.setColor(QColor(PALETTE[i % len(PALETTE)]))
        bar_set.append([float(v) for v in values])
        bars.append(bar_set)
    if stacked:
        top = max((sum(v[i] for _n, v in series) for i in range(len(categories))), default=0.0)
    else:
        top = max((max(v, default=0.0) for _n, v in series), default=0.0)
    if not percent and not stacked and len(series) <= 3 and len(categories) <= 12:
        bars.setLabelsVisible(True)
        bars.setLabelsPosition(QAbstractBarSeries.LabelsPosition.LabelsOutsideEnd)
    chart.addSeries(bars)
    names = QBarCategoryAxis()
    names.append([_short(c) for c in categories] or [""])
    axis = QValueAxis()
    # Localized numbers take "%.0f" (not "%d", which then shows nothing) and a plain "%"
    # for the percent sign. TRANSLATORS: German writes "50 %", English "50%".
    axis.setLabelFormat(_("%.0f%") if percent else "%.0f")
    if percent:
        axis.setRange(0, 100)
    elif top <= 8:  # small counts: one tick per whole number, never "0 0 1 1"
        axis.setRange(0, max(1, math.ceil(top)))
        axis.setTickCount(max(1, math.ceil(top)) + 1)
    else:
        axis.setRange(0, top * 1.08)
        axis.applyNiceNumbers()
    left, bottom = Qt.AlignmentFlag.AlignLeft, Qt.AlignmentFlag.AlignBottom
    chart.addAxis(names, left if horizontal else bottom)
    chart.addAxis(axis, bottom if horizontal else left)
    bars.attachAxis(names)
    bars.attachAxis(axis)
    chart.legend().setVisible(len(series) > 1)
    chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
    return chart


def reasons_chart(rows: list[ReasonCount]) -> QChart:
    top = rows[:MAX_CATEGORIES]
    return bar_chart(
        _("Why leads went back to marketing"),
        [r.label for r in top],
        [
            (_("Rejected"), [r.rejected for r in top]),
            (_("Disqualified"), [r.disqualified for r in top]),
        ],
        horizontal=True,
        stacked=True,
    )


def campaigns_chart(rows: list[CampaignCount]) -> QChart:
    top = sorted(rows, key=lambda r: -r.triaged)[:MAX_CATEGORIES]
    return bar_chart(
        _("Rejection rate per campaign (the most triaged)"),
        [f"{r.campaign} · {r.source}" for r in top],
        [(_("Rejection rate"), [100 * (r.rejection_rate or 0) for r in top])],
        horizontal=True,
        percent=True,
    )


def weeks_chart(rows: list[WeekCount]) -> QChart:
    return bar_chart(
        _("Triage decisions per week"),
        [r.label for r in rows],
        [
            (_("Accepted"), [r.accepted for r in rows]),
            (_("Rejected"), [r.rejected for r in rows]),
            (_("Disqualified"), [r.disqualified for r in rows]),
        ],
        stacked=True,
    )


def funnel_chart(rows: list[FunnelRow]) -> QChart:
    """Stages top to bottom (MQL, SAL, SQL); one bar per group, or the team's."""
    body = [r for r in rows if not r.is_total][: len(PALETTE)]
    shown = body or [r for r in rows if r.is_total]
    return bar_chart(
        _("Funnel: MQL → SAL → SQL"),
        ["MQL", "SAL", "SQL"],
        [(r.group, [r.mql, r.sal, r.sql]) for r in shown],
        horizontal=True,
    )


def speed_chart(report: SpeedReport) -> QChart:
    total = report.total
    labels = [_(label) for label, _high in BUCKETS] + [_("Not yet")]
    return bar_chart(
        _("Time from hand-off to accept/reject (target {minutes} min)").format(
            minutes=QLocale().toString(report.target_minutes)
        ),
        labels,
        [(_("Leads"), list(total.buckets))],
    )


def calls_chart(rows: list[OutcomeCount]) -> QChart:
    sdrs = sorted({r.sdr for r in rows})[:MAX_CATEGORIES]
    totals: dict[str, int] = {}
    for r in rows:
        totals[r.outcome] = totals.get(r.outcome, 0) + r.calls
    outcomes = sorted(totals, key=lambda o: (-totals[o], o))
    counts = {(r.sdr, r.outcome): r.calls for r in rows}
    return bar_chart(
        _("Call outcomes per SDR"),
        sdrs,
        [(outcome_label(o), [counts.get((s, o), 0) for s in sdrs]) for o in outcomes],
        horizontal=True,
        stacked=True,
    )


def grades_chart(rows: list[GradeCount]) -> QChart:
    sdrs = sorted({r.sdr for r in rows})[:MAX_CATEGORIES]
    counts = {(r.sdr, r.grade): r.leads for r in rows}
    return bar_chart(
        _("Grades of qualified leads per SDR"),
        sdrs,
        [
            (_("Grade {grade}").format(grade=g), [counts.get((s, g), 0) for s in sdrs])
            for g in GRADES
        ],
        horizontal=True,
        stacked=True,
    )
