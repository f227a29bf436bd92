"""A lead as it arrives (text typed or imported) and as it is stored (checked, typed).

``clean_lead`` is the one place that turns what came in into what is stored: trimmed
text, a parsed phone and e-mail, an ISO country, the lead's time zone, a score and a
hand-off time. It never drops what it cannot use: unusable or over-long values are
kept in ``extra`` with a warning, and only a lead nobody could contact is refused.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from typing import Any

from sdrdesk.domain import countries, emails, phones, zones
from sdrdesk.domain.dates import parse_datetime
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.phones import PhoneInfo, PhoneQuality
from sdrdesk.domain.products import MAX_LENGTH as PRODUCT_LIMIT
from sdrdesk.domain.products import ProductCatalog
from sdrdesk.domain.scores import parse_score
from sdrdesk.domain.text import CONTROL_CHARACTERS, clean_text
from sdrdesk.i18n import N_, _

# Column sizes (db.models uses the same numbers); longer text is cut and kept in extra.
FIELD_LIMITS: dict[str, int] = {
    "external_id": 100,
    "first_name": 200,
    "last_name": 200,
    "email": 320,
    "phone": 100,
    "company": 300,
    "title": 300,
    "company_size": 50,
    "industry": 200,
    "source": 200,
    "campaign": 300,
}

TEXT_FIELDS = (
    "external_id",
    "first_name",
    "last_name",
    "email",
    "company",
    "title",
    "company_size",
    "industry",
    "source",
    "campaign",
)
# The text fields as warnings name them (English; translated where shown).
TEXT_FIELD_NAMES: dict[str, str] = {
    "external_id": N_("ID in the other system"),
    "first_name": N_("First name"),
    "last_name": N_("Last name"),
    "email": N_("E-mail"),
    "company": N_("Company"),
    "title": N_("Job title"),
    "company_size": N_("Company size"),
    "industry": N_("Industry"),
    "source": N_("Source"),
    "campaign": N_("Campaign"),
}
_TEXT_LIMITS = tuple((name, FIELD_LIMITS[name]) for name in TEXT_FIELDS)
_ONE_DAY = timedelta(days=1)


@dataclass(slots=True)
class LeadInput:
    """A lead as typed or imported: every value is text (or missing)."""

    first_name: str | None = None
    last_name: str | None = None
    full_name: str | None = None
    email: str | None = None
    phone: str | None = None
    mobile: str | None = None
    company: str | None = None
    title: str | None = None
    company_size: str | None = None
    industry: str | None = None
    country: str | None = None
    source: str | None = None
    campaign: str | None = None
    product: str | None = None
    score: str | None = None
    handed_off_at: str | None = None
    external_id: str | None = None
    extra: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class CleanLead:
    """A lead ready to store. ``warnings`` say what was odd about the input."""

    first_name: str | None
    last_name: str | None
    email: str | None
    email_key: str | None
    email_valid: bool
    phone: PhoneInfo
    company: str | None
    title: str | None
    company_size: str | None
    industry: str | None
    country: str | None
    time_zone: str | None
    source: str | None
    campaign: str | None
    score: int | None
    handed_off_at: datetime
    external_id: str | None
    extra: dict[str, Any]
    warnings: list[str] = field(default_factory=list)
    product: str | None = None  # a name of the product list, or as typed


def split_full_name(full: str) -> tuple[str | None, str | None]:
    """``"Ada Lovelace"`` → (Ada, Lovelace); ``"Lovelace, Ada"`` → (Ada, Lovelace)."""
    full = " ".join(full.split())
    if "," in full:
        last, _sep, first = full.partition(",")
        return clean_text(first), clean_text(last)
    if " " not in full:
        return None, full or None
    first, _sep, last = full.rpartition(" ")
    return first, last


def clean_lead(
    lead: LeadInput,
    *,
    default_region: str,
    now: datetime,
    local_zone: tzinfo | None = None,
    dayfirst: bool = True,
    products: ProductCatalog | None = None,
) -> CleanLead:
    """Check and type one lead. Raises ``ValidationError`` if nobody could contact it.

    ``products``: the product list, which names the typed product or gives the
    campaign's (None: the typed product is kept as it is)."""
    warnings: list[str] = []
    extra: dict[str, Any] = {}
    for key, raw in lead.extra.items():
        kept = clean_text(raw)  # no NUL: PostgreSQL text and JSONB refuse it
        if kept is not None:
            extra[key] = kept
    text: dict[str, str | None] = {}
    for name, limit in _TEXT_LIMITS:
        value = getattr(lead, name)
        if not value:  # None or "": nothing to clean
            text[name] = None
            continue
        # clean_text, inline: this loop runs ten times for every row of an import
        value = value.strip() if value.isprintable() else CONTROL_CHARACTERS.sub("", value).strip()
        if not value:
            text[name] = None
            continue
        if len(value) > limit:
            extra[f"{name} (full text)"] = value
            warnings.append(
                _("{field} longer than {limit} characters was cut").format(
                    field=_(TEXT_FIELD_NAMES[name]), limit=limit
                )
            )
            value = value[:limit]
        text[name] = value

    if text["first_name"] is None and text["last_name"] is None and lead.full_name:
        full = clean_text(lead.full_name)
        if full:
            text["first_name"], text["last_name"] = split_full_name(full)

    country_text = clean_text(lead.country)
    country = countries.normalize_country(country_text)
    if country_text and country is None:
        extra["country (as imported)"] = country_text
        warnings.append(_("country “{country}” is not known").format(country=country_text))

    phone = _best_phone(lead, default_region, country, extra, warnings)
    if country is None and phone.region and phone.quality is PhoneQuality.VALID:
        country = phone.region

    email, email_valid, email_key = emails.check_email(text["email"])
    if email and not email_valid:
        warnings.append(_("e-mail “{email}” is not a valid address").format(email=email))

    if not email_valid and not phone.dialable:
        shown = [
            _("e-mail “{email}” is not valid").format(email=email)
            if email
            else _("no e-mail address"),
            _("phone “{phone}” is not a number").format(phone=phone.raw)
            if phone.raw
            else _("no phone number"),
        ]
        raise ValidationError(_("cannot be contacted: {why}").format(why=", ".join(shown)))

    score: int | None = None
    try:
        score = parse_score(lead.score)
    except ValidationError as exc:
        extra["score (as imported)"] = clean_text(lead.score)
        warnings.append(str(exc))

    handed_off_at = now
    handed_text = clean_text(lead.handed_off_at)
    if handed_text:
        try:
            handed_off_at = parse_datetime(handed_text, local_zone or UTC, dayfirst=dayfirst)
        except ValidationError as exc:
            extra["handed off (as imported)"] = handed_text
            warnings.append(_("hand-off time {error}; the import time was used").format(error=exc))
        if handed_off_at > now + _ONE_DAY:
            warnings.append(_("hand-off time lies in the future"))

    if products is not None:
        product, unknown = products.resolve(lead.product, text["campaign"])
        if unknown:
            warnings.append(unknown)
    else:
        product = (clean_text(lead.product) or "")[:PRODUCT_LIMIT] or None

    return CleanLead(  # by position (a third of the time of keywords), in field order
        text["first_name"],
        text["last_name"],
        email,
        email_key,
        email_valid,
        phone,
        text["company"],
        text["title"],
        text["company_size"],
        text["industry"],
        country,
        zones.time_zone_for(phone, country),
        text["source"],
        text["campaign"],
        score,
        handed_off_at,
        text["external_id"],
        extra,
        warnings,
        product,
    )


_PHONE_LIMIT = FIELD_LIMITS["phone"]
_PHONE_RANK = {PhoneQuality.VALID: 0, PhoneQuality.POSSIBLE: 1, PhoneQuality.INVALID: 2}


# "4,93012E+11", "4.9301E+11": a phone a spreadsheet kept as a number and showed in
# scientific notation, which is what it then exported; the digits after the first few are gone.
_SCIENTIFIC = re.compile(r"[+-]?[0-9]+(?:[.,][0-9]+)?[eE]\+?[0-9]{1,2}")


def _invalid_phone(raw: str | None) -> str:
    """Why a phone is invalid, and what a person can do about it where the text says."""
    if raw and _SCIENTIFIC.fullmatch(raw.strip()):
        return _(
            "phone “{phone}” is not a valid number (a spreadsheet wrote it in scientific "
            "notation, which loses its last digits; format the column as text and export "
            "the file again)"
        ).format(phone=raw)
    return _("phone “{phone}” is not a valid number").format(phone=raw)


def _best_phone(
    lead: LeadInput,
    default_region: str,
    country: str | None,
    extra: dict[str, Any],
    warnings: list[str],
) -> PhoneInfo:
    """The phone to dial: the first valid of phone and mobile; the other is kept in extra."""
    phone, mobile = clean_text(lead.phone), clean_text(lead.mobile)
    if phone and mobile:
        candidates = [
            phones.parse_phone(text[:_PHONE_LIMIT], default_region, country)
            for text in (phone, mobile)
        ]
        best = min(candidates, key=lambda p: _PHONE_RANK.get(p.quality, 3))
        for other in candidates:
            if other is not best and other.raw != best.raw:
                extra["other phone"] = other.raw
    elif phone or mobile:
        best = phones.parse_phone((phone or mobile or "")[:_PHONE_LIMIT], default_region, country)
    else:
        return phones.MISSING_PHONE
    if best.quality is PhoneQuality.INVALID:
        warnings.append(_invalid_phone(best.raw))
    elif best.quality is PhoneQuality.POSSIBLE:
        warnings.append(_("phone “{phone}” may not be a real number").format(phone=best.raw))
    return best
