"""The language a lead reads: from a language column the import kept, else their country.

The invite follows the lead's language, not the SDR's: a German lead gets a German
invite from an SDR whose window is English, and the other way round.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sdrdesk.i18n import LANGUAGES, SOURCE_LANGUAGE

LANGUAGE_KEYS = ("language", "lang", "sprache", "locale", "preferred language")
"""Columns of an imported file (kept as extra data) that name a lead's language."""

COUNTRY_LANGUAGE = {"DE": "de", "AT": "de", "CH": "de", "LI": "de"}
"""Countries whose leads are written to in German (Switzerland too, unless a language
column says French or Italian: those are not shipped, so such leads get English)."""

_NAMES = {
    "deutsch": "de",
    "german": "de",
    "allemand": "de",
    "english": "en",
    "englisch": "en",
    "anglais": "en",
}


def language_from_text(text: str) -> str | None:
    """``de``, ``de-CH``, ``Deutsch``, ``German`` → ``de``; a language sdrdesk does not
    ship (``fr``) → ``en``; nothing usable → ``None``."""
    value = text.strip().lower()
    if not value:
        return None
    if value in _NAMES:
        return _NAMES[value]
    code = value.replace("-", "_").split(".")[0].split("_")[0]
    if len(code) in (2, 3) and code.isalpha():
        return code if code in LANGUAGES else SOURCE_LANGUAGE
    return None


def lead_language(country: str | None, extra: Mapping[str, Any] | None) -> str:
    """The language of the invite for a lead: a language column first, then the country
    (DE, AT, CH, LI: German), else English."""
    for key, value in (extra or {}).items():
        if str(key).strip().lower() in LANGUAGE_KEYS and isinstance(value, str):
            found = language_from_text(value)
            if found is not None:
                return found
    return COUNTRY_LANGUAGE.get((country or "").strip().upper(), SOURCE_LANGUAGE)


def locale_for(language: str, country: str | None) -> str:
    """The locale for dates in the lead's language: ``de_AT`` for an Austrian lead,
    ``de_DE`` or ``en_US`` when the country does not go with the language."""
    from babel import Locale, UnknownLocaleError

    default = {"de": "de_DE"}.get(language, "en_US")
    if country and len(country.strip()) == 2:
        candidate = f"{language}_{country.strip().upper()}"
        try:
            Locale.parse(candidate)
        except (UnknownLocaleError, ValueError):
            return default
        return candidate
    return default
