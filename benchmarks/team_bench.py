"""Ten SDR desktops on one PostgreSQL, triaging as fast as they can.

Each client is a process that claims the most urgent lead from the pool, accepts or
rejects it, and repeats for the whole run, while a second thread follows the team the way
the window does (LISTEN → read the event log → fetch the changed leads for its queue view →
patch its copy of the queue in order). Afterwards:

- no lead was accepted or rejected twice, and every action a client saw succeed is in the
  history exactly once (no lost update);
- the only errors were handled conflicts;
- latency: from the commit on one client (time taken right after COMMIT returned) to the
  change being in another client's queue copy; median must be < 300 ms, p99 < 1 s.

    .venv/bin/python benchmarks/team_bench.py --admin-url postgresql://USER:PW@localhost/postgres

It creates (and drops) a database of its own, applies the team grants (``sdrdesk db
grants``) and gives each client a login of its own in ``sdrdesk_sdr`` (dropped at the
end), so every action passes the database's trust rules (migration 0009). The admin
URL's role must be allowed to CREATE DATABASE and CREATE ROLE. The raw baseline in the
same run: the time for a bare ``NOTIFY`` to reach a bare psycopg ``LISTEN`` connection.
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

import psycopg
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SPAWN = multiprocessing.get_context("spawn")
MEDIAN_TARGET_MS = 300
P99_TARGET_MS = 1000


@dataclass
class ClientReport:
    name: str
    committed: list[tuple[int, str, int, float]] = field(
        default_factory=list
    )  # lead, action, event, t
    seen: dict[int, float] = field(default_factory=dict)  # event id -> time in this client's queue
    conflicts: int = 0
    outages: int = 0  # actions refused while the database was down (StoreUnavailableError)
    errors: list[str] = field(default_factory=list)


def client(url: str, name: str, seconds: float, start_at: float, out: Any) -> None:
    from sdrdesk.db.engine import Store
    from sdrdesk.domain.errors import ConflictError, StoreUnavailableError
    from sdrdesk.services.context import Rules, ServiceContext
    from sdrdesk.services.leads.claims import ClaimService
    from sdrdesk.services.leads.triage import TriageService
    from sdrdesk.services.queue import QueueQuery, QueueService
    from sdrdesk.services.sync.service import EventCursor, SyncService
    from sdrdesk.services.users.service import UserService

    store = Store.open(url)
    ctx = ServiceContext(store, Rules(default_region="DE"))
    me = UserService(ctx).ensure(name)
    report = ClientReport(name)
    queue_service = QueueService(ctx)
    query = QueueQuery(user_id=me.id)
    rows = list(queue_service.first_page(query, 100).rows)
    sync = SyncService(ctx)
    cursor = EventCursor(last_id=sync.head())
    stop = threading.Event()

    def follow() -> None:
        signal = sync.change_signal()
        while not stop.is_set():
            try:
                try:
                    if not signal.wait(0.5):
                        continue
                except StoreUnavailableError:
                    time.sleep(0.5)  # the window shows its banner and keeps trying
                    continue
                trial = cursor.copy()  # as the window does: kept once applied
                try:
                    batch = sync.changes_since(trial)
                    fresh = queue_service.rows_for(sorted(batch.lead_ids), query)
                except StoreUnavailableError:
                    time.sleep(0.5)  # the window shows its banner and reads again
                    continue
                cursor.last_id, cursor.gaps = trial.last_id, trial.gaps
                if not batch.changes:
                    continue
                # Patch the copy of the queue as the window's model does.
                by_id = {r.lead.id: r for r in fresh}
                kept = [r for r in rows if r.lead.id not in batch.lead_ids]
                now = queue_service.now()
                merged = sorted(
                    kept + list(by_id.values()),
                    key=lambda r: queue_service.order_key(query, r, now),
                )
                rows[:] = merged[:200]
                seen_at = time.time()
                for change in batch.changes:
                    report.seen.setdefault(change.event_id, seen_at)
            except Exception as exc:  # reported, never hidden
                report.errors.append(f"follow: {type(exc).__name__}: {exc}")
        signal.close()

    follower = threading.Thread(target=follow, daemon=True)
    follower.start()
    while time.time() < start_at:
        time.sleep(0.01)
    claims, triage = ClaimService(ctx), TriageService(ctx)
    rng = random.Random(name)
    end = start_at + seconds  # the same moment for every client
    while time.time() < end:
        try:
            claimed = claims.claim_next(actor_id=me.id, op_id=str(uuid.uuid4()))
            if claimed is None:
                break
            claim_time = time.time()
            report.committed.append((claimed.lead_id, "claimed", claimed.event_id, claim_time))
            if rng.random() < 0.5:
                result = triage.accept(
                    claimed.lead_id,
                    actor_id=me.id,
                    expected_version=claimed.version,
                    op_id=str(uuid.uuid4()),
                )
            else:
                result = triage.reject(
                    claimed.lead_id,
                    actor_id=me.id,
                    reason_code="not_icp",
                    expected_version=claimed.version,
                    op_id=str(uuid.uuid4()),
                )
            report.committed.append(
                (result.lead_id, result.action.value, result.event_id, time.time())
            )
        except ConflictError:
            report.conflicts += 1
        except StoreUnavailableError:
            report.outages += 1
            time.sleep(0.2)
        except Exception as exc:
            report.errors.append(f"triage: {type(exc).__name__}: {exc}")
    while time.time() < end + 3:  # everyone keeps following until the last commits arrived
        time.sleep(0.05)
    stop.set()
    follower.join(timeout=5)
    store.dispose()
    out.put(report)


def bare_notify_ms(url: str, rounds: int = 50) -> float:
    """Baseline: NOTIFY on one bare connection to a bare LISTEN connection."""
    conninfo = make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    listen = psycopg.connect(conninfo, autocommit=True)
    listen.execute("LISTEN bench")
    talk = psycopg.connect(conninfo, autocommit=True)
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        talk.execute("NOTIFY bench")
        for _ in listen.notifies(timeout=2, stop_after=1):
            pass
        samples.append((time.perf_counter() - start) * 1000)
    listen.close()
    talk.close()
    return statistics.median(samples)


def prepare(admin_url: str, database: str, leads: int, logins: list[str]) -> tuple[str, list[str]]:
    """The database with its sample leads and grants, and one URL per client login."""
    admin = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=database).render_as_string(hide_password=False)
    from sdrdesk.db.base import Base
    from sdrdesk.db.engine import Store
    from sdrdesk.db.grants import SDR, apply_grants
    from sdrdesk.db.migrate import upgrade
    from sdrdesk.services.context import Rules, ServiceContext
    from sdrdesk.services.sample_data import SampleDataService

    store = Store.open(url)
    revision = upgrade(store.engine).to_revision
    SampleDataService(ServiceContext(store, Rules(default_region="DE"))).generate(
        leads, actor_id=None, seed=7
    )
    with store.engine.begin() as conn:
        apply_grants(conn, Base.metadata, revision)
        for login in logins:
            conn.execute(text(f"CREATE ROLE {login} LOGIN PASSWORD 'bench' IN ROLE {SDR}"))
    store.dispose()
    base = make_url(url)
    return url, [
        base.set(username=login, password="bench").render_as_string(hide_password=False)
        for login in logins
    ]


def drop_logins(admin_url: str, logins: list[str]) -> None:
    admin = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        for login in logins:
            conn.execute(text(f"DROP ROLE IF EXISTS {login}"))
    admin.dispose()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--admin-url", required=True, help="a PostgreSQL URL that may create databases"
    )
    parser.add_argument("--clients", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--leads", type=int, default=20_000)
    parser.add_argument(
        "--restart-postgres",
        type=float,
        metavar="SECONDS",
        help="stop the local PostgreSQL cluster this long into the run for 5 s (as root)",
    )
    args = parser.parse_args(argv)
    suffix = uuid.uuid4().hex[:6]
    database = f"sdrdesk_team_bench_{suffix}"
    logins = [f"sdr{i:02d}_{suffix}" for i in range(args.clients)]
    url, client_urls = prepare(args.admin_url, database, args.leads, logins)
    baseline = bare_notify_ms(url)
    out = SPAWN.Queue()
    start_at = time.time() + 8  # every client connected and following before the start
    procs = [
        SPAWN.Process(target=client, args=(client_url, login, args.seconds, start_at, out))
        for client_url, login in zip(client_urls, logins, strict=True)
    ]
    for p in procs:
        p.start()
    if args.restart_postgres is not None:
        time.sleep(max(0.0, start_at - time.time() + args.restart_postgres))
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "stop", "-m", "fast"],
            check=True,
        )
        print("PostgreSQL stopped", flush=True)
        time.sleep(5)
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", "15", "main", "start"], check=True
        )
        print("PostgreSQL started again", flush=True)
    reports: list[ClientReport] = [out.get(timeout=args.seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=30)

    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with engine.connect() as conn:
        twice = conn.execute(
            text(
                "SELECT lead_id FROM lead_events WHERE action IN ('accept', 'reject') "
                "GROUP BY lead_id HAVING count(*) > 1"
            )
        ).all()
        history = Counter(
            (lead_id, action, event_id)
            for lead_id, action, event_id in conn.execute(
                text(
                    "SELECT lead_id, action, id FROM lead_events WHERE action IN "
                    "('accept', 'reject', 'claimed')"
                )
            )
        )
    engine.dispose()
    admin = create_engine(
        make_url(args.admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
    admin.dispose()
    drop_logins(args.admin_url, logins)

    committed = [(c[0], c[1], c[2]) for r in reports for c in r.committed]
    lost = [c for c in committed if history[c] != 1]
    extra = sum(history.values()) - len(committed)
    latencies = [
        (seen_at - commit_at) * 1000
        for committer in reports
        for _, _, event_id, commit_at in committer.committed
        for other in reports
        if other is not committer and event_id in other.seen
        for seen_at in [other.seen[event_id]]
    ]
    missed = sum(
        1
        for committer in reports
        for _, _, event_id, _ in committer.committed
        for other in reports
        if other is not committer and event_id not in other.seen
    )
    errors = [e for r in reports for e in r.errors]
    triaged = sum(1 for c in committed if c[1] in ("accept", "reject"))
    latencies.sort()
    median = statistics.median(latencies) if latencies else float("inf")
    p99 = latencies[int(len(latencies) * 0.99) - 1] if latencies else float("inf")
    print(f"{args.clients} clients × {args.seconds:.0f} s on PostgreSQL, {args.leads:,} leads")
    print(
        f"triaged:    {triaged:,} leads ({triaged / args.seconds:.0f}/s), "
        f"{sum(r.conflicts for r in reports)} handled conflicts, "
        f"{sum(r.outages for r in reports)} refused while the database was down, "
        f"{len(errors)} other errors"
    )
    print(
        f"integrity:  {len(twice)} leads triaged twice, {len(lost)} actions not in the "
        f"history exactly once, {extra} events nobody reported"
    )
    print(
        f"visibility: {len(latencies):,} observations, {missed} never seen; "
        f"median {median:.0f} ms, p99 {p99:.0f} ms (targets {MEDIAN_TARGET_MS} / "
        f"{P99_TARGET_MS} ms)"
    )
    print(f"baseline:   bare NOTIFY → LISTEN median {baseline:.1f} ms")
    for error in errors[:5]:
        print("  error:", error)
    ok = (
        not twice
        and not lost
        and extra == 0
        and not errors
        and missed == 0
        and median < MEDIAN_TARGET_MS
        and p99 < P99_TARGET_MS
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
