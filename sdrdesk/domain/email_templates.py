"""E-mail templates as data (``resources/data/email_templates.toml``): a subject and a
body with placeholders, in English with German from the catalog, opened in the mail
program through a ``mailto:`` address (RFC 6068).

The e-mail is written in the lead's language (German for a lead in the DACH countries),
not the window's: the SDR may work in English with German leads.
"""

from __future__ import annotations

import string
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from urllib.parse import quote

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _, translator

DEFAULT_TEMPLATES = "email_templates.toml"
PLACEHOLDERS = ("first_name", "last_name", "name", "company", "title", "sender")
GERMAN_COUNTRIES = {"DE", "AT", "CH", "LI"}


@dataclass(frozen=True, slots=True)
class EmailTemplate:
    id: str
    name: str  # as listed (English; translated where shown)
    subject: str
    body: str


def language_for(country: str | None) -> str:
    """The language to write to a lead in: ``de`` in the DACH countries, else ``en``."""
    return "de" if (country or "").upper() in GERMAN_COUNTRIES else "en"


def parse_templates(text: str, source: str) -> tuple[EmailTemplate, ...]:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            _("{source}: not a valid TOML file ({error}).").format(source=source, error=exc)
        ) from exc
    templates = []
    for number, entry in enumerate(data.get("template", []), start=1):
        fields = {k: entry.get(k) for k in ("id", "name", "subject", "body")}
        missing = [k for k, v in fields.items() if not isinstance(v, str) or not v.strip()]
        if missing:
            raise ValidationError(
                _("{source}: template {number} has no “{field}”.").format(
                    source=source, number=number, field=missing[0]
                )
            )
        for part in (fields["subject"], fields["body"]):
            for name in _placeholders(str(part)):
                if name not in PLACEHOLDERS:
                    raise ValidationError(
                        _(
                            "{source}: template “{id}” uses {{{name}}}, which is not a "
                            "placeholder; use one of {names}."
                        ).format(
                            source=source,
                            id=fields["id"],
                            name=name,
                            names=", ".join("{" + p + "}" for p in PLACEHOLDERS),
                        )
                    )
        templates.append(EmailTemplate(*(str(fields[k]) for k in fields)))
    if not templates:
        raise ValidationError(_("{source}: there is no [[template]].").format(source=source))
    return tuple(templates)


def _placeholders(text: str) -> list[str]:
    try:
        return [name for _lit, name, _spec, _conv in string.Formatter().parse(text) if name]
    except ValueError as exc:
        raise ValidationError(
            _("A template has an unmatched brace: {error}.").format(error=exc)
        ) from exc


def load_templates(path: Path | None = None) -> tuple[EmailTemplate, ...]:
    if path is not None:
        try:
            return parse_templates(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the templates file {path}: {error}.").format(
                    path=path, error=exc.strerror
                )
            ) from exc
    default = resources.files("sdrdesk.resources").joinpath(f"data/{DEFAULT_TEMPLATES}")
    return parse_templates(default.read_text(encoding="utf-8"), DEFAULT_TEMPLATES)


def render(
    template: EmailTemplate, values: Mapping[str, str | None], language: str
) -> tuple[str, str]:
    """Subject and body in ``language``, the placeholders filled (an unknown value
    leaves its place empty)."""
    words = translator(language)
    filled = {p: (values.get(p) or "").strip() for p in PLACEHOLDERS}
    if not filled["name"]:
        filled["name"] = " ".join(v for v in (filled["first_name"], filled["last_name"]) if v)
    subject = words.gettext(template.subject).format_map(filled)
    body = words.gettext(template.body).format_map(filled)
    return " ".join(subject.split()), body.replace(" ,", ",")


def mailto_url(to: str | None, subject: str, body: str) -> str:
    """``mailto:`` with the subject and body (line breaks as CRLF, RFC 6068)."""
    address = quote((to or "").strip(), safe="@")
    lines = body.replace("\r\n", "\n").replace("\n", "\r\n")
    return f"mailto:{address}?subject={quote(subject, safe='')}&body={quote(lines, safe='')}"
