"""Numbers, percentages and dates as the window shows them: through QLocale, which
``gui.translation.install`` sets to the locale in use (``de_DE``: 1.234 and 12,5 %)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from sdrdesk.i18n import _
from sdrdesk.services.reports import Kind, format_cell


def number(value: float, decimals: int = 0) -> str:
    """``1234`` → ``1.234`` (German) / ``1,234`` (English)."""
    if decimals == 0:
        return QLocale().toString(round(value))
    return QLocale().toString(float(value), "f", decimals)


def percent(fraction: float, decimals: int = 1) -> str:
    """``0.125`` → ``12,5 %`` (German, a no-break space before the sign) / ``12.5%``."""
    locale = QLocale()
    text = locale.toString(100 * float(fraction), "f", decimals)
    if locale.language() == QLocale.Language.German:
        return f"{text}\u00a0{locale.percent()}"
    return f"{text}{locale.percent()}"


def short_date(value: date) -> str:
    day = QDate(value.year, value.month, value.day)
    return QLocale().toString(day, QLocale.FormatType.ShortFormat)


def _qt(value: datetime) -> QDateTime:
    """``value`` as Qt's local date and time, read off its own wall clock."""
    day = QDate(value.year, value.month, value.day)
    return QDateTime(day, QTime(value.hour, value.minute, value.second))


def short_datetime(value: datetime) -> str:
    """In the computer's zone (an aware ``value``), ``05.12.26 14:20`` / ``12/5/26 2:20 PM``."""
    local = value.astimezone() if value.tzinfo else value
    return QLocale().toString(_qt(local), QLocale.FormatType.ShortFormat)


def cell(value: Any, kind: Kind) -> str:
    """A report table's cell: counts and percentages in the locale; the rest as the
    reports service writes them."""
    if value is None:
        return format_cell(value, kind)
    if kind is Kind.COUNT:
        return number(int(value))
    if kind is Kind.PERCENT:
        return percent(float(value))
    return format_cell(value, kind)


def moment(value: datetime) -> str:
    """A day and time as messages name them ("Fri 4 Dec, 14:20", "Fr. 4. Dez., 14:20"),
    in ``value``'s own zone."""
    # TRANSLATORS: a Qt date pattern (ddd: weekday, d: day, MMM: month, HH:mm: time).
    pattern = _("ddd d MMM, HH:mm")
    return QLocale().toString(_qt(value), pattern)
