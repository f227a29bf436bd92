"""Every client learns what the team did, from the event log, pushed or polled."""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import text

from sdrdesk.db.engine import Store
from sdrdesk.db.notify import PostgresListener
from sdrdesk.domain.errors import StoreUnavailableError
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.sync.service import EventCursor, SyncService
from sdrdesk.services.users.service import UserService
from tests.factories import add_leads


def test_changes_since_reads_each_event_once(ctx: ServiceContext, sdr: UserInfo) -> None:
    sync = SyncService(ctx)
    cursor = EventCursor(last_id=sync.head())
    ids = add_leads(ctx, {"first_name": "A"}, {"first_name": "B"})
    batch = sync.changes_since(cursor)
    assert [(c.lead_id, c.action) for c in batch.changes] == [
        (ids[0], "hand_off"),
        (ids[1], "hand_off"),
    ]
    TriageService(ctx).accept(ids[0], actor_id=sdr.id)
    batch = sync.changes_since(cursor)
    assert [(c.lead_id, c.action, c.actor) for c in batch.changes] == [
        (ids[0], "accept", "Anna Schmidt")
    ]
    assert sync.changes_since(cursor).changes == ()


def test_a_flood_of_changes_asks_for_a_reload(ctx: ServiceContext) -> None:
    sync = SyncService(ctx)
    cursor = EventCursor(last_id=sync.head())
    add_leads(ctx, *({"first_name": f"L{i}"} for i in range(520)))
    batch = sync.changes_since(cursor)
    assert batch.truncated
    assert sync.changes_since(cursor).changes == ()


def test_gaps_left_by_slow_commits_are_read_later() -> None:
    cursor = EventCursor(last_id=10)
    cursor.advance([11, 14], now=0.0)  # 12 and 13 are still being committed elsewhere
    assert cursor.last_id == 14
    assert set(cursor.gaps) == {12, 13}
    cursor.advance([12], now=1.0)
    assert set(cursor.gaps) == {13}
    cursor.advance([], now=100.0)  # never came: a rolled-back insert
    assert cursor.gaps == {}


@pytest.mark.postgres_only
def test_postgres_pushes_a_commit_to_a_listener_within_a_second(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    listener = SyncService(ctx).change_signal()
    assert listener.wait(0.1)  # connected; anything before must be read
    assert not listener.wait(0.2)  # quiet
    lead_id = add_leads(ctx, {"first_name": "Push"})[0]
    woke: list[float] = []

    def wait() -> None:
        start = time.monotonic()
        if listener.wait(2.0):
            woke.append(time.monotonic() - start)

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.1)
    TriageService(ctx).accept(lead_id, actor_id=sdr.id)
    waiter.join()
    listener.close()
    assert woke
    assert woke[0] < 1.0


@pytest.mark.postgres_only
def test_a_listener_survives_a_dropped_connection(ctx: ServiceContext, store: Store) -> None:
    listener = SyncService(ctx).change_signal()
    assert isinstance(listener, PostgresListener)
    assert listener.wait(0.1)
    with store.engine.begin() as conn:
        conn.execute(
            text(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                "WHERE application_name = 'sdrdesk-listen' AND datname = current_database()"
                " AND usename = current_user"
            )
        )

    def wait_until_it_notices() -> None:
        for _ in range(20):
            listener.wait(0.2)

    with pytest.raises(StoreUnavailableError, match="cannot be reached"):
        wait_until_it_notices()
    assert listener.wait(0.2)  # reconnected: the client reads what it missed
    listener.close()


@pytest.mark.postgres_only
def test_closing_a_listener_wakes_its_waiter_quietly(ctx: ServiceContext) -> None:
    """The window closes while its watcher thread waits: the wait ends at once, without
    reporting the database as lost (its connection is not closed under it)."""
    listener = SyncService(ctx).change_signal()
    assert listener.wait(0.1)
    outcome: list[object] = []

    def wait() -> None:
        start = time.monotonic()
        try:
            outcome.append(listener.wait(5.0))
        except StoreUnavailableError as exc:
            outcome.append(exc)
        outcome.append(time.monotonic() - start)

    waiter = threading.Thread(target=wait)
    waiter.start()
    time.sleep(0.2)
    listener.close()
    waiter.join(5.0)
    assert outcome[0] is False
    assert isinstance(outcome[1], float)
    assert outcome[1] < 1.0
    assert listener.wait(5.0) is False  # closed: no connection again, no waiting


def test_a_flood_of_ones_own_changes_is_told_from_the_team_s(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    """After importing a big file an SDR's window reloads without saying that "many
    leads changed", as if the team had changed them; one change by someone else among
    them, and it says so."""
    sync = SyncService(ctx)
    cursor = EventCursor(last_id=sync.head())
    own = ({"first_name": f"L{i}", "email": f"l{i}@firm.example"} for i in range(520))
    add_leads(ctx, *own, actor_id=sdr.id)
    batch = sync.changes_since(cursor, me=sdr.id)
    assert (batch.truncated, batch.by_others) == (True, False)

    more = ({"first_name": f"M{i}", "email": f"m{i}@firm.example"} for i in range(520))
    ids = add_leads(ctx, *more, actor_id=sdr.id)
    other = UserService(ctx).add("ben", Role.SDR, display_name="Ben Okafor")
    TriageService(ctx).accept(ids[0], actor_id=other.id)
    batch = sync.changes_since(cursor, me=sdr.id)
    assert (batch.truncated, batch.by_others) == (True, True)
