"""The bare baseline's server, the load's leads and the other desktop of
``intake_bench.py`` (run in processes of their own)."""

from __future__ import annotations

import asyncio
import json
import random
import time
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

# --- the bare baseline: the same stack, one INSERT per lead -------------------------------


def bare_app(url: str) -> Any:
    from starlette.applications import Starlette
    from starlette.concurrency import run_in_threadpool
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    engine = create_engine(
        make_url(url).set(drivername="postgresql+psycopg"), pool_size=8, max_overflow=0
    )

    def insert(lead: dict[str, Any]) -> int:
        with engine.begin() as conn:
            return int(
                conn.execute(
                    text(
                        "INSERT INTO bare_leads (first_name, last_name, email, phone, company) "
                        "VALUES (:first_name, :last_name, :email, :phone, :company) RETURNING id"
                    ),
                    {
                        k: lead.get(k)
                        for k in ("first_name", "last_name", "email", "phone", "company")
                    },
                ).scalar_one()
            )

    async def post(request: Request) -> JSONResponse:
        body = json.loads(await request.body())
        leads = body.get("leads", [body])
        ids = [await run_in_threadpool(insert, lead) for lead in leads]
        answers = [{"id": lead_id, "status": "created"} for lead_id in ids]
        return JSONResponse({"leads": answers}, status_code=201)

    return Starlette(routes=[Route("/v1/leads", post, methods=["POST"])])


def run_bare(url: str, port: int) -> None:
    import anyio.to_thread
    import uvicorn

    app = bare_app(url)

    async def serve() -> None:
        anyio.to_thread.current_default_thread_limiter().total_tokens = 8
        config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
        await uvicorn.Server(config).serve()

    asyncio.run(serve())


# --- the load ------------------------------------------------------------------------------


def make_lead(n: int, rng: random.Random) -> dict[str, Any]:
    first = rng.choice(["Anna", "Ben", "Cem", "Dana", "Emil", "Fatma", "Greta", "Hugo"])
    last = rng.choice(["Müller", "Schmidt", "Yılmaz", "Novak", "O'Brien", "García", "Weiß"])
    return {
        "first_name": first,
        "last_name": last,
        "email": f"{first.lower()}.{n}@bench-{n % 97}.example",
        "phone": f"+49 30 {1000000 + n}",
        "company": f"Bench {n % 500} GmbH",
        "score": str(rng.randint(1, 100)),
        "utm_campaign": "Bench",
        "submitted_at": "2026-12-05T10:00:00Z",
    }


def desktop(url: str, ready: Any, stop: Any, out: Any) -> None:
    """Another desktop, in a process of its own: follows the team as the window does
    (LISTEN → the event log → the queue rows of the changed leads) and notes when each
    lead reached its queue."""
    from sdrdesk.db.engine import Store
    from sdrdesk.domain.errors import StoreUnavailableError
    from sdrdesk.services.context import Rules, ServiceContext
    from sdrdesk.services.queue import QueueQuery, QueueService
    from sdrdesk.services.sync import EventCursor, SyncService

    store = Store.open(url)
    ctx = ServiceContext(store, Rules(default_region="DE"))
    queue, sync = QueueService(ctx), SyncService(ctx)
    query = QueueQuery()
    cursor = EventCursor(last_id=sync.head())
    signal = sync.change_signal()
    seen: dict[int, float] = {}
    errors: list[str] = []
    ready.set()
    while not stop.is_set():
        try:
            if not signal.wait(0.5):
                continue
            batch = sync.changes_since(cursor)
            if batch.lead_ids:
                rows = queue.rows_for(sorted(batch.lead_ids), query)
                now = time.time()
                for row in rows:
                    seen.setdefault(row.lead.id, now)
        except StoreUnavailableError:
            time.sleep(0.2)
        except Exception as exc:
            errors.append(f"{type(exc).__name__}: {exc}")
    signal.close()
    store.dispose()
    out.put((seen, errors[:3]))
