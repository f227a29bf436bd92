"""POST /v1/leads against the real service, as a marketing tool sends it."""

from __future__ import annotations

import json
import time
from typing import Any

import httpx
from sqlalchemy import text

from sdrdesk.db.engine import Store
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.queue import QueueQuery, QueueService
from sdrdesk.services.sync import EventCursor, SyncService
from tests.intake.conftest import Service, body_of, sdrdesk


def count(url: str, sql: str) -> int:
    store = Store.open(url)
    try:
        with store.connect() as conn:
            return int(conn.execute(text(sql)).scalar_one())
    finally:
        store.dispose()


def test_a_posted_lead_arrives_in_another_desktops_queue_once(service: Service) -> None:
    token = service.token("Website form")
    follower = Store.open(service.url)
    ctx = ServiceContext(follower, Rules(default_region="DE"))
    sync, queue = SyncService(ctx), QueueService(ctx)
    cursor = EventCursor(last_id=sync.head())
    lead = {
        "First Name": "Ada",
        "Nachname": "Lovelace",
        "E-Mail": "ada@analytical.example",
        "phone": "030 1234567",
        "Company": "Analytical Engines",
        "country": "DE",
        "score": "87",
        "favourite_tea": "Earl Grey",
    }
    first = service.post(lead, token, key="form-1")
    assert first.status_code == 201, first.text
    answer = body_of(first)["leads"][0]
    assert answer["status"] == "created"
    lead_id = answer["id"]
    # The second client, following the team, sees the lead arrive.
    deadline = time.time() + 5
    seen: list[Any] = []
    while time.time() < deadline and not seen:
        batch = sync.changes_since(cursor)
        seen = [
            r for r in queue.rows_for(sorted(batch.lead_ids), QueueQuery()) if r.lead.id == lead_id
        ]
        time.sleep(0.05)
    assert seen, "the other desktop never saw the lead"
    row = seen[0].lead
    assert (row.first_name, row.last_name, row.company) == ("Ada", "Lovelace", "Analytical Engines")
    assert row.source == "Website form"  # the token's source
    follower.dispose()
    # The retry gets the first answer and creates nothing.
    again = service.post(lead, token, key="form-1")
    assert again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert body_of(again)["leads"] == body_of(first)["leads"]
    assert count(service.url, "SELECT count(*) FROM leads") == 1
    # The same person again, without a key: a duplicate, named by the first lead's id.
    dup = service.post({"email": "ADA@analytical.example"}, token)
    assert body_of(dup)["leads"][0] == {"id": lead_id, "status": "duplicate", "warnings": []}
    extra = count(
        service.url, "SELECT count(*) FROM leads WHERE CAST(extra AS TEXT) LIKE '%Earl Grey%'"
    )
    assert extra == 1  # unknown keys are kept with the lead
    assert first.headers["x-request-id"]


def test_a_batch_with_one_bad_lead_writes_nothing_unless_partial(service: Service) -> None:
    token = service.token()
    batch = {
        "leads": [
            {"email": "one@example.com"},
            {"first_name": "Nobody"},  # no way to contact
            {"email": "three@example.com", "phone": "x" * 20_000},
        ]
    }
    refused = service.post(batch, token)
    assert refused.status_code == 422
    errors = body_of(refused)["errors"]
    assert [(e["lead"], e["field"]) for e in errors] == [(1, "email"), (2, "phone")]
    assert body_of(refused)["request_id"] == refused.headers["x-request-id"]
    assert count(service.url, "SELECT count(*) FROM leads") == 0
    partial = httpx.post(
        f"{service.base}/v1/leads?partial=true",
        json=batch,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )
    assert partial.status_code == 201
    assert [a["status"] for a in body_of(partial)["leads"]] == ["created"]
    assert count(service.url, "SELECT count(*) FROM leads") == 1


def test_tokens_are_checked_and_revoked(service: Service) -> None:
    token = service.token("Zapier")
    lead = {"email": "z@example.com"}
    assert httpx.post(f"{service.base}/v1/leads", json=lead).status_code == 401
    assert service.post(lead, "sdi_wrong").status_code == 401
    in_query = httpx.post(f"{service.base}/v1/leads?token={token}", json=lead)
    assert in_query.status_code == 400
    assert "Authorization" in body_of(in_query)["detail"]
    listed = "\n".join(sdrdesk(service.url, "intake", "token", "list"))
    assert "Zapier" in listed
    assert token not in listed
    stored = count(service.url, f"SELECT count(*) FROM intake_tokens WHERE token_hash = '{token}'")
    assert stored == 0  # only its hash is stored
    sdrdesk(service.url, "intake", "token", "revoke", "1")
    deadline = time.time() + 5
    status = 0
    while time.time() < deadline and status != 403:
        status = service.post(lead, token).status_code
        time.sleep(0.2)
    assert status == 403
    assert count(service.url, "SELECT count(*) FROM leads") <= 1


def test_hostile_bodies_get_clear_answers_and_the_service_keeps_serving(
    service: Service,
) -> None:
    token = service.token()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    url = f"{service.base}/v1/leads"
    huge = httpx.post(url, content=b"{" + b" " * 10_000_000 + b"}", headers=headers, timeout=60)
    assert huge.status_code == 413
    bad_utf8 = httpx.post(url, content=b'{"email": "\xff\xfe@x.de"}', headers=headers)
    assert bad_utf8.status_code == 400
    deep = httpx.post(url, content=b"[" * 10_000 + b"]" * 10_000, headers=headers)
    assert deep.status_code == 400
    not_json = httpx.post(url, content=b"<xml/>", headers=headers)
    assert not_json.status_code == 400
    for response in (huge, bad_utf8, deep, not_json):
        assert "Traceback" not in response.text
        assert body_of(response)["request_id"]
    assert service.post({"email": "still@example.com"}, token).status_code == 201
    assert "Traceback" not in service.log() or "unexpected error" in service.log()


def test_naughty_strings_are_stored_as_typed(service: Service) -> None:
    token = service.token()
    naughty = [
        "=cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "<script>alert(1)</script>",
        "Robert'); DROP TABLE leads;--",
        "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳",
        "👾 🙇 💁 🙅",
        "\u202etest",
    ]
    leads = [
        {"email": f"n{i}@example.com", "company": value, "first_name": value[:200]}
        for i, value in enumerate(naughty)
    ]
    response = service.post({"leads": leads}, token)
    assert response.status_code == 201, response.text
    store = Store.open(service.url)
    with store.connect() as conn:
        stored = [r[0] for r in conn.execute(text("SELECT company FROM leads ORDER BY id"))]
    store.dispose()
    assert stored == naughty


def test_a_plain_html_form_is_sent_to_the_thank_you_page(service: Service) -> None:
    token = service.token("Website", "--thank-you-url", "https://example.com/thanks")
    response = httpx.post(
        f"{service.base}/v1/leads",
        data={"first_name": "Dora", "email": "dora@example.com", "message": "Call me"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert response.status_code == 303
    assert response.headers["location"] == "https://example.com/thanks"
    multipart = httpx.post(
        f"{service.base}/v1/leads",
        files={"email": (None, "erik@example.com"), "Vorname": (None, "Erik")},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert multipart.status_code == 303
    assert count(service.url, "SELECT count(*) FROM leads") == 2


def test_nested_payloads_of_hubspot_typeform_and_linkedin(service: Service) -> None:
    token = service.token("HubSpot")
    hubspot = {
        "vid": 901,
        "properties": {
            "firstname": {"value": "Hanna"},
            "lastname": {"value": "Berg"},
            "email": {"value": "hanna@berg.example"},
            "company": {"value": "Berg AG"},
        },
    }
    typeform = {
        "event_type": "form_response",
        "form_response": {
            "token": "tf-1",
            "submitted_at": "2026-12-01T09:30:00Z",
            "answers": [
                {
                    "type": "text",
                    "text": "Tim",
                    "field": {"ref": "first_name", "type": "short_text"},
                },
                {
                    "type": "email",
                    "email": "tim@example.com",
                    "field": {"ref": "x", "type": "email"},
                },
                {"type": "phone_number", "phone_number": "+4915112345678", "field": {"ref": "y"}},
            ],
        },
    }
    linkedin = {
        "leadId": "li-7",
        "submittedAt": 1764581400000,
        "formResponse": {
            "answers": [
                {
                    "predefinedField": "FIRST_NAME",
                    "answerDetails": {"textQuestionAnswer": {"answer": "Lia"}},
                },
                {
                    "predefinedField": "EMAIL",
                    "answerDetails": {"textQuestionAnswer": {"answer": "lia@example.com"}},
                },
            ]
        },
    }
    response = service.post({"leads": [hubspot, typeform, linkedin]}, token)
    assert response.status_code == 201, response.text
    store = Store.open(service.url)
    with store.connect() as conn:
        rows = conn.execute(
            text("SELECT first_name, email, external_id, handed_off_at FROM leads ORDER BY id")
        ).all()
    store.dispose()
    assert [(r[0], r[1], r[2]) for r in rows] == [
        ("Hanna", "hanna@berg.example", "901"),
        ("Tim", "tim@example.com", "tf-1"),
        ("Lia", "lia@example.com", "li-7"),
    ]
    assert str(rows[1][3]).startswith("2026-12-01 09:30")  # the submission time
    # The same source lead id again: the first answer, nothing new.
    again = service.post(hubspot, token)
    assert body_of(again)["leads"][0]["id"] == body_of(response)["leads"][0]["id"]
    assert count(service.url, "SELECT count(*) FROM leads") == 3


def test_a_sender_above_its_rate_is_told_when_to_come_back(service: Service) -> None:
    token = service.token("Make", "--rate", "1")
    statuses = [service.post({"email": f"r{i}@example.com"}, token) for i in range(12)]
    assert [r.status_code for r in statuses[:10]] == [201] * 10  # a burst is allowed
    limited = statuses[-1]
    assert limited.status_code == 429
    assert int(limited.headers["Retry-After"]) >= 1
    assert count(service.url, "SELECT count(*) FROM leads") == 10


def test_values_the_database_cannot_hold_are_replaced_not_a_500(service: Service) -> None:
    token = service.token()
    lead = {"email": "odd@example.com", "company": "Lone \ud800 half", "we\x00ird": "a\x00b"}
    response = httpx.post(
        f"{service.base}/v1/leads",
        content=json.dumps(lead).encode(),  # "\ud800" escaped, as JSON allows
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    assert response.status_code == 201, response.text
    stored = count(service.url, "SELECT count(*) FROM leads WHERE company = 'Lone \ufffd half'")
    assert stored == 1
