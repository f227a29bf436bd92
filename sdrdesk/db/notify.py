"""Being told that the team changed something.

PostgreSQL: a dedicated connection LISTENs on ``sdrdesk_events`` (migration 0004 sends one
NOTIFY per transaction that writes events). SQLite (several processes on one machine):
the event log is polled. Either way ``wait(timeout)`` returns True when the caller should
read the event log, and raises ``StoreUnavailableError`` while the database is gone.
"""

from __future__ import annotations

import contextlib
import logging
import select
import socket
import threading
from typing import Any, Protocol

from sqlalchemy.engine import URL

from sdrdesk.domain.errors import StoreUnavailableError

log = logging.getLogger(__name__)

CHANNEL = "sdrdesk_events"
SQLITE_POLL_SECONDS = 0.4


class ChangeSignal(Protocol):
    def wait(self, timeout: float) -> bool: ...

    def close(self) -> None: ...


class PostgresListener:
    """LISTEN on a connection of its own (autocommit); reconnects on the next ``wait``.

    One thread waits; ``close`` may come from another (the window closing). The
    connection is only ever used under ``_lock``, which ``wait`` holds while it waits: a
    psycopg connection closed under a thread that is reading it frees what that thread
    still reads. So ``close`` first wakes the waiter through a socket pair (``select``
    watches both), then takes the lock and closes the connection itself."""

    def __init__(self, url: URL, channel: str = CHANNEL) -> None:
        self._channel = channel
        self._conninfo = url.set(drivername="postgresql").render_as_string(hide_password=False)
        self._display = url.render_as_string(hide_password=True)
        self._conn: Any = None
        self._lock = threading.Lock()
        self._closed = False
        self._wake_r, self._wake_w = socket.socketpair()
        self._wake_r.setblocking(False)

    def wait(self, timeout: float) -> bool:
        import psycopg

        with self._lock:
            if self._closed:
                return False
            if self._conn is None:
                try:
                    self._conn = psycopg.connect(
                        self._conninfo,
                        autocommit=True,
                        connect_timeout=5,
                        application_name="sdrdesk-listen",
                    )
                    self._conn.execute(f"LISTEN {self._channel}")
                except psycopg.Error as exc:
                    self._drop()
                    raise StoreUnavailableError(self._message(exc)) from exc
                return True  # (re)connected: whatever happened meanwhile must be read
            conn = self._conn
            try:
                select.select([conn.fileno(), self._wake_r], [], [], timeout)
                if self._closed:
                    return False
                # Whatever arrived (also during the last check below) without waiting.
                for _ in conn.notifies(timeout=0, stop_after=1):
                    return True
                # notifies() returns quietly when the server goes away; check the socket.
                conn.execute("SELECT 1")
                return False
            except (psycopg.Error, OSError) as exc:
                self._drop()
                raise StoreUnavailableError(self._message(exc)) from exc

    def _message(self, exc: Exception) -> str:
        detail = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        from sdrdesk.db.engine import cannot_reach

        return cannot_reach(self._display, detail)

    def _drop(self) -> None:
        if self._conn is not None:
            try:
                self._conn.close()
            except Exception:
                log.debug("closing the listener connection failed", exc_info=True)
        self._conn = None

    def close(self) -> None:
        """Stop listening: a ``wait`` in progress returns False at once, later ones too."""
        if self._closed:
            return
        self._closed = True
        with contextlib.suppress(OSError):
            self._wake_w.send(b"x")
        with self._lock:
            self._drop()
            self._wake_r.close()
            self._wake_w.close()


class SqlitePoller:
    """SQLite has no notifications: ask the event log a few times a second."""

    def __init__(self, interval: float = SQLITE_POLL_SECONDS) -> None:
        self._interval = interval
        self._stop = threading.Event()

    def wait(self, timeout: float) -> bool:
        return not self._stop.wait(min(timeout, self._interval))

    def close(self) -> None:
        self._stop.set()


def change_signal(url: URL) -> ChangeSignal:
    if url.get_backend_name() == "postgresql":
        return PostgresListener(url)
    return SqlitePoller()
