"""What of a lead is personal data, and that data taken out of free text and JSON.

A lead's history keeps its shape (ids, times, actions, statuses, reason codes, outcome
codes, scores, user names of the team): what goes is what identifies or describes the
person (names, e-mail, phone, the CRM id, title, company, kept import columns) and every
free text written about them (comments, call notes, text answers, demo notes and
places, override reasons).
"""

from __future__ import annotations

import re
from typing import Any

from sdrdesk.domain.phones import PhoneQuality

# The lead's columns an erasure empties (``extra`` becomes {}).
LEAD_VALUES: dict[str, Any] = {
    "external_id": None,
    "first_name": None,
    "last_name": None,
    "email": None,
    "email_key": None,
    "phone_raw": None,
    "phone_e164": None,
    "phone_ext": None,
    "phone_quality": PhoneQuality.MISSING,
    "company": None,
    "title": None,
    "do_not_call_reason": None,
    "extra": {},
}
# Free text in event data, by key (any key, any event).
FREE_TEXT_KEYS = frozenset({"reason", "note", "notes", "comment", "location", "text", "answer"})
# ... except these, which are codes or the team's labels, not written about the person.
KEEP_BY_ACTION = {"do_not_call": frozenset({"reason"})}
_DIGITS = re.compile(r"\D+")


def identifiers(lead: Any) -> list[str]:
    """The lead's identifying strings, case-folded (3 characters or more), and its phone's
    digits: a JSON string holding any of them is personal data."""
    found: list[str] = []
    for value in (
        lead.first_name,
        lead.last_name,
        lead.email,
        lead.phone_raw,
        lead.phone_e164,
        lead.external_id,
        lead.company,
    ):
        if value and len(value.strip()) >= 3:
            found.append(value.strip().casefold())
    for value in (lead.phone_raw, lead.phone_e164):
        digits = _DIGITS.sub("", value or "")
        if len(digits) >= 6:
            found.append(digits)
    return found


def _personal(text: str, names: list[str]) -> bool:
    folded = text.casefold()
    digits = _DIGITS.sub("", text)
    return any(n in folded or (n.isdigit() and n in digits) for n in names)


def scrub(value: Any, names: list[str], free_keys: frozenset[str] = FREE_TEXT_KEYS) -> Any:
    """``value`` with free text under ``free_keys`` and every string holding one of
    ``names`` replaced by ``None``; numbers, booleans and the rest as they were."""
    if isinstance(value, dict):
        return {
            k: None if k in free_keys and isinstance(v, str) else scrub(v, names, free_keys)
            for k, v in value.items()
        }
    if isinstance(value, list):
        return [scrub(v, names, free_keys) for v in value]
    if isinstance(value, str) and _personal(value, names):
        return None
    return value


def event_data(action: str, data: dict[str, Any] | None, names: list[str]) -> dict[str, Any]:
    keys = FREE_TEXT_KEYS - KEEP_BY_ACTION.get(action, frozenset())
    return scrub(dict(data or {}), names, keys)  # type: ignore[no-any-return]


def answers(values: dict[str, Any] | None, text_ids: frozenset[str], names: list[str]) -> Any:
    """Qualification answers without the free-text ones (questions ``text_ids``, and any
    answer with a space in it: choices are codes)."""
    kept = {k: (None if _free(k, v, text_ids) else v) for k, v in (values or {}).items()}
    return scrub(kept, names, frozenset())


def free_answer_ids(values: dict[str, Any] | None, text_ids: frozenset[str]) -> frozenset[str]:
    return frozenset(k for k, v in (values or {}).items() if _free(k, v, text_ids))


def _free(key: str, value: Any, text_ids: frozenset[str]) -> bool:
    return isinstance(value, str) and (key in text_ids or " " in value.strip())


def answer_lines(
    lines: list[dict[str, Any]] | None, text_ids: frozenset[str], names: list[str]
) -> Any:
    out = []
    for line in lines or []:
        line = dict(line)
        if line.get("id") in text_ids:
            line["answer"] = None
        out.append(scrub(line, names, frozenset()))
    return out
