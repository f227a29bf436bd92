"""Webhooks: from an action's commit to its arrival at the receiver, against a bare
baseline in the same run.

A receiver process on 127.0.0.1 (``http.server``, keep-alive) writes down each arrival:
its ``webhook-id``, the lead and the time; it checks every signature with the
``standardwebhooks`` library when that is installed (the test dependencies). The
dispatcher runs as it does in production, in a process of its own (``sdrdesk webhooks
deliver``: woken by NOTIFY on PostgreSQL, by a look every 0.2 s on SQLite). This process
accepts ``--actions`` leads one by one (``TriageService.accept``, one transaction each,
the undo window off so nothing is held) and notes the time after each commit.

* **healthy**: latency commit → arrival per lead (p50, p95, max); target p50 < 1 s.
* **down**: the receiver is killed 2 s into the run and started again ``--down-seconds``
  later; every delivery must arrive afterwards: 0 lost; duplicates (the same webhook-id
  twice, at-least-once retries) are counted, a second id for one lead is an error.
* **baseline**: after each run, its payloads, signed, posted by a plain ``httpx`` loop to
  the same receiver: its time per request and in total, beside the dispatcher's.

    .venv/bin/python benchmarks/webhook_bench.py [--actions 10000] [--down-seconds 60]
        [--database-url postgresql://…/db_to_overwrite] [--skip-down | --only down]

Without ``--database-url`` a new SQLite file is used for each run; a PostgreSQL database given is
emptied first (its schema dropped): give a throwaway one. Exits 1 if a target is missed.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script

from sqlalchemy import select, text

from sdrdesk.db.engine import Store
from sdrdesk.db.migrate import upgrade
from sdrdesk.domain.leads import LeadInput, clean_lead
from sdrdesk.domain.users import Role
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.leads.intake import insert_leads
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.users.service import UserService
from sdrdesk.services.webhooks import WebhookService

P50_TARGET_S = 1.0
RECEIVER = r"""
import json, sys, time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
port, out, secret = int(sys.argv[1]), open(sys.argv[2], "a", buffering=1), sys.argv[3]
try:
    from standardwebhooks.webhooks import Webhook
    check = Webhook(secret).verify
except ImportError:
    check = None
class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers["content-length"]))
        at = time.time()
        ok = 1
        if check is not None:
            try:
                check(body, {k.lower(): v for k, v in self.headers.items()})
            except Exception:
                ok = 0
        lead = json.loads(body)["data"].get("lead", {}).get("id")
        out.write(f"{self.headers['webhook-id']}\t{lead}\t{at}\t{ok}\n")
        self.send_response(204)
        self.send_header("content-length", "0")
        self.end_headers()
    def log_message(self, *a):
        pass
s = ThreadingHTTPServer(("127.0.0.1", port), H)
s.daemon_threads = True
s.serve_forever()
"""


@dataclass
class Run:
    name: str
    committed: dict[int, float]
    arrivals: list[tuple[str, int, float, int]]
    seconds: float
    back_at: float | None = None  # down: when the receiver was started again

    def latencies(self) -> list[float]:
        first: dict[int, float] = {}
        for _, lead, at, _ok in self.arrivals:
            first[lead] = min(at, first.get(lead, at))
        return [first[lead] - t for lead, t in self.committed.items() if lead in first]


class ReceiverProcess:
    def __init__(self, port: int, log: Path, secret: str) -> None:
        self.port, self.log, self.secret = port, log, secret
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        args = [sys.executable, "-c", RECEIVER, str(self.port), str(self.log), self.secret]
        self.process = subprocess.Popen(args)
        time.sleep(0.5)

    def kill(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            self.process = None

    def arrivals(self) -> list[tuple[str, int, float, int]]:
        rows = []
        for line in self.log.read_text().splitlines():
            webhook_id, lead, at, ok = line.split("\t")
            rows.append((webhook_id, int(lead), float(at), int(ok)))
        return rows


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _fresh_store(url: str | None, folder: Path, name: str) -> tuple[Store, str]:
    """A new SQLite file for each run, or the PostgreSQL database given, emptied."""
    if url is None:
        url = f"sqlite:///{folder / f'{name}.db'}"
    store = Store.open(url)
    if not store.is_sqlite:
        with store.engine.begin() as conn:
            conn.execute(text("DROP SCHEMA IF EXISTS public CASCADE"))
            conn.execute(text("CREATE SCHEMA public"))
    upgrade(store.engine, backup=False)
    return store, url


def _leads(ctx: ServiceContext, n: int) -> list[int]:
    cleaned = [
        clean_lead(
            LeadInput(first_name=f"Lead{i}", last_name="Bench", email=f"l{i}@bench.example"),
            default_region="DE",
            now=ctx.now(),
        )
        for i in range(n)
    ]
    with ctx.store.write() as s:
        return insert_leads(s, cleaned, actor_id=None)


def _dispatcher(url: str, folder: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SDRDESK_DATA_DIR": str(folder / "data"),
           "SDRDESK_CONFIG_DIR": str(folder / "config")}  # fmt: skip
    args = [sys.executable, "-m", "sdrdesk", "--database-url", url, "webhooks", "deliver",
            "--timeout", "2"]  # fmt: skip
    return subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL)


def run_actions(
    name: str, args: argparse.Namespace, folder: Path, down: float | None
) -> tuple[Run, Store, str, ReceiverProcess]:
    store, url = _fresh_store(args.database_url, folder, name)
    ctx = ServiceContext(store, Rules(default_region="DE", undo_seconds=0))
    users = UserService(ctx)
    boss = users.add("boss", Role.MANAGER)
    anna = users.add("anna", Role.SDR)
    port = _free_port()
    created = WebhookService(ctx).add(
        f"http://127.0.0.1:{port}/hooks", "lead.accepted", actor_id=boss.id
    )
    receiver = ReceiverProcess(port, folder / f"{name}-arrivals.tsv", created.secret)
    receiver.start()
    leads = _leads(ctx, args.actions)
    dispatcher = _dispatcher(url, folder)
    try:
        run = _measure(name, args, ctx, anna.id, leads, receiver, down)
    except BaseException:
        receiver.kill()
        raise
    finally:
        _stop(dispatcher)
    run.arrivals = receiver.arrivals()
    return run, store, url, receiver


def _stop(dispatcher: subprocess.Popen[bytes]) -> None:
    dispatcher.send_signal(signal.SIGTERM)
    try:
        dispatcher.wait(30)
    except subprocess.TimeoutExpired:
        print("  the dispatcher did not stop within 30 s of SIGTERM: killed", flush=True)
        dispatcher.kill()
        dispatcher.wait()


def _measure(
    name: str,
    args: argparse.Namespace,
    ctx: ServiceContext,
    sdr_id: int,
    leads: list[int],
    receiver: ReceiverProcess,
    down: float | None,
) -> Run:
    time.sleep(1.5)  # the dispatcher is up and waiting
    triage = TriageService(ctx)
    committed: dict[int, float] = {}
    timer = None
    back: list[float] = []
    if down is not None:

        def outage() -> None:
            receiver.kill()
            time.sleep(down)
            receiver.start()
            back.append(time.time())

        timer = threading.Timer(2.0, outage)
        timer.start()
    started = time.time()
    for lead in leads:
        triage.accept(lead, actor_id=sdr_id)
        committed[lead] = time.time()
    print(f"  {name}: {len(leads)} accepts committed in {time.time() - started:.1f} s "
          f"({len(leads) / (time.time() - started):.0f}/s)", flush=True)  # fmt: skip
    if timer is not None:
        timer.join()
    deadline = time.time() + args.wait
    while time.time() < deadline:
        seen = {lead for _, lead, _, _ in receiver.arrivals()}
        if len(seen) >= len(leads):
            break
        time.sleep(0.5)
    seconds = max((a[2] for a in receiver.arrivals()), default=time.time()) - started
    return Run(name, committed, [], seconds, back[0] if back else None)


def baseline(store: Store, receiver: ReceiverProcess) -> tuple[list[float], float]:
    """The same payloads, signed the same way, posted by a plain httpx loop."""
    import httpx

    from sdrdesk.db.models import WebhookDelivery
    from sdrdesk.services.webhooks.signing import headers

    with store.read() as s:
        rows = list(s.execute(select(WebhookDelivery.message_id, WebhookDelivery.payload)))
    receiver.log.write_text("")
    times = []
    started = time.perf_counter()
    with httpx.Client() as client:
        for message_id, payload in rows:
            body = payload.encode()
            t = time.perf_counter()
            signed = headers(receiver.secret, message_id, int(time.time()), body)
            r = client.post(f"http://127.0.0.1:{receiver.port}/hooks", content=body, headers=signed)
            r.raise_for_status()
            times.append(time.perf_counter() - t)
    return times, time.perf_counter() - started


def _ms(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000 if ordered else float("nan")


def report(run: Run, expected: int) -> dict[str, Any]:
    latencies = run.latencies()
    ids_by_lead: dict[int, set[str]] = {}
    for webhook_id, lead, _, _ in run.arrivals:
        ids_by_lead.setdefault(lead, set()).add(webhook_id)
    counts = Counter(a[0] for a in run.arrivals)
    result = {
        "run": run.name,
        "delivered_leads": len(ids_by_lead),
        "lost": expected - len(ids_by_lead),
        "retry_duplicates": sum(c - 1 for c in counts.values() if c > 1),
        "second_ids": sum(1 for ids in ids_by_lead.values() if len(ids) > 1),
        "bad_signatures": sum(1 for a in run.arrivals if not a[3]),
        "p50_ms": round(_ms(latencies, 0.5), 1),
        "p95_ms": round(_ms(latencies, 0.95), 1),
        "max_ms": round(max(latencies, default=float("nan")) * 1000, 1),
        "seconds": round(run.seconds, 1),
    }
    if run.back_at is not None:  # the backlog of the outage, delivered once it is back
        last = max((a[2] for a in run.arrivals), default=run.back_at)
        result["arrived_after_back"] = sum(1 for a in run.arrivals if a[2] >= run.back_at)
        result["drained_s_after_back"] = round(max(0.0, last - run.back_at), 1)
    print("  " + json.dumps(result), flush=True)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--down-seconds", type=float, default=60.0)
    parser.add_argument("--database-url", help="a throwaway PostgreSQL database (emptied)")
    parser.add_argument("--skip-down", action="store_true")
    parser.add_argument("--only", choices=("healthy", "down"), help="run one of the two")
    parser.add_argument("--wait", type=float, default=600.0, help="longest wait for arrivals")
    args = parser.parse_args()
    ok = True
    modes = {"healthy": None, "down": args.down_seconds}
    if args.skip_down:
        del modes["down"]
    if args.only:
        modes = {args.only: modes.get(args.only, args.down_seconds)}
    with tempfile.TemporaryDirectory(prefix="sdrdesk-webhook-bench-") as tmp:
        folder = Path(tmp)
        for name, down in modes.items():
            what = "healthy receiver" if down is None else f"receiver down for {down:g} s"
            print(f"{what}, {args.actions} actions:", flush=True)
            run, store, _url, receiver = run_actions(name, args, folder, down)
            result = report(run, args.actions)
            times, total = baseline(store, receiver)  # the receiver is up again
            receiver.kill()
            store.dispose()
            print(f"  baseline (httpx loop, same payloads): p50 {_ms(times, 0.5):.2f} ms a "
                  f"request, {len(times)} in {total:.1f} s ({len(times) / total:.0f}/s)",
                  flush=True)  # fmt: skip
            ok &= result["lost"] == 0 and result["second_ids"] == 0
            ok &= result["bad_signatures"] == 0
            if down is None:
                ok &= result["p50_ms"] < P50_TARGET_S * 1000
    print("OK" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
