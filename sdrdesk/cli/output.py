"""How the commands show things to a person: tables, dates and numbers in the locale.

German: ``04.12.2026 14:20`` and ``1.234``; US English: ``Dec 4, 2026 2:20 PM`` and
``1,234`` (Babel, through ``sdrdesk.i18n``). Machine-readable output (``--json``) never
goes through here: its keys and values stay as they are, whatever the language.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sdrdesk.i18n import format_date, format_number, format_time

__all__ = ["format_number", "print_table", "weekday_time", "when"]

COLUMN_LIMIT = 30
_SPACES = str.maketrans({"\u202f": " ", "\u00a0": " "})


def _plain(text: str) -> str:
    """CLDR puts narrow no-break spaces in times (``2:20 PM``); a terminal and a ``grep``
    get plain ones."""
    return text.translate(_SPACES)


def when(at: datetime, *, seconds: bool = False) -> str:
    """A moment in the machine's time zone, as the locale writes it (date, then time)."""
    local = at.astimezone()
    return _plain(
        f"{format_date(local.date())} {format_time(local, 'medium' if seconds else 'short')}"
    )


def weekday_time(at: datetime) -> str:
    """``Fr. 14:20 CET`` / ``Fri 2:20 PM CET``: a moment as someone in ``at``'s zone sees it."""
    zone_name = at.strftime("%Z")
    text = f"{format_date(at.date(), 'EEE')} {format_time(at, 'short')}"
    return _plain(f"{text} {zone_name}" if zone_name else text)


def print_table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """Columns as wide as their longest cell (at most ``COLUMN_LIMIT``), two spaces apart."""
    widths = [
        min(COLUMN_LIMIT, max(len(r[i]) for r in [header, *rows])) for i in range(len(header))
    ]
    for row in [header, *rows]:
        print(
            "  ".join(
                cell[:COLUMN_LIMIT].ljust(w) for cell, w in zip(row, widths, strict=True)
            ).rstrip()
        )
