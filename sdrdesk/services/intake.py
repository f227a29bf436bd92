"""The one write path for new leads (import, sample data, a lead typed in by hand):
checked by ``domain.leads.clean_lead``, deduplicated, inserted as MQLs with their
hand-off events."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.leads import CleanLead

LOOKUP_CHUNK = 500


def lead_row(lead: CleanLead, *, import_batch_id: int | None = None) -> dict[str, Any]:
    """Column values for one new lead (status and version are set by the lifecycle)."""
    return {
        "external_id": lead.external_id,
        "first_name": lead.first_name,
        "last_name": lead.last_name,
        "email": lead.email,
        "email_key": lead.email_key,
        "email_valid": lead.email_valid,
        "phone_raw": lead.phone.raw,
        "phone_e164": lead.phone.e164,
        "phone_ext": lead.phone.extension,
        "phone_quality": lead.phone.quality,
        "company": lead.company,
        "title": lead.title,
        "company_size": lead.company_size,
        "industry": lead.industry,
        "country": lead.country,
        "time_zone": lead.time_zone,
        "source": lead.source,
        "campaign": lead.campaign,
        "score": lead.score,
        "handed_off_at": lead.handed_off_at,
        "do_not_call": False,
        "attempt_count": 0,
        "extra": lead.extra,
        "import_batch_id": import_batch_id,
    }


def known_leads(
    session: Session, email_keys: Iterable[str], phones: Iterable[str]
) -> DuplicateIndex[int]:
    """Leads already in the store that share an e-mail key or a phone with the input."""
    index: DuplicateIndex[int] = DuplicateIndex()
    for column, values in ((Lead.email_key, email_keys), (Lead.phone_e164, phones)):
        unique = sorted(set(values))
        for start in range(0, len(unique), LOOKUP_CHUNK):
            chunk = unique[start : start + LOOKUP_CHUNK]
            rows = session.execute(
                select(Lead.id, Lead.email_key, Lead.phone_e164)
                .where(column.in_(chunk))
                .order_by(Lead.id)
            )
            for lead_id, email_key, phone in rows:
                index.add(email_key, phone, lead_id)
    return index


def insert_leads(
    session: Session,
    leads: Sequence[CleanLead],
    *,
    actor_id: int | None,
    import_batch_id: int | None = None,
    event_data: Iterable[dict[str, Any]] | None = None,
    at: datetime | None = None,
) -> list[int]:
    rows = [lead_row(lead, import_batch_id=import_batch_id) for lead in leads]
    return lifecycle.hand_off_many(session, rows, actor_id=actor_id, event_data=event_data, at=at)
