"""Group commit in the service: requests written in one transaction are answered as if
they had come one after the other, and a failed group is written request by request."""

from __future__ import annotations

from concurrent.futures import wait
from typing import Any

from sqlalchemy import text

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake import Answer, GroupWriter, IntakeService, TokenService
from sdrdesk.services.intake.writing import Checked


def checked(intake: IntakeService, caller: Any, body: Any, key: str | None) -> Checked:
    found = intake.check(caller, body, idempotency_key=key)
    assert isinstance(found, Checked), found
    return found


def test_one_group_is_answered_request_by_request(ctx: ServiceContext) -> None:
    tokens = TokenService(ctx)
    caller = tokens.caller(tokens.add("Web", actor_id=None).token)
    assert caller is not None
    intake = IntakeService(ctx)
    first = checked(intake, caller, {"email": "a@group.example"}, "k1")
    retry = checked(intake, caller, {"email": "a@group.example"}, "k1")  # same key
    same_lead = checked(intake, caller, {"email": "a@group.example"}, "k2")
    other = checked(intake, caller, {"leads": [{"email": "b@group.example", "id": "s-1"}]}, None)
    again = checked(intake, caller, {"email": "c@group.example", "id": "s-1"}, None)
    answers = intake.write([first, retry, same_lead, other, again])
    assert [a.status for a in answers] == [201] * 5
    created = answers[0].body["leads"][0]
    assert created["status"] == "created"
    assert answers[1] == Answer(201, answers[0].body, replayed=True)
    assert answers[2].body["leads"][0] == {
        "id": created["id"],
        "status": "duplicate",
        "warnings": [],
    }
    assert answers[3].body["leads"][0]["status"] == "created"
    assert answers[4].body["leads"][0] == answers[3].body["leads"][0]  # its source lead id
    with ctx.store.connect() as conn:
        emails = conn.execute(text("SELECT email FROM leads ORDER BY id")).scalars().all()
    assert emails == ["a@group.example", "b@group.example"]
    # Later, alone: the stored answers.
    later = intake.write([checked(intake, caller, {"email": "zzz@group.example"}, "k1")])
    assert later[0] == Answer(201, answers[0].body, replayed=True)


def test_a_revoked_token_in_a_group_refuses_only_its_requests(ctx: ServiceContext) -> None:
    tokens = TokenService(ctx)
    kept = tokens.caller(tokens.add("Kept", actor_id=None).token)
    gone_token = tokens.add("Gone", actor_id=None)
    gone = tokens.caller(gone_token.token)
    assert kept is not None
    assert gone is not None
    tokens.revoke(str(gone_token.info.id))
    intake = IntakeService(ctx)
    writer = GroupWriter(intake, wait_seconds=0.05)
    writer.start()
    try:
        futures = [
            writer.submit(checked(intake, kept, {"email": "k@r.example"}, None)),
            writer.submit(checked(intake, gone, {"email": "g@r.example"}, None)),
        ]
        wait(futures, 30)
    finally:
        writer.stop()
    assert [f.result().status for f in futures] == [201, 403]
    assert writer.groups == 1
    with ctx.store.connect() as conn:
        emails = conn.execute(text("SELECT email FROM leads")).scalars().all()
    assert emails == ["k@r.example"]
