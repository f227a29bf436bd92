"""Correcting a lead's contact data: what may change, checked as an import checks it.

A correction names the fields it changes (``EDITABLE``) with their new text; a field not
named stays. The result is the new column values and, per field, the value before and
after (what the ``lead_edited`` event keeps). A changed phone is parsed again (E.164,
validity) and a changed phone or country gives the lead its time zone again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sdrdesk.domain import countries, emails, phones, zones
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.leads import FIELD_LIMITS
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.domain.products import MAX_LENGTH as PRODUCT_LIMIT
from sdrdesk.domain.products import ProductCatalog
from sdrdesk.domain.text import check_text, trimmed
from sdrdesk.i18n import N_, _

# The fields a correction may change, with their names for people.
EDITABLE: dict[str, str] = {
    "first_name": N_("first name"),
    "last_name": N_("last name"),
    "company": N_("company"),
    "title": N_("title"),
    "email": N_("e-mail"),
    "phone": N_("phone"),
    "country": N_("country"),
    "company_size": N_("company size"),
    "industry": N_("industry"),
    "product": N_("product"),
}
PLAIN_TEXT = ("first_name", "last_name", "company", "title", "company_size", "industry")
# The lead's columns a correction may write (the phone and e-mail fill several).
COLUMNS = (
    *PLAIN_TEXT,
    "email",
    "email_key",
    "email_valid",
    "phone_raw",
    "phone_e164",
    "phone_ext",
    "phone_quality",
    "country",
    "time_zone",
    "product",
)
_PHONE_LIMIT = FIELD_LIMITS["phone"]


@dataclass(frozen=True, slots=True)
class Correction:
    columns: dict[str, Any]  # the lead's new column values (only those that change)
    changes: dict[str, dict[str, str | None]]  # field -> {"before": …, "after": …}


def shown(current: Mapping[str, Any], field: str) -> str | None:
    """A field's value as the history shows it (the phone as dialled, else as typed)."""
    if field == "phone":
        return current.get("phone_e164") or current.get("phone_raw")
    value = current.get(field)
    return None if value is None else str(value)


def plan_correction(
    current: Mapping[str, Any],
    typed: Mapping[str, str | None],
    default_region: str,
    products: ProductCatalog | None = None,
) -> Correction:
    """The new values for ``typed`` ({field: text, "" or None to clear}), or
    ``ValidationError`` with one sentence; ``current`` holds the lead's columns.
    ``products``: a product must be one of them (its name or label; None: any text,
    as an undo puts back what was stored)."""
    unknown = sorted(set(typed) - set(EDITABLE))
    if unknown:
        raise ValidationError(
            _("“{field}” cannot be corrected; these can: {fields}.").format(
                field=unknown[0], fields=", ".join(EDITABLE)
            )
        )
    new: dict[str, Any] = {}
    for field in PLAIN_TEXT:
        if field in typed:
            new[field] = _text(typed[field], field, FIELD_LIMITS[field])
    if "email" in typed:
        text = _text(typed["email"], "email", FIELD_LIMITS["email"])
        email, valid, key = emails.check_email(text)
        if email and not valid:
            raise ValidationError(_("“{email}” is not a valid e-mail address.").format(email=email))
        new.update(email=email, email_valid=valid, email_key=key)
    if "product" in typed:
        new["product"] = _product(_text(typed["product"], "product", PRODUCT_LIMIT), products)
    country = current.get("country")
    if "country" in typed:
        text = _text(typed["country"], "country", 100)
        country = countries.normalize_country(text)
        if text and country is None:
            raise ValidationError(_("The country “{country}” is not known.").format(country=text))
        new["country"] = country
    if "phone" in typed or ("country" in typed and current.get("phone_raw")):
        raw = _text(typed["phone"], "phone", _PHONE_LIMIT) if "phone" in typed else None
        raw = raw if "phone" in typed else current.get("phone_raw")
        phone = phones.parse_phone(raw, default_region, country)
        if "phone" in typed and phone.quality is PhoneQuality.INVALID:
            raise ValidationError(
                _("“{phone}” is not a valid phone number; check the digits.").format(phone=raw)
            )
        new.update(
            phone_raw=phone.raw,
            phone_e164=phone.e164,
            phone_ext=phone.extension,
            phone_quality=phone.quality,
            time_zone=zones.time_zone_for(phone, country),
        )
    elif "country" in typed:
        new["time_zone"] = zones.time_zone_for(None, country)
    after = {**current, **new}
    if not after.get("email_valid") and not after.get("phone_e164"):
        raise ValidationError(
            _("The lead needs a valid e-mail address or phone number to stay reachable.")
        )
    changes = {
        field: {"before": shown(current, field), "after": shown(after, field)}
        for field in EDITABLE
        if shown(current, field) != shown(after, field)
    }
    if not changes:
        raise ValidationError(_("Nothing was changed."))
    columns = {c: v for c, v in new.items() if current.get(c) != v}
    return Correction(columns, changes)


def _text(value: str | None, field: str, limit: int) -> str | None:
    if value is None:
        return None
    return trimmed(check_text(value, _(EDITABLE[field]), limit))


def _product(text: str | None, products: ProductCatalog | None) -> str | None:
    if not text or products is None:
        return text
    found = products.find(text)
    if found is None:
        raise ValidationError(
            _(
                "“{product}” is not a product of the list; use one of {names}, "
                "or nothing for the team's default."
            ).format(product=text, names=", ".join(products.names()) or "–")
        )
    return found.name
