"""Call outcomes per SDR, and the A/B/C grades of qualified leads.

Calls: every call attempt logged in the period (``call_logged`` events), by the SDR who
logged it and its outcome. Grades: the leads scored in the period, each counted once
with its latest grade (``qualified`` events with a grade), by the SDR who scored it;
"demo booked" counts those for which a demo was booked at any time. Read from
``grade_marks`` (``db.grademarks``: one row per qualification, kept with the writes),
so a year is one pass over narrow rows, not a "latest per lead" over the events.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from sqlalchemy import Integer, and_, case, cast, func, or_, select
from sqlalchemy.orm import Session, aliased

from sdrdesk.db.models import GradeMark, LeadEvent
from sdrdesk.db.reporting import json_flag, json_text
from sdrdesk.domain.events import EventKind
from sdrdesk.i18n import _
from sdrdesk.services.reports import hours
from sdrdesk.services.reports.common import count_if, events_in_period, user_names
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.reports.hours import Counts
from sdrdesk.services.reports.table import Col, Kind, Table, ratio

GRADES = ("A", "B", "C")


@dataclass(frozen=True, slots=True)
class OutcomeCount:
    sdr: str
    outcome: str  # the outcome code from the call log
    calls: int
    connected: int
    talk_seconds: int  # summed duration of the connected calls


@dataclass(frozen=True, slots=True)
class GradeCount:
    sdr: str
    grade: str
    leads: int
    demos: int


def outcomes_from_events(session: Session, f: ReportFilter) -> Counts:
    """Per (SDR id or 0, outcome code or ''): calls, connected, talk seconds."""
    e = LeadEvent
    outcome = func.coalesce(json_text(e.data, "outcome"), "")
    connected = json_flag(e.data, "connected")
    duration = func.coalesce(cast(json_text(e.data, "duration_seconds"), Integer), 0)
    query = events_in_period(
        f,
        (EventKind.CALL_LOGGED.value,),
        e.actor_id,
        outcome.label("outcome"),
        func.count(),
        count_if(connected),
        func.sum(case((connected, duration), else_=0)),
    ).group_by(e.actor_id, outcome)
    return {(actor or 0, code): (n, c, talk) for actor, code, n, c, talk in session.execute(query)}


def call_outcomes(session: Session, f: ReportFilter) -> list[OutcomeCount]:
    """Read from the hourly rollups (``hours``), the ends of an odd period from the events."""
    s = hours.split(f)
    counts = hours.add(
        hours.call_outcomes(session, f, s),
        *(outcomes_from_events(session, piece) for piece in s.pieces),
    )
    names = user_names(session)
    rows = [
        OutcomeCount(_who(actor or None, names), code, n, c, talk)
        for (actor, code), (n, c, talk) in counts.items()
        if n
    ]
    return sorted(rows, key=lambda r: (r.sdr, -r.calls, r.outcome))


def grade_counts(session: Session, f: ReportFilter) -> list[tuple[int | None, str, int, int]]:
    """(SDR, grade, leads, of which with a demo) from ``grade_marks``: the marks in the
    period that are their lead's latest there (see ``db.grademarks``)."""
    m = GradeMark
    n = aliased(GradeMark, name="n")
    later_in_period = select(n.event_id).where(
        n.lead_id == m.lead_id, n.event_id > m.event_id, n.at >= f.since, n.at < f.until
    )
    if f.sdr_id is None:
        latest = or_(
            m.later_at.is_(None),
            m.later_at >= f.until,
            and_(m.later_at < f.since, ~later_in_period.exists()),
        )
    else:  # the latest among this SDR's marks, as the events would say
        later_in_period = later_in_period.where(n.sdr_id == f.sdr_id)
        latest = and_(m.sdr_id == f.sdr_id, ~later_in_period.exists())
    query = select(m.sdr_id, m.grade, func.count(), func.sum(m.demo)).where(
        m.at >= f.since, m.at < f.until, m.grade.is_not(None), latest
    )
    if f.source is not None:
        query = query.where(m.source == f.source)
    if f.product is not None:
        query = query.where(m.product == f.product)
    query = query.group_by(m.sdr_id, m.grade)
    return [(actor, str(g), int(k), int(d)) for actor, g, k, d in session.execute(query)]


def grades(session: Session, f: ReportFilter) -> list[GradeCount]:
    names = user_names(session)
    rows = [GradeCount(_who(actor, names), g, k, d) for actor, g, k, d in grade_counts(session, f)]
    return sorted(rows, key=lambda r: (r.sdr, r.grade))


def _who(actor: int | None, names: dict[int, str]) -> str:
    if actor is None:
        return _("(unknown)")
    return names.get(actor) or _("user {id}").format(id=actor)


@functools.cache
def _outcome_labels() -> dict[str, str]:
    from sdrdesk.domain.call_outcomes import load_outcomes

    return {o.code: o.label for o in load_outcomes().outcomes}


def outcome_label(code: str) -> str:
    """The outcome as the call workspace names it; codes no longer in the list tidied up."""
    if not code:
        return _("(no outcome)")
    return _outcome_labels().get(code) or code.replace("_", " ").capitalize()


def outcome_table(rows: list[OutcomeCount]) -> Table:
    """One row per SDR, one column per outcome (most frequent first)."""
    totals: dict[str, int] = {}
    for r in rows:
        totals[r.outcome] = totals.get(r.outcome, 0) + r.calls
    outcomes = sorted(totals, key=lambda o: (-totals[o], o))
    sdrs = sorted({r.sdr for r in rows})

    def line(name: str, subset: list[OutcomeCount]) -> tuple[object, ...]:
        by_outcome = {o: 0 for o in outcomes}
        for r in subset:
            by_outcome[r.outcome] += r.calls
        calls = sum(r.calls for r in subset)
        connected = sum(r.connected for r in subset)
        talk = sum(r.talk_seconds for r in subset)
        return (
            name,
            *(by_outcome[o] for o in outcomes),
            calls,
            connected,
            ratio(connected, calls),
            ratio(talk, connected),
        )

    return Table(
        _("Call outcomes per SDR"),
        (
            Col("sdr", _("SDR")),
            *(Col(f"outcome:{o}", outcome_label(o), Kind.COUNT) for o in outcomes),
            Col("calls", _("Calls"), Kind.COUNT),
            Col("connected", _("Reached"), Kind.COUNT),
            Col("connect_rate", _("Connect rate"), Kind.PERCENT),
            Col("talk", _("Average talk time"), Kind.HOURS),
        ),
        tuple(line(s, [r for r in rows if r.sdr == s]) for s in sdrs),
        total=line(_("Team"), rows),
    )


def grade_table(rows: list[GradeCount]) -> Table:
    sdrs = sorted({r.sdr for r in rows})

    def line(name: str, subset: list[GradeCount]) -> tuple[object, ...]:
        per = {g: sum(r.leads for r in subset if r.grade == g) for g in GRADES}
        leads = sum(r.leads for r in subset)
        demos = sum(r.demos for r in subset)
        return (name, *(per[g] for g in GRADES), leads, ratio(per["A"], leads), demos)

    return Table(
        _("Grades of qualified leads"),
        (
            Col("sdr", _("SDR")),
            *(Col(f"grade:{g}", _("Grade {g}").format(g=g), Kind.COUNT) for g in GRADES),
            Col("leads", _("Qualified leads"), Kind.COUNT),
            Col("share_a", _("Share A"), Kind.PERCENT),
            Col("demos", _("Demo booked"), Kind.COUNT),
        ),
        tuple(line(s, [r for r in rows if r.sdr == s]) for s in sdrs),
        total=line(_("Team"), rows),
        notes=(_("Each lead counts once, with the latest grade given in the period."),),
    )
