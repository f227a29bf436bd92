"""What a sender may ask of the service: the body's size and time, and a rate per token."""

from __future__ import annotations

import asyncio
import math
import threading
import time

from starlette.requests import Request

MAX_BODY = 1024 * 1024  # 1 MB
BODY_SECONDS = 10.0  # a sender has this long to send its body (a slow sender is cut off)


class TooLarge(Exception):
    pass


class TooSlow(Exception):
    pass


async def read_body(request: Request, limit: int = MAX_BODY) -> bytes:
    """The body, refused past ``limit`` bytes (before reading when the length says so) or
    when it takes longer than ``BODY_SECONDS``."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise TooLarge
    chunks: list[bytes] = []
    size = 0

    async def collect() -> None:
        nonlocal size
        async for chunk in request.stream():
            size += len(chunk)
            if size > limit:
                raise TooLarge
            chunks.append(chunk)

    try:
        await asyncio.wait_for(collect(), BODY_SECONDS)
    except TimeoutError as exc:
        raise TooSlow from exc
    return b"".join(chunks)


class RateLimits:
    """A token bucket per token: ``per_minute`` requests a minute, bursts up to a tenth
    of a minute's worth (at least 10)."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def take(self, token_id: int, per_minute: int | None) -> float:
        """0 when the request may go ahead, else the seconds until it may."""
        rate = (per_minute or self.per_minute) / 60.0
        burst = max(10.0, rate * 6)
        now = time.monotonic()
        with self._lock:
            level, at = self._buckets.get(token_id, (burst, now))
            level = min(burst, level + (now - at) * rate)
            if level >= 1:
                self._buckets[token_id] = (level - 1, now)
                return 0.0
            self._buckets[token_id] = (level, now)
            return max(1.0, math.ceil((1 - level) / rate))
