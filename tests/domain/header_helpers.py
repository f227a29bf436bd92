"""The lead fields a header row fills, for the header tests."""

from __future__ import annotations

from sdrdesk.domain.import_mapping import build_mapping


def fields_of(headers: list[str]) -> dict[str, str]:
    """Header → field for the columns that fill a field (not extra data)."""
    mapping = build_mapping(headers)
    return {h: t for h, t in mapping.as_dict().items() if t != "extra"}
