"""Cell safety for every export a spreadsheet may open (CSV and XLSX).

Text that a spreadsheet would run as a formula (OWASP "CSV Injection") starts with
``=``, ``+``, ``-``, ``@``, a tab or a carriage return, or their full-width forms. It is
neutralised with a leading single quote (CSV) or written as a quote-prefixed text cell
(XLSX, ``feedback.xlsx``). Every exporter (feedback, the rows an import left out) uses
these functions, so they agree on what is dangerous; ``cell`` also takes out what no file
can hold (``domain.safe_text.for_file``).
"""

from __future__ import annotations

from typing import Any

from sdrdesk.domain.safe_text import for_file

# First characters that make a spreadsheet evaluate a cell (OWASP "CSV Injection"),
# with the full-width forms some spreadsheet programs also accept.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def is_dangerous(text: str) -> bool:
    return text.startswith(FORMULA_STARTS)


def neutralise(value: Any) -> Any:
    """Text a spreadsheet would run, made inert with a leading single quote."""
    if isinstance(value, str) and is_dangerous(value):
        return "'" + value
    return value


def cell(value: Any) -> Any:
    """A value as a CSV export writes it: cleaned for a file, then made inert."""
    return neutralise(for_file(value)) if isinstance(value, str) else value
