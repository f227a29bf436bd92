"""Helpers shared by services that change leads: loading with a version check and
explaining a lost race in words the SDR understands."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, LeadEvent, User
from sdrdesk.domain.errors import ConflictError, NotFoundError
from sdrdesk.domain.lifecycle import describe_action
from sdrdesk.services.context import ServiceContext


def load_lead(session: Session, lead_id: int, expected_version: int | None = None) -> Lead:
    """The lead to change; ``ConflictError`` naming who changed it if the version moved."""
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFoundError(f"Lead {lead_id} does not exist.")
    if expected_version is not None and lead.version != expected_version:
        raise explain_conflict(session, lead_id)
    return lead


def check_owner(session: Session, lead: Lead, actor_id: int) -> None:
    """A lead someone else has claimed is theirs to work (a manager reassigns it)."""
    if lead.owner_id is None or lead.owner_id == actor_id:
        return
    owner = session.get(User, lead.owner_id)
    name = owner.display_name if owner else "someone else"
    raise ConflictError(
        f"{name} is working this lead; it has been reloaded.",
        lead_id=lead.id,
        changed_by=name,
        change="claimed",
    )


def explain_conflict(session: Session, lead_id: int) -> ConflictError:
    row = session.execute(
        select(LeadEvent.action, LeadEvent.at, User.display_name)
        .outerjoin(User, User.id == LeadEvent.actor_id)
        .where(LeadEvent.lead_id == lead_id)
        .order_by(LeadEvent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return ConflictError(
            f"Lead {lead_id} was changed by someone else meanwhile; it has been reloaded.",
            lead_id=lead_id,
        )
    action, at, who = row
    who = who or "Someone"
    what = describe_action(action)
    return ConflictError(
        f"{who} {what} this lead at {_clock(at)} while you were looking at it; "
        "your change was not saved and the lead has been reloaded.",
        lead_id=lead_id,
        changed_by=who,
        change=action,
    )


def conflict_after_race(ctx: ServiceContext, lead_id: int) -> ConflictError:
    """For a race lost at commit time (the version check in the UPDATE failed)."""
    with ctx.store.read() as s:
        return explain_conflict(s, lead_id)


def _clock(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")
