"""The service under strain: signed webhooks, slow senders, SIGTERM, the database gone,
and routing on arrival by the team's rules."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import signal
import socket
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from standardwebhooks import Webhook

from sdrdesk.db.engine import Store
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.users import UserService
from tests.intake.conftest import Service, body_of, start_service, stop_service


def test_signed_webhooks_are_verified(service: Service) -> None:
    secret = "whsec_" + base64.b64encode(b"a secret of thirty-two bytes!!!!").decode()
    token = service.token("n8n", "--signing-secret", secret)
    payload = json.dumps({"email": "signed@example.com"}).encode()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    unsigned = httpx.post(f"{service.base}/v1/leads", content=payload, headers=headers)
    assert unsigned.status_code == 401
    now = datetime.now(UTC)
    signature = Webhook(secret).sign("msg_1", now, payload)
    signed = {
        **headers,
        "webhook-id": "msg_1",
        "webhook-timestamp": str(int(now.timestamp())),
        "webhook-signature": signature,
    }
    ok = httpx.post(f"{service.base}/v1/leads", content=payload, headers=signed)
    assert ok.status_code == 201, ok.text
    tampered = payload.replace(b"signed", b"forged")
    forged = httpx.post(f"{service.base}/v1/leads", content=tampered, headers=signed)
    assert forged.status_code == 401


def test_a_slow_sender_does_not_hold_up_the_others(service: Service) -> None:
    token = service.token()
    host, port = "127.0.0.1", int(service.base.rsplit(":", 1)[1])
    slow = [socket.create_connection((host, port)) for _ in range(20)]
    try:
        for s in slow:
            s.sendall(b"POST /v1/leads HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n")
        started = time.monotonic()
        response = service.post({"email": "quick@example.com"}, token)
        assert response.status_code == 201
        assert time.monotonic() - started < 5
    finally:
        for s in slow:
            s.close()


def test_sigterm_finishes_the_requests_in_flight(database_url: str, tmp_path: Path) -> None:
    running = start_service(database_url, tmp_path)
    try:
        token = running.token()
        leads = {"leads": [{"email": f"p{i}@example.com"} for i in range(300)]}
        answers: list[int] = []
        sender = threading.Thread(
            target=lambda: answers.append(running.post(leads, token).status_code)
        )
        sender.start()
        time.sleep(0.05)
        running.process.send_signal(signal.SIGTERM)
        sender.join(30)
        assert running.process.wait(30) == 0
        assert answers in ([201], [])  # finished, or never started: never cut half-way
        store = Store.open(database_url)
        with store.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM leads")).scalar_one()
        store.dispose()
        assert stored in (0, 300)
        assert (stored == 300) == (answers == [201])
        assert "intake service stopped" in running.log()
    finally:
        stop_service(running)


def test_routing_on_arrival_accepts_hot_leads_for_an_sdr(database_url: str, tmp_path: Path) -> None:
    store = Store.open(database_url)
    UserService(ServiceContext(store)).add("anna", Role.SDR)  # an SDR of the team
    store.dispose()
    rules = tmp_path / "rules.toml"
    rules.write_text(
        'mode = "pool"\n\n[[rule]]\nname = "Hot from ads"\nmin_score = 80\n'
        'campaigns = ["Q4 Ads"]\naction = "accept"\nsdrs = ["anna"]\n',
        encoding="utf-8",
    )
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(
        json.dumps({"assignment_rules_file": str(rules)}), encoding="utf-8"
    )
    running = start_service(database_url, tmp_path, env={"SDRDESK_CONFIG_DIR": str(config)})
    try:
        token = running.token("Google Ads")
        hot = {"email": "hot@example.com", "score": "91", "Campaign": "Q4 Ads"}
        cold = {"email": "cold@example.com", "score": "40", "Campaign": "Q4 Ads"}
        response = running.post({"leads": [hot, cold]}, token)
        assert response.status_code == 201, response.text
        first, second = body_of(response)["leads"]
        assert (first["owner"], first["rule"], first["accepted"]) == ("anna", "Hot from ads", True)
        assert "owner" not in second
        store = Store.open(database_url)
        with store.connect() as conn:
            status = conn.execute(
                text("SELECT status FROM leads WHERE id = :i"), {"i": first["id"]}
            ).scalar_one()
            history = conn.execute(
                text("SELECT action, data FROM lead_events WHERE lead_id = :i ORDER BY id"),
                {"i": first["id"]},
            ).all()
        store.dispose()
        assert str(status).lower().endswith("sal")
        assert [h[0] for h in history] == ["hand_off", "assigned", "accept"]
        assert "Hot from ads" in str(history[1][1])
    finally:
        stop_service(running)


class Cut:
    """A TCP proxy in front of PostgreSQL that the test can cut and mend: the database
    as the service sees it goes away and comes back."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.open = True
        self.port = 0
        self._ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._conns: list[asyncio.StreamWriter] = []
        threading.Thread(target=self._run, daemon=True).start()
        self._ready.wait(5)

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)

        async def pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                while data := await reader.read(65536):
                    writer.write(data)
                    await writer.drain()
            except (ConnectionError, OSError):
                pass
            finally:
                writer.close()

        async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            if not self.open:
                writer.close()
                return
            up_reader, up_writer = await asyncio.open_connection(*self.target)
            self._conns += [writer, up_writer]
            await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))

        async def main() -> None:
            server = await asyncio.start_server(handle, "127.0.0.1", 0)
            self.port = server.sockets[0].getsockname()[1]
            self._ready.set()
            await server.serve_forever()

        self._loop.run_until_complete(main())

    def cut(self) -> None:
        def close_all() -> None:
            self.open = False
            for w in self._conns:
                w.close()
            self._conns.clear()

        self._loop.call_soon_threadsafe(close_all)
        time.sleep(0.2)

    def mend(self) -> None:
        self.open = True


@pytest.fixture
def cut_database(database_url: str) -> tuple[Cut, str]:
    parsed = make_url(database_url)
    proxy = Cut((parsed.host or "127.0.0.1", parsed.port or 5432))
    return proxy, parsed.set(host="127.0.0.1", port=proxy.port).render_as_string(False)


@pytest.mark.postgres_only
def test_database_down_is_503_and_the_retry_succeeds_once(
    cut_database: tuple[Cut, str], database_url: str, tmp_path: Path
) -> None:
    proxy, via_proxy = cut_database
    running = start_service(via_proxy, tmp_path)
    try:
        token = running.token()
        assert running.post({"email": "before@example.com"}, token).status_code == 201
        proxy.cut()
        lead = {"leads": [{"email": "during@example.com"}, {"email": "also@example.com"}]}
        down = running.post(lead, token, key="retry-me")
        assert down.status_code == 503
        assert down.headers["Retry-After"]
        assert body_of(down)["request_id"]
        assert httpx.get(f"{running.base}/v1/health").status_code == 503
        proxy.mend()
        again = running.post(lead, token, key="retry-me")
        assert again.status_code == 201, again.text
        once_more = running.post(lead, token, key="retry-me")
        assert body_of(once_more)["leads"] == body_of(again)["leads"]
        store = Store.open(database_url)
        with store.connect() as conn:
            stored = conn.execute(text("SELECT count(*) FROM leads")).scalar_one()
        store.dispose()
        assert stored == 3  # nothing lost, nothing doubled
    finally:
        stop_service(running)


def test_the_log_is_in_the_log_folder_with_request_ids(service: Service) -> None:
    token = service.token()
    response = service.post({"first_name": "no contact"}, token)
    assert response.status_code == 422
    assert os.path.isdir(service.log_dir)
    assert "intake service started" in service.log()
    if os.name == "posix":  # it names leads: only its user may read it, whatever the umask
        assert os.stat(service.log_dir / "intake.log").st_mode & 0o777 == 0o600
        assert os.stat(service.log_dir).st_mode & 0o777 == 0o700
