"""Waking the dispatchers of this process when an outbox row is committed.

``emit`` marks its session; after that session commits, every dispatcher registered
for the same database (in this process) is woken at once, so a delivery leaves within
milliseconds of its commit. Other processes learn of it from PostgreSQL's NOTIFY
(``sdrdesk_webhooks``, sent by the emit function at commit) or, on SQLite, by polling
a few times a second.
"""

from __future__ import annotations

import threading
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session

MARK = "sdrdesk_webhooks_emitted"
_lock = threading.Lock()
_waiters: dict[str, set[threading.Event]] = {}


def database_key(url: Any) -> str:
    return str(url.render_as_string(hide_password=True))


def register(key: str, waiter: threading.Event) -> None:
    with _lock:
        _waiters.setdefault(key, set()).add(waiter)


def unregister(key: str, waiter: threading.Event) -> None:
    with _lock:
        waiters = _waiters.get(key)
        if waiters is not None:
            waiters.discard(waiter)
            if not waiters:
                del _waiters[key]


def wake(key: str) -> None:
    with _lock:
        waiters = list(_waiters.get(key, ()))
    for waiter in waiters:
        waiter.set()


@event.listens_for(Session, "after_commit")
def _after_commit(session: Session) -> None:
    key = session.info.pop(MARK, None)
    if key is not None:
        wake(key)


@event.listens_for(Session, "after_rollback")
def _after_rollback(session: Session) -> None:
    session.info.pop(MARK, None)
