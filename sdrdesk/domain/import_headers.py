"""Recognising an imported file's headers: each is compared in a normalised form
(``normalize_header``) against a table of the headers common CRMs and spreadsheets use
(``resources/data/import_headers.toml``), which names the lead field it fills."""

from __future__ import annotations

import functools
import re
import tomllib
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from sdrdesk.domain.import_fields import LEAD_FIELDS
from sdrdesk.i18n import _

_BOM_REMNANTS = ("\ufeff", "ï»¿", "þÿ", "ÿþ")  # BOMs, and BOMs read as Windows-1252
_TRANSLITERATE = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "œ": "oe", "ø": "o", "å": "a"}
)
_TRAILING_NUMBER = re.compile(r"\d+$")


def normalize_header(header: str) -> str:
    """``"E-Mail"``, ``" e mail "`` and ``"EMAIL"`` → ``"email"``; ``"Größe"`` → ``"groesse"``.

    Case, whitespace, punctuation and accents are dropped, umlauts spelt out, BOM
    remnants and a Salesforce custom-field suffix ``__c`` removed."""
    text = header
    for bom in _BOM_REMNANTS:
        text = text.replace(bom, "")
    text = text.strip()
    if text.lower().endswith("__c"):
        text = text[:-3]
    text = unicodedata.normalize("NFC", text).casefold().translate(_TRANSLITERATE)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if ch.isalnum())


@dataclass(frozen=True)
class HeaderTable:
    """Normalised header → field, in two tiers (see the TOML file's comment)."""

    primary: Mapping[str, str]
    fallback: Mapping[str, str]

    @classmethod
    def from_toml(cls, text: str) -> HeaderTable:
        data = tomllib.loads(text)
        tiers: list[dict[str, str]] = []
        seen: dict[str, str] = {}  # normalised header → where it is listed
        for tier_name in ("fields", "fallback"):
            tier: dict[str, str] = {}
            for field_name, headers in data.get(tier_name, {}).items():
                if field_name not in LEAD_FIELDS:
                    raise ValueError(
                        _("[{tier}] {field} is not a lead field").format(
                            tier=tier_name, field=field_name
                        )
                    )
                for header in headers:
                    key = normalize_header(header)
                    if not key:
                        raise ValueError(
                            _("[{tier}] {field}: empty header {header!r}").format(
                                tier=tier_name, field=field_name, header=header
                            )
                        )
                    where = f"[{tier_name}] {field_name}"
                    if seen.get(key, where) != where:
                        raise ValueError(
                            _("header {header!r} is listed twice ({first}, {second})").format(
                                header=header, first=seen[key], second=where
                            )
                        )
                    seen[key] = where
                    tier[key] = field_name
            tiers.append(tier)
        return cls(primary=tiers[0], fallback=tiers[1])

    def lookup(self, header: str) -> tuple[str, int] | None:
        """(field, tier) for a header, trying it without a trailing number second."""
        key = normalize_header(header)
        for candidate in (key, _TRAILING_NUMBER.sub("", key)):
            if not candidate:
                continue
            if candidate in self.primary:
                return self.primary[candidate], 0
            if candidate in self.fallback:
                return self.fallback[candidate], 1
        return None


@functools.cache
def header_table() -> HeaderTable:
    """The table shipped in ``sdrdesk.resources`` (``data/import_headers.toml``)."""
    path = resources.files("sdrdesk.resources").joinpath("data/import_headers.toml")
    return HeaderTable.from_toml(path.read_text(encoding="utf-8"))
