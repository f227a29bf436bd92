"""Text on its way out: the one place that makes a stored value fit where it goes.

A value is stored as it was entered (only a NUL or a lone surrogate, which no database
stores, is refused at input: ``db/engine.py`` refuses it in any text written, with
``unstorable_message``), but not every format can hold every character. Every export (XLSX,
CSV, JSON, an .ics invite) passes its text through ``for_file``, and everything the
command line prints passes through ``for_terminal``:

- ``for_file``: a control character other than tab, line feed and carriage return
  (C0, DEL and C1: U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+007F–U+009F), the
  non-characters U+FFFE and U+FFFF, and a lone surrogate (U+D800–U+DFFF, which no UTF-8
  file can hold) each become U+FFFD, the replacement character "�", so a reader sees
  that something was there. Everything else round-trips exactly.
- ``for_terminal``: the same characters, the carriage return, and the bidirectional
  overrides that reorder what the terminal shows (U+202A–U+202E, U+2066–U+2069) are
  written as visible escapes (``\\x1b``, ``\\u202e``), so a stored value never moves
  the cursor, changes colours or sets the window title. Line feeds and tabs stay.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from sdrdesk.i18n import _

REPLACEMENT = "\ufffd"

_FILE_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_TERMINAL_UNSAFE = re.compile(
    # A CR of a CRLF line end (CSV on stdout) is a line end, not a control to escape.
    "\r(?!\n)|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff\u202a-\u202e\u2066-\u2069]"
)


def for_file(text: str) -> str:
    """``text`` with every character an export cannot hold replaced by U+FFFD."""
    if text.isprintable():  # no control character, no surrogate, no U+FFFE/U+FFFF
        return text
    return _FILE_UNSAFE.sub(REPLACEMENT, text)


def value_for_file(value: Any) -> Any:
    """``for_file`` for a string, every string inside a list or a mapping (JSON), and
    anything else unchanged."""
    if isinstance(value, str):
        return for_file(value)
    if isinstance(value, Mapping):
        return {value_for_file(k): value_for_file(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [value_for_file(v) for v in value]
    return value


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def for_terminal(text: str) -> str:
    """``text`` with control characters and bidirectional overrides made visible."""
    return _TERMINAL_UNSAFE.sub(_escape, text)


def unstorable_message(text: str) -> str:
    """One sentence for text no database can store: a NUL, else a lone surrogate."""
    if "\x00" in text:
        return nul_message()
    return _(
        "The text contains a broken character (a lone UTF-16 surrogate), which cannot be "
        "stored; type it again or paste it from another program."
    )


def nul_message() -> str:
    return _(
        "The text contains a NUL character (\\0), which cannot be stored; remove it and try again."
    )
