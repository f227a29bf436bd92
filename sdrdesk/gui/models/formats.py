"""How the window's views and dialogs show dates, times and numbers, in the locale.

``gui/translation.install`` sets QLocale's default to the locale ``sdrdesk.i18n`` uses
(``de_DE``, ``en_US``): times and numbers come from QLocale ("14:20" / "2:20 PM",
"1.204" / "1,204"), dates with a day's name from the same locale's CLDR patterns through
Babel, which QLocale lacks ("Fr., 4. Dez." / "Fri, Dec 4"). A datetime is shown as its
wall clock: convert it to the zone it is read in first (``astimezone()`` for the SDR's).
"""

from __future__ import annotations

from datetime import date, datetime, time

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime

from sdrdesk.i18n import _, current_locale

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


def _skeleton(pattern: str, day: date) -> str:
    from babel.dates import format_skeleton

    return format_skeleton(pattern, day, locale=current_locale())


def clock_time(clock: time | datetime) -> str:
    """``14:20`` / ``2:20 PM``."""
    return QLocale().toString(_qtime(clock), _SHORT)


def weekday(day: date) -> str:
    """The short name of the day: ``Fr.`` / ``Fri``."""
    return QLocale().dayName(day.isoweekday(), _SHORT)


def date_time(moment: datetime) -> str:
    """``4. Dez., 14:20`` / ``Dec 4, 2:20 PM``."""
    return f"{_skeleton('MMMd', moment.date())}, {clock_time(moment)}"


def day_date(day: date, *, year: bool = False) -> str:
    """``Fr., 4. Dez.`` / ``Fri, Dec 4`` (with the year: ``Fr., 4. Dez. 2026``)."""
    return _skeleton("yMMMEd" if year else "MMMEd", day)


def day_date_time(moment: datetime, *, year: bool = False) -> str:
    """``Fr., 4. Dez., 14:20`` / ``Fri, Dec 4, 2:20 PM``."""
    return f"{day_date(moment.date(), year=year)}, {clock_time(moment)}"


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


def month_day(day: date) -> str:
    """``4. Dez.`` / ``Dec 4``."""
    return _skeleton("MMMd", day)
