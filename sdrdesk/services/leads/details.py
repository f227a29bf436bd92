"""Reading leads and their history."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, aliased

from sdrdesk.db.models import ImportBatch, Lead, LeadEvent, RejectionReason, User
from sdrdesk.domain import emails, phones
from sdrdesk.domain.corrections import EDITABLE
from sdrdesk.domain.criteria import LeadFacts
from sdrdesk.domain.errors import NotFoundError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action, Status, describe_event
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.domain.touches import CHANNEL_LABELS, OUTCOMES, Channel
from sdrdesk.i18n import _
from sdrdesk.services import reason_labels
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.lead_rows import OWNER, summary_from_row, summary_select
from sdrdesk.services.results import EventInfo, LeadDetail, LeadRecord, LeadSummary


def _listing(
    query: Select[*tuple[Any, ...]],
    status: Status | None,
    owner: str | None,
    limit: int | None,
    offset: int,
    product: str | None = None,
) -> Select[*tuple[Any, ...]]:
    """Leads in id order, of one status, owner and product if given, a page of them."""
    query = query.order_by(Lead.id).offset(offset)
    if product is not None:
        query = query.where(Lead.product == product)
    if status is not None:
        query = query.where(Lead.status == status)
    if owner is not None:
        query = query.where(OWNER.c.name == owner)
    if limit is not None:
        query = query.limit(limit)
    return query


def event_infos(
    session: Session,
    lead_ids: Sequence[int] | None = None,
    *,
    after_id: int | None = None,
    limit: int | None = None,
) -> list[EventInfo]:
    actor = aliased(User, name="actor")
    query = (
        select(LeadEvent, actor.display_name, RejectionReason.label, Lead.handed_off_at)
        .join(Lead, Lead.id == LeadEvent.lead_id)
        .outerjoin(actor, actor.id == LeadEvent.actor_id)
        .outerjoin(RejectionReason, RejectionReason.code == LeadEvent.reason_code)
        .order_by(LeadEvent.id)
    )
    if lead_ids is not None:
        query = query.where(LeadEvent.lead_id.in_(lead_ids))
    if after_id is not None:
        query = query.where(LeadEvent.id > after_id)
    if limit is not None:
        query = query.limit(limit)
    return [
        to_event_info(e, name, label, handed_off)
        for e, name, label, handed_off in session.execute(query)
    ]


def _with_import_source(session: Session, events: list[EventInfo], lead: Lead) -> list[EventInfo]:
    """An imported lead's hand-off reads where it came from ("Carla imported this lead
    from Export.xls (row 2)"): its own time is when the file was imported, where the
    lead panel's "handed off" is marketing's time from the file."""
    if lead.import_batch_id is None:
        return events
    batch = session.get(ImportBatch, lead.import_batch_id)
    if batch is None:
        return events
    unit = str((batch.report or {}).get("unit", "line"))
    shown = []
    for event in events:
        line = event.data.get("line")
        if event.action == Action.HAND_OFF and event.data.get("import_batch_id") == batch.id:
            who = event.actor or "sdrdesk"
            if not isinstance(line, int):
                text = _("{who} imported this lead from {file}")
            elif unit == "row":
                text = _("{who} imported this lead from {file} (row {line})")
            else:
                text = _("{who} imported this lead from {file} (line {line})")
            description = text.format(who=who, file=batch.file_name, line=line)
            event = replace(event, description=description)
        shown.append(event)
    return shown


# Words a past tense may end with that need the lead after them.
_DANGLING = {"for", "of", "to", "with"}


def _touch_words(data: dict[str, Any]) -> str:
    """``E-mail, Replied`` (English like the rest of the history); unknown codes as is."""
    channel, outcome = str(data.get("channel", "")), str(data.get("outcome", ""))
    known = channel in Channel.__members__.values()
    if not known:
        return f"{channel}, {outcome}"
    chosen = Channel(channel)
    return f"{CHANNEL_LABELS[chosen]}, {OUTCOMES[chosen].get(outcome, outcome)}"


def _edit_words(data: dict[str, Any]) -> str:
    """``phone +4930123 → +4930124, title – → CTO``: each field before and after."""
    changes = data.get("changes") or {}
    order = [f for f in EDITABLE if f in changes] + [f for f in changes if f not in EDITABLE]
    parts = [
        f"{EDITABLE.get(f, f)} {changes[f].get('before') or '–'} → {changes[f].get('after') or '–'}"
        for f in order
    ]
    undone = " (undo)" if data.get("undoes_event") else ""
    return ", ".join(parts) + undone


def to_event_info(
    event: LeadEvent,
    actor: str | None,
    reason_label: str | None,
    handed_off_at: datetime | None = None,
) -> EventInfo:
    """``handed_off_at``: the lead's (marketing's time), kept on an imported hand-off."""
    who = actor or "sdrdesk"
    imported: datetime | None = None
    text = describe_event(event.action, who)
    if event.action == EventKind.TOUCH_LOGGED:
        text = _("{who} logged a touch: {what}").format(
            who=who, what=_touch_words(dict(event.data or {}))
        )
    if event.action == EventKind.LEAD_EDITED:
        text = _("{who} corrected this lead: {what}").format(
            who=who, what=_edit_words(dict(event.data or {}))
        )
    if event.to_status and event.from_status and event.action not in {"accept", "reject"}:
        text += f" ({event.from_status.label} → {event.to_status.label})"
    if reason_label:  # the set-up's reasons in the reader's language
        text += f": {reason_labels.reason_label(event.reason_code, reason_label)}"
    if event.action == Action.HAND_OFF and (event.data or {}).get("sample"):
        text = _("{who} added this sample lead").format(who=who)  # not marketing's hand-off
    elif event.action == Action.HAND_OFF and (event.data or {}).get("import_batch_id"):
        text = _("{who} imported this lead").format(who=who)  # marketing's time is the lead's
        imported = handed_off_at
    return EventInfo(
        id=event.id,
        lead_id=event.lead_id,
        at=event.at,
        action=event.action,
        actor=actor,
        from_status=event.from_status,
        to_status=event.to_status,
        reason_code=event.reason_code,
        reason_label=reason_label,
        comment=event.comment,
        data=dict(event.data or {}),
        description=text,
        handed_off_at=imported if imported is not None and imported != event.at else None,
    )


class LeadService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def list_leads(
        self,
        *,
        status: Status | None = None,
        owner: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        product: str | None = None,
    ) -> list[LeadSummary]:
        query = _listing(summary_select(), status, owner, limit, offset, product)
        with self._ctx.store.read() as s:
            return [summary_from_row(r) for r in s.execute(query)]

    def list_records(
        self,
        *,
        status: Status | None = None,
        owner: str | None = None,
        limit: int | None = None,
        offset: int = 0,
        product: str | None = None,
    ) -> list[LeadRecord]:
        """``list_leads`` with what each lead was stored from (``LeadRecord``)."""
        stored = (
            Lead.external_id,
            Lead.phone_raw,
            Lead.phone_ext,
            Lead.email_valid,
            Lead.company_size,
            Lead.industry,
            Lead.extra,
            Lead.import_batch_id,
            Lead.product,
        )
        query = _listing(
            summary_select().add_columns(*stored), status, owner, limit, offset, product
        )
        width = len(stored)
        with self._ctx.store.read() as s:
            return [
                LeadRecord(LeadSummary(*row[:-width]), *row[-width:]) for row in s.execute(query)
            ]

    def count_by_status(self) -> dict[Status, int]:
        with self._ctx.store.read() as s:
            rows = s.execute(select(Lead.status, func.count()).group_by(Lead.status))
            counts = {status: 0 for status in Status}
            counts.update({status: n for status, n in rows})
            return counts

    def get(self, lead_id: int) -> LeadDetail:
        from sdrdesk.services.calls import (
            history as call_history,  # the call feature: loaded on first use
        )

        with self._ctx.store.read() as s:
            row = s.execute(summary_select().where(Lead.id == lead_id)).first()
            lead = s.get(Lead, lead_id)
            if row is None or lead is None:
                raise NotFoundError(_("Lead {lead_id} does not exist.").format(lead_id=lead_id))
            summary = summary_from_row(row)
            free_mail = emails.is_free_mail(lead.email)
            facts = LeadFacts(
                email=lead.email,
                free_mail=free_mail,
                phone_valid=lead.phone_quality is PhoneQuality.VALID,
                title=lead.title,
                company_size=lead.company_size,
                country=lead.country,
                industry=lead.industry,
            )
            criteria = self._ctx.criteria_for(lead.product)
            return LeadDetail(
                summary=summary,
                phone_raw=lead.phone_raw,
                phone_ext=lead.phone_ext,
                phone_display=phones.format_phone(lead.phone_e164, lead.country) or lead.phone_raw,
                tel_uri=phones.tel_uri(lead.phone_e164, lead.phone_ext),
                email_valid=lead.email_valid,
                free_mail=free_mail,
                company_size=lead.company_size,
                industry=lead.industry,
                external_id=lead.external_id,
                extra=dict(lead.extra or {}),
                do_not_call_reason=lead.do_not_call_reason,
                created_at=lead.created_at,
                updated_at=lead.updated_at,
                events=tuple(_with_import_source(s, event_infos(s, [lead_id]), lead)),
                criteria=tuple(criteria.evaluate(facts)),
                attempts=tuple(call_history.attempt_infos(s, lead_id)),
                qualification=call_history.qualification_summary(s, lead_id),
                product=lead.product,
                product_label=self._ctx.products.label_of(lead.product),
                criteria_source=criteria.source,
            )

    def events(
        self, lead_id: int | None = None, *, after_id: int | None = None, limit: int | None = None
    ) -> list[EventInfo]:
        """The history of one lead, or of all leads (after an event id, oldest first)."""
        with self._ctx.store.read() as s:
            ids = None if lead_id is None else [lead_id]
            return event_infos(s, ids, after_id=after_id, limit=limit)
