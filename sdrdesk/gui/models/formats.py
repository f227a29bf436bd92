"""How the window's views and dialogs show dates, times and numbers: through QLocale.

``gui/translation.install`` sets QLocale's default to the language's locale (``de_DE``,
``en_US``), so "Fr. 04.12.26, 14:20" in German and "Fri 12/4/26, 2:20 PM" in English,
"1.204" and "1,204". A datetime is shown as its wall clock: convert it to the zone
it should be read in first (``astimezone()`` for the SDR's own clock).
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from sdrdesk.i18n import _

_SHORT = QLocale.FormatType.ShortFormat


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _qtime(clock: time | datetime) -> QTime:
    return QTime(clock.hour, clock.minute)


def number(value: int | float, decimals: int | None = None) -> str:
    """``1204`` → ``1.204`` (German) / ``1,204`` (English)."""
    if decimals is None and isinstance(value, int):
        return QLocale().toString(value)
    return QLocale().toString(float(value), "f", 0 if decimals is None else decimals)


def short_date(day: date) -> str:
    """``04.12.26`` / ``12/4/26``."""
    return QLocale().toString(_qdate(day), _SHORT)


def clock_time(clock: time | datetime) -> str:
    """``14:20`` / ``2:20 PM``."""
    return QLocale().toString(_qtime(clock), _SHORT)


def weekday(day: date) -> str:
    """The short name of the day: ``Fr.`` / ``Fri``."""
    return QLocale().dayName(day.isoweekday(), _SHORT)


def date_time(moment: datetime) -> str:
    """``04.12.26, 14:20`` / ``12/4/26, 2:20 PM``."""
    return f"{short_date(moment.date())}, {clock_time(moment)}"


def day_date(day: date) -> str:
    """``Fr. 04.12.26`` / ``Fri 12/4/26``."""
    return f"{weekday(day)} {short_date(day)}"


def day_date_time(moment: datetime) -> str:
    """``Fr. 04.12.26, 14:20`` / ``Fri 12/4/26, 2:20 PM``."""
    return f"{day_date(moment.date())}, {clock_time(moment)}"


def day_time(moment: datetime) -> str:
    """``Fr. 14:20`` / ``Fri 2:20 PM``: a clock within the week."""
    return f"{weekday(moment.date())} {clock_time(moment)}"


def qdatetime(moment: datetime) -> QDateTime:
    """The wall clock of ``moment`` as a QDateTime (for date-time editors)."""
    return QDateTime(_qdate(moment.date()), _qtime(moment))


def data_label(text: str | None) -> str:
    """A label from the data files or the store (a reason, an outcome, a role) in the
    current language: the catalog has the shipped ones; a team's own label, in either
    language, is shown as it is. Empty stays empty (gettext's ``""`` is the header)."""
    return _(text) if text else ""
