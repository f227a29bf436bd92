"""The intake service as a real process on 127.0.0.1 (a free port), on SQLite and on
PostgreSQL, with its tokens made by the real command."""

from __future__ import annotations

import contextlib
import io
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

from sdrdesk.cli import main


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def sdrdesk(url: str, *args: str) -> list[str]:
    """Run a command in-process; its output lines (an error fails the test)."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["--database-url", url, *args])
    assert code == 0, out.getvalue()
    return out.getvalue().splitlines()


@dataclass
class Service:
    url: str  # the database
    base: str  # http://127.0.0.1:PORT
    process: subprocess.Popen[bytes]
    log_dir: Path
    tokens: dict[str, str] = field(default_factory=dict)

    def token(self, source: str = "Website", *options: str) -> str:
        token = sdrdesk(self.url, "intake", "token", "add", source, *options)[-1]
        self.tokens[source] = token
        return token

    def post(
        self, body: object, token: str, *, key: str | None = None, **kwargs: object
    ) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"}
        if key:
            headers["Idempotency-Key"] = key
        return httpx.post(f"{self.base}/v1/leads", json=body, headers=headers, timeout=30, **kwargs)  # type: ignore[arg-type]

    def log(self) -> str:
        path = self.log_dir / "intake.log"
        return path.read_text(encoding="utf-8") if path.exists() else ""


def start_service(
    url: str, tmp_path: Path, *extra: str, env: dict[str, str] | None = None
) -> Service:
    port = free_port()
    log_dir = tmp_path / "logs"
    environment = {
        **os.environ,
        "SDRDESK_LOG_DIR": str(log_dir),
        **(env or {}),
    }
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sdrdesk",
            "--database-url",
            url,
            "intake",
            "serve",
            "--port",
            str(port),
            *extra,
        ],
        env=environment,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.time() + 60
    while time.time() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode() if process.stdout else ""
            raise AssertionError(f"the service ended at start: {output}")
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{base}/v1/health", timeout=1).status_code == 200:
                return Service(url, base, process, log_dir)
        time.sleep(0.1)
    process.kill()
    raise AssertionError("the service did not start within a minute")


def stop_service(service: Service) -> None:
    if service.process.poll() is None:
        service.process.terminate()
        try:
            service.process.wait(30)
        except subprocess.TimeoutExpired:
            service.process.kill()
            service.process.wait(5)


@pytest.fixture
def service(database_url: str, tmp_path: Path) -> Iterator[Service]:
    running = start_service(database_url, tmp_path)
    yield running
    stop_service(running)


def body_of(response: httpx.Response) -> dict[str, Any]:
    data = json.loads(response.text)
    assert isinstance(data, dict)
    return data
