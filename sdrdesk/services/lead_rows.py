"""The columns a queue row shows, as one SELECT: shared by the queue and lead services.

Kept apart from ``services.leads`` so the queue (the first thing the window shows) does
not load the lead panel's history and call machinery.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, select
from sqlalchemy.orm import aliased

from sdrdesk.db.models import Lead, User
from sdrdesk.services.dto import LeadSummary

OWNER = aliased(User, name="owner")

SUMMARY_COLUMNS = (
    Lead.id,
    Lead.first_name,
    Lead.last_name,
    Lead.company,
    Lead.title,
    Lead.email,
    Lead.phone_e164,
    Lead.phone_quality,
    Lead.country,
    Lead.time_zone,
    Lead.source,
    Lead.campaign,
    Lead.score,
    Lead.handed_off_at,
    Lead.status,
    OWNER.name.label("owner"),
    Lead.attempt_count,
    Lead.callback_due_at,
    Lead.do_not_call,
    Lead.grade,
    Lead.version,
)


def summary_select() -> Select[*tuple[Any, ...]]:
    """``SELECT`` of the columns a ``LeadSummary`` needs (one row per lead)."""
    return select(*SUMMARY_COLUMNS).outerjoin(OWNER, OWNER.id == Lead.owner_id)


def summary_from_row(row: Row[*tuple[Any, ...]]) -> LeadSummary:
    values: tuple[Any, ...] = tuple(row)
    return LeadSummary(*values)
