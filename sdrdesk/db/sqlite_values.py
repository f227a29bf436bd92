"""The text SQLite stores for sdrdesk's column types, as plain functions.

The bulk insert path (``db.bulk``) hands rows to the driver in exactly the form the
SQLAlchemy types would have written; import workers encode the rows they check with
these functions too, so this module imports nothing but the standard library.
"""

from __future__ import annotations

import json
import json.encoder
from collections.abc import Callable
from datetime import UTC, datetime
from enum import Enum
from typing import Any


def datetime_text(value: datetime | None) -> str | None:
    """UTCDateTime on SQLite: the UTC wall time as ``"%Y-%m-%d %H:%M:%S.%f"``."""
    if value is None:
        return None
    if value.tzinfo is not UTC:
        value = value.astimezone(UTC)
    return value.replace(tzinfo=None).isoformat(" ", "microseconds")


def enum_text(value: Enum | str | None) -> str | None:
    """A non-native Enum column stores the member's value."""
    return value.value if isinstance(value, Enum) else value


def json_text(value: Any) -> str | None:
    """JSON columns store ``json.dumps`` of the value (SQLAlchemy's default serializer)."""
    if value is None:
        return None
    if _encode is None:
        return json.dumps(value)
    return "".join(_encode(value, 0))


# The C encoder json.dumps(value) makes for every call (ASCII escapes, ", " and ": "),
# made once: a third of the time. Without json.dumps' check for reference cycles (the
# check keeps state, which a shared encoder must not); the values stored here are trees.
# Where the C encoder is missing (not CPython), json.dumps it is.
_make_encoder: Any = getattr(json.encoder, "c_make_encoder", None)
_encode: Callable[[Any, int], list[str]] | None = (
    None
    if _make_encoder is None
    else _make_encoder(
        None,
        json.JSONEncoder().default,
        json.encoder.encode_basestring_ascii,
        None,
        ": ",
        ", ",
        False,  # sort_keys
        False,  # skipkeys
        True,  # allow_nan
    )
)
