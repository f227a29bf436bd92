"""Which threads open a file, and how often: for tests that an import reads its file
once, and never on the GUI thread."""

from __future__ import annotations

import builtins
import os
import pathlib
import threading
from typing import Any

import pytest


def record_reads(monkeypatch: pytest.MonkeyPatch, path: pathlib.Path) -> list[threading.Thread]:
    """The threads that open ``path`` to read it from now on (``Path.open``, which
    ``read_bytes`` and ``read_text`` use, or ``open``), one entry per opening."""
    target = os.path.realpath(path)
    threads: list[threading.Thread] = []
    path_open, plain_open = pathlib.Path.open, builtins.open

    def note(file: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> None:
        mode = str(args[0] if args else kwargs.get("mode", "r"))
        if set(mode) & set("wax+"):
            return  # written, not read
        if isinstance(file, str | bytes | os.PathLike) and os.path.realpath(file) == target:
            threads.append(threading.current_thread())

    def opening_path(self: pathlib.Path, *args: Any, **kwargs: Any) -> Any:
        note(self, args, kwargs)
        return path_open(self, *args, **kwargs)

    def opening(file: Any, *args: Any, **kwargs: Any) -> Any:
        note(file, args, kwargs)
        return plain_open(file, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", opening_path)
    monkeypatch.setattr(builtins, "open", opening)
    return threads
