"""Pieces every report query shares: decisions in a period, names of people and reasons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar

from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, LeadEvent, RejectionReason, User
from sdrdesk.db.reporting import undone_event_ids
from sdrdesk.domain.lifecycle import Action
from sdrdesk.i18n import N_
from sdrdesk.services.reports.filters import ReportFilter

NO_SOURCE = N_("(no source)")
NO_CAMPAIGN = N_("(no campaign)")
NOBODY = N_("(not yet triaged)")
TRIAGE = (Action.ACCEPT.value, Action.REJECT.value)
DECISIONS = (Action.REJECT.value, Action.DISQUALIFY.value)


def count_if(condition: ColumnElement[bool]) -> ColumnElement[int]:
    """``COUNT`` of the rows where ``condition`` is true: ``count(*) FILTER (WHERE …)``,
    cheaper than a ``CASE`` per row (15 % of the speed report's year on SQLite, which
    has the clause since 3.30)."""
    return func.count().filter(condition)


def events_in_period(
    f: ReportFilter, actions: Sequence[str], *columns: Any, join_leads: bool = False
) -> Select[Any]:
    """Events of kinds ``actions`` in the period, undone accepts/rejects left out, with
    the SDR (who acted), source and product filters applied. Leads are joined when the columns
    or the source filter need them."""
    e = LeadEvent
    query = select(*columns).select_from(e)
    if join_leads or f.source is not None or f.product is not None:
        query = query.join(Lead, Lead.id == e.lead_id)
    query = query.where(e.action.in_(list(actions)), e.at >= f.since, e.at < f.until)
    if set(actions) & set(TRIAGE):
        query = query.where(e.id.not_in(undone_event_ids()))
    if f.sdr_id is not None:
        query = query.where(e.actor_id == f.sdr_id)
    if f.source is not None:
        query = query.where(Lead.source == f.source)
    if f.product is not None:
        query = query.where(Lead.product == f.product)
    return query


def reason_labels(session: Session) -> dict[str, str]:
    rows = session.execute(select(RejectionReason.code, RejectionReason.label))
    return {code: label for code, label in rows}


def user_names(session: Session) -> dict[int, str]:
    return {uid: name for uid, name in session.execute(select(User.id, User.display_name))}


def median_seconds(value: Any) -> float | None:
    """A median in seconds as the database gives it (a number, or NULL for no cases)."""
    return None if value is None else round(float(value), 3)


def shown(text: str | None, empty: str) -> str:
    return text if text else empty


class _GroupRow(Protocol):
    @property
    def group(self) -> str: ...
    @property
    def is_total(self) -> bool: ...


G = TypeVar("G", bound=_GroupRow)


def groups_then_total(rows: Sequence[G], size: Callable[[G], int], empty_total: G) -> list[G]:
    """A report's rows per group, biggest first and "(none)"-style groups last, then its
    total row (``empty_total`` when there was nothing to count)."""
    groups = [row for row in rows if not row.is_total]
    groups.sort(key=lambda r: (r.group.startswith("("), -size(r), r.group))
    total = next((row for row in rows if row.is_total), empty_total)
    return [*groups, total]
