"""What a column of an imported file can become: one of the lead's fields, extra data
kept with the lead, or nothing; and what each is called where people choose it."""

from __future__ import annotations

import re
from dataclasses import fields

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.leads import LeadInput
from sdrdesk.i18n import N_, _, current_language

# The lead fields a column can fill, in the order people think of them.
LEAD_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(LeadInput) if f.name != "extra")
IGNORE = "ignore"  # drop the column
EXTRA = "extra"  # keep it with the lead's extra data (what unmatched columns get)
TARGETS: tuple[str, ...] = (*LEAD_FIELDS, IGNORE, EXTRA)
CONTACT_FIELDS = ("email", "phone", "mobile")

# What each target is called where people choose it (the import's column dialog); English,
# translated where shown (``_(FIELD_LABELS[name])``, ``field_in_sentence``).
FIELD_LABELS: dict[str, str] = {
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "full_name": N_("Full name (first and last)"),
    "email": N_("E-mail"),
    "phone": N_("Phone"),
    "mobile": N_("Mobile phone"),
    "company": N_("Company"),
    "title": N_("Job title"),
    "company_size": N_("Company size"),
    "industry": N_("Industry"),
    "country": N_("Country"),
    "source": N_("Source"),
    "campaign": N_("Campaign"),
    "product": N_("Product"),
    "score": N_("Marketing score"),
    "handed_off_at": N_("Hand-off date"),
    "external_id": N_("ID in the other system"),
    EXTRA: N_("Keep as extra data"),
    IGNORE: N_("Leave out"),
}


def check_target(value: str) -> str:
    """A field name as a user may type it (``"First Name"``, ``"e-mail"``) → ``first_name``."""
    name = re.sub(r"[\s-]+", "_", value.strip().casefold())
    if name == "e_mail":
        name = "email"
    if name not in TARGETS:
        raise ValidationError(
            _(
                "“{value}” is not a lead field; use one of {fields}, "
                "or {ignore} (leave the column out) or {extra} (keep it as extra data)."
            ).format(value=value.strip(), fields=", ".join(LEAD_FIELDS), ignore=IGNORE, extra=EXTRA)
        )
    return name


def field_in_sentence(name: str) -> str:
    """A target's label inside a sentence: lower case in English ("mapped to e-mail"),
    as written in German, where nouns keep their capital ("E-Mail")."""
    label = _(FIELD_LABELS[name])
    return label.lower() if current_language() == "en" else label
