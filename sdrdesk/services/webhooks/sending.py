"""One POST to a receiver, with the limits a hostile or broken receiver needs.

No redirect is followed (a 3xx is a failed attempt: the receiver's answer names where
it pointed); the whole attempt, connecting and reading included, ends after the
timeout; the answer is read up to ``max_response_bytes`` and the rest is never read
(a 50 MB answer costs that much and no more).
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit, urlunsplit

import httpx

from sdrdesk import __version__


@dataclass(frozen=True, slots=True)
class Attempt:
    """What came of one POST: ``status`` None when no answer came (``error`` says why)."""

    status: int | None
    body: str | None
    error: str | None
    seconds: float

    @property
    def ok(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def unreachable(self) -> bool:
        """No answer at all (down, refused, timed out): the endpoint, not the message."""
        return self.status is None


def shown_url(url: str) -> str:
    """The URL as shown and logged: a password in it (``https://user:pw@host/…``, sent
    as HTTP basic auth) is a secret like the signing secret, and appears as ``***``."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:
        return url
    if not password:
        return url
    host = parts.netloc.rpartition("@")[2]
    return urlunsplit(parts._replace(netloc=f"{parts.username or ''}:***@{host}"))


def _credentials(url: str) -> tuple[str, httpx.BasicAuth | None]:
    """The URL without its user and password, which go as basic auth: httpx would log
    the URL as it is given (its INFO line of every request)."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url, None
    host = parts.netloc.rpartition("@")[2]
    auth = httpx.BasicAuth(unquote(parts.username or ""), unquote(parts.password or ""))
    return urlunsplit(parts._replace(netloc=host)), auth


def client(timeout: float, connections: int) -> httpx.Client:
    return httpx.Client(
        follow_redirects=False,
        timeout=httpx.Timeout(timeout, connect=min(timeout, 5.0)),
        limits=httpx.Limits(max_connections=connections, max_keepalive_connections=connections),
        headers={"user-agent": f"sdrdesk/{__version__} (webhooks)"},
        trust_env=False,
    )


def post(
    http: httpx.Client,
    url: str,
    body: bytes,
    headers: dict[str, str],
    *,
    timeout: float,
    max_response_bytes: int,
) -> Attempt:
    started = time.monotonic()
    target, auth = _credentials(url)
    try:
        with http.stream("POST", target, content=body, headers=headers, auth=auth) as response:
            kept = bytearray()
            for chunk in response.iter_raw():
                kept.extend(chunk[: max_response_bytes - len(kept)])
                if len(kept) >= max_response_bytes or time.monotonic() - started > timeout:
                    break
            text = _text(bytes(kept))
            error = None
            if response.is_redirect:
                where = response.headers.get("location", "")
                error = f"redirect to {where} not followed"
            return Attempt(response.status_code, text, error, time.monotonic() - started)
    except httpx.TimeoutException:
        return Attempt(None, None, f"no answer within {timeout:g} s", time.monotonic() - started)
    except httpx.HTTPError as exc:
        detail = str(exc).strip() or type(exc).__name__
        return Attempt(None, None, detail[:500], time.monotonic() - started)


def _text(data: bytes) -> str:
    """Storable text: UTF-8 with replacements, no NUL (PostgreSQL's text refuses it)."""
    return data.decode("utf-8", "replace").replace("\x00", "\ufffd")
