"""The columns a queue row shows, as one SELECT: shared by the queue and lead services.

Kept apart from ``services.leads`` so the queue (the first thing the window shows) does
not load the lead panel's history and call machinery. Core only, on ``db.tables``: the
window's first rows are read before the ORM is imported.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Row, Select, select

from sdrdesk.db.tables import leads, users
from sdrdesk.services.results import LeadSummary

OWNER = users.alias("owner")

SUMMARY_COLUMNS = (
    leads.c.id,
    leads.c.first_name,
    leads.c.last_name,
    leads.c.company,
    leads.c.title,
    leads.c.email,
    leads.c.phone_e164,
    leads.c.phone_quality,
    leads.c.country,
    leads.c.time_zone,
    leads.c.source,
    leads.c.campaign,
    leads.c.score,
    leads.c.handed_off_at,
    leads.c.status,
    OWNER.c.name.label("owner"),
    leads.c.attempt_count,
    leads.c.callback_due_at,
    leads.c.do_not_call,
    leads.c.grade,
    leads.c.version,
    leads.c.product,
)


def summary_select() -> Select[*tuple[Any, ...]]:
    """``SELECT`` of the columns a ``LeadSummary`` needs (one row per lead)."""
    return select(*SUMMARY_COLUMNS).outerjoin(OWNER, OWNER.c.id == leads.c.owner_id)


def summary_from_row(row: Row[*tuple[Any, ...]]) -> LeadSummary:
    values: tuple[Any, ...] = tuple(row)
    return LeadSummary(*values)
