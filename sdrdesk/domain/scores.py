"""A lead's marketing score as exports write it ("85", "85.5", "85,5", "85 %")."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.text import clean_text

_SCORE = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$")


# The score column's range on every backend (PostgreSQL's integer).
SCORE_LIMIT = 2**31 - 1


def parse_score(text: str | None) -> int | None:
    """``"85"``, ``"85.0"``, ``"85,5"``, ``"85 %"`` → 85/86/85; raises for anything else,
    and for a number the score column cannot hold."""
    text = clean_text(text)
    if text is None:
        return None
    if text.isdecimal() and len(text) < 10:  # the usual "85": what the pattern gives, faster
        return int(text)
    match = _SCORE.match(text)
    if not match:
        raise ValidationError(f"score “{text}” is not a number")
    # Halves round away from zero, as Excel and marketing tools show them (84.5 → 85,
    # where Python's round() gives 84).
    value = int(Decimal(match.group(1).replace(",", ".")).to_integral_value(ROUND_HALF_UP))
    if abs(value) > SCORE_LIMIT:
        raise ValidationError(f"score “{text}” is too large")
    return value
