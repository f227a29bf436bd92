"""The service's answers: JSON with a ``detail`` for people and the request id; never a
traceback."""

from __future__ import annotations

from typing import Any

from starlette.responses import JSONResponse

from sdrdesk.http.logs import REQUEST_ID


def problem(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> JSONResponse:
    body = {"detail": detail, "request_id": REQUEST_ID.get(), **extra}
    return JSONResponse(body, status_code=status, headers=headers)


def answer(
    status: int, body: dict[str, Any], headers: dict[str, str] | None = None
) -> JSONResponse:
    return JSONResponse(
        {**body, "request_id": REQUEST_ID.get()}, status_code=status, headers=headers
    )
