"""``--mapping``: which column becomes which lead field, as text ("Header A=email,…") or
as a .json or .toml file of {header: field}."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_fields import check_target
from sdrdesk.domain.import_mapping import parse_mapping_text
from sdrdesk.i18n import _


def parse_mapping(text: str) -> dict[str, str]:
    """'Header A=email,Header B=phone' or a path to a .json/.toml file {header: field};
    raises ValidationError with a clear message (unknown field names listed with the
    valid ones)."""
    stripped = text.strip()
    if stripped.lower().endswith((".json", ".toml")) and (
        "=" not in stripped or Path(stripped).expanduser().is_file()
    ):
        return _mapping_file(Path(stripped).expanduser())
    return parse_mapping_text(text)


def _mapping_file(path: Path) -> dict[str, str]:
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise ValidationError(
            _("The mapping file {path} does not exist.").format(path=path)
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise ValidationError(
            _("The mapping file {path} cannot be read: {exc}.").format(path=path, exc=exc)
        ) from exc
    try:
        data: Any = json.loads(raw) if path.suffix.lower() == ".json" else tomllib.loads(raw)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ValidationError(
            _("The mapping file {path} is not valid {suffix}: {exc}.").format(
                path=path, exc=exc, suffix=path.suffix[1:]
            )
        ) from exc
    if not isinstance(data, dict) or not data:
        raise ValidationError(
            _(
                "The mapping file {path} must hold an object of “column header”: “field” pairs."
            ).format(path=path)
        )
    mapping: dict[str, str] = {}
    for header, target in data.items():
        if not isinstance(target, str):
            raise ValidationError(
                _("In {path}, “{header}” must map to a field name (text), not {target}.").format(
                    path=path, header=header, target=repr(target)
                )
            )
        mapping[str(header)] = check_target(target)
    return mapping
