"""Engines and the unit of work.

``Store`` is what services hold: ``with store.write() as s:`` is one transaction that
commits on success, rolls back on error and turns driver errors into the domain's
errors (``StoreUnavailableError``, ``ConflictError``), so nothing above this layer sees
SQLAlchemy exceptions.

SQLite: WAL, foreign keys, a busy timeout, and explicit ``BEGIN`` / ``BEGIN IMMEDIATE``
(write transactions take the write lock up front, so two writers queue on the busy
timeout instead of failing with "database is locked" when a read upgrades to a write).
"""

from __future__ import annotations

import logging
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL, make_url

from sdrdesk.domain.errors import (
    ConflictError,
    PermissionDeniedError,
    StoreUnavailableError,
    ValidationError,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session, sessionmaker

log = logging.getLogger(__name__)

LOCK_TIMEOUT_MS = 10_000


def normalize_url(url: str | URL) -> URL:
    """Use psycopg 3 for ``postgres(ql)://`` URLs; expand ``~`` in SQLite paths."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except sa_exc.ArgumentError as exc:
        raise ValidationError(f"“{url}” is not a database URL ({exc}).") from exc
    backend = parsed.get_backend_name()
    if backend in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
        if parsed.password is None:
            from sdrdesk.db.secrets import lookup_password

            password = lookup_password(parsed)
            if password:
                parsed = parsed.set(password=password)
    elif backend == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            parsed = parsed.set(database=os.path.expanduser(parsed.database))
    else:
        raise ValidationError(
            f"Unsupported database “{backend}”: use a sqlite:/// file or a postgresql:// URL."
        )
    return parsed


def safe_url(url: str | URL) -> str:
    """The URL for messages and logs: never the password."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except sa_exc.ArgumentError:
        return "<invalid database URL>"
    return parsed.render_as_string(hide_password=True)


def make_engine(
    url: str | URL, *, echo: bool = False, lock_timeout_ms: int = LOCK_TIMEOUT_MS
) -> Engine:
    """An engine; ``lock_timeout_ms`` bounds how long a write waits for someone else's lock."""
    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed, echo, lock_timeout_ms)
    return create_engine(
        parsed,
        echo=echo,
        pool_pre_ping=True,
        pool_size=5,
        max_overflow=5,
        pool_recycle=1800,
        connect_args={
            "connect_timeout": 5,
            "application_name": "sdrdesk",
            "options": f"-c lock_timeout={lock_timeout_ms}",
        },
    )


def _sqlite_engine(url: URL, echo: bool, busy_timeout_ms: int) -> Engine:
    if url.database and url.database != ":memory:":
        Path(url.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, echo=echo, connect_args={"timeout": busy_timeout_ms / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # Let SQLAlchemy's "begin" event below emit BEGIN instead of pysqlite.
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={busy_timeout_ms}")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA cache_size=-8192")  # 8 MiB per connection (the pool has a few)
        cursor.execute("PRAGMA temp_store=MEMORY")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sdrdesk_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _is_disconnect(error: sa_exc.DBAPIError) -> bool:
    if error.connection_invalidated:
        return True
    text = str(error.orig).lower() if error.orig is not None else str(error).lower()
    markers = (
        "connection",
        "server closed",
        "terminating",
        "could not connect",
        "timeout",
        "the database system is",
        "unable to open database",
        "database is locked",
        "disk i/o error",
        "lock timeout",
        "readonly database",
    )
    return isinstance(error, sa_exc.OperationalError | sa_exc.InterfaceError) and any(
        m in text for m in markers
    )


def describe_store_error(error: sa_exc.DBAPIError, url: str) -> str:
    orig = str(error.orig or error).strip().splitlines()
    detail = orig[0] if orig else type(error).__name__
    lowered = detail.lower()
    if "database is locked" in lowered or "lock timeout" in lowered:
        return (
            f"The database {url} is busy (someone else is changing the same data); "
            "nothing was saved, try again in a moment."
        )
    if "readonly database" in lowered:
        return f"The database {url} is read-only; nothing was saved."
    return f"The database {url} cannot be reached: {detail}"


# What the user calls the tables a refusal names.
_TABLE_WORDS = {
    "leads": "leads",
    "lead_events": "the lead history",
    "import_batches": "imports",
    "users": "users",
    "rejection_reasons": "rejection reasons",
    "call_attempts": "calls",
    "qualifications": "qualifications",
    "demos": "demos",
    "erasures": "erasures",
    "lead_facts": "the reports' figures",
}
_DENIED = re.compile(r"permission denied for (table|sequence|function|schema) (\S+)")
REFUSAL_PREFIX = "sdrdesk: "  # the team database's own refusals (migration 0009)


def describe_refusal(error: sa_exc.DBAPIError) -> str:
    """One sentence for a refusal by the database (SQLSTATE 42501): what the user's role
    may not do, never the driver's text."""
    lines = str(error.orig or error).strip().splitlines()
    detail = lines[0] if lines else ""
    if detail.startswith(REFUSAL_PREFIX):
        return f"{detail[len(REFUSAL_PREFIX) :]} Nothing was changed."
    match = _DENIED.search(detail)
    if match and match.group(1) == "table":
        what = _TABLE_WORDS.get(match.group(2).strip('"'), match.group(2))
        return (
            f"Your database role may not change {what}; nothing was changed. "
            "Ask whoever runs the team database."
        )
    return (
        "Your database role may not do this; nothing was changed. "
        "Ask whoever runs the team database."
    )


def _is_stale(error: Exception) -> bool:
    """An ORM version check failed (only possible once the ORM is loaded)."""
    orm_exc = sys.modules.get("sqlalchemy.orm.exc")
    return orm_exc is not None and isinstance(error, orm_exc.StaleDataError)


@dataclass
class Store:
    """An engine plus session factories; the only way services reach the database."""

    engine: Engine

    def __post_init__(self) -> None:
        self._sessions: tuple[sessionmaker[Session], sessionmaker[Session]] | None = None

    def _makers(self) -> tuple[sessionmaker[Session], sessionmaker[Session]]:
        """(read, write) session factories, made on first use: the ORM loads only when a
        service needs it (the queue's first page is read with Core, before it)."""
        if self._sessions is None:
            from sqlalchemy.orm import sessionmaker

            self._sessions = (
                sessionmaker(self.engine, expire_on_commit=False),
                sessionmaker(
                    self.engine.execution_options(sdrdesk_write=True), expire_on_commit=False
                ),
            )
        return self._sessions

    @classmethod
    def open(cls, url: str | URL, *, lock_timeout_ms: int = LOCK_TIMEOUT_MS) -> Store:
        return cls(make_engine(url, lock_timeout_ms=lock_timeout_ms))

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def display_url(self) -> str:
        return safe_url(self.engine.url)

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any error."""
        with self._translate_errors(), self._makers()[1].begin() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only transaction (rolled back at the end)."""
        with self._translate_errors(), self._makers()[0]() as session:
            try:
                yield session
            finally:
                session.rollback()

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A read-only transaction on a Core connection (rolled back at the end)."""
        with self._translate_errors(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """One write transaction on a Core connection: commit on success, roll back on
        any error."""
        writer = self.engine.execution_options(sdrdesk_write=True)
        with self._translate_errors(), writer.begin() as connection:
            yield connection

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except sa_exc.DBAPIError as exc:
            if _is_disconnect(exc):
                raise StoreUnavailableError(describe_store_error(exc, self.display_url)) from exc
            if getattr(exc.orig, "sqlstate", None) == "42501":
                raise PermissionDeniedError(describe_refusal(exc)) from exc
            raise
        except Exception as exc:
            if _is_stale(exc):
                raise ConflictError(
                    "Someone else changed this lead at the same moment; it has been reloaded."
                ) from exc
            raise

    def dispose(self) -> None:
        self.engine.dispose()
