"""How urgent a lead in the queue is.

Most urgent first means, in this order:

1. **Can it be called now?** Leads whose local time is a weekday inside calling hours
   come first, leads whose time zone is unknown next, leads where it is night or the
   weekend last.
2. **Speed to lead.** Within each of those, leads still inside the team's speed-to-lead
   target come first, the one closest to missing it on top (the first minutes after a
   hand-off are when a lead is most likely to pick up).
3. **Score.** Leads past the target follow, highest marketing score first, then the
   longest waiting.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import IntEnum

from sdrdesk.domain.zones import is_calling_hour, local_time
from sdrdesk.i18n import _


class Reachability(IntEnum):
    CALLABLE = 0
    UNKNOWN = 1
    OFF_HOURS = 2


@dataclass(frozen=True, slots=True)
class UrgencyRules:
    speed_to_lead: timedelta
    calling_hours_start: int
    calling_hours_end: int


def reachability(zone: str | None, now: datetime, rules: UrgencyRules) -> Reachability:
    local = local_time(zone, now)
    verdict = is_calling_hour(local, rules.calling_hours_start, rules.calling_hours_end)
    if verdict is None:
        return Reachability.UNKNOWN
    return Reachability.CALLABLE if verdict else Reachability.OFF_HOURS


def deadline(handed_off_at: datetime, rules: UrgencyRules) -> datetime:
    return handed_off_at + rules.speed_to_lead


def is_fresh(handed_off_at: datetime, now: datetime, rules: UrgencyRules) -> bool:
    """Still inside the speed-to-lead target."""
    return now < deadline(handed_off_at, rules)


def urgency_key(
    zone: str | None,
    handed_off_at: datetime,
    score: int | None,
    lead_id: int,
    now: datetime,
    rules: UrgencyRules,
) -> tuple[int, int, float, float, float, int]:
    """Sort key: smaller is more urgent. The queue's SQL produces exactly this order."""
    tier = int(reachability(zone, now, rules))
    stamp = handed_off_at.timestamp()
    if is_fresh(handed_off_at, now, rules):
        return (tier, 0, stamp, 0.0, 0.0, lead_id)
    score_rank = -float(score) if score is not None else float("inf")
    return (tier, 1, 0.0, score_rank, stamp, lead_id)


def format_wait(handed_off_at: datetime, now: datetime, rules: UrgencyRules) -> str:
    """ "12 min left" inside the target, "overdue 3 h 5 min" after it."""
    remaining = deadline(handed_off_at, rules) - now
    if remaining > timedelta(0):
        return _("{span} left").format(span=_span(remaining))
    return _("overdue {span}").format(span=_span(-remaining))


def _span(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    if minutes < 1:
        return _("<1 min")
    if minutes < 60:
        return _("{minutes} min").format(minutes=minutes)
    hours, minutes = divmod(minutes, 60)
    if hours < 10 and minutes:
        return _("{hours} h {minutes} m").format(hours=hours, minutes=minutes)
    if hours < 48:
        return _("{hours} h").format(hours=hours)
    return _("{days} d {hours} h").format(days=hours // 24, hours=hours % 24)
