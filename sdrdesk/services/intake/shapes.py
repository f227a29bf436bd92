"""Form posts as the lead they carry: the fields of a plain HTML form, and the shapes form
builders and landing-page tools post as forms.

* PHP-style bracket keys (Elementor's "advanced data" ``fields[email][value]``,
  ``form[name]``; any ``a[b][c]``) become nested objects, read as JSON payloads are.
* Unbounce posts its fields as JSON in ``data.json`` (each value a list).
* Contact Form 7's ``your-name``, ``your-email`` … lose their ``your-`` prefix.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

_BRACKETS = re.compile(r"^([^\[\]]+)((?:\[[^\[\]]*\])+)$")
_PART = re.compile(r"\[([^\[\]]*)\]")
_UNBOUNCE = "data.json"


def from_form(fields: Mapping[str, str]) -> dict[str, Any]:
    """A form's fields as one lead's payload."""
    lead: dict[str, Any] = {}
    packed = fields.get(_UNBOUNCE)
    if packed:
        try:
            unpacked = json.loads(packed)
        except ValueError:
            unpacked = None
        if isinstance(unpacked, dict):
            for key, value in unpacked.items():
                lead[str(key)] = _one(value)
    for key, value in fields.items():
        if key in (_UNBOUNCE, "data.xml"):
            continue
        match = _BRACKETS.match(key)
        if match is None:
            lead.setdefault(_plain(key), value)
            continue
        parts = [match.group(1), *_PART.findall(match.group(2))]
        _put(lead, parts, value)
    return lead


def _one(value: Any) -> Any:
    """Unbounce's ``["Jane"]`` as ``"Jane"`` (several values joined)."""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v is not None and v != "") or None
    return value


def _plain(key: str) -> str:
    return key[5:] if key.startswith("your-") and len(key) > 5 else key


def _put(lead: dict[str, Any], parts: list[str], value: str) -> None:
    node: dict[str, Any] = lead
    for n, part in enumerate(parts[:-1]):
        part = part or str(n)
        inner = node.get(part)
        if not isinstance(inner, dict):
            inner = {}
            node[part] = inner
        node = inner
    node.setdefault(parts[-1] or str(len(node)), value)
