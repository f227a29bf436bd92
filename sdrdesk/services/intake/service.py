"""The intake's use case: leads posted by a marketing tool, through the one write path.

One request is one transaction: the answer stored for its ``Idempotency-Key`` (and for
each lead's own id at the source) is looked up first, the leads are checked
(``clean_lead``), deduplicated against the store and each other, inserted with their
hand-off events (``leads.intake.insert_leads``), routed by the team's rules
(``leads.assignment.route_leads``), and the answer is stored with them. A retry of the
same request therefore gets the first answer and creates nothing, and a database that
fails half-way leaves nothing written.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy import insert, select, text
from sqlalchemy.orm import Session

from sdrdesk.db.models import IntakeAnswer
from sdrdesk.domain.dedupe import DuplicateIndex
from sdrdesk.domain.errors import StoreUnavailableError, ValidationError
from sdrdesk.domain.leads import CleanLead, clean_lead
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake.payload import FieldError, lead_input, leads_of, read_mapping_file
from sdrdesk.services.intake.results import Answer, Caller
from sdrdesk.services.leads.assignment import facts_of, route_leads
from sdrdesk.services.leads.intake import insert_leads, is_sqlite, known_leads
from sdrdesk.services.users.service import UserService

log = logging.getLogger(__name__)

INTAKE_USER = "intake"
_LEAD_KEY = "lead:"
_KEY_LIMIT = 255


class IntakeService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._actor_id: int | None = None

    def actor(self) -> int:
        """The user the intake acts as: on a team database its login's own user, else
        a marketing user called ``intake`` (made on first use)."""
        if self._actor_id is None:
            user = UserService(self._ctx).identify(
                None, INTAKE_USER, Role.MARKETING, display_name="Intake"
            )
            self._actor_id = user.id
        return self._actor_id

    def receive(
        self,
        caller: Caller,
        body: Any,
        *,
        idempotency_key: str | None = None,
        partial: bool = False,
    ) -> Answer:
        """The answer to one ``POST /v1/leads`` whose JSON (or form) is ``body``."""
        if idempotency_key is not None and len(idempotency_key) > _KEY_LIMIT:
            raise ValidationError(
                _("The Idempotency-Key is longer than {n} characters.").format(n=_KEY_LIMIT)
            )
        raw_leads = leads_of(body)
        mapping = read_mapping_file(caller.mapping) if caller.mapping else None
        now = self._ctx.now()
        region = self._ctx.rules.default_region
        checked: list[tuple[int, CleanLead]] = []
        errors: list[FieldError] = []
        for index, raw in enumerate(raw_leads):
            lead_in, bad = lead_input(index, raw, caller.source, mapping)
            if lead_in is None:
                errors.extend(bad)
                continue
            try:
                checked.append(
                    (
                        index,
                        clean_lead(
                            lead_in, default_region=region, now=now, products=self._ctx.products
                        ),
                    )
                )
            except ValidationError as exc:
                field = "email" if lead_in.email else "phone" if lead_in.phone else "email"
                errors.append(FieldError(index, field, str(exc)))
        refused = {e.index for e in errors}
        if errors and (not partial or len(refused) == len(raw_leads)):
            return Answer(422, _refusal(errors))
        actor = self.actor()
        for attempt in (1, 2, 3):
            try:
                with self._ctx.store.write() as s:
                    return self._write(s, caller, checked, errors, idempotency_key, actor)
            except sa_exc.IntegrityError:
                # Another request stored the same key or lead at the same moment: the
                # next try finds its answer (or its lead, a duplicate).
                if attempt == 3:
                    raise
                log.info("intake: a concurrent request won a key; trying again")
            except StoreUnavailableError:
                # A connection dropped (the database restarted): nothing was written; the
                # pool is made anew, so one more try tells whether it is really down.
                if attempt >= 2:
                    raise
                log.info("intake: a connection dropped; trying once more")
        raise AssertionError("unreachable")

    def _write(
        self,
        s: Session,
        caller: Caller,
        checked: Sequence[tuple[int, CleanLead]],
        errors: Sequence[FieldError],
        key: str | None,
        actor: int,
    ) -> Answer:
        keys = [key] if key else []
        keys += [_LEAD_KEY + lead.external_id for _, lead in checked if lead.external_id]
        emails = [lead.email_key for _, lead in checked if lead.email_key]
        phones = [lead.phone.e164 for _, lead in checked if lead.phone.e164]
        if is_sqlite(s):
            stored = _stored_answers(s, caller.id, keys)
            known = known_leads(s, emails, phones)
        else:
            stored, known = _pg_lookup(s, caller.id, keys, emails, phones)
        if key and key in stored:
            status, text = stored[key]
            return Answer(status, json.loads(text), replayed=True)
        answers: dict[int, dict[str, Any]] = {}
        batch: DuplicateIndex[int] = DuplicateIndex()
        fresh: list[tuple[int, CleanLead]] = []
        for index, lead in checked:
            earlier = stored.get(_LEAD_KEY + lead.external_id) if lead.external_id else None
            if earlier is not None:
                answers[index] = json.loads(earlier[1])
                continue
            phone = lead.phone.e164
            found = known.match(lead.email_key, phone)
            if found is None:
                first = batch.match(lead.email_key, phone)
                if first is not None:
                    answers[index] = {"id": None, "status": "duplicate", "of": first}
                    continue
                batch.add(lead.email_key, phone, index)
                fresh.append((index, lead))
                continue
            answers[index] = {"id": found, "status": "duplicate", "warnings": lead.warnings}
        ids = insert_leads(
            s,
            [lead for _, lead in fresh],
            actor_id=actor,
            event_data=[{"intake": caller.source} for _ in fresh],
            at=self._ctx.now(),
        )
        routed = route_leads(
            s,
            self._ctx.assignment,
            [
                (
                    lead_id,
                    facts_of(
                        lead.country,
                        lead.source,
                        lead.score,
                        lead.campaign,
                        lead.extra,
                        lead.product,
                    ),
                )
                for lead_id, (_, lead) in zip(ids, fresh, strict=True)
            ],
            actor_id=actor,
            now=self._ctx.now(),
        )
        new_answers: list[dict[str, Any]] = []
        for lead_id, (index, lead) in zip(ids, fresh, strict=True):
            answer: dict[str, Any] = {"id": lead_id, "status": "created", "warnings": lead.warnings}
            where = routed.get(lead_id)
            if where is not None:
                answer["owner"] = where.sdr
                answer["rule"] = where.rule
                answer["accepted"] = where.accepted
            answers[index] = answer
            if lead.external_id:
                new_answers.append(
                    _answer_row(caller.id, _LEAD_KEY + lead.external_id, 201, answer, self._ctx)
                )
        for index, answer in list(answers.items()):
            if "of" in answer:  # a duplicate of an earlier lead of the same request
                answers[index] = {
                    "id": answers[answer["of"]]["id"],
                    "status": "duplicate",
                    "warnings": [],
                }
        body: dict[str, Any] = {"leads": [answers[i] for i in sorted(answers)]}
        if errors:
            body["refused"] = _refusal(errors)["errors"]
        if key:
            new_answers.append(_answer_row(caller.id, key, 201, body, self._ctx))
        if new_answers:
            s.execute(insert(IntakeAnswer), new_answers)
        return Answer(201, body)


def _answer_row(
    token_id: int, key: str, status: int, body: dict[str, Any], ctx: ServiceContext
) -> dict[str, Any]:
    return {
        "token_id": token_id,
        "key": key[:300],
        "status": status,
        "body": json.dumps(body, ensure_ascii=False),
        "created_at": ctx.now(),
    }


def _stored_answers(s: Session, token_id: int, keys: list[str]) -> dict[str, tuple[int, str]]:
    if not keys:
        return {}
    rows = s.execute(
        select(IntakeAnswer.key, IntakeAnswer.status, IntakeAnswer.body).where(
            IntakeAnswer.token_id == token_id, IntakeAnswer.key.in_([k[:300] for k in keys])
        )
    )
    return {key: (status, body) for key, status, body in rows}


_PG_LOOKUP = text(
    "SELECT 0 AS kind, 0 AS id, key AS a, status::text AS b, body AS c FROM intake_answers "
    "WHERE token_id = :token AND key = ANY(:keys) "
    "UNION ALL SELECT 1, id, email_key, phone_e164, NULL FROM leads "
    "WHERE phone_e164 = ANY(:phones) "
    "UNION ALL SELECT 2, id, email_key, phone_e164, NULL FROM leads "
    "WHERE email_key = ANY(:emails) ORDER BY 1, 2"
)


def _pg_lookup(
    s: Session, token_id: int, keys: list[str], emails: list[str], phones: list[str]
) -> tuple[dict[str, tuple[int, str]], DuplicateIndex[int]]:
    """The stored answers and the leads already known, in one round trip (PostgreSQL);
    phones first, as ``known_leads`` (the lead a phone matches is its oldest)."""
    stored: dict[str, tuple[int, str]] = {}
    known: DuplicateIndex[int] = DuplicateIndex()
    rows = s.execute(
        _PG_LOOKUP,
        {"token": token_id, "keys": [k[:300] for k in keys], "emails": emails, "phones": phones},
    )
    for kind, lead_id, a, b, c in rows:
        if kind == 0:
            stored[a] = (int(b), c)
        else:
            known.add(a, b, lead_id)
    return stored, known


def _refusal(errors: Sequence[FieldError]) -> dict[str, Any]:
    return {
        "detail": _("Some leads were refused; nothing was saved."),
        "errors": [{"lead": e.index, "field": e.field, "message": e.message} for e in errors],
    }
