"""Rewriting one lead's history for an erasure (DSGVO Art. 17), the one exception to
the append-only rule of ``lead_events``.

The erasure's transaction first inserts its ``erasures`` row, then blanks the personal
data of that lead's rows, then records the ``erased`` event. The schema's append-only
triggers refuse every UPDATE of an event, so ``update_events`` runs the event updates
as follows:

* SQLite (one person's file): the ``BEFORE UPDATE`` triggers of ``lead_events`` are
  dropped and made again from their stored text inside the same transaction, so no
  other statement ever sees the history unguarded and a failure leaves them as they were.
* PostgreSQL: the updates run as they are, where the database's rules let an erasure's
  own transaction change that lead's events (the team grants). Where the database still
  has the blanket append-only trigger, its owner (set-up, tests) disables that trigger
  for the statement, inside the transaction; anyone else gets one sentence.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Table, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from sdrdesk.db.models import LeadEvent
from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.i18n import _

_EVENTS = cast(Table, LeadEvent.__table__)
_PG_TRIGGER = "lead_events_append_only"


def update_events(session: Session, changes: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
    """Apply ``changes`` (event id, new column values) to one lead's events."""
    if not changes:
        return
    if session.get_bind().dialect.name == "sqlite":
        with _sqlite_unguarded(session):
            _run(session, changes)
        return
    try:
        with session.begin_nested():
            _run(session, changes)
        return
    except DBAPIError as exc:
        if "append-only" not in str(exc.orig):
            raise
    owner = session.execute(
        text(
            "SELECT pg_get_userbyid(relowner) = current_user FROM pg_class"
            " WHERE oid = CAST(:t AS regclass)"
        ),
        {"t": "lead_events"},
    ).scalar()
    if not owner:
        raise PermissionDeniedError(
            _(
                "This database does not let an erasure change the history yet; its owner runs "
                "`sdrdesk db grants --apply` once after `sdrdesk db upgrade`."
            )
        )
    session.execute(text(f"ALTER TABLE lead_events DISABLE TRIGGER {_PG_TRIGGER}"))
    _run(session, changes)
    session.execute(text(f"ALTER TABLE lead_events ENABLE TRIGGER {_PG_TRIGGER}"))


def _run(session: Session, changes: Sequence[tuple[int, Mapping[str, Any]]]) -> None:
    for event_id, values in changes:
        session.execute(update(_EVENTS).where(_EVENTS.c.id == event_id).values(**values))


@contextmanager
def _sqlite_unguarded(session: Session) -> Iterator[None]:
    triggers = session.execute(
        text(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
            "AND tbl_name = 'lead_events' AND upper(sql) LIKE '%BEFORE UPDATE%'"
        )
    ).all()
    for name, _sql in triggers:
        session.execute(text(f'DROP TRIGGER "{name}"'))
    yield
    for _name, sql in triggers:
        session.execute(text(sql))


def forget_search_words(session: Session) -> None:
    """SQLite: merge the search index, so the words of erased leads, which an update
    only marks deleted, leave its pages too (PostgreSQL's GIN index follows the rows)."""
    if session.get_bind().dialect.name == "sqlite":
        session.execute(text("INSERT INTO lead_search(lead_search) VALUES ('optimize')"))
