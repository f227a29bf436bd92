"""Numbers as people and spreadsheets write them, in English and German (and French,
Swiss) notation: ``1,234.5``, ``1.234,5``, ``1 234,5``, ``1'234.5``, ``1234,5``.

Which mark is the decimal one is read from the text where it can be: the last of two
different marks (``1.234,5``), a mark that occurs twice (``1.234.567`` groups), a mark
not followed by exactly three digits (``12,5``). Only a single mark followed by exactly
three digits is ambiguous (``1.234``, ``1,234``): ``decimal_comma`` decides it (a
file's other values, ``decide_decimal_comma``), and without it the mark groups
thousands, which is what such a number almost always is in lead data.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _

# Spaces (also no-break and narrow no-break) and apostrophes group thousands only.
_GROUP_ONLY = re.compile(r"[\s\u00a0\u202f'’]")
_SHAPE = re.compile(r"[-+]?[0-9][0-9.,]*")
_GROUPED = re.compile(r"[0-9]{1,3}(?:X[0-9]{3})*")
# Regions whose spreadsheets write a decimal comma (most of continental Europe and
# Latin America); the others (US, GB, IE, CH for money, …) write a decimal point.
DECIMAL_COMMA_REGIONS = frozenset(
    "DE AT LI LU BE NL FR ES IT PT DK SE NO FI IS PL CZ SK SI HR HU RO BG GR TR RU UA "  # noqa: SIM905
    "BR AR CL CO UY PY VE EC BO ID ZA".split()
)


def _grouped(integer: str, mark: str) -> bool:
    """``1.234.567`` groups by three with ``mark`` (a group of four does not)."""
    return _GROUPED.fullmatch(integer.replace(mark, "X")) is not None


def decimal_mark(text: str, decimal_comma: bool | None = None) -> str | None:
    """The decimal mark of a number written as ``text`` ("." or ","; ``None``: none)."""
    dot, comma = text.rfind("."), text.rfind(",")
    if dot >= 0 and comma >= 0:
        return "." if dot > comma else ","
    if dot < 0 and comma < 0:
        return None
    mark = "." if dot >= 0 else ","
    before, _sep, after = text.rpartition(mark)
    if mark in before:  # 1.234.567: groups
        return None
    if len(after) != 3 or before.lstrip("+-") in ("", "0"):
        return mark  # 12,5 / 0,125 / ,5
    if decimal_comma is None:
        return None  # 1.234 / 1,234: grouped thousands
    return mark if (mark == ",") == decimal_comma else None


def parse_decimal(text: str, *, decimal_comma: bool | None = None) -> Decimal:
    """``"1.234,5"`` → 1234.5; raises ``ValidationError`` for text that is not a number."""
    value = _GROUP_ONLY.sub("", text.strip())
    if not _SHAPE.fullmatch(value):
        raise ValidationError(_("“{text}” is not a number").format(text=text.strip()))
    mark = decimal_mark(value, decimal_comma)
    if mark is None:
        integer, fraction = value, ""
    else:
        integer, _sep, fraction = value.rpartition(mark)
    digits = integer.lstrip("+-")
    # The other mark groups; without a decimal mark, the one that is there.
    group = {".": ",", ",": "."}.get(mark or "", "," if "," in digits else ".")
    if (
        ("." in fraction or "," in fraction)
        or (mark is not None and mark in integer)
        or (group in digits and not _grouped(digits, group))
        or ("," in digits and "." in digits)
    ):
        raise ValidationError(_("“{text}” is not a number").format(text=text.strip()))
    try:
        return Decimal(integer.replace(group, "") + ("." + fraction if fraction else ""))
    except InvalidOperation as exc:
        raise ValidationError(_("“{text}” is not a number").format(text=text.strip())) from exc


def decide_decimal_comma(values: Iterable[str | None], default_region: str | None) -> bool:
    """Whether a file's numbers use a decimal comma: the first value that shows its
    decimal mark decides (``12,5``, ``1.234,5``); without one the region does."""
    for value in values:
        if not value:
            continue
        cleaned = _GROUP_ONLY.sub("", value.strip())
        if not _SHAPE.fullmatch(cleaned):
            continue
        mark = decimal_mark(cleaned)
        if mark is not None:
            return mark == ","
    return (default_region or "").upper() in DECIMAL_COMMA_REGIONS
