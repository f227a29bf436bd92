"""Typed text as the domain keeps it: trimmed, and ``None`` rather than empty.

``trimmed`` keeps the text as typed inside; ``clean_text`` (what a lead's values are
stored as) also drops control characters no database column should hold.
"""

from __future__ import annotations

import re


def trimmed(value: str | None) -> str | None:
    """Strip surrounding whitespace; empty becomes ``None``. Inner text is kept as typed."""
    if value is None:
        return None
    value = value.strip()
    return value or None


CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def clean_text(value: str | None) -> str | None:
    """Trim; drop NUL and other control characters no database column should hold."""
    if value is None:
        return None
    # isprintable() is True only without any control character: skip the regex then.
    value = value.strip() if value.isprintable() else CONTROL_CHARACTERS.sub("", value).strip()
    return value or None
