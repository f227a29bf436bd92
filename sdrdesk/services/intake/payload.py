"""What a marketing tool posts, read as leads: flat keys from the importer's header table,
nested payloads (HubSpot's ``properties``, Typeform's ``form_response.answers``,
LinkedIn Lead Gen Forms' answers, a list of ``{name, value}`` fields) flattened first, or
read through a source's mapping file (``field = "dotted.path"``). Unknown keys are kept
with the lead, as an import keeps its extra columns."""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_fields import LEAD_FIELDS
from sdrdesk.domain.import_mapping import build_mapping
from sdrdesk.domain.leads import LeadInput
from sdrdesk.i18n import _

MAX_LEADS = 1000
MAX_VALUE = 10_000  # characters of one value; longer values are refused by name
# Keys that carry the moment a form was submitted (the hand-off, speed to lead's start).
_SUBMITTED = {
    "submittedat",
    "submitted_at",
    "submissiontime",
    "submission_time",
    "occurredat",
    "occurred_at",
    "landed_at",
    "createdtime",
    "created_time",
    "createdate",
}
_ID_KEYS = {"leadid", "lead_id", "vid", "objectid", "object_id", "token", "response_id", "id"}
_PREDEFINED = {  # LinkedIn Lead Gen Forms' predefined fields
    "FIRST_NAME": "first_name",
    "LAST_NAME": "last_name",
    "EMAIL": "email",
    "PHONE_NUMBER": "phone",
    "COMPANY_NAME": "company",
    "JOB_TITLE": "title",
    "COUNTRY": "country",
    "COMPANY_SIZE": "company_size",
    "INDUSTRY": "industry",
}
_TYPEFORM_TYPES = {"email": "email", "phone_number": "phone"}


@dataclass(frozen=True, slots=True)
class FieldError:
    """One bad field of one lead of a request (``index``: the lead's place, from 0)."""

    index: int
    field: str
    message: str


def leads_of(body: Any) -> list[Any]:
    """The leads of a request body: one object, or ``{"leads": [...]}``."""
    if isinstance(body, Mapping) and isinstance(body.get("leads"), list):
        leads = body["leads"]
        if not leads:
            raise ValidationError(_("“leads” is empty: send at least one lead."))
        if len(leads) > MAX_LEADS:
            raise ValidationError(
                _("{count} leads in one request; send at most {limit}.").format(
                    count=len(leads), limit=MAX_LEADS
                )
            )
        return list(leads)
    if isinstance(body, list):  # Zapier and Make post arrays of one record too
        return leads_of({"leads": body})
    if isinstance(body, Mapping):
        return [body]
    raise ValidationError(_('The body must be a JSON object (one lead) or {"leads": [...]}.'))


# Lone UTF-16 surrogates ("\ud800" in JSON) cannot be stored as UTF-8, NUL not at all.
_UNSTORABLE = re.compile(r"[\x00\ud800-\udfff]")


def _storable(text: str) -> str:
    return (
        text
        if text.isprintable() is True and "\x00" not in text
        else _UNSTORABLE.sub("\ufffd", text)
    )


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, str):
        return value
    if isinstance(value, int | float):
        return repr(value) if isinstance(value, float) else str(value)
    return json.dumps(value, ensure_ascii=False)


def _when(value: Any) -> Any:
    """A submission time as text the date parser reads (epoch seconds or milliseconds too)."""
    if isinstance(value, str) and value.isdigit() and len(value) in (10, 13):
        value = int(value)  # HubSpot's "submittedAt": "1517927174000"
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 0:
        seconds = value / 1000 if value > 10_000_000_000 else value
        return datetime.fromtimestamp(seconds, UTC).isoformat()
    return value


_NESTED_KNOWN = ("form_response", "properties", "formResponse", "form")
_GENERATED_ID = re.compile(r"^(field_[0-9a-z]+|[0-9.]+)$")
# Objects about someone else than the lead (HubSpot's "associated-owner" has an e-mail
# too): kept whole, never read as the lead's fields.
_SOMEONE_ELSE = re.compile(r"owner|user|agent|assignee|sender|author|created.?by", re.I)


def flatten(lead: Mapping[str, Any]) -> dict[str, Any]:
    """A nested marketing-tool payload as flat ``key: value`` pairs (flat ones as they are).

    Known shapes first (Typeform, HubSpot ``properties``, LinkedIn); then, for any key,
    a list of ``{name, value}`` fields (HubSpot forms v3 ``fields``, Facebook Lead Ads
    ``field_data``, …) and an object one level down (its keys, ``{title, value}`` fields
    as Elementor posts them) add their fields; a key of the payload itself wins."""
    flat: dict[str, Any] = {}
    response = lead.get("form_response")
    if isinstance(response, Mapping):  # Typeform
        flat.update(_typeform(response))
    properties = lead.get("properties")
    if isinstance(properties, Mapping):  # HubSpot contact / form submission
        for key, value in properties.items():
            flat[key] = value.get("value") if isinstance(value, Mapping) else value
    form = lead.get("formResponse")
    if isinstance(form, Mapping):  # LinkedIn Lead Gen Forms
        flat.update(_linkedin(form, lead.get("form")))
    nested: set[str] = set()
    for key, value in lead.items():
        if key in _NESTED_KNOWN or _SOMEONE_ELSE.search(str(key)):
            continue
        if isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            named = _named_values(value)
            if named:
                nested.add(key)
                _add_nested(flat, named)
        elif isinstance(value, Mapping):
            nested.add(key)
            _add_nested(flat, _object_fields(value))
    for key, value in lead.items():
        if key in _NESTED_KNOWN or key in nested:
            continue
        flat[key] = value
    return flat


def _add_nested(flat: dict[str, Any], fields: Mapping[str, Any]) -> None:
    """Fields found one level down; an ``id`` there is a form's or a field's, not the
    lead's (only a top-level one, or a known shape's, is the source lead id)."""
    for key, value in fields.items():
        if key.casefold() not in _ID_KEYS:
            flat.setdefault(key, value)


def _object_fields(value: Mapping[str, Any]) -> dict[str, Any]:
    """An object's keys as fields; an Elementor field ``{id, title, value}`` by its id, or
    by its title when the id is a generated one (``field_3a4b5c``)."""
    flat: dict[str, Any] = {}
    for inner, item in value.items():
        name = str(inner)
        if isinstance(item, Mapping) and "value" in item:
            title = item.get("title") or item.get("label")
            if isinstance(title, str) and title and _GENERATED_ID.match(name):
                name = title
            item = item["value"]
        flat.setdefault(name, item)
    return flat


def _named_values(items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for item in items:
        name = next(
            (
                item[k]
                for k in ("name", "key", "label", "field", "title")
                if isinstance(item.get(k), str)
            ),
            None,
        )
        if name is None:
            continue
        value = next((item[k] for k in ("value", "answer", "values") if k in item), None)
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        flat[name] = value
    return flat


def _typeform(response: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for answer in response.get("answers") or []:
        if not isinstance(answer, Mapping):
            continue
        field: Mapping[str, Any] = answer.get("field") or {}
        if not isinstance(field, Mapping):
            field = {}
        kind = str(answer.get("type") or "")
        value = answer.get(kind)
        if isinstance(value, Mapping):  # choice: {"label": …}, choices: {"labels": [...]}
            value = value.get("label") or ", ".join(value.get("labels") or [])
        name = _TYPEFORM_TYPES.get(kind) or field.get("ref") or field.get("id") or kind
        flat[str(name)] = value
    for key, value in (response.get("hidden") or {}).items():
        flat.setdefault(key, value)
    if response.get("token"):
        flat.setdefault("token", response["token"])
    if response.get("submitted_at"):
        flat.setdefault("submitted_at", response["submitted_at"])
    return flat


def _linkedin(form: Mapping[str, Any], definition: Any) -> dict[str, Any]:
    questions: dict[Any, str] = {}
    if isinstance(definition, Mapping):
        for q in (definition.get("content") or definition).get("questions") or []:
            if isinstance(q, Mapping):
                name = _PREDEFINED.get(str(q.get("predefinedField")), q.get("name"))
                questions[q.get("questionId")] = str(name or q.get("questionId"))
    flat: dict[str, Any] = {}
    for answer in form.get("answers") or []:
        if not isinstance(answer, Mapping):
            continue
        details = answer.get("answerDetails") or {}
        value: Any = None
        for inner in details.values() if isinstance(details, Mapping) else ():
            if isinstance(inner, Mapping):
                value = inner.get("answer", inner.get("answers"))
        qid = answer.get("questionId")
        name = _PREDEFINED.get(str(answer.get("predefinedField")), questions.get(qid))
        flat[str(name or f"question {qid}")] = value
    return flat


def read_mapping_file(path: str) -> tuple[tuple[str, str], ...]:
    """A source's mapping file: TOML ``[fields]`` of lead field (or kept key) → dotted path.
    Read again only when it changed on disk (its modification time or size). A name
    without a folder or ``.toml`` is one the project ships (``gravity-forms``, ``wpforms``:
    ``resources/data/intake-NAME.toml``)."""
    try:
        path = str(mapping_path(path))
        stat = Path(path).stat()
    except OSError as exc:
        raise ValidationError(
            _("The mapping file {path} cannot be read: {error}").format(path=path, error=exc)
        ) from exc
    return _mapping_file(path, stat.st_mtime_ns, stat.st_size)


def mapping_path(name: str) -> Path:
    """A mapping file's path: a shipped one by its name, else the file named."""
    if "/" not in name and "\\" not in name and not name.endswith(".toml"):
        shipped = resources.files("sdrdesk.resources").joinpath(f"data/intake-{name}.toml")
        return Path(str(shipped))
    return Path(name).expanduser()


@lru_cache(maxsize=32)
def _mapping_file(path: str, _mtime_ns: int, _size: int) -> tuple[tuple[str, str], ...]:
    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(
            _("The mapping file {path} cannot be read: {error}").format(path=path, error=exc)
        ) from exc
    fields = data.get("fields", {})
    if not isinstance(fields, dict) or not all(isinstance(v, str) for v in fields.values()):
        raise ValidationError(
            _("The mapping file {path} needs a [fields] table of dotted paths.").format(path=path)
        )
    return tuple(fields.items())


def _dig(data: Any, path: str) -> Any:
    """The value at a dotted path; a key with dots in it (Gravity Forms' ``1.3``) too."""
    if isinstance(data, Mapping) and path in data:
        return data[path]
    head, _dot, rest = path.partition(".")
    if isinstance(data, Mapping):
        data = data.get(head)
    elif isinstance(data, list) and head.isdigit() and int(head) < len(data):
        data = data[int(head)]
    else:
        return None
    return _dig(data, rest) if rest else data


def apply_mapping(lead: Mapping[str, Any], mapping: Sequence[tuple[str, str]]) -> dict[str, Any]:
    flat = flatten(lead)
    for name, path in mapping:
        value = _dig(lead, path)
        if value is not None and not isinstance(value, Mapping | list):
            flat[name] = value
    return flat


def no_contact(kept: Mapping[str, str]) -> str:
    """Why a lead without an e-mail address or phone is refused, and what to do: a key
    the import knows, or a mapping file for the source's shape."""
    keys = ", ".join(list(kept)[:12]) or _("none")
    return _(
        "no key names an e-mail address or a phone number (keys read: {keys}). Name them "
        "as an import does (email, phone, first_name …), or give this source's token a "
        "mapping file of dotted paths: sdrdesk intake token add SOURCE --mapping FILE.toml "
        'with [fields] email = "path.to.email" (see the README).'
    ).format(keys=keys)


@lru_cache(maxsize=256)
def _targets(keys: tuple[str, ...]) -> tuple[str, ...]:
    """The lead field each key fills (the import's header table), else "" (kept)."""
    mapping = build_mapping(list(keys))
    return tuple(t if t in LEAD_FIELDS else "" for t in mapping.targets)


def lead_input(
    index: int, raw: Any, source: str, mapping: Sequence[tuple[str, str]] | None
) -> tuple[LeadInput | None, list[FieldError]]:
    """One posted lead as the importer's ``LeadInput`` (the token's source unless the lead
    names one), or the bad fields that refuse it."""
    if not isinstance(raw, Mapping):
        return None, [FieldError(index, "", _("A lead must be a JSON object of fields."))]
    flat = apply_mapping(raw, mapping) if mapping else flatten(raw)
    errors: list[FieldError] = []
    values: dict[str, str] = {}
    keys: list[str] = []
    for key, value in flat.items():
        if value is None or value == "":
            continue
        if key.casefold().replace("-", "_") in _SUBMITTED:
            value = _when(value)
        text = _text(value)
        if text is None:
            continue
        if len(text) > MAX_VALUE:
            errors.append(
                FieldError(index, key, _("longer than {n} characters").format(n=MAX_VALUE))
            )
            continue
        key = _storable(str(key))
        keys.append(key)
        values[key] = _storable(text)
    if errors:
        return None, errors
    lead = LeadInput()
    targets = _targets(tuple(keys))
    for key, target in zip(keys, targets, strict=True):
        folded = key.casefold().replace("-", "_")
        if not target and folded in _SUBMITTED:
            target = "handed_off_at"
        elif not target and folded in _ID_KEYS:
            target = "external_id"
        if target and getattr(lead, target) is None:
            setattr(lead, target, values[key])
        else:
            lead.extra[key] = values[key]
    if lead.source is None:
        lead.source = source
    return lead, []
