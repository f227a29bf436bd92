"""Where things are in a TOML file, so a checker can say “line 42, field ‘type’”.

``tomllib`` reports a line only for syntax errors. ``LineMap`` scans a file that
``tomllib`` has already accepted and remembers the line of every table header, key,
array element and inline-table key, addressed by the same path the parsed data uses:
``("sections", 2, "questions", 0, "type")`` is the ``type`` of the first question of the
third section, whether it was written as ``[[sections.questions]]`` or inline.
``TomlReader`` uses the map to check parsed data and word its complaints.
"""

from __future__ import annotations

import contextlib
import re
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _, format_number

Path = tuple[str | int, ...]

_ID = re.compile(r"^[a-z][a-z0-9_]{0,49}$")
_REASON = re.compile(r"^[a-z][a-z0-9_]{1,49}$")
_BARE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")


class LineMap:
    def __init__(self, text: str) -> None:
        self._lines: dict[Path, int] = {}
        # The map helps messages; a surprise in the text leaves what was found so far.
        with contextlib.suppress(IndexError, ValueError):
            _Scanner(text, self._lines).document()

    def line(self, path: Path) -> int | None:
        """The line of ``path``, else of its nearest enclosing table or key."""
        while path:
            found = self._lines.get(path)
            if found is not None:
                return found
            path = path[:-1]
        return None


class _Scanner:
    def __init__(self, text: str, lines: dict[Path, int]) -> None:
        self.s = text
        self.i = 0
        self.line = 1
        self.lines = lines
        self.arrays: dict[Path, int] = {}  # array-of-tables path -> last index

    # --- characters -------------------------------------------------------------------

    def peek(self, n: int = 1) -> str:
        return self.s[self.i : self.i + n]

    def advance(self, n: int = 1) -> None:
        self.line += self.s.count("\n", self.i, self.i + n)
        self.i += n

    def skip(self, *, newlines: bool) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t\r" or (newlines and c == "\n"):
                self.advance()
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.advance((len(self.s) if end < 0 else end) - self.i)
            else:
                return

    # --- structure ----------------------------------------------------------------------

    def document(self) -> None:
        table: Path = ()
        while True:
            self.skip(newlines=True)
            if self.i >= len(self.s):
                return
            if self.peek(2) == "[[":
                table = self.header(array=True)
            elif self.peek() == "[":
                table = self.header(array=False)
            else:
                line = self.line
                parts = self.key()
                self.lines.setdefault(table + parts, line)
                self.skip(newlines=False)
                self.advance()  # "="
                self.skip(newlines=False)
                self.value(table + parts)

    def header(self, *, array: bool) -> Path:
        line = self.line
        self.advance(2 if array else 1)
        self.skip(newlines=False)
        parts = self.key()
        self.skip(newlines=False)
        self.advance(2 if array else 1)
        resolved: Path = ()
        for n, part in enumerate(parts):
            resolved = (*resolved, part)
            if array and n == len(parts) - 1:
                index = self.arrays.get(resolved, -1) + 1
                self.arrays[resolved] = index
                resolved = (*resolved, index)
            elif resolved in self.arrays:
                resolved = (*resolved, self.arrays[resolved])
        self.lines.setdefault(resolved, line)
        return resolved

    def key(self) -> Path:
        parts: list[str] = []
        while True:
            self.skip(newlines=False)
            c = self.peek()
            if c in ('"', "'"):
                parts.append(self.string())
            else:
                start = self.i
                while self.i < len(self.s) and self.s[self.i] in _BARE:
                    self.advance()
                if self.i == start:
                    raise ValueError(_("no key"))
                parts.append(self.s[start : self.i])
            self.skip(newlines=False)
            if self.peek() != ".":
                return tuple(parts)
            self.advance()

    def value(self, path: Path) -> None:
        c = self.peek()
        if c in ('"', "'"):
            self.string()
        elif c == "[":
            self.array(path)
        elif c == "{":
            self.inline_table(path)
        else:
            while self.i < len(self.s) and self.s[self.i] not in ",]}\n#":
                self.advance()

    def array(self, path: Path) -> None:
        self.advance()
        index = 0
        while True:
            self.skip(newlines=True)
            if self.peek() == "]":
                self.advance()
                return
            self.lines.setdefault((*path, index), self.line)
            self.value((*path, index))
            self.skip(newlines=True)
            if self.peek() == ",":
                self.advance()
            index += 1

    def inline_table(self, path: Path) -> None:
        self.advance()
        while True:
            self.skip(newlines=True)
            if self.peek() == "}":
                self.advance()
                return
            line = self.line
            parts = self.key()
            self.lines.setdefault(path + parts, line)
            self.skip(newlines=False)
            self.advance()  # "="
            self.skip(newlines=False)
            self.value(path + parts)
            self.skip(newlines=True)
            if self.peek() == ",":
                self.advance()

    def string(self) -> str:
        quote = self.peek()
        if self.peek(3) == quote * 3:
            self.advance(3)
            end = self.s.index(quote * 3, self.i)
            while self.s[end + 3 : end + 4] == quote:  # """a"""" ends with the last three
                end += 1
            text = self.s[self.i : end]
            self.advance(end + 3 - self.i)
            return text
        self.advance()
        start = self.i
        while self.s[self.i] != quote:
            if quote == '"' and self.s[self.i] == "\\":
                self.advance()
            self.advance()
        text = self.s[start : self.i]
        self.advance()
        return text


class TomlReader:
    """Checks parsed TOML and explains each problem with the line it is on."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = LineMap(text)

    def error(self, path: Path, message: str) -> ValidationError:
        line = self.lines.line(path)
        where = (
            _("{source}, line {line}").format(source=self.source, line=line)
            if line
            else self.source
        )
        return ValidationError(f"{where}: {message}")

    def table(self, value: Any, path: Path, what: str, known: set[str] | None) -> dict[str, Any]:
        """``value`` as a table; with ``known``, a key outside it (a typo) is refused."""
        if not isinstance(value, dict):
            raise self.error(path, _("{what} must be a table.").format(what=what))
        for key in value:
            if known is not None and key not in known:
                raise self.error(
                    (*path, key),
                    _("{what}: field “{key}” is not known (use {known}).").format(
                        what=what, key=key, known=", ".join(sorted(known))
                    ),
                )
        return value

    def text(
        self, table: dict[str, Any], key: str, path: Path, what: str, *, required: bool = True
    ) -> str | None:
        value = table.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, str) or not value.strip():
            if value is None:
                raise self.error(
                    path, _("{what}: field “{key}” is missing.").format(what=what, key=key)
                )
            raise self.error(
                (*path, key),
                _("{what}: field “{key}” must be non-empty text.").format(what=what, key=key),
            )
        return value.strip()

    def number(
        self,
        table: dict[str, Any],
        key: str,
        path: Path,
        what: str,
        *,
        low: float | None = None,
        high: float | None = None,
    ) -> float | None:
        value = table.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise self.error(
                (*path, key),
                _("{what}: field “{key}” must be a number.").format(what=what, key=key),
            )
        if (low is not None and value < low) or (high is not None and value > high):
            if high is not None:
                message = _("{what}: field “{key}” must be {low} to {high}.")
            else:
                message = _("{what}: field “{key}” must be at least {low}.")
            raise self.error(
                (*path, key),
                message.format(
                    what=what, key=key, low=format_number(low or 0), high=format_number(high or 0)
                ),
            )
        return float(value)

    def item(
        self, value: Any, path: Path, kind: str, number: int, known: set[str]
    ) -> tuple[dict[str, Any], str, str]:
        """The ``number``-th (from 1) ``kind`` in a list of tables that each have an ``id``:
        a table with a valid id and only ``known`` keys. Returns the table, its id and
        its name in messages, ``kind “id”``."""
        numbered = _("{kind} {number}").format(kind=kind, number=number)
        table = self.table(value, path, numbered, None)
        ident = self.ident(table, path, numbered)
        what = _("{kind} “{id}”").format(kind=kind, id=ident)
        self.table(table, path, what, known)
        return table, ident, what

    def ident(self, table: dict[str, Any], path: Path, what: str, key: str = "id") -> str:
        value = self.text(table, key, path, what)
        assert value is not None
        if not _ID.match(value):
            raise self.error(
                (*path, key),
                _(
                    "{what}: field “{key}” “{value}” must be lower-case letters, digits and "
                    "underscores, starting with a letter."
                ).format(what=what, key=key, value=value),
            )
        return value

    def reason(self, value: Any, path: Path, what: str, field: str) -> str | None:
        if value is None:
            return None
        if not isinstance(value, str) or not _REASON.match(value):
            raise self.error(
                path,
                _(
                    "{what}: field “{field}” must be the code of a disqualify reason "
                    "(e.g. “no_budget”, see `sdrdesk reasons list`), not “{value}”."
                ).format(what=what, field=field, value=value),
            )
        return value

    def array(self, table: dict[str, Any], key: str, path: Path, what: str) -> list[Any]:
        value = table.get(key, [])
        if not isinstance(value, list):
            raise self.error(
                (*path, key), _("{what}: field “{key}” must be a list.").format(what=what, key=key)
            )
        return value
