"""The intake's HTTP face: ``POST /v1/leads`` and ``GET /v1/health``.

Each request gets an id (``X-Request-Id``, in every error answer and log line). The body
is read here (at most 1 MB, within ``limits.BODY_SECONDS``) and decoded; the token is
checked (``Authorization: Bearer``; a token in the query string is refused), its
signature too when its source signs (Standard Webhooks), then the service does the rest
in a worker thread, one transaction per request. A database that cannot be reached is a
503 with ``Retry-After``; anything unexpected is a 500 with the request id, logged with
its traceback, never shown.

Background workers (the webhooks dispatcher, …) are started and stopped by the lifespan:
``create_app(..., workers=[...])`` takes objects with ``start()`` and ``stop()``.
"""

from __future__ import annotations

import asyncio
import json
import logging
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from functools import partial
from typing import Any, Protocol, overload
from urllib.parse import parse_qsl

import anyio.to_thread
from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from sdrdesk.domain.errors import PermissionDeniedError, StoreUnavailableError, ValidationError
from sdrdesk.http.answers import answer, problem
from sdrdesk.http.limits import RateLimits, TooLarge, TooSlow, read_body
from sdrdesk.http.logs import REQUEST_ID
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake import (
    Answer,
    Caller,
    GroupWriter,
    IntakeService,
    TokenService,
    from_form,
)

log = logging.getLogger("sdrdesk.http")
RETRY_AFTER = "5"
INLINE_LEADS = 5  # leads of a request checked on the event loop itself
_QUERY_TOKENS = ("token", "access_token", "api_key", "apikey", "key")
_FORMS = ("application/x-www-form-urlencoded", "multipart/form-data")


class Worker(Protocol):
    def start(self) -> None: ...

    def stop(self) -> None: ...


class Refused(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


def create_app(
    ctx: ServiceContext,
    *,
    rate_per_minute: int = 1200,
    threads: int = 8,
    workers: Sequence[Worker] = (),
) -> Starlette:
    tokens = TokenService(ctx)
    intake = IntakeService(ctx)
    writer = GroupWriter(intake)
    limits = RateLimits(rate_per_minute)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        # As many threads as the database pool has connections: more only queue there.
        anyio.to_thread.current_default_thread_limiter().total_tokens = threads
        try:
            await run_in_threadpool(intake.actor)
        except StoreUnavailableError as exc:
            log.warning("database not reachable at start: %s", exc)
        writer.start()
        for worker in workers:  # background workers start here …
            worker.start()
        log.info("intake service started")
        try:
            yield
        finally:
            await run_in_threadpool(writer.stop)  # what is waiting is written first
            for worker in reversed(workers):  # … and stop here, after the last request
                worker.stop()
            log.info(
                "intake service stopped (%d requests in %d transactions)",
                writer.requests,
                writer.groups,
            )

    async def health(_request: Request) -> Response:
        try:
            await run_in_threadpool(_ping, ctx)
        except StoreUnavailableError:
            return problem(
                503,
                _("The database cannot be reached."),
                {"Retry-After": RETRY_AFTER},
                state="unavailable",
            )
        return answer(200, {"status": "ok"})

    async def post_leads(request: Request) -> Response:
        try:
            caller = _authenticate(request, tokens, cached_only=True)
            if caller is None:  # not in the cache: read in a worker thread
                caller = await run_in_threadpool(_authenticate, request, tokens)
            wait = limits.take(caller.id, caller.rate_per_minute)
            if wait:
                return problem(
                    429,
                    _("Too many requests for this token; try again in {n} s.").format(n=int(wait)),
                    {"Retry-After": str(int(wait))},
                )
            raw = await read_body(request)
            if caller.signing_secret:
                _verify(caller.signing_secret, raw, request)
            form = _is_form(request, raw)
            body: Any = await _form(request, raw) if form else _json(raw)
            _shape(body)
            check = partial(
                intake.check,
                caller,
                body,
                idempotency_key=request.headers.get("idempotency-key"),
                partial=request.query_params.get("partial", "").lower() in ("true", "1", "yes"),
            )
            # A few leads are checked at once (a thread's hand-over costs more); a big
            # batch in a worker thread, so that the loop goes on serving the others.
            checked = check() if _count(body) <= INLINE_LEADS else await run_in_threadpool(check)
            result = (
                checked
                if isinstance(checked, Answer)
                else await asyncio.wrap_future(writer.submit(checked))
            )
            if result.status == 403:  # the token was revoked: the cache forgets it
                tokens.forget(caller.id)
        except Refused as refused:
            return refused.response
        except TooLarge:
            return problem(413, _("The body is larger than 1 MB; send fewer leads at a time."))
        except TooSlow:
            return problem(408, _("The body took too long to arrive."))
        except ValidationError as exc:
            return problem(422, str(exc))
        except StoreUnavailableError as exc:
            log.warning("database unavailable: %s", exc)
            return problem(
                503,
                _("The database cannot be reached; nothing was saved. Send it again later."),
                {"Retry-After": RETRY_AFTER},
            )
        except PermissionDeniedError as exc:
            log.error("refused by the database: %s", exc)
            return problem(403, str(exc))
        headers = {"Idempotent-Replayed": "true"} if result.replayed else None
        if form and result.status == 201 and caller.thank_you_url:
            return RedirectResponse(caller.thank_you_url, status_code=303)
        return answer(result.status, result.body, headers)

    async def not_found(_request: Request, _exc: Exception) -> Response:
        return problem(404, _("There is nothing here; leads are posted to /v1/leads."))

    async def not_allowed(_request: Request, _exc: Exception) -> Response:
        return problem(405, _("This address does not take that method."))

    async def failed(_request: Request, exc: Exception) -> Response:
        log.error("unexpected error", exc_info=exc)
        return problem(500, _("Something went wrong on our side; nothing was saved."))

    app = Starlette(
        routes=[
            Route("/v1/health", health, methods=["GET"]),
            Route("/v1/leads", post_leads, methods=["POST"]),
        ],
        lifespan=lifespan,
        exception_handlers={404: not_found, 405: not_allowed, Exception: failed},
    )
    app.add_middleware(_RequestIds)
    return app


class _RequestIds:
    """Every request gets an id: in ``X-Request-Id``, the log lines and error answers."""

    def __init__(self, app: Callable[..., Awaitable[None]]) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = uuid.uuid4().hex[:16]
        token = REQUEST_ID.set(request_id)

        async def send_with_id(message: Any) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            REQUEST_ID.reset(token)


def _ping(ctx: ServiceContext) -> None:
    from sqlalchemy import text

    with ctx.store.connect() as conn:
        conn.execute(text("SELECT 1"))


@overload
def _authenticate(request: Request, tokens: TokenService) -> Caller: ...


@overload
def _authenticate(
    request: Request, tokens: TokenService, *, cached_only: bool
) -> Caller | None: ...


def _authenticate(
    request: Request, tokens: TokenService, *, cached_only: bool = False
) -> Caller | None:
    """The request's token, checked; with ``cached_only`` None when it is not in the
    cache (then the database is asked in a worker thread)."""
    if any(name in request.query_params for name in _QUERY_TOKENS):
        raise Refused(
            problem(
                400,
                _(
                    "Tokens in the address are refused (they end up in logs); "
                    "send it as Authorization: Bearer TOKEN."
                ),
            )
        )
    scheme, _sep, token = request.headers.get("authorization", "").partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Refused(
            problem(
                401,
                _("Send the source's token as Authorization: Bearer TOKEN."),
                {"WWW-Authenticate": "Bearer"},
            )
        )
    if cached_only:
        known, caller = tokens.cached(token)
        if not known:
            return None
    else:
        caller = tokens.caller(token)
    if caller is None:
        raise Refused(problem(401, _("This token is not known."), {"WWW-Authenticate": "Bearer"}))
    if caller.revoked:
        raise Refused(problem(403, _("This token was revoked; ask for a new one.")))
    return caller


def _verify(secret: str, raw: bytes, request: Request) -> None:
    from standardwebhooks import Webhook, WebhookVerificationError

    try:
        Webhook(secret).verify(raw, dict(request.headers))
    except (WebhookVerificationError, ValueError, KeyError) as exc:
        log.info("signature refused: %s", exc)
        raise Refused(
            problem(401, _("The webhook signature does not match (Standard Webhooks)."))
        ) from exc


def _count(body: Any) -> int:
    leads = body.get("leads") if isinstance(body, dict) else body
    return len(leads) if isinstance(leads, list) else 1


def _shape(body: Any) -> None:
    """A 400 for JSON that is no lead: a string, a number, ``null``, a list of anything but
    objects (as ``{"leads": [...]}`` too)."""
    leads = body.get("leads") if isinstance(body, dict) else body
    if isinstance(body, dict) and not isinstance(leads, list):
        return
    if isinstance(leads, list) and all(isinstance(lead, dict) for lead in leads):
        return
    if isinstance(leads, list):
        kind = _("a list holding something other than objects")
    elif leads is None:
        kind = _("null")
    elif isinstance(leads, bool):
        kind = _("true or false")
    elif isinstance(leads, str):
        kind = _("a string")
    else:
        kind = _("a number")
    raise Refused(
        problem(
            400,
            _(
                "The body is {kind}; send one lead as a JSON object of fields, "
                'or {{"leads": [{{…}}, …]}}.'
            ).format(kind=kind),
        )
    )


def _is_form(request: Request, raw: bytes) -> bool:
    """A form post; JSON sent as a form (``curl -d`` without a Content-Type) is JSON."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded" and raw.lstrip()[:1] in (b"{", b"["):
        return False
    return kind in _FORMS


def _json(raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(problem(400, _("The body is not valid UTF-8."))) from exc
    try:
        return json.loads(text)
    except RecursionError as exc:
        raise Refused(problem(400, _("The JSON is nested too deeply."))) from exc
    except ValueError as exc:
        raise Refused(
            problem(400, _("The body is not JSON or a form: {error}").format(error=exc))
        ) from exc


async def _form(request: Request, raw: bytes) -> dict[str, Any]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    try:
        if kind == "application/x-www-form-urlencoded":
            pairs = parse_qsl(raw.decode("utf-8"), keep_blank_values=False, strict_parsing=False)
            return from_form(dict(pairs))
        form = await _multipart(request, raw)
    except (UnicodeDecodeError, ValueError, AssertionError) as exc:
        raise Refused(problem(400, _("The form cannot be read."))) from exc
    return from_form({k: v for k, v in form.items() if isinstance(v, str)})


async def _multipart(request: Request, raw: bytes) -> FormData:
    async def replay() -> dict[str, Any]:
        return {"type": "http.request", "body": raw, "more_body": False}

    again = Request(request.scope, replay)
    return await again.form(max_files=0, max_fields=200)


__all__ = ["JSONResponse", "create_app"]
