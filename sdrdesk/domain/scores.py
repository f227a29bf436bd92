"""A lead's marketing score as exports write it ("85", "85.5", "85,5", "85 %")."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.numbers import parse_decimal
from sdrdesk.domain.text import clean_text
from sdrdesk.i18n import _

_SCORE = re.compile(r"^\s*([-+]?\d+(?:[.,]\d+)?)\s*%?\s*$")


# The score column's range on every backend (PostgreSQL's integer).
SCORE_LIMIT = 2**31 - 1


def parse_score(text: str | None) -> int | None:
    """``"85"``, ``"85.0"``, ``"85,5"``, ``"85 %"`` → 85/86/85, ``"1.234,5"`` → 1235;
    raises for anything else, and for a number the score column cannot hold."""
    text = clean_text(text)
    if text is None:
        return None
    if text.isdecimal() and len(text) < 10:  # the usual "85": what the pattern gives, faster
        return int(text)
    match = _SCORE.match(text)
    if match:
        number = Decimal(match.group(1).replace(",", "."))
    else:  # grouped thousands: "1.234,5", "1,234.5"
        try:
            number = parse_decimal(text.rstrip("% "))
        except ValidationError:
            raise ValidationError(_("score “{text}” is not a number").format(text=text)) from None
    # Halves round away from zero, as Excel and marketing tools show them (84.5 → 85,
    # where Python's round() gives 84).
    value = int(number.to_integral_value(ROUND_HALF_UP))
    if abs(value) > SCORE_LIMIT:
        raise ValidationError(_("score “{text}” is too large").format(text=text))
    return value
