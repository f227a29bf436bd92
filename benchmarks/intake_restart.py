"""``intake_bench.py --restart-db``: PostgreSQL restarted in the middle of the burst.

The senders send a 503 (or a dropped connection) again with the same Idempotency-Key
after its Retry-After; afterwards every posted lead must be in the store exactly once,
with one hand-off event, and every answer must name a lead that exists."""

from __future__ import annotations

import argparse
import asyncio
import shlex
import subprocess
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

RESTART = "pg_ctlcluster --skip-systemctl-redirect 15 main restart"


def restart_later(command: str, after: float, log: dict[str, Any]) -> threading.Thread:
    def run() -> None:
        time.sleep(after)
        started = time.monotonic()
        done = subprocess.run(shlex.split(command), capture_output=True, text=True, check=False)
        log["restart_seconds"] = round(time.monotonic() - started, 1)
        log["restart_status"] = done.returncode
        if done.returncode:
            log["restart_error"] = (done.stderr or done.stdout)[-300:]

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


def measure_restart(
    burst: Callable[..., Coroutine[Any, Any, Any]],
    base: str,
    token: str,
    url: str,
    args: argparse.Namespace,
) -> dict[str, Any]:
    figures: dict[str, Any] = {"server": "sdrdesk", "batch": args.batch, "mode": "restart-db"}
    restarter = restart_later(args.restart_command, args.restart_after, figures)
    load = asyncio.run(burst(base, token, args.leads, args.senders, args.retry, args.batch))
    restarter.join(60)
    engine = create_engine(make_url(url).set(drivername="postgresql+psycopg"))
    for _attempt in range(30):  # the database may still be starting
        try:
            with engine.connect() as conn:
                stored, emails = conn.execute(
                    text("SELECT count(*), count(DISTINCT email_key) FROM leads")
                ).one()
                events = conn.execute(
                    text("SELECT count(*) FROM lead_events WHERE action = 'hand_off'")
                ).scalar_one()
                ids = {row[0] for row in conn.execute(text("SELECT id FROM leads"))}
            break
        except Exception:
            time.sleep(1)
    engine.dispose()
    answered = set(load.created)
    figures.update(
        leads_per_s=round(len(load.created) / load.seconds, 1),
        burst_p99_ms=round(sorted(load.latencies_ms)[int(0.99 * (len(load.latencies_ms) - 1))], 1),
        answered=len(answered),
        stored=stored,
        lost=args.leads - len(answered & ids),
        duplicated=(stored - emails) + abs(events - stored) + max(0, stored - args.leads),
        answers_not_stored=len(answered - ids),
        unavailable_503=load.unavailable,
        retried=load.retried,
        retry_mismatch=load.retry_mismatch,
        errors=load.errors[:5],
        error_count=len(load.errors),
    )
    return figures
