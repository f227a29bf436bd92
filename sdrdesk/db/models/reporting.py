"""Indexes the reports read along (migration 0005); the tables are in ``core`` (the
leads index with its table, in ``db.tables``).

* ``ix_leads_handed_off_report``: the leads handed off in a period with their source
  and campaign, read from the index alone (funnel and speed-to-lead cohorts).
* ``ix_lead_events_lead_action``: one lead's first event of a kind is one seek (the
  cohorts on SQLite; "was a demo booked" for grades).
* ``ix_lead_events_report``: decisions and calls of a period with who made them and
  why, without reading the event rows (rejections by reason, week and campaign; the
  cohorts on PostgreSQL, whose index-only scans need the ``id`` for the undo check).
"""

from __future__ import annotations

from sqlalchemy import Index

from sdrdesk.db import tables
from sdrdesk.db.models.core import LeadEvent

REPORT_INDEXES = (
    tables.ix_leads_handed_off_report,
    Index("ix_lead_events_lead_action", LeadEvent.lead_id, LeadEvent.action, LeadEvent.at),
    Index(
        "ix_lead_events_report",
        LeadEvent.action,
        LeadEvent.at,
        LeadEvent.lead_id,
        LeadEvent.actor_id,
        LeadEvent.reason_code,
        LeadEvent.id,
    ),
)
