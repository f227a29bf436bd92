"""Leads pasted from the clipboard, kept as a file to import like any other."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sdrdesk.files import private_dir, write_private
from sdrdesk.i18n import _


def save_pasted(text: str, folder: Path, when: datetime) -> Path:
    """Keep leads pasted from the clipboard (rows copied from a spreadsheet: tab
    separated) as a file in ``folder``, to import like any other: the import report and
    batch name it, and what was pasted is never lost, whatever the import makes of it."""
    private_dir(folder)
    suffix = ".tsv" if "\t" in text else ".csv"
    stem = _("Pasted leads {when}").format(when=f"{when.astimezone():%Y-%m-%d %H.%M.%S}")
    path = folder / f"{stem}{suffix}"
    n = 1
    while path.exists():
        n += 1
        path = folder / f"{stem} ({n}){suffix}"
    write_private(path, text)
    return path
