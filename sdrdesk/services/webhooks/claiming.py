"""The dispatcher's own transactions: claiming a batch, renewing its lease, recording it.

On SQLite there is one write lock for the whole file, and SQLite's busy handler lets a
waiting writer sleep longer and longer (up to 100 ms a try): while intake or an SDR
commits many short transactions in a row, a dispatcher that waits like that finds the
lock free only now and then, and deliveries lag seconds behind their commits. So the
dispatcher writes through an engine of its own with a busy timeout of a few
milliseconds and tries again at once, up to the usual lock timeout: it takes the lock in
the first gap between two other transactions. It also watches ``PRAGMA data_version``
(which changes when another connection commits), so a look for new deliveries costs one
pragma while nothing changes.

On PostgreSQL the service's store is used as it is (row locks, ``SKIP LOCKED``; other
processes' commits arrive by NOTIFY).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import Engine, create_engine, event, or_, select, update
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import URL
from sqlalchemy.orm import Session

from sdrdesk.db.engine import LOCK_TIMEOUT_MS, Store
from sdrdesk.db.models import WebhookDelivery, WebhookEndpoint
from sdrdesk.domain.errors import StoreUnavailableError
from sdrdesk.services.webhooks import marking
from sdrdesk.services.webhooks.marking import Claimed
from sdrdesk.services.webhooks.outbox import LIVE

T = TypeVar("T")

FAST_LOCK_MS = 2  # SQLite: one try at the write lock, then the loop below tries again


class Writer:
    """Write transactions that do not starve behind a busy SQLite file."""

    def __init__(self, store: Store) -> None:
        self._shared = store
        database = store.engine.url.database
        self._own = store.is_sqlite and bool(database) and database != ":memory:"
        self.store = Store(_fast_sqlite_engine(store.engine.url)) if self._own else store
        self._watch: Any = None
        self._version: Any = None

    def run(self, work: Callable[[Session], T]) -> T:
        """``work`` in one write transaction (tried again while SQLite's lock is taken:
        BEGIN IMMEDIATE failed, so nothing of it ran)."""
        deadline = time.monotonic() + LOCK_TIMEOUT_MS / 1000
        while True:
            try:
                with self.store.write() as s:
                    return work(s)
            except StoreUnavailableError as exc:
                if not (self._own and _locked(exc)) or time.monotonic() > deadline:
                    raise
                time.sleep(0.0005)

    def changed(self) -> bool:
        """SQLite: whether another connection committed since the last look (True the
        first time, and always on PostgreSQL)."""
        if not self._own:
            return True
        if self._watch is None:
            self._watch = self.store.engine.raw_connection()
        cursor = self._watch.cursor()
        try:
            version = cursor.execute("PRAGMA data_version").fetchone()[0]
        finally:
            cursor.close()
        changed = version != self._version
        self._version = version
        return bool(changed)

    def close(self) -> None:
        if self._watch is not None:
            self._watch.close()
            self._watch = None
        if self._own:
            self.store.dispose()


def _fast_sqlite_engine(url: URL) -> Engine:
    """An engine on the same SQLite file whose writers give up on a taken lock after
    ``FAST_LOCK_MS``; otherwise as ``make_engine`` sets SQLite up (the file exists and is
    in WAL mode already). Not ``make_engine`` itself: it opens and closes the file to set
    its mode, and closing any descriptor of a file drops every POSIX lock this process
    holds on it, those of SQLite's open connections too (a commit of the intake service
    in this process was lost that way)."""
    engine = create_engine(url, connect_args={"timeout": FAST_LOCK_MS / 1000})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # BEGIN comes from the "begin" event below
        cursor = dbapi_conn.cursor()
        for pragma in ("foreign_keys=ON", f"busy_timeout={FAST_LOCK_MS}", "synchronous=NORMAL"):
            cursor.execute(f"PRAGMA {pragma}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        immediate = conn.get_execution_options().get("sdrdesk_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def _locked(exc: StoreUnavailableError) -> bool:
    cause = exc.__cause__
    return isinstance(cause, sa_exc.OperationalError) and "locked" in str(cause.orig).lower()


def claim(s: Session, *, name: str, now: datetime, lease: float, limit: int) -> list[Claimed]:
    """Up to ``limit`` due deliveries of live endpoints, oldest first, leased to ``name``
    until ``now + lease`` (rows another dispatcher holds are skipped on PostgreSQL)."""
    d, e = WebhookDelivery, WebhookEndpoint
    due = (
        select(d.id)
        .join(e, e.id == d.endpoint_id)
        .where(
            d.status == "pending",
            d.available_at <= now,
            or_(d.locked_until.is_(None), d.locked_until < now),
            e.status.in_(LIVE),
        )
        .order_by(d.available_at, d.id)
        .limit(limit)
    )
    if s.get_bind().dialect.name != "sqlite":
        due = due.with_for_update(of=d, skip_locked=True)
    ids = list(s.scalars(due))
    if not ids:
        return []
    until = now + timedelta(seconds=lease)
    s.execute(update(d).where(d.id.in_(ids)).values(locked_by=name, locked_until=until))
    return marking.load_claimed(s, ids)


def renew(s: Session, *, name: str, ids: list[int], until: datetime) -> None:
    """The lease of the deliveries still being sent runs on (only while this dispatcher
    holds them)."""
    d = WebhookDelivery
    s.execute(
        update(d)
        .where(d.id.in_(ids), d.locked_by == name, d.status == "pending")
        .values(locked_until=until)
    )


class LeaseKeeper:
    """Renews a batch's lease every third of it while the batch is being sent, so a
    short lease (just longer than one request's timeout) holds for a long batch, and a
    dispatcher that dies leaves its batch to another within one lease."""

    def __init__(
        self, writer: Writer, name: str, ids: list[int], lease: float, now: Callable[[], datetime]
    ) -> None:
        self._done = threading.Event()
        self._args = (writer, name, ids, lease, now)
        self._thread = threading.Thread(target=self._run, name="sdrdesk-webhook-lease", daemon=True)

    def __enter__(self) -> LeaseKeeper:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._done.set()
        self._thread.join()

    def _run(self) -> None:
        writer, name, ids, lease, now = self._args
        while not self._done.wait(lease / 3):
            until = now() + timedelta(seconds=lease)
            try:
                writer.run(partial(renew, name=name, ids=ids, until=until))
            except Exception:
                marking.log.warning("Webhook dispatcher: could not renew a lease", exc_info=True)
