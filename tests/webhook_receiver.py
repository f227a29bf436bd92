"""A real HTTP receiver on 127.0.0.1 that checks every signature with the Standard
Webhooks reference library (``standardwebhooks``), as a CRM would.

``mode`` says how it answers: "ok" (204), "500", "410", "slow" (sleeps past the
dispatcher's timeout), "redirect" (302 to another host), "huge" (a 50 MB answer), or a
callable run before answering (to kill a dispatcher between sending and marking).
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError


@dataclass
class Received:
    webhook_id: str
    verified: bool
    body: dict[str, Any]
    raw: bytes
    at: float


@dataclass
class Receiver:
    secret: str = ""
    mode: str | Callable[[], None] = "ok"
    slow_seconds: float = 3.0
    received: list[Received] = field(default_factory=list)
    hits: int = 0
    _server: ThreadingHTTPServer | None = None
    port: int = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self, port: int = 0) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self) -> None:
                length = int(self.headers.get("content-length", "0"))
                raw = self.rfile.read(length)
                receiver.hits += 1
                mode = receiver.mode
                if callable(mode):
                    receiver._record(raw, self.headers)
                    mode()
                    return self._answer(200, b"")
                if mode == "slow":
                    time.sleep(receiver.slow_seconds)
                    return self._answer(200, b"late")
                if mode == "500":
                    return self._answer(500, b'{"error": "database on fire"}')
                if mode == "410":
                    return self._answer(410, b"gone")
                if mode == "redirect":
                    self.send_response(302)
                    self.send_header("location", "http://198.51.100.7/elsewhere")
                    self.send_header("content-length", "0")
                    self.end_headers()
                    return None
                if mode == "huge":
                    receiver._record(raw, self.headers)
                    return self._huge()
                receiver._record(raw, self.headers)
                return self._answer(204, b"")

            def _answer(self, status: int, body: bytes) -> None:
                self.send_response(status)
                self.send_header("content-length", str(len(body)))
                self.end_headers()
                if body:
                    self.wfile.write(body)

            def _huge(self) -> None:
                size = 50 * 1024 * 1024
                self.send_response(200)
                self.send_header("content-length", str(size))
                self.end_headers()
                chunk = b"x" * 65536
                try:
                    for _ in range(size // len(chunk)):
                        self.wfile.write(chunk)
                except OSError:
                    pass  # the dispatcher stopped reading, as it should

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def _record(self, raw: bytes, headers: Any) -> None:
        try:
            Webhook(self.secret).verify(raw, {k.lower(): v for k, v in headers.items()})
            verified = True
        except WebhookVerificationError:
            verified = False
        self.received.append(
            Received(headers.get("webhook-id", ""), verified, json.loads(raw), raw, time.time())
        )

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def types(self) -> list[str]:
        return [r.body["type"] for r in self.received]
