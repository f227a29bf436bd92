"""Reading CSV files as people export them: encodings, delimiters, line ends, broken files."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sdrdesk.domain.errors import ImportFileError
from sdrdesk.services.imports.read import read_csv_file

GERMAN = "Vorname;Nachname;Firma\r\nJürgen;Müller;Müller & Söhne GmbH\r\nÄnne;Weiß;Straße €\r\n"


def write(tmp_path: Path, data: bytes, name: str = "leads.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (GERMAN.encode("utf-8"), "UTF-8"),
        (b"\xef\xbb\xbf" + GERMAN.encode("utf-8"), "UTF-8 with BOM"),
        (GERMAN.encode("cp1252"), "Windows-1252"),
        (GERMAN.encode("utf-16"), "UTF-16 LE"),  # Python writes a little-endian BOM
        (b"\xfe\xff" + GERMAN.encode("utf-16-be"), "UTF-16 BE"),
    ],
    ids=["utf8", "utf8-bom", "cp1252", "utf16le-bom", "utf16be-bom"],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str) -> None:
    source = read_csv_file(write(tmp_path, data))
    assert source.encoding == encoding
    assert source.delimiter_name == "semicolon"
    assert source.header == ("Vorname", "Nachname", "Firma")
    assert [r.values for r in source.rows] == [
        ["Jürgen", "Müller", "Müller & Söhne GmbH"],
        ["Änne", "Weiß", "Straße €"],
    ]


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ('email,name,note\na@x.example,"Doe; John","a|b\tc"\n', ","),
        ('email;name;note\na@x.example;"Doe, John";"a|b\tc"\n', ";"),
        ('email\tname\tnote\na@x.example\t"Doe, John"\t"a;b|c"\n', "\t"),
        ('email|name|note\na@x.example|"Doe, John"|"a;b\tc"\n', "|"),
    ],
    ids=["comma", "semicolon", "tab", "pipe"],
)
def test_delimiters_with_the_others_inside_quoted_fields(
    tmp_path: Path, text: str, delimiter: str
) -> None:
    source = read_csv_file(write(tmp_path, text.encode()))
    assert source.delimiter == delimiter
    assert source.header == ("email", "name", "note")
    assert len(source.rows) == 1
    assert len(source.rows[0].values) == 3


def test_semicolon_file_with_decimal_commas_is_not_taken_for_comma(tmp_path: Path) -> None:
    text = "E-Mail;Umsatz;Score\na@x.example;1,5;80,5\nb@x.example;2,25;70\n"
    source = read_csv_file(write(tmp_path, text.encode()))
    assert source.delimiter == ";"
    assert source.rows[0].values == ["a@x.example", "1,5", "80,5"]


def test_a_file_with_one_column_is_fine(tmp_path: Path) -> None:
    source = read_csv_file(write(tmp_path, b"Email\na@x.example\nb@x.example\n"))
    assert source.header == ("Email",)
    assert [r.values for r in source.rows] == [["a@x.example"], ["b@x.example"]]


def test_excel_separator_hint_line(tmp_path: Path) -> None:
    source = read_csv_file(write(tmp_path, b"sep=;\r\nEmail;Name\r\na@x.example;A, B\r\n"))
    assert source.delimiter == ";"
    assert source.header == ("Email", "Name")
    assert source.header_line == 2
    assert source.rows[0].line == 3


def test_rows_keep_the_line_they_start_on(tmp_path: Path) -> None:
    text = (
        "\r\n"  # blank line before the header
        "Email,Notes\r\n"  # line 2
        'a@x.example,"two\r\nlines"\r\n'  # lines 3-4
        "\r\n"  # line 5, blank
        ",\r\n"  # line 6, only delimiters: empty too
        'b@x.example,"three\nlines\nhere"\r\n'  # lines 7-9
        "c@x.example,last\r\n"  # line 10
    )
    source = read_csv_file(write(tmp_path, text.encode()))
    assert source.header_line == 2
    assert [(r.line, r.values[0]) for r in source.rows] == [
        (3, "a@x.example"),
        (7, "b@x.example"),
        (10, "c@x.example"),
    ]
    assert source.rows[0].values[1] == "two\r\nlines"


def test_old_mac_line_ends(tmp_path: Path) -> None:
    source = read_csv_file(write(tmp_path, b"Email,Name\ra@x.example,A\rb@x.example,B\r"))
    assert [(r.line, r.values) for r in source.rows] == [
        (2, ["a@x.example", "A"]),
        (3, ["b@x.example", "B"]),
    ]


def test_header_cells_lose_bom_and_control_characters(tmp_path: Path) -> None:
    data = b"\xef\xbb\xbf\xef\xbb\xbf Email\x01 ,Name\na@x.example,A\n"
    assert read_csv_file(write(tmp_path, data)).header == ("Email", "Name")


def test_file_hash_identifies_the_content(tmp_path: Path) -> None:
    one = read_csv_file(write(tmp_path, b"Email\na@x.example\n", "one.csv"))
    two = read_csv_file(write(tmp_path, b"Email\na@x.example\n", "two.csv"))
    other = read_csv_file(write(tmp_path, b"Email\nb@x.example\n", "three.csv"))
    assert one.sha256 == two.sha256 != other.sha256
    assert len(one.sha256) == 64


def _xlsx(path: Path) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Email", "Name"])
    book.save(path)
    return path.read_bytes()


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: b"", "leads.csv is empty"),
        (lambda p: b" \r\n\r\n\t\n", "leads.csv is empty"),
        (lambda p: b"Email,Name\r\n", "has a header line but no data rows"),
        (lambda p: b"Email,Name\n,\n\n", "has a header line but no data rows"),
        (lambda p: b"Email,Name\na@x.example,\x00\x00\x01\n", "not a text file"),
        (lambda p: bytes(range(256)) * 4, "not a text file"),
        (lambda p: b"Email\n\x81\x8d\x8f\x90\x9d\n", "neither UTF-8 nor Windows-1252"),
        (_xlsx, "has a header row but no data rows in sheet “Sheet”"),
        (
            lambda p: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600),
            "is an old Office file, and it cannot be read as an Excel 97-2003 workbook",
        ),
        (
            lambda p: (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
                + bytes(1000)
                + "EncryptionInfo\0EncryptedPackage".encode("utf-16-le")
                + bytes(600)
            ),
            "is protected by a password",
        ),
        (
            lambda p: b"<html><body><table><tr><td>Email</td></tr></table></body></html>",
            "is a web page (HTML), not CSV",
        ),
        (
            lambda p: (
                b'<?xml version="1.0"?>\n<Workbook xmlns="urn:schemas-microsoft-com:'
                b'office:spreadsheet">'
            ),
            "Excel XML spreadsheet",
        ),
        (lambda p: b"%PDF-1.7\n", "PDF document"),
        (lambda p: b'<?xml version="1.0"?>\n<odoo><record/></odoo>', "is an XML document"),
        (lambda p: b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n", "is a calendar file"),
        (lambda p: b"BEGIN:VCARD\r\nFN:Ann\r\n", "is a vCard contact file"),
        (lambda p: b'Email,Notes\na@x.example,"never closed\nb@x.example,x\n', "never closed"),
    ],
    ids=[
        "empty",
        "blank",
        "header-only",
        "header-and-empty-rows",
        "nul-bytes",
        "binary",
        "undecodable",
        "xlsx",
        "xls",
        "encrypted",
        "html",
        "excel-xml",
        "pdf",
        "xml",
        "ics",
        "vcard",
        "unclosed-quote",
    ],
)
def test_broken_files_are_refused_in_one_sentence(
    tmp_path: Path, make: object, message: str
) -> None:
    path = tmp_path / "leads.csv"
    path.write_bytes(make(tmp_path / "book.xlsx"))  # type: ignore[operator]
    with pytest.raises(ImportFileError, match=re.escape(message)) as error:
        read_csv_file(path)
    assert "\n" not in str(error.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="does not exist"):
        read_csv_file(tmp_path / "nope.csv")


def test_a_folder(tmp_path: Path) -> None:
    with pytest.raises(ImportFileError, match="is a folder, not a CSV file"):
        read_csv_file(tmp_path)


def test_utf16_without_bom(tmp_path: Path) -> None:
    source = read_csv_file(write(tmp_path, "Email,Name\na@x.example,Jörg\n".encode("utf-16-le")))
    assert source.encoding == "UTF-16 LE"
    assert source.rows[0].values == ["a@x.example", "Jörg"]
