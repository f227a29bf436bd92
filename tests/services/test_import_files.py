"""Files an import refuses whole, a file name that is not UTF-8, and a file read once."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from sdrdesk.db.models import ImportBatch
from sdrdesk.domain.errors import ImportFileError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import ImportService
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.file_reads import record_reads
from tests.services.import_helpers import counts, run, write_csv


def test_a_file_without_any_contact_column_is_still_refused_whole(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    """No row near the top names a contact column: the first row stays the header, and
    the error names its columns."""
    path = write_csv(tmp_path, [["Title"], ["Name", "Company"], ["Ann", "X"], ["Bo", "Y"]])
    before = counts(ctx)
    with pytest.raises(ImportFileError, match=r"has no column for email, phone or mobile.*“Title”"):
        run(ctx, sdr, path)
    assert counts(ctx) == before


def _damaged_workbook(tmp_path: Path) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("xl/workbook.xml", "<not a workbook")
    return buffer.getvalue()


def _workbook_without_rows(tmp_path: Path) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.active.append(["Email", "Phone"])
    book.save(tmp_path / "book.xlsx")
    return (tmp_path / "book.xlsx").read_bytes()


BROKEN: dict[str, tuple[Any, str]] = {
    "missing": (None, "does not exist"),
    "damaged-workbook": (_damaged_workbook, "looks like an Excel workbook, but it cannot be read"),
    "workbook-header-only": (_workbook_without_rows, "no data rows in sheet"),
    "folder": ("folder", "is a folder"),
    "empty": (b"", "is empty"),
    "header-only": (b"Email,Phone\r\n", "no data rows"),
    "binary": (bytes(range(256)) * 8, "not a text file"),
    "html-renamed": (b"<!DOCTYPE html><html><table><tr><td>x</td></tr></table>", "web page"),
    "wrong-columns": (b"Name,Company\r\nAnn,X\r\n", "has no column for email, phone or mobile"),
}


@pytest.mark.parametrize("case", list(BROKEN))
def test_broken_files_change_nothing(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, case: str
) -> None:
    add_lead(ctx, email="already@x.example")
    before = counts(ctx)
    content, message = BROKEN[case]
    path = tmp_path / "leads.csv"
    if content == "folder":
        path.mkdir()
    elif callable(content):
        path.write_bytes(content(tmp_path))
    elif content is not None:
        path.write_bytes(content)

    with pytest.raises(ImportFileError, match=message) as error:
        run(ctx, sdr, path)

    assert "\n" not in str(error.value)
    assert counts(ctx) == before


def test_a_file_name_that_is_not_utf8_is_shown_and_stored_readably(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = tmp_path / os.fsdecode(b"Leads M\xe4rz.csv")  # a Latin-1 name on a UTF-8 system
    try:
        path.write_bytes(b"Email\r\na@x.example\r\n")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system does not take such names")
    report = run(ctx, sdr, path)
    assert report.file_name == "Leads M\ufffdrz.csv"
    report.summary().encode("utf-8")  # printable
    with ctx.store.read() as s:
        assert s.scalar(select(ImportBatch.file_name)) == "Leads M\ufffdrz.csv"


def test_an_import_reads_its_file_once(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Read, previewed, estimated and imported: the file is read from disk once; read
    again only when it changed on disk since (size or modification time)."""
    path = write_csv(tmp_path, [["Email", "Phone"], ["a@x.example", "030 1234567"]])
    reads = record_reads(monkeypatch, path)
    service = ImportService(ctx)
    file = service.read(path)
    preview = service.preview(file)
    service.run(path, actor_id=sdr.id, prepared=preview, dry_run=True)
    report = service.run(path, actor_id=sdr.id, prepared=preview, columns=preview.targets)
    assert report.imported == 1
    assert len(reads) == 1

    assert service.preview(file).rows == 1  # unchanged: what was read
    assert len(reads) == 1
    path.write_text("Email\nb@x.example\nc@x.example\n", encoding="utf-8")
    assert service.preview(file).rows == 2  # changed since: read again
    assert len(reads) == 2

    service.run(path, actor_id=sdr.id, dry_run=True)  # no preview: read once
    assert len(reads) == 3
