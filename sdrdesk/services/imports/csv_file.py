"""Reading a CSV file as people export it: which encoding, which delimiter, which rows.

The encoding is read from a byte-order mark (UTF-8, UTF-16), else the text must be
valid UTF-8, else Windows-1252 (what Excel on a German or US Windows writes). The
delimiter is the one of comma, semicolon, tab and pipe that splits the first records
into the same number of fields as the header (quoted fields may contain the others; a
file with one column is fine). Each record keeps the physical line it starts on, so a
report can point at it even after a quoted field that spans lines.

A spreadsheet (Excel .xlsx, .xls or .xlsb, OpenDocument .ods; recognised by its content,
whatever its name ends with) is read into the same rows (``read``, ``workbook``). Files
that are not CSV at all (an HTML page, a PDF, binary data) are refused with one
sentence saying what the file is.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple

from sdrdesk.domain.errors import ImportFileError
from sdrdesk.i18n import N_, _, format_number
from sdrdesk.services.imports.workbook import SAVE_AS_CSV

DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe"}
_SAMPLE_RECORDS = 200
# Rows above the header a file may have (a report's title and filters), at most.
_TITLE_LINES = 10
_SAMPLE_CHARS = 256 * 1024


class CsvRow(NamedTuple):
    line: int  # physical line (1-based) where the record starts
    values: list[str]


@dataclass(frozen=True)
class CsvFile:
    path: Path
    sha256: str
    encoding: str  # shown to people: "UTF-8", "UTF-8 with BOM", "Windows-1252", …
    delimiter: str
    header: tuple[str, ...]
    header_line: int
    rows: list[CsvRow]  # data records that are not completely empty, in file order
    text: str = ""  # the decoded text the rows were read from
    # Where the header's record ends and where each row's ends: (offset in text, line).
    header_end: tuple[int, int] = (0, 0)
    row_ends: list[tuple[int, int]] = field(default_factory=list)
    sheet: str | None = None  # a workbook's: the rows' line is their row in this sheet
    notes: tuple[str, ...] = ()  # about the file as a whole, for the report

    @property
    def file_name(self) -> str:
        return display_name(self.path)

    @property
    def delimiter_name(self) -> str:
        if self.sheet is not None:
            return _("sheet “{sheet}”").format(sheet=self.sheet)
        return DELIMITERS.get(self.delimiter, repr(self.delimiter))

    @property
    def unit(self) -> str:
        """What the file's numbers count: a CSV file's lines, a sheet's rows."""
        return "line" if self.sheet is None else "row"

    @property
    def has_text(self) -> bool:
        """Whether ``text_of`` can cut the rows' text (a CSV file; not a workbook)."""
        return bool(self.text)

    def with_header_at(self, index: int) -> CsvFile:
        """The file read with ``rows[index]`` as its header (the rows above it are left
        out: a title, a report's filters), for a file whose first row is no header."""
        row = self.rows[index]
        return replace(
            self,
            header=tuple(header_cell(v) for v in row.values),
            header_line=row.line,
            rows=self.rows[index + 1 :],
            header_end=self.row_ends[index] if self.row_ends else self.header_end,
            row_ends=self.row_ends[index + 1 :],
        )

    def text_of(self, start: int, stop: int) -> tuple[int, str]:
        """The text of ``rows[start:stop]`` (and of blank records between them), and the
        number of the line before it: ``rows_in`` reads it back into those rows."""
        offset, line = self.row_ends[start - 1] if start else self.header_end
        end = self.row_ends[stop - 1][0]
        return line, self.text[offset:end]


def rows_in(text: str, delimiter: str, lines_before: int) -> list[CsvRow]:
    """The rows of a piece of a file's text (``CsvFile.text_of``), as ``parse_csv``
    read them: blank records left out, each with its line in the whole file."""
    return [
        CsvRow(lines_before + line, values)
        for line, values, _end in _records(text, delimiter, "", check_quotes=False)
        if not _is_blank(values)
    ]


def parse_csv(path: Path, data: bytes, name: str) -> CsvFile:
    """The rows of ``data``, the content of the CSV file ``path`` (``read.read_file``
    read it and found it is no spreadsheet); ``ImportFileError`` (one sentence) if it is
    no usable CSV."""
    text, encoding = decode(data, name)
    text, forced = _strip_separator_hint(text)
    delimiter = forced or detect_delimiter(text)
    records = _records(text, delimiter, name)
    header: list[str] | None = None
    header_line = 0
    header_end = (0, 0)
    rows: list[CsvRow] = []
    row_ends: list[tuple[int, int]] = []
    for line, values, end in records:
        if header is None:
            if _is_blank(values):
                continue
            header, header_line, header_end = (
                [header_cell(v) for v in values],
                line,
                end,
            )
            continue
        if not _is_blank(values):
            rows.append(CsvRow(line, values))
            row_ends.append(end)
    if header is None:
        raise ImportFileError(_("{name} is empty.").format(name=name))
    if not rows:
        raise ImportFileError(
            _("{name} has a header line but no data rows; there is nothing to import.").format(
                name=name
            )
        )
    return CsvFile(
        path=path,
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=encoding,
        delimiter=delimiter,
        header=tuple(header),
        header_line=header_line,
        rows=rows,
        text=text,
        header_end=header_end,
        row_ends=row_ends,
    )


def header_cell(value: str) -> str:
    """A column's name as the header shows it: no byte-order mark, no control characters."""
    return _CONTROL.sub("", value.replace("\ufeff", "")).strip()


def display_name(path: Path, *, full: bool = False) -> str:
    """A file's name (or whole path) to show and store: undecodable bytes in it (POSIX
    file names are bytes) become U+FFFD instead of breaking output or the database."""
    text = str(path) if full else path.name or str(path)
    return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


# --- encoding -----------------------------------------------------------------------------

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig", N_("UTF-8 with BOM")),
    (b"\xff\xfe", "utf-16-le", "UTF-16 LE"),
    (b"\xfe\xff", "utf-16-be", "UTF-16 BE"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text of ``data`` and its encoding's name, or ``ImportFileError``."""
    _refuse_other_formats(data, name)
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            if label.startswith("UTF-16") and data.startswith(b"\xff\xfe\x00\x00"):
                raise ImportFileError(
                    _("{name} is UTF-32 text; save it as UTF-8 and try again.").format(name=name)
                )
            try:
                text = data[len(bom) :].decode(codec.removesuffix("-sig"))
            except UnicodeDecodeError as exc:
                raise ImportFileError(
                    _(
                        "{name} starts like {label} text but is not ({reason} at byte {value})."
                    ).format(name=name, label=label, reason=exc.reason, value=exc.start + len(bom))
                ) from exc
            return _refuse_binary(text, name), label
    if b"\x00" in data:
        text_16 = _utf16_without_bom(data)
        if text_16 is not None:
            return _refuse_binary(text_16[0], name), text_16[1]
        raise ImportFileError(
            _(
                "{name} is not a text file (it contains NUL bytes); it cannot be imported as CSV."
            ).format(name=name)
        )
    try:
        return _refuse_binary(data.decode("utf-8"), name), "UTF-8"
    except UnicodeDecodeError:
        pass
    try:
        return _refuse_binary(data.decode("cp1252"), name), "Windows-1252"
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _(
                "{name} is neither UTF-8 nor Windows-1252 text (byte "
                "0x{byte:02X} at position {start}); save it as “CSV UTF-8” "
                "and try again."
            ).format(name=name, byte=data[exc.start], start=exc.start)
        ) from exc


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:4096]
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    for zeros, codec, label in ((odd, "utf-16-le", "UTF-16 LE"), (even, "utf-16-be", "UTF-16 BE")):
        if half and zeros > 0.9 * half:
            try:
                return data.decode(codec), label
            except UnicodeDecodeError:
                return None
    return None


def _refuse_other_formats(data: bytes, name: str) -> None:
    head = data[:2048]
    if head.startswith(b"PK\x03\x04"):  # (a spreadsheet was read before)
        raise ImportFileError(
            _(
                "{name} is a ZIP archive, not CSV or a spreadsheet; unpack "
                "it and import the CSV or workbook inside."
            ).format(name=name)
        )
    if head.startswith(b"%PDF"):
        raise ImportFileError(_("{name} is a PDF document, not CSV.").format(name=name))
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"urn:schemas-microsoft-com:office:spreadsheet" in lowered:
        raise ImportFileError(
            _("{name} is an Excel XML spreadsheet, not CSV; {save_as_csv}.").format(
                name=name, save_as_csv=_(SAVE_AS_CSV)
            )
        )
    if lowered.startswith((b"<!doctype html", b"<html", b"<table", b"<head")) or (
        lowered.startswith(b"<") and (b"<html" in lowered or b"<table" in lowered)
    ):
        raise ImportFileError(
            _(
                "{name} is a web page (HTML), not CSV (some programs save "
                "HTML tables as “Excel” files); {save_as_csv}."
            ).format(name=name, save_as_csv=_(SAVE_AS_CSV))
        )
    if lowered.startswith(b"<?xml"):
        raise ImportFileError(_("{name} is an XML document, not CSV.").format(name=name))
    if lowered.startswith(b"begin:vcalendar"):
        raise ImportFileError(
            _("{name} is a calendar file (iCalendar), not CSV.").format(name=name)
        )
    if lowered.startswith(b"begin:vcard"):
        raise ImportFileError(
            _(
                "{name} is a vCard contact file, not CSV; export the contacts as CSV instead."
            ).format(name=name)
        )


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _refuse_binary(text: str, name: str) -> str:
    sample = text[:65536]
    if len(sample) > 16 and len(_CONTROL.findall(sample)) > len(sample) // 10:
        raise ImportFileError(
            _("{name} looks like binary data, not text; it cannot be imported as CSV.").format(
                name=name
            )
        )
    return text


# --- delimiter and records ----------------------------------------------------------------

_SEP_HINT = re.compile(r"\A\"?sep=(.)\"?[ \t]*(?:\r\n|\n|\r)")


def _strip_separator_hint(text: str) -> tuple[str, str | None]:
    """Excel's ``sep=;`` first line names the delimiter; the line itself is no data."""
    match = _SEP_HINT.match(text)
    if match is None:
        return text, None
    # Keep the line count right: the hint line becomes an empty line (skipped as blank).
    return "\n" + text[match.end() :], match.group(1)


def detect_delimiter(text: str) -> str:
    """The delimiter that splits the first records most consistently into > 1 fields."""
    sample = text[:_SAMPLE_CHARS]
    cut = len(text) > len(sample)
    best, best_score = ",", (0.0, 0, 0)
    for order, delimiter in enumerate((",", ";", "\t", "|")):
        try:
            counts = [
                len(values)
                for _line, values, _end in _records(sample, delimiter, "", limit=_SAMPLE_RECORDS)
                if not _is_blank(values)
            ]
        except ImportFileError:
            continue
        if cut and len(counts) > 2:
            counts.pop()  # the sample may end inside the last record
        # A title line or two above the header ("Report: MQLs March") is one field
        # whatever the delimiter: the header is the first record of several fields.
        leading = 0
        while leading < _TITLE_LINES and leading < len(counts) - 1 and counts[leading] < 2:
            leading += 1
        counts = counts[leading:]
        if not counts or counts[0] < 2:
            continue
        width = counts[0]
        rows = counts[1:] or [width]
        consistency = sum(1 for c in rows if c == width) / len(rows)
        score = (consistency, width, -order)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _records(
    text: str, delimiter: str, name: str, limit: int | None = None, check_quotes: bool = True
) -> Iterator[tuple[int, list[str], tuple[int, int]]]:
    """(start line, values, (end offset, end line)) for each record; a record may span
    lines inside quotes."""
    stream = io.StringIO(text, newline="")
    reader = csv.reader(stream, delimiter=delimiter, strict=False)
    previous_end = 0
    count = 0
    last: tuple[int, list[str]] | None = None
    try:
        for values in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            last = (start, values)
            yield start, values, (stream.tell(), previous_end)
            count += 1
            if limit is not None and count >= limit:
                return
    except csv.Error as exc:
        detail = str(exc)
        if "field larger than field limit" in detail:
            detail = _(
                "a field after line {line} is longer than {limit} characters (probably a "
                "quote that is never closed)"
            ).format(line=previous_end, limit=format_number(csv.field_size_limit()))
        raise ImportFileError(
            _("{name} cannot be read as CSV: {detail}.").format(name=name, detail=detail)
        ) from exc
    # A quote that is never closed swallows the rest of the file into the last record.
    if (
        limit is None
        and check_quotes
        and last is not None
        and previous_end > last[0]
        and _unclosed_quote(text, last[0], delimiter)
    ):
        raise ImportFileError(
            _(
                "{name} cannot be read as CSV: the quote opened in line "
                "{last} is never closed, so the rest of the file would be "
                "one field; fix it and try again."
            ).format(name=name, last=last[0])
        )


def _unclosed_quote(text: str, start_line: int, delimiter: str) -> bool:
    """Whether the record starting on ``start_line`` runs to the end of the file inside
    quotes (only asked for a record spanning lines, so rarely)."""
    stream = io.StringIO(text, newline="")
    for _line in range(start_line - 1):
        stream.readline()
    reader = csv.reader(stream, delimiter=delimiter, strict=True)
    try:
        next(reader, None)
    except csv.Error as exc:
        return "unexpected end of data" in str(exc)
    return False


def _is_blank(values: list[str]) -> bool:
    if values and values[0] and not values[0].isspace():  # most rows: at a glance
        return False
    return not "".join(values).strip()
