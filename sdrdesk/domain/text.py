"""Typed text as the domain keeps it: trimmed, and ``None`` rather than empty.

``trimmed`` keeps the text as typed inside; ``clean_text`` (what a lead's values are
stored as) also drops control characters no database column should hold.
"""

from __future__ import annotations

import re

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _


def trimmed(value: str | None) -> str | None:
    """Strip surrounding whitespace; empty becomes ``None``. Inner text is kept as typed."""
    if value is None:
        return None
    value = value.strip()
    return value or None


# Control characters, and lone surrogates (no database stores them, see safe_text).
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")


def clean_text(value: str | None) -> str | None:
    """Trim; drop NUL and other control characters no database column should hold."""
    if value is None:
        return None
    # isprintable() is True only without any control character: skip the regex then.
    value = value.strip() if value.isprintable() else CONTROL_CHARACTERS.sub("", value).strip()
    return value or None


def check_text(text: str, field: str, limit: int | None = None) -> str:
    """``text`` unchanged, or ``ValidationError`` for control characters or more than
    ``limit`` characters. ``field`` names the text in English (mark it with ``N_``); the
    message shows it translated."""
    if CONTROL_CHARACTERS.search(text) or "\x00" in text:
        raise ValidationError(
            _(
                "The {field} contains control characters (such as a NUL or an escape); "
                "type it again without them."
            ).format(field=_(field))
        )
    if limit is not None and len(text.strip()) > limit:
        raise ValidationError(
            _("The {field} is {length} characters long; at most {limit} fit.").format(
                field=_(field), length=len(text.strip()), limit=limit
            )
        )
    return text
