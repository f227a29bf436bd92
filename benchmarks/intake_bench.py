"""How fast the intake takes leads over HTTP, against a bare baseline in the same run.

Both servers run as real processes on 127.0.0.1 on the same stack (Starlette on
Uvicorn) against the same PostgreSQL, and get the same load:

* **bare**: a minimal handler that parses the JSON and does one INSERT per lead into a
  bare table (one statement, autocommit-style transaction per request);
* **sdrdesk**: ``sdrdesk intake serve`` (token, checks, phone, deduplication, hand-off
  event, idempotency answers, routing, one transaction per request).

The load, per server: 10,000 leads posted one per request by 20 concurrent senders, 10 %
of the requests sent again with the same ``Idempotency-Key`` (a retry), ``--batch`` leads
per request (10; 1 for one lead a request); before it, an open loop of 100 single-lead
requests/s for ``--paced-seconds`` measures the POST latency. A desktop (a process of its
own) follows the team meanwhile (LISTEN → event log → the queue rows of the changed
leads, as the window's model does) and notes when each new lead reached it: the lag is
measured at the steady 100 requests/s (and, for information, under the burst).

Targets (issue 19), exit 1 when one is missed: ≥ 300 leads/s sustained; POST p99 <
100 ms at 100 requests/s; from the 201 to the lead in the other desktop's queue: p50 <
300 ms, p99 < 1 s; 0 lost, 0 duplicated.

    .venv/bin/python benchmarks/intake_bench.py --admin-url postgresql://USER:PW@127.0.0.1/DB

The admin URL's role must be allowed to CREATE DATABASE; the benchmark makes (and drops)
a database of its own.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import random
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from benchmarks.intake_parts import desktop, make_lead, run_bare
from benchmarks.intake_restart import RESTART, measure_restart

RATE_TARGET = 300.0
P99_TARGET_MS = 100.0
LAG_P50_MS = 300.0
LAG_P99_MS = 1000.0
GIVE_UP_SECONDS = 120.0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LoadResult:
    seconds: float = 0.0
    created: dict[int, float] = field(default_factory=dict)  # lead id → time of the 201
    latencies_ms: list[float] = field(default_factory=list)
    retried: int = 0
    retry_mismatch: int = 0
    unavailable: int = 0  # 503 answers (sent again)
    errors: list[str] = field(default_factory=list)


async def post(
    client: httpx.AsyncClient, headers: dict[str, str], lead: Any, result: LoadResult
) -> list[int] | None:
    """The ids of the posted leads (one lead, or ``{"leads": [...]}``); None on an error.
    A 429 or 503 is sent again with the same key after its Retry-After, for up to
    ``GIVE_UP_SECONDS`` (a database restarted under load answers 503 for a while)."""
    end = time.monotonic() + GIVE_UP_SECONDS
    attempt = 0
    while time.monotonic() < end:
        attempt += 1
        started = time.perf_counter()
        try:
            response = await client.post("/v1/leads", json=lead, headers=headers)
        except httpx.HTTPError as exc:
            result.errors.append(f"{type(exc).__name__}: {exc}")
            await asyncio.sleep(min(2.0, 0.2 * attempt))
            continue
        result.latencies_ms.append((time.perf_counter() - started) * 1000)
        if response.status_code in (429, 503):
            result.unavailable += response.status_code == 503
            await asyncio.sleep(float(response.headers.get("retry-after", "1")))
            continue
        if response.status_code != 201:
            result.errors.append(f"{response.status_code}: {response.text[:200]}")
            return None
        return [int(answer["id"]) for answer in response.json()["leads"]]
    return None


async def burst(
    base: str, token: str, leads: int, senders: int, retry: float, batch: int
) -> LoadResult:
    result = LoadResult()
    queue: asyncio.Queue[int] = asyncio.Queue()
    for n in range(0, leads, batch):
        queue.put_nowait(n)
    rng = random.Random(19)
    limits = httpx.Limits(max_connections=senders, max_keepalive_connections=senders)

    async def sender(client: httpx.AsyncClient) -> None:
        while not queue.empty():
            n = queue.get_nowait()
            count = min(batch, leads - n)
            body: Any = (
                make_lead(n, rng)
                if batch == 1
                else {"leads": [make_lead(n + i, rng) for i in range(count)]}
            )
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": f"bench-{n}"}
            ids = await post(client, headers, body, result)
            if ids is None:
                continue
            now = time.time()
            for lead_id in ids:
                result.created.setdefault(lead_id, now)
            if rng.random() < retry:
                result.retried += 1
                again = await post(client, headers, body, result)
                if again != ids:
                    result.retry_mismatch += 1

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=30) as client:
        started = time.perf_counter()
        await asyncio.gather(*(sender(client) for _ in range(senders)))
        result.seconds = time.perf_counter() - started
    return result


async def paced(base: str, token: str, rate: int, seconds: float, first: int) -> LoadResult:
    result = LoadResult()
    rng = random.Random(7)
    tasks = []
    limits = httpx.Limits(max_connections=100, max_keepalive_connections=100)

    async def one(client: httpx.AsyncClient, headers: dict[str, str], lead: Any) -> None:
        for lead_id in await post(client, headers, lead, result) or ():
            result.created.setdefault(lead_id, time.time())  # the moment of the 201

    async with httpx.AsyncClient(base_url=base, timeout=60, limits=limits) as client:
        started = time.perf_counter()
        for i in range(int(rate * seconds)):
            delay = started + i / rate - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            n = first + i
            headers = {"Authorization": f"Bearer {token}", "Idempotency-Key": f"paced-{n}"}
            tasks.append(asyncio.create_task(one(client, headers, make_lead(n, rng))))
        await asyncio.gather(*tasks)
        result.seconds = time.perf_counter() - started
    return result


# --- the other desktop ------------------------------------------------------------------


# --- the run -----------------------------------------------------------------------------


def percentile(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def wait_for(base: str, path: str, seconds: float = 60) -> None:
    end = time.time() + seconds
    while time.time() < end:
        try:
            if httpx.get(base + path, timeout=1).status_code < 500:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{base} did not start")


def prepare(admin_url: str, database: str) -> str:
    admin = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{database}"'))
    admin.dispose()
    url = make_url(admin_url).set(database=database).render_as_string(hide_password=False)
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    with engine.begin() as conn:
        conn.execute(
            text(
                "CREATE TABLE bare_leads (id serial PRIMARY KEY, first_name text, "
                "last_name text, email text, phone text, company text)"
            )
        )
    engine.dispose()
    return url


def drop(admin_url: str, database: str) -> None:
    admin = create_engine(
        make_url(admin_url).set(drivername="postgresql+psycopg"), isolation_level="AUTOCOMMIT"
    )
    for attempt in range(10):  # an autovacuum worker may still be in it for a moment
        try:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{database}"'))
            break
        except Exception as exc:
            if attempt == 9:
                print(f"could not drop {database}: {exc}", file=sys.stderr)
            time.sleep(1)
    admin.dispose()


def measure(
    name: str, base: str, token: str, url: str, args: argparse.Namespace, lag: bool
) -> dict[str, Any]:
    spawn = multiprocessing.get_context("spawn")
    ready, stop, out = spawn.Event(), spawn.Event(), spawn.Queue()
    follower = spawn.Process(target=desktop, args=(url, ready, stop, out)) if lag else None
    if follower is not None:
        follower.start()
        ready.wait(60)
    # The paced run first (its latencies, and the lag at a steady 100 requests/s), then
    # the burst (throughput; the desktop keeps following and has to catch up).
    pace = asyncio.run(paced(base, token, args.rate, args.paced_seconds, args.leads))
    load = asyncio.run(burst(base, token, args.leads, args.senders, args.retry, args.batch))
    figures: dict[str, Any] = {
        "server": name,
        "batch": args.batch,
        "leads_per_s": round(len(load.created) / load.seconds, 1),
        "burst_p99_ms": round(percentile(load.latencies_ms, 99), 1),
        "paced_p50_ms": round(percentile(pace.latencies_ms, 50), 1),
        "paced_p99_ms": round(percentile(pace.latencies_ms, 99), 1),
        "created": len(load.created) + len(pace.created),
        "retried": load.retried,
        "retry_mismatch": load.retry_mismatch,
        "errors": (load.errors + pace.errors)[:5],
    }
    if follower is not None:
        time.sleep(2)
        stop.set()
        seen, desktop_errors = out.get(timeout=60)
        follower.join(10)
        created = {**load.created, **pace.created}
        lags = [(seen[i] - t) * 1000 for i, t in pace.created.items() if i in seen]
        figures["lag_p50_ms"] = round(percentile(lags, 50), 1)
        figures["lag_p99_ms"] = round(percentile(lags, 99), 1)
        burst_lags = [(seen[i] - t) * 1000 for i, t in load.created.items() if i in seen]
        figures["burst_lag_p50_ms"] = round(percentile(burst_lags, 50), 1)
        figures["burst_lag_p99_ms"] = round(percentile(burst_lags, 99), 1)
        figures["not_seen"] = len([i for i in created if i not in seen])
        figures["desktop_errors"] = desktop_errors
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--admin-url", default=os.environ.get("SDRDESK_TEST_DATABASE_URL"))
    parser.add_argument("--leads", type=int, default=10_000)
    parser.add_argument("--senders", type=int, default=20)
    parser.add_argument("--retry", type=float, default=0.1)
    parser.add_argument("--batch", type=int, default=10, help="leads per request (burst)")
    parser.add_argument("--rate", type=int, default=100, help="requests/s of the paced run")
    parser.add_argument("--paced-seconds", type=float, default=20)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument(
        "--restart-db",
        action="store_true",
        help="restart PostgreSQL in the middle of the burst (no bare run, no paced run)",
    )
    parser.add_argument("--restart-command", default=RESTART)
    parser.add_argument("--restart-after", type=float, default=4.0, help="seconds into the burst")
    parser.add_argument("--bare-server", nargs=2, metavar=("URL", "PORT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.bare_server:
        run_bare(args.bare_server[0], int(args.bare_server[1]))
        return 0
    if not args.admin_url:
        parser.error("give --admin-url (or set SDRDESK_TEST_DATABASE_URL)")
    database = f"intake_bench_{uuid.uuid4().hex[:8]}"
    url = prepare(args.admin_url, database)
    env = {
        **os.environ,
        "SDRDESK_DATA_DIR": f"/tmp/{database}",
        "SDRDESK_LOG_DIR": f"/tmp/{database}/logs",
    }
    python = sys.executable
    processes: list[subprocess.Popen[bytes]] = []
    try:
        results: list[dict[str, Any]] = []
        if not args.restart_db:
            port = free_port()
            bare = subprocess.Popen([python, __file__, "--bare-server", url, str(port)], env=env)
            processes.append(bare)
            base = f"http://127.0.0.1:{port}"
            wait_for(base, "/v1/leads")
            results.append(measure("bare", base, "-", url, args, lag=False))
            print(json.dumps(results[0], ensure_ascii=False), flush=True)
            bare.terminate()
            bare.wait(30)
        sdrdesk = [python, "-m", "sdrdesk", "--database-url", url]
        token = (
            subprocess.run(
                [*sdrdesk, "intake", "token", "add", "Bench", "--rate", "10000000"],
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            .stdout.strip()
            .splitlines()[-1]
        )
        port = free_port()
        server = subprocess.Popen(
            [*sdrdesk, "intake", "serve", "--port", str(port), "--threads", str(args.threads)],
            env=env,
            stdout=subprocess.DEVNULL,
        )
        processes.append(server)
        base = f"http://127.0.0.1:{port}"
        wait_for(base, "/v1/health")
        if args.restart_db:
            restarted = measure_restart(burst, base, token, url, args)
            print(json.dumps(restarted, ensure_ascii=False), flush=True)
            bad = restarted["lost"] or restarted["duplicated"] or restarted["answers_not_stored"]
            return 1 if bad or restarted.get("restart_status") else 0
        figures = measure("sdrdesk", base, token, url, args, lag=True)
        engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
        with engine.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM leads")).scalar_one()
            events = conn.execute(
                text("SELECT count(*) FROM lead_events WHERE action = 'hand_off'")
            ).scalar_one()
        engine.dispose()
        figures["stored"] = stored
        figures["lost"] = max(0, figures["created"] - stored)
        figures["duplicated"] = max(0, stored - figures["created"]) + abs(events - stored)
        results.append(figures)
        print(json.dumps(figures, ensure_ascii=False), flush=True)
    finally:
        for process in processes:
            if process.poll() is None:
                process.terminate()
                process.wait(30)
        drop(args.admin_url, database)
    ours = results[-1]
    misses = []
    if ours["leads_per_s"] < RATE_TARGET:
        misses.append(f"{ours['leads_per_s']} leads/s < {RATE_TARGET}")
    if ours["paced_p99_ms"] >= P99_TARGET_MS:
        misses.append(f"POST p99 {ours['paced_p99_ms']} ms at {args.rate}/s ≥ {P99_TARGET_MS}")
    if ours.get("lag_p50_ms", 0) >= LAG_P50_MS or ours.get("lag_p99_ms", 0) >= LAG_P99_MS:
        misses.append(f"lag p50 {ours.get('lag_p50_ms')} / p99 {ours.get('lag_p99_ms')} ms")
    if ours["lost"] or ours["duplicated"] or ours["retry_mismatch"]:
        misses.append(f"lost {ours['lost']}, duplicated {ours['duplicated']}")
    print("targets met" if not misses else "MISSED: " + "; ".join(misses))
    return 1 if misses else 0


if __name__ == "__main__":
    sys.exit(main())
