"""A user's e-mail and time zone, checked before they are stored: each
refusal is one sentence naming the field."""

from __future__ import annotations

from sdrdesk.domain.emails import is_valid_email, normalize_email
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.text import check_text
from sdrdesk.domain.zones import zone
from sdrdesk.i18n import _

EMAIL_LIMIT = 320  # users.email is a String(320)


def clean_email(text: str | None) -> str | None:
    """A user's e-mail as stored (``None`` for none), or ``ValidationError``."""
    if not (text or "").strip():
        return None
    assert text is not None
    check_text(text, _("e-mail address"), EMAIL_LIMIT)
    email = normalize_email(text)
    if not is_valid_email(email):
        raise ValidationError(_("“{text}” is not an e-mail address.").format(text=text.strip()))
    return email


def clean_time_zone(text: str | None) -> str | None:
    """An IANA time zone as stored (``None`` for none), or ``ValidationError``."""
    name = (text or "").strip()
    if not name:
        return None
    check_text(name, _("time zone"), 64)
    if zone(name) is None:
        raise ValidationError(
            _("“{name}” is not a time zone (try Europe/Berlin).").format(name=name)
        )
    return name
