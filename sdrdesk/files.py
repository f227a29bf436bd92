"""Private files: what sdrdesk writes is readable by its user only, whatever the umask.

On POSIX the data, config and log folders are 0700 and every file sdrdesk writes there
(the SQLite store and its -wal/-shm, logs, call drafts, pasted leads, settings) is 0600.
Exports (feedback, the rows an import left out, a person's data, a report's picture) and
invites go where the user chose, and are written 0600 as well: they hold names, e-mail
addresses and comments about people. Whoever wants to share one changes its mode
(``chmod 644 FILE``). A file is written to a temporary file beside it and renamed into
place, so a crash never leaves half a file and the mode holds from the first byte.
On Windows the user's profile folders are private already; nothing is changed there.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

PRIVATE_DIR = 0o700
PRIVATE_FILE = 0o600


def private_dir(path: Path) -> Path:
    """``path`` made if missing, and 0700 on POSIX."""
    path.mkdir(parents=True, exist_ok=True, mode=PRIVATE_DIR)
    if os.name == "posix":
        os.chmod(path, PRIVATE_DIR)
    return path


def private_file(path: Path) -> Path:
    """``path`` created empty if missing, and 0600 on POSIX (a SQLite file before SQLite
    opens it: its -wal and -shm files take the database file's mode)."""
    fd = os.open(path, os.O_CREAT | os.O_WRONLY | os.O_APPEND, PRIVATE_FILE)
    os.close(fd)
    if os.name == "posix":
        os.chmod(path, PRIVATE_FILE)
    return path


def write_private(path: Path, data: bytes | str, *, encoding: str = "utf-8") -> None:
    """Write ``data`` to ``path`` atomically, 0600 on POSIX (``str`` as ``encoding``,
    line ends as given). Raises ``OSError`` as ``open`` would."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data.encode(encoding) if isinstance(data, str) else data)
        if os.name == "posix":
            os.chmod(tmp, PRIVATE_FILE)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
