"""Erasing a person's data (DSGVO Art. 17) and exporting it (Art. 15).

An erasure is one transaction, in the order the team database's rules expect: the
``erasures`` row first (lead, acting manager, reason), then the personal data of that
lead (its columns, call notes and free-text answers, demo places, notes and addresses, event
comments and data, through Core statements: the ORM's history guard refuses changed
events), and last the ``erased`` event, which holds no personal data. Counts, times,
statuses, reason and outcome codes stay, so the reports give the same figures.
The search index follows the columns (SQLite's FTS table by its trigger, merged
afterwards so no page keeps the words; PostgreSQL's GIN index by itself).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import Table, insert, select, update
from sqlalchemy.orm import Session

from sdrdesk.db import erasure, lifecycle, tables
from sdrdesk.db.models import CallAttempt, Demo, Erasure, Lead, LeadEvent, Qualification
from sdrdesk.domain.call_script import QuestionType
from sdrdesk.domain.emails import email_key
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.text import check_text
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.privacy import scrub
from sdrdesk.services.privacy.export import lead_export
from sdrdesk.services.privacy.results import Erased, PersonExport
from sdrdesk.services.roles import require_manager
from sdrdesk.services.webhooks import outbox

ERASED = "erased"  # the event's action: no status change, no personal data
REASON_LIMIT = 1000


class PrivacyService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def find(self, *, lead_id: int | None = None, email: str | None = None) -> list[int]:
        """The leads of a person: one by id, or every lead of an e-mail address."""
        with self._ctx.store.read() as s:
            return _lead_ids(s, lead_id, email)

    def erase(
        self,
        *,
        actor_id: int,
        reason: str,
        lead_id: int | None = None,
        email: str | None = None,
    ) -> list[Erased]:
        """Erase the person's personal data from every lead of theirs (managers only)."""
        reason = _reason(reason)
        text_ids = _text_questions(self._ctx)
        with self._ctx.store.write() as s:
            require_manager(s, actor_id, _("erase a person's data"))
            done = [
                self._erase_one(s, found, actor_id, reason, text_ids)
                for found in _lead_ids(s, lead_id, email)
            ]
            erasure.forget_search_words(s)
            return done

    def export(self, *, lead_id: int | None = None, email: str | None = None) -> PersonExport:
        """Everything stored about the person: lead, import columns and batch, history,
        calls, qualifications, demos, erasures."""
        with self._ctx.store.read() as s:
            return PersonExport([lead_export(s, i) for i in _lead_ids(s, lead_id, email)])

    def _erase_one(
        self, s: Session, lead_id: int, actor_id: int, reason: str, text_ids: frozenset[str]
    ) -> Erased:
        now = self._ctx.now()
        lead = s.execute(select(tables.leads).where(tables.leads.c.id == lead_id)).one()
        names = scrub.identifiers(lead)
        erasure_id = s.execute(
            insert(_table(Erasure))
            .values(lead_id=lead_id, erased_by_id=actor_id, erased_at=now, reason=reason)
            .returning(_table(Erasure).c.id)
        ).scalar_one()
        s.execute(
            update(tables.leads)
            .where(tables.leads.c.id == lead_id)
            .values(**scrub.LEAD_VALUES, updated_at=now, version=tables.leads.c.version + 1)
        )
        _erase_calls(s, lead_id, names, text_ids)
        demos = _table(Demo)
        s.execute(
            update(demos)
            .where(demos.c.lead_id == lead_id)
            .values(location=None, note=None, cancel_reason=None, lead_email=None)
        )
        changed = _erase_events(s, lead_id, names)
        event = lifecycle.record(
            s,
            lead_id,
            ERASED,
            actor_id=actor_id,
            at=now,
            data={"erasure_id": erasure_id, "events_changed": changed},
        )
        s.flush()
        outbox.emit(s, event)  # lead.erased, with no personal data
        return Erased(lead_id, erasure_id, event.id, now, changed)


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _erase_calls(s: Session, lead_id: int, names: list[str], text_ids: frozenset[str]) -> None:
    """Call notes and a qualification's override reason go; answers lose their free text."""
    _erase_answers(s, _table(CallAttempt), lead_id, names, text_ids, notes=None)
    _erase_answers(s, _table(Qualification), lead_id, names, text_ids, override_reason=None)


def _erase_answers(
    s: Session,
    table: Table,
    lead_id: int,
    names: list[str],
    text_ids: frozenset[str],
    **blanked: None,
) -> None:
    rows = s.execute(
        select(table.c.id, table.c.answers, table.c.answer_lines).where(table.c.lead_id == lead_id)
    )
    for row in rows:
        free = text_ids | scrub.free_answer_ids(row.answers, text_ids)
        s.execute(
            update(table)
            .where(table.c.id == row.id)
            .values(
                **blanked,
                answers=scrub.answers(row.answers, free, names),
                answer_lines=scrub.answer_lines(row.answer_lines, free, names),
            )
        )


def _erase_events(s: Session, lead_id: int, names: list[str]) -> int:
    events = _table(LeadEvent)
    changes = []
    for row in s.execute(
        select(events.c.id, events.c.action, events.c.comment, events.c.data).where(
            events.c.lead_id == lead_id
        )
    ):
        data = scrub.event_data(row.action, row.data, names)
        if row.comment is not None or data != (row.data or {}):
            changes.append((row.id, {"comment": None, "data": data}))
    erasure.update_events(s, changes)
    return len(changes)


def _lead_ids(s: Session, lead_id: int | None, email: str | None) -> list[int]:
    if (lead_id is None) == (email is None or not email.strip()):
        raise ValidationError(_("Give either a lead id or an e-mail address."))
    if lead_id is not None:
        if s.get(Lead, lead_id) is None:
            raise NotFoundError(_("Lead {lead_id} does not exist.").format(lead_id=lead_id))
        return [lead_id]
    assert email is not None
    check_text(email, _("e-mail address"), 320)
    key = email_key(email)
    found = list(s.scalars(select(Lead.id).where(Lead.email_key == key).order_by(Lead.id)))
    if not found:
        raise NotFoundError(
            _("No lead has the e-mail address “{email}”.").format(email=email.strip())
        )
    return found


def _reason(text: str) -> str:
    check_text(text or "", _("reason"), REASON_LIMIT)
    reason = " ".join((text or "").split())
    if not reason:
        raise ValidationError(
            _("Give the reason for the erasure (for example, the person's request of 3 May).")
        )
    return reason


def _text_questions(ctx: ServiceContext) -> frozenset[str]:
    from sdrdesk.services.calls import ScriptSource

    files = [ctx.rules.call_script_file] + [p.call_script for p in ctx.products.products]
    scripts = [ScriptSource(f).get()[0] for f in dict.fromkeys(files)]
    return frozenset(
        q.id for script in scripts for _, q in script.questions() if q.type is QuestionType.TEXT
    )
