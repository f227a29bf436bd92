"""Running the intake service: Uvicorn on the given host and port, logging to the log
folder; SIGTERM (and Ctrl+C) stops taking new connections and finishes the requests in
flight before the process ends."""

from __future__ import annotations

import logging
import signal
import sys
from collections.abc import Sequence

import uvicorn

from sdrdesk.http.app import Worker, create_app
from sdrdesk.services.context import ServiceContext

log = logging.getLogger("sdrdesk.http")
GRACE_SECONDS = 20  # requests in flight at SIGTERM may take this long to finish
SWITCH_SECONDS = 0.0005


def serve(
    ctx: ServiceContext,
    *,
    host: str,
    port: int,
    rate_per_minute: int,
    threads: int = 8,
    workers: Sequence[Worker] = (),
    ready: str | None = None,
) -> None:
    """Serve until SIGTERM or SIGINT. ``ready``: printed once the port is open."""
    # The event loop does many short system calls, each giving up the GIL; a writer
    # thread busy in Python between its round trips kept it for the default 5 ms at each
    # turn, and answers waited for the loop long after their commit (the convoy effect).
    sys.setswitchinterval(SWITCH_SECONDS)
    app = create_app(ctx, rate_per_minute=rate_per_minute, threads=threads, workers=workers)
    config = uvicorn.Config(
        app,
        host=host,
        port=port,
        log_config=None,  # our handlers: the log folder, with request ids
        access_log=False,
        server_header=False,
        timeout_keep_alive=5,
        timeout_graceful_shutdown=GRACE_SECONDS,
        limit_concurrency=2000,
        backlog=2048,
        h11_max_incomplete_event_size=64 * 1024,
    )
    server = uvicorn.Server(config)
    if ready:
        original = server.startup

        async def startup(sockets: object = None) -> None:
            await original(sockets)  # type: ignore[arg-type]
            print(ready, flush=True)

        server.startup = startup  # type: ignore[method-assign]
    log.info("serving on http://%s:%d (database %s)", host, port, ctx.store.display_url)
    # Uvicorn finishes the requests in flight on SIGTERM, then raises the signal again
    # with the handler that was there before: that one ends the process with status 0.
    previous = signal.signal(signal.SIGTERM, _stopped)
    try:
        server.run()
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stopped(_signum: int, _frame: object) -> None:
    log.info("stopped by SIGTERM")
    raise SystemExit(0)
