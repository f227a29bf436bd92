"""The intake's use case: leads posted by a marketing tool, through the one write path.

``check`` reads a request's leads and checks them (``clean_lead``), without the database;
``write`` writes checked requests, one or a group of them (``GroupWriter``), in one
transaction (``writing.write_requests``): the answers stored for their
``Idempotency-Key`` (and for each lead's own id at the source) are looked up first, the
leads deduplicated against the store and each other, inserted with their hand-off events
(``leads.intake.insert_leads``), routed by the team's rules
(``leads.assignment.route_leads``), and the answers stored with them. A retry of the same
request therefore gets the first answer and creates nothing, and a database that fails
half-way leaves nothing written.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from sqlalchemy import exc as sa_exc

from sdrdesk.domain.errors import StoreUnavailableError, ValidationError
from sdrdesk.domain.leads import CleanLead, clean_lead
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake.payload import (
    FieldError,
    lead_input,
    leads_of,
    no_contact,
    read_mapping_file,
)
from sdrdesk.services.intake.results import Answer, Caller
from sdrdesk.services.intake.writing import Checked, refusal, write_requests
from sdrdesk.services.users.service import UserService

log = logging.getLogger(__name__)

INTAKE_USER = "intake"
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
        """The answer to one ``POST /v1/leads`` whose JSON (or form) is ``body``, written
        in a transaction of its own (the service gathers requests: ``GroupWriter``)."""
        checked = self.check(caller, body, idempotency_key=idempotency_key, partial=partial)
        if isinstance(checked, Answer):
            return checked
        return self.write([checked])[0]

    def check(
        self,
        caller: Caller,
        body: Any,
        *,
        idempotency_key: str | None = None,
        partial: bool = False,
    ) -> Checked | Answer:
        """A request's leads checked (``clean_lead``), ready to be written; or its 422
        answer, naming each bad field of each lead (nothing is written unless
        ``partial``). Reads nothing from the database."""
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
                if not (lead_in.email or lead_in.phone or lead_in.mobile):
                    errors.append(FieldError(index, "email", no_contact(lead_in.extra)))
                    continue
                field = "email" if lead_in.email else "phone" if lead_in.phone else "email"
                errors.append(FieldError(index, field, str(exc)))
        refused = {e.index for e in errors}
        if errors and (not partial or len(refused) == len(raw_leads)):
            return Answer(422, refusal(errors))
        return Checked(caller, checked, errors, idempotency_key)

    def write(self, requests: Sequence[Checked]) -> list[Answer]:
        """The answers to checked requests, all written in one transaction."""
        actor = self.actor()
        for attempt in (1, 2, 3):
            try:
                with self._ctx.store.write() as s:
                    return write_requests(s, self._ctx, requests, actor)
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
