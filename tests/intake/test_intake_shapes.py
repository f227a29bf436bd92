"""What marketing tools really post, against the real service: form builders, lead ads,
landing pages, German keys; bodies that are no lead; a token revoked while the service
runs; many senders at once, each with its own answer."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx
from sqlalchemy import text

from sdrdesk.db.engine import Store
from tests.intake.conftest import Service, body_of, sdrdesk


def rows(url: str, sql: str) -> list[Any]:
    store = Store.open(url)
    try:
        with store.connect() as conn:
            return list(conn.execute(text(sql)).all())
    finally:
        store.dispose()


def lead_by_email(url: str, email: str) -> dict[str, Any]:
    found = rows(
        url,
        "SELECT first_name, last_name, phone_e164, company, source, external_id, extra "
        f"FROM leads WHERE email = '{email}'",
    )
    assert len(found) == 1, found
    first, last, phone, company, source, external, extra = found[0]
    if isinstance(extra, str):
        extra = json.loads(extra)
    return {
        "first_name": first,
        "last_name": last,
        "phone": phone,
        "company": company,
        "source": source,
        "external_id": external,
        "extra": extra or {},
    }


def form(service: Service, token: str, fields: dict[str, str]) -> httpx.Response:
    return httpx.post(
        f"{service.base}/v1/leads",
        data=fields,
        headers={"Authorization": f"Bearer {token}"},
        timeout=30,
    )


def test_lead_ads_form_builders_and_landing_pages_are_read(service: Service) -> None:
    token = service.token("Marketing")
    facebook = {  # Facebook Lead Ads (Graph API lead, as Zapier or a relay passes it on)
        "id": "fb-9001",
        "created_time": "2026-12-01T10:00:00+0000",
        "field_data": [
            {"name": "full_name", "values": ["Fiona Feld"]},
            {"name": "email", "values": ["fiona@feld.example"]},
            {"name": "phone_number", "values": ["+4930111222"]},
            {"name": "company_name", "values": ["Feld GmbH"]},
        ],
    }
    hubspot_v3 = {  # HubSpot forms API v3 submission
        "submittedAt": "1764583200000",
        "fields": [
            {"objectTypeId": "0-1", "name": "firstname", "value": "Hugo"},
            {"objectTypeId": "0-1", "name": "email", "value": "hugo@hub.example"},
            {"objectTypeId": "0-1", "name": "company", "value": "Hub AG"},
        ],
        "context": {"pageUri": "https://example.com/demo", "pageName": "Demo"},
    }
    contact_webhook = {  # HubSpot workflow webhook: the owner's e-mail is not the lead's
        "vid": 77,
        "properties": {"firstname": {"value": "Olga"}, "phone": {"value": "+4940999888"}},
        "associated-owner": {"email": "owner@our-team.example", "first-name": "Sam"},
    }
    german = {"Vorname": "Jörg", "Nachname": "Weiß", "E-Mail-Adresse": "joerg@weiss.example",
              "Telefonnummer": "030 1234567", "Firma": "Weiß KG",
              "Land": "Deutschland"}  # fmt: skip
    marketo = {"firstName": "Mara", "lastName": "Keto", "email": "mara@keto.example",
               "leadScore": 71, "company": "Keto Inc"}  # fmt: skip
    for body in (facebook, hubspot_v3, contact_webhook, german, marketo):
        response = service.post(body, token)
        assert response.status_code == 201, response.text
    fiona = lead_by_email(service.url, "fiona@feld.example")
    assert (fiona["first_name"], fiona["last_name"], fiona["phone"]) == (
        "Fiona",
        "Feld",
        "+4930111222",
    )
    assert fiona["external_id"] == "fb-9001"
    assert lead_by_email(service.url, "hugo@hub.example")["company"] == "Hub AG"
    olga = rows(service.url, "SELECT email, phone_e164 FROM leads WHERE first_name = 'Olga'")
    assert olga == [(None, "+4940999888")]
    joerg = lead_by_email(service.url, "joerg@weiss.example")
    assert (joerg["first_name"], joerg["company"], joerg["phone"]) == (
        "Jörg",
        "Weiß KG",
        "+49301234567",
    )
    assert lead_by_email(service.url, "mara@keto.example")["last_name"] == "Keto"

    # Form posts: Pardot's form handler, Elementor's advanced data, Unbounce, Contact Form 7.
    assert form(service, token, {"first_name": "Paula", "email": "paula@pardot.example",
                                 "company": "Pardot Fan"}).status_code == 201  # fmt: skip
    elementor = {
        "form[id]": "a1b2c3",
        "form[name]": "Kontakt",
        "fields[name][title]": "Name",
        "fields[name][value]": "Emil Mentor",
        "fields[field_5f3a][title]": "E-Mail",
        "fields[field_5f3a][value]": "emil@elementor.example",
        "meta[page_url][value]": "https://example.com/kontakt",
    }
    assert form(service, token, elementor).status_code == 201
    emil = lead_by_email(service.url, "emil@elementor.example")
    assert (emil["first_name"], emil["last_name"], emil["external_id"]) == ("Emil", "Mentor", None)
    unbounce = {
        "page_id": "p-1",
        "page_url": "https://unbouncepages.com/x",
        "data.json": json.dumps(
            {"first_name": ["Uwe"], "email": ["uwe@unbounce.example"], "phone": ["+4989777666"]}
        ),
    }
    assert form(service, token, unbounce).status_code == 201
    assert lead_by_email(service.url, "uwe@unbounce.example")["phone"] == "+4989777666"
    cf7 = {"your-name": "Cora Seven", "your-email": "cora@cf7.example", "your-subject": "Demo"}
    assert form(service, token, cf7).status_code == 201
    assert lead_by_email(service.url, "cora@cf7.example")["last_name"] == "Seven"


def test_a_shipped_mapping_reads_gravity_forms_and_an_unknown_shape_says_what_to_write(
    service: Service,
) -> None:
    gravity = service.token("Gravity Forms", "--mapping", "gravity-forms")
    posted = {"id": "55", "form_id": "1", "1.3": "Greta", "1.6": "Grav", "2": "greta@gf.example",
              "3": "+4930555444", "date_created": "2026-12-02 08:00:00"}  # fmt: skip
    assert service.post(posted, gravity).status_code == 201
    greta = lead_by_email(service.url, "greta@gf.example")
    assert (greta["first_name"], greta["last_name"], greta["external_id"]) == (
        "Greta",
        "Grav",
        "55",
    )
    plain = service.token("Some tool")
    unknown = service.post({"submission": {"who": {"mail": "x@y.example"}}, "form": 3}, plain)
    assert unknown.status_code == 422
    message = body_of(unknown)["errors"][0]["message"]
    assert "--mapping" in message
    assert "(keys read: who)" in message
    refused = sdrdesk_fails(service.url, "intake", "token", "add", "X", "--mapping", "nope")
    assert "cannot be read" in refused


def sdrdesk_fails(url: str, *args: str) -> str:
    import contextlib
    import io

    from sdrdesk.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["--database-url", url, *args])
    assert code != 0
    return out.getvalue() + err.getvalue()


def test_json_that_is_no_lead_is_a_400_that_says_what_to_send(service: Service) -> None:
    token = service.token()
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    for raw in ('"just a string"', "42", '["a", "b"]', '{"leads": ["a"]}', "null", "true"):
        response = httpx.post(f"{service.base}/v1/leads", content=raw, headers=headers)
        assert response.status_code == 400, (raw, response.text)
        assert '{"leads": [{…}, …]}' in body_of(response)["detail"]
    assert rows(service.url, "SELECT count(*) FROM leads") == [(0,)]


def test_a_revoked_token_is_refused_at_once(service: Service) -> None:
    token = service.token("Zapier")
    assert service.post({"email": "before@example.com"}, token).status_code == 201  # cached
    sdrdesk(service.url, "intake", "token", "revoke", "1")
    refused = service.post({"email": "after@example.com"}, token)
    assert refused.status_code == 403
    assert "revoked" in body_of(refused)["detail"]
    assert rows(service.url, "SELECT email FROM leads") == [("before@example.com",)]


def test_many_senders_at_once_each_get_their_own_answer(service: Service) -> None:
    """Requests written together keep apart: a refused lead refuses only its request, a
    retry gets the first answer, a lead two requests bring is created once."""
    token = service.token("Web form")

    def send(n: int) -> tuple[int, httpx.Response]:
        if n % 10 == 3:
            body: Any = {"email": "not an address", "first_name": f"Bad {n}"}
        elif n % 10 == 5:
            body = {"email": "shared@example.com", "first_name": "Shared"}
        else:
            body = {"email": f"s{n}@senders.example", "first_name": f"S{n}"}
        return n, service.post(body, token, key=f"k-{n % 30}" if n < 60 else f"k-{n}")

    with ThreadPoolExecutor(20) as pool:
        answers = dict(pool.map(send, range(90)))
    for n, response in answers.items():
        if n % 10 == 3:
            assert response.status_code == 422, response.text
        else:
            assert response.status_code == 201, (n, response.text)
    for n in range(30, 60):  # the same key as n - 30: the same answer
        if n % 10 != 3:
            assert body_of(answers[n])["leads"] == body_of(answers[n - 30])["leads"]
    shared = {body_of(answers[n])["leads"][0]["id"] for n in range(90) if n % 10 == 5}
    assert len(shared) == 1
    stored = rows(service.url, "SELECT email, count(*) FROM leads GROUP BY email")
    assert all(c == 1 for _email, c in stored)
    good = {n for n in range(90) if n % 10 not in (3, 5) and not 30 <= n < 60}
    assert len(stored) == len(good) + 1
