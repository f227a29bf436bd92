"""Typed text as the domain keeps it: trimmed, and ``None`` rather than empty."""

from __future__ import annotations


def trimmed(value: str | None) -> str | None:
    """Strip surrounding whitespace; empty becomes ``None``. Inner text is kept as typed."""
    if value is None:
        return None
    value = value.strip()
    return value or None
