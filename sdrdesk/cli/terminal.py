"""What a command prints is escaped: a stored value never drives the terminal.

``escaped()`` puts a writer in front of ``sys.stdout`` and ``sys.stderr`` for the run of
one command, which passes everything through ``domain.safe_text.for_terminal``: an ESC,
a BEL, a backspace, a carriage return or a bidirectional override in a lead's comment
shows as ``\\x1b``, ``\\x07``, ``\\x08``, ``\\r``, ``\\u202e`` instead of acting. It
applies to every command's output, also when it goes to a file or a pipe; exports
written with ``-o`` are files and are cleaned for their format instead.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from sdrdesk.domain.safe_text import for_terminal


class _Escaping:
    """A text stream that escapes control characters and passes the rest on."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(for_terminal(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextmanager
def escaped() -> Iterator[None]:
    """Escape control characters in everything printed inside the block."""
    out, err = sys.stdout, sys.stderr
    if isinstance(out, _Escaping):  # a command run from inside another (tests)
        yield
        return
    sys.stdout = cast(TextIO, _Escaping(out))
    sys.stderr = cast(TextIO, _Escaping(err))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
