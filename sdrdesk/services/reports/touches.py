"""Touches on other channels (issue 22): every e-mail, LinkedIn message and meeting
logged in the period (``touch_logged`` events), by the SDR who logged it, its channel
and its outcome. Touches count as attempts: the call outcomes page shows them under the
calls, with the attempts (calls and touches) per SDR.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlalchemy.orm import Session

from sdrdesk.db.models import LeadEvent
from sdrdesk.db.reporting import json_text
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.touches import CHANNEL_LABELS, OUTCOMES, Channel
from sdrdesk.i18n import _
from sdrdesk.services.reports.common import events_in_period, user_names
from sdrdesk.services.reports.filters import ReportFilter
from sdrdesk.services.reports.table import Col, Kind, Table


@dataclass(frozen=True, slots=True)
class TouchCount:
    sdr: str
    channel: str  # the channel's code: email, linkedin, meeting
    outcome: str  # the outcome's code: sent, replied, …
    touches: int


def touches(session: Session, f: ReportFilter) -> list[TouchCount]:
    e = LeadEvent
    channel = func.coalesce(json_text(e.data, "channel"), "")
    outcome = func.coalesce(json_text(e.data, "outcome"), "")
    query = events_in_period(
        f,
        (EventKind.TOUCH_LOGGED.value,),
        e.actor_id,
        channel.label("channel"),
        outcome.label("outcome"),
        func.count(),
    ).group_by(e.actor_id, channel, outcome)
    names = user_names(session)
    rows = [
        TouchCount(
            names.get(actor) or _("(unknown)") if actor is not None else _("(unknown)"),
            str(code),
            str(result),
            int(n),
        )
        for actor, code, result, n in session.execute(query)
    ]
    return sorted(rows, key=lambda r: (r.sdr, r.channel, -r.touches, r.outcome))


def channel_label(code: str) -> str:
    known = code in Channel.__members__.values()
    return _(CHANNEL_LABELS[Channel(code)]) if known else code


def touch_outcome_label(channel: str, code: str) -> str:
    known = channel in Channel.__members__.values()
    label = OUTCOMES[Channel(channel)].get(code) if known else None
    return _(label) if label else code


def touch_table(rows: list[TouchCount]) -> Table:
    """One row per SDR, channel and outcome, with the team's total."""
    return Table(
        _("Touches by channel and outcome (they count as attempts)"),
        (
            Col("sdr", _("SDR")),
            Col("channel", _("Channel")),
            Col("outcome", _("Outcome")),
            Col("touches", _("Touches"), Kind.COUNT),
        ),
        tuple(
            (r.sdr, channel_label(r.channel), touch_outcome_label(r.channel, r.outcome), r.touches)
            for r in rows
        ),
        total=(_("Team"), "", "", sum(r.touches for r in rows)),
    )
