"""The columns a new lead is stored with, as the one write path (``intake``) inserts them.

Light on purpose: an import's worker processes turn checked rows into these values, and
import this module, the domain layer and ``db.sqlite_values`` only (no SQLAlchemy).
"""

from __future__ import annotations

from typing import Any

from sdrdesk.db.sqlite_values import datetime_text, json_text
from sdrdesk.domain.leads import CleanLead

# The columns ``lead_values`` fills, in its order (status, version, times, the import
# batch and the counters are the same for every lead of an insert).
LEAD_COLUMNS = (
    "external_id",
    "first_name",
    "last_name",
    "email",
    "email_key",
    "email_valid",
    "phone_raw",
    "phone_e164",
    "phone_ext",
    "phone_quality",
    "company",
    "title",
    "company_size",
    "industry",
    "country",
    "time_zone",
    "source",
    "campaign",
    "score",
    "handed_off_at",
    "extra",
    "product",
)


def lead_values(lead: CleanLead, *, sqlite: bool) -> tuple[Any, ...]:
    """``lead``'s values of ``LEAD_COLUMNS``; with ``sqlite`` as SQLite stores them."""
    phone = lead.phone
    if sqlite:
        quality: Any = phone.quality.value
        handed: Any = datetime_text(lead.handed_off_at)
        extra: Any = json_text(lead.extra)
    else:
        quality, handed, extra = phone.quality, lead.handed_off_at, lead.extra
    return (
        lead.external_id,
        lead.first_name,
        lead.last_name,
        lead.email,
        lead.email_key,
        lead.email_valid,
        phone.raw,
        phone.e164,
        phone.extension,
        quality,
        lead.company,
        lead.title,
        lead.company_size,
        lead.industry,
        lead.country,
        lead.time_zone,
        lead.source,
        lead.campaign,
        lead.score,
        handed,
        extra,
        lead.product,
    )
