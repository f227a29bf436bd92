"""What a column of an imported file can become: one of the lead's fields, extra data
kept with the lead, or nothing; and what each is called where people choose it."""

from __future__ import annotations

import re
from dataclasses import fields

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.leads import LeadInput

# The lead fields a column can fill, in the order people think of them.
LEAD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LeadInput) if f.name != "extra")
IGNORE = "ignore"  # drop the column
EXTRA = "extra"  # keep it with the lead's extra data (what unmatched columns get)
TARGETS: tuple[str, ...] = (*LEAD_FIELDS, IGNORE, EXTRA)
CONTACT_FIELDS = ("email", "phone", "mobile")

# What each target is called where people choose it (the import's column dialog).
FIELD_LABELS: dict[str, str] = {
    "first_name": "First name",
    "last_name": "Last name",
    "full_name": "Full name (first and last)",
    "email": "E-mail",
    "phone": "Phone",
    "mobile": "Mobile phone",
    "company": "Company",
    "title": "Job title",
    "company_size": "Company size",
    "industry": "Industry",
    "country": "Country",
    "source": "Source",
    "campaign": "Campaign",
    "score": "Marketing score",
    "handed_off_at": "Hand-off date",
    "external_id": "ID in the other system",
    EXTRA: "Keep as extra data",
    IGNORE: "Leave out",
}


def check_target(value: str) -> str:
    """A field name as a user may type it (``"First Name"``, ``"e-mail"``) → ``first_name``."""
    name = re.sub(r"[\s-]+", "_", value.strip().casefold())
    if name == "e_mail":
        name = "email"
    if name not in TARGETS:
        raise ValidationError(
            f"“{value.strip()}” is not a lead field; use one of {', '.join(LEAD_FIELDS)}, "
            f"or {IGNORE} (leave the column out) or {EXTRA} (keep it as extra data)."
        )
    return name
