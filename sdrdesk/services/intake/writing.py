"""Writing checked requests: one transaction for one request, or for a group of them.

``write_requests`` is the intake's only write: the stored answers (per
``Idempotency-Key`` and per source lead id), the tokens revoked meanwhile and the leads
already known are read in one round trip (PostgreSQL), then every request of the group
is answered in order, as if they had come one after the other: a retry gets the first
answer, a lead another request of the group just brought is a duplicate of it. The new
leads of all requests go through the one write path (``leads.intake.insert_leads``) and
the rules (``leads.assignment.route_leads``) at once, and the answers are stored with
them. Each request's leads were checked before (``IntakeService.check``), so a refused
lead of one request never touches another's.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from sdrdesk.db.models import IntakeAnswer, IntakeToken
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.leads import CleanLead
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake.payload import FieldError
from sdrdesk.services.intake.results import Answer, Caller
from sdrdesk.services.leads.assignment import facts_of, route_leads
from sdrdesk.services.leads.intake import insert_leads, is_sqlite, known_leads

LEAD_KEY = "lead:"
KEY_LENGTH = 300  # characters of a key stored (intake_answers.key)
_Place = tuple[int, int]  # (request of the group, lead of the request)


@dataclass(frozen=True)
class Checked:
    """A request whose leads passed the checks, waiting to be written."""

    caller: Caller
    leads: Sequence[tuple[int, CleanLead]]  # (place in the request, the lead)
    errors: Sequence[FieldError]  # leads refused (only with ?partial=true)
    key: str | None  # the Idempotency-Key


def lead_key(external_id: str) -> str:
    """The key a lead's own id at the source is answered by."""
    return (LEAD_KEY + external_id)[:KEY_LENGTH]


def revoked_answer() -> Answer:
    return Answer(403, {"detail": _("This token was revoked; ask for a new one.")})


def refusal(errors: Sequence[FieldError]) -> dict[str, Any]:
    return {
        "detail": _("Some leads were refused; nothing was saved."),
        "errors": [{"lead": e.index, "field": e.field, "message": e.message} for e in errors],
    }


def write_requests(
    s: Session, ctx: ServiceContext, requests: Sequence[Checked], actor: int
) -> list[Answer]:
    """The answers to ``requests``, written in the transaction of ``s``."""
    keys: set[tuple[int, str]] = set()
    for req in requests:
        if req.key:
            keys.add((req.caller.id, req.key[:KEY_LENGTH]))
        for _i, lead in req.leads:
            if lead.external_id:
                keys.add((req.caller.id, lead_key(lead.external_id)))
    emails = [lead.email_key for req in requests for _i, lead in req.leads if lead.email_key]
    phones = [lead.phone.e164 for req in requests for _i, lead in req.leads if lead.phone.e164]
    tokens = sorted({req.caller.id for req in requests})
    if is_sqlite(s):
        stored = _stored_answers(s, keys)
        known = known_leads(s, emails, phones)
        revoked = set(
            s.scalars(
                select(IntakeToken.id).where(
                    IntakeToken.id.in_(tokens), IntakeToken.revoked_at.is_not(None)
                )
            )
        )
    else:
        stored, known, revoked = _pg_lookup(s, keys, emails, phones, tokens)
    group = _Group(stored, known)
    answers: list[Answer | None] = []
    for n, req in enumerate(requests):
        answers.append(group.take(n, req, revoked))
    now = ctx.now()
    fresh = group.fresh
    ids = insert_leads(
        s,
        [lead for _i, lead in fresh],
        actor_id=actor,
        event_data=[{"intake": requests[n].caller.source} for (n, _i), _l in fresh],
        at=now,
    )
    routed = route_leads(
        s,
        ctx.assignment,
        [
            (
                lead_id,
                facts_of(
                    lead.country, lead.source, lead.score, lead.campaign, lead.extra, lead.product
                ),
            )
            for lead_id, (_p, lead) in zip(ids, fresh, strict=True)
        ],
        actor_id=actor,
        now=now,
    )
    rows: list[dict[str, Any]] = []
    created: dict[_Place, dict[str, Any]] = {}
    for lead_id, ((n, index), lead) in zip(ids, fresh, strict=True):
        answer: dict[str, Any] = {"id": lead_id, "status": "created", "warnings": lead.warnings}
        where = routed.get(lead_id)
        if where is not None:
            answer.update(owner=where.sdr, rule=where.rule, accepted=where.accepted)
        created[(n, index)] = answer
        if lead.external_id:
            key = lead_key(lead.external_id)
            rows.append(_answer_row(requests[n].caller.id, key, 201, answer, ctx))
    done: list[Answer] = []
    for n, req in enumerate(requests):
        ready = answers[n]
        if ready is None and n in group.follows:  # the same key as an earlier request
            ready = done[group.follows[n]]
            ready = Answer(ready.status, ready.body, replayed=True)
        if ready is None:
            body = {"leads": [group.resolve(n, i, created) for i in sorted(group.per[n])]}
            if req.errors:
                body["refused"] = refusal(req.errors)["errors"]
            if req.key:
                rows.append(_answer_row(req.caller.id, req.key, 201, body, ctx))
            ready = Answer(201, body)
        done.append(ready)
    if rows:
        s.execute(insert(IntakeAnswer), rows)
    return done


class _Group:
    """Deciding, request by request, what each lead of a group is: new, a duplicate of a
    known lead or of one the group brings, or answered before (its source lead id)."""

    def __init__(self, stored: dict[tuple[int, str], tuple[int, str]], known: Any) -> None:
        self.stored = stored
        self.known: DuplicateIndex[int] = known
        self.batch: DuplicateIndex[_Place] = DuplicateIndex()
        self.fresh: list[tuple[_Place, CleanLead]] = []
        self.per: dict[int, dict[int, dict[str, Any]]] = {}
        self.follows: dict[int, int] = {}
        self._keys: dict[tuple[int, str], int] = {}
        self._external: dict[tuple[int, str], _Place] = {}

    def take(self, n: int, req: Checked, revoked: set[int]) -> Answer | None:
        token = req.caller.id
        if token in revoked:
            return revoked_answer()
        if req.key:
            key = (token, req.key[:KEY_LENGTH])
            earlier = self.stored.get(key)
            if earlier is not None:
                return Answer(earlier[0], json.loads(earlier[1]), replayed=True)
            if key in self._keys:
                self.follows[n] = self._keys[key]
                return None
            self._keys[key] = n
        per: dict[int, dict[str, Any]] = {}
        self.per[n] = per
        for index, lead in req.leads:
            external = (token, lead_key(lead.external_id)) if lead.external_id else None
            if external is not None:
                answered = self.stored.get(external)
                if answered is not None:
                    per[index] = json.loads(answered[1])
                    continue
                if external in self._external:
                    per[index] = {"same": self._external[external]}
                    continue
            phone = lead.phone.e164
            found = self.known.match(lead.email_key, phone)
            if found is not None:
                per[index] = {"id": found, "status": "duplicate", "warnings": lead.warnings}
                continue
            first = self.batch.match(lead.email_key, phone)
            if first is not None:
                per[index] = {"of": first}
                continue
            self.batch.add(lead.email_key, phone, (n, index))
            self.fresh.append(((n, index), lead))
            per[index] = {"new": True}
            if external is not None:
                self._external[external] = (n, index)
        return None

    def resolve(self, n: int, index: int, created: dict[_Place, dict[str, Any]]) -> dict[str, Any]:
        answer = self.per[n][index]
        if "new" in answer:
            return created[(n, index)]
        if "same" in answer:  # the same source lead id as an earlier lead: its answer
            return created[answer["same"]]
        if "of" in answer:  # a duplicate of a lead the group brings
            return {"id": created[answer["of"]]["id"], "status": "duplicate", "warnings": []}
        return answer


def _answer_row(
    token_id: int, key: str, status: int, body: dict[str, Any], ctx: ServiceContext
) -> dict[str, Any]:
    return {
        "token_id": token_id,
        "key": key[:KEY_LENGTH],
        "status": status,
        "body": json.dumps(body, ensure_ascii=False),
        "created_at": ctx.now(),
    }


def _stored_answers(
    s: Session, keys: set[tuple[int, str]]
) -> dict[tuple[int, str], tuple[int, str]]:
    found: dict[tuple[int, str], tuple[int, str]] = {}
    for token in {t for t, _k in keys}:
        wanted = [k for t, k in keys if t == token]
        rows = s.execute(
            select(IntakeAnswer.key, IntakeAnswer.status, IntakeAnswer.body).where(
                IntakeAnswer.token_id == token, IntakeAnswer.key.in_(wanted)
            )
        )
        found.update({(token, key): (status, body) for key, status, body in rows})
    return found


_PG_LOOKUP = text(
    "SELECT 0 AS kind, a.token_id AS id, a.key AS a, a.status::text AS b, a.body AS c "
    "FROM intake_answers a JOIN unnest(CAST(:tokens AS integer[]), CAST(:keys AS text[])) "
    "AS w(token_id, key) ON a.token_id = w.token_id AND a.key = w.key "
    "UNION ALL SELECT 1, id, email_key, phone_e164, NULL FROM leads "
    "WHERE phone_e164 = ANY(:phones) "
    "UNION ALL SELECT 2, id, email_key, phone_e164, NULL FROM leads "
    "WHERE email_key = ANY(:emails) "
    "UNION ALL SELECT 3, id, NULL, NULL, NULL FROM intake_tokens "
    "WHERE id = ANY(:token_ids) AND revoked_at IS NOT NULL ORDER BY 1, 2"
)


def _pg_lookup(
    s: Session,
    keys: set[tuple[int, str]],
    emails: list[str],
    phones: list[str],
    tokens: list[int],
) -> tuple[dict[tuple[int, str], tuple[int, str]], DuplicateIndex[int], set[int]]:
    """The stored answers, the leads already known and the revoked tokens, in one round
    trip (PostgreSQL); phones first, as ``known_leads`` (a phone's lead is its oldest)."""
    stored: dict[tuple[int, str], tuple[int, str]] = {}
    known: DuplicateIndex[int] = DuplicateIndex()
    revoked: set[int] = set()
    pairs = sorted(keys)
    rows = s.execute(
        _PG_LOOKUP,
        {
            "tokens": [t for t, _k in pairs],
            "keys": [k for _t, k in pairs],
            "emails": emails,
            "phones": phones,
            "token_ids": tokens,
        },
    )
    for kind, row_id, a, b, c in rows:
        if kind == 0:
            stored[(row_id, a)] = (int(b), c)
        elif kind == 3:
            revoked.add(row_id)
        else:
            known.add(a, b, row_id)
    return stored, known, revoked
