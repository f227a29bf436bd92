"""One translation catalog for every layer: gettext catalogs, Babel below Qt, QLocale in Qt.

Every sentence a person reads is written in English in the code and wrapped:

- ``_("Text")`` translates now, in the current language;
- ``N_("Text")`` only marks a constant for extraction; translate it where it is shown,
  with ``_(CONSTANT)``;
- ``ngettext("one lead", "{n} leads", n)`` picks the plural form of the language;
- ``translator(lang)`` gives another language's catalog, for text that follows someone
  else's language (the invite follows the lead's, the hand-over the SDR's).

The catalogs live in ``resources/translations/<lang>/LC_MESSAGES/sdrdesk.po`` and are
compiled to ``.mo`` beside them (``python scripts/i18n.py compile``); Designer forms go
through the same catalog (``sdrdesk.gui.translation``). English is the source language,
so English needs no catalog.

The language follows the system (``LANGUAGE``, ``LC_ALL``, ``LC_MESSAGES``, ``LANG``)
unless the settings name one. Numbers, dates and percentages are formatted for the
locale with Babel (``format_number`` …); the window uses QLocale set to the same locale.
"""

from __future__ import annotations

import gettext
import locale as _pylocale
import os
from datetime import date, datetime, time
from decimal import Decimal
from functools import lru_cache
from pathlib import Path

DOMAIN = "sdrdesk"
LANGUAGES: dict[str, str] = {"en": "English", "de": "Deutsch"}
"""The languages sdrdesk ships, each named in itself (as a language menu shows them)."""
SOURCE_LANGUAGE = "en"
_DEFAULT_TERRITORY = {"en": "US", "de": "DE"}

_state: dict[str, str] = {"language": SOURCE_LANGUAGE, "locale": "en_US"}


def translations_dir() -> Path:
    """Where the catalogs are: ``resources/translations`` (``sdrdesk.resources``)."""
    here = Path(__file__).resolve().parent
    for candidate in (
        here.parent / "resources" / "translations",
        here / "resources" / "translations",
    ):
        if candidate.is_dir():
            return candidate
    import importlib.resources

    return Path(str(importlib.resources.files("sdrdesk.resources") / "translations"))


@lru_cache(maxsize=8)
def translator(language: str) -> gettext.NullTranslations:
    """The catalog of ``language`` (``de``, ``de_AT`` …); English and unknown ones pass through."""
    code = normalize_language(language)
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(
        DOMAIN, localedir=str(translations_dir()), languages=[code], fallback=True
    )


def normalize_language(value: str | None) -> str:
    """``de_DE.UTF-8`` → ``de``; a language sdrdesk does not ship → English."""
    if not value:
        return SOURCE_LANGUAGE
    code = value.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return code if code in LANGUAGES else SOURCE_LANGUAGE


def _system_locale_name() -> str:
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value and value not in ("C", "POSIX", "C.UTF-8"):
            return value
    try:
        return _pylocale.getlocale()[0] or ""
    except ValueError:
        return ""


def system_language() -> str:
    """The system's language among the shipped ones: ``LANGUAGE`` first, then the locale."""
    for part in os.environ.get("LANGUAGE", "").split(":"):
        if part and normalize_language(part) == part.split("_")[0].lower():
            return normalize_language(part)
    return normalize_language(_system_locale_name())


def _format_locale(language: str) -> str:
    """The locale for formats: the system's region with the chosen language (``de_AT``)."""
    name = _system_locale_name().split(".")[0].split("@")[0]
    if "_" in name:
        territory = name.split("_", 1)[1].upper()
        candidate = f"{language}_{territory}"
        try:
            from babel import Locale

            Locale.parse(candidate)
            return candidate
        except Exception:
            pass
    return f"{language}_{_DEFAULT_TERRITORY.get(language, 'US')}"


def set_language(language: str | None = None) -> str:
    """Use ``language`` (``None`` or ``"system"``: the system's); returns the one in use."""
    chosen = (
        system_language() if not language or language == "system" else normalize_language(language)
    )
    _state["language"] = chosen
    _state["locale"] = _format_locale(chosen)
    return chosen


def current_language() -> str:
    return _state["language"]


def current_locale() -> str:
    """The locale formats use, ``de_DE`` or ``en_US`` style."""
    return _state["locale"]


def _(message: str) -> str:
    return translator(_state["language"]).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return translator(_state["language"]).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return translator(_state["language"]).pgettext(context, message)


def N_(message: str) -> str:
    """Mark ``message`` for the catalog without translating it (constants)."""
    return message


# -- formats ---------------------------------------------------------------------------


def format_number(value: int | float | Decimal, decimals: int | None = None) -> str:
    """``1234`` → ``1.234`` (German) / ``1,234`` (English)."""
    from babel.numbers import format_decimal

    if decimals is None:
        return format_decimal(value, locale=current_locale())
    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(value, format=pattern, locale=current_locale())


def format_percent(fraction: float, decimals: int = 0) -> str:
    """``0.125`` → ``13 %`` (German) / ``13%`` (English)."""
    from babel.numbers import format_percent as _fp

    pattern = None
    if decimals:
        from babel import Locale

        # The locale's own pattern with decimals: "#,##0.0 %" in German, "#,##0.0%" in English.
        own = Locale.parse(current_locale()).percent_formats[None].pattern
        pattern = own.replace("0", "0." + "0" * decimals, 1)
    return _fp(fraction, format=pattern, locale=current_locale())


def format_currency(amount: float | Decimal, currency: str) -> str:
    from babel.numbers import format_currency as _fc

    return _fc(amount, currency, locale=current_locale())


def format_date(value: date, length: str = "medium") -> str:
    from babel.dates import format_date as _fd

    return _fd(value, format=length, locale=current_locale())


def format_time(value: time | datetime, length: str = "short") -> str:
    from babel.dates import format_time as _ft

    return _ft(value, format=length, locale=current_locale())


def format_datetime(value: datetime, length: str = "medium") -> str:
    """A date and time in the current locale; naive values are shown as they are."""
    from babel.dates import format_datetime as _fdt

    return _fdt(value, format=length, tzinfo=value.tzinfo, locale=current_locale())


def decimal_separator() -> str:
    from babel.numbers import get_decimal_symbol

    return get_decimal_symbol(current_locale())


def list_separator() -> str:
    """The field separator spreadsheets of this locale expect in a CSV (``;`` where the
    decimal separator is a comma, as German Excel does)."""
    return ";" if decimal_separator() == "," else ","
