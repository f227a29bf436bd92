"""Writing a lead two SDRs may touch: loading it with a version check, and telling the
loser of a race who won, in words the SDR understands.

Every service that changes a lead wraps its write in ``race_named``: a race lost at
commit time (the version check in the UPDATE failed) then reaches the SDR as one
``ConflictError`` naming who changed the lead and how, never as a bare version error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, LeadEvent, User
from sdrdesk.domain.errors import ConflictError, NotFoundError
from sdrdesk.domain.lifecycle import describe_event
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext


def load_lead(session: Session, lead_id: int, expected_version: int | None = None) -> Lead:
    """The lead to change; ``ConflictError`` naming who changed it if the version moved."""
    lead = session.get(Lead, lead_id)
    if lead is None:
        raise NotFoundError(_("Lead {lead_id} does not exist.").format(lead_id=lead_id))
    if expected_version is not None and lead.version != expected_version:
        raise explain_conflict(session, lead_id)
    return lead


def check_owner(session: Session, lead: Lead, actor_id: int) -> None:
    """A lead someone else has claimed is theirs to work (a manager reassigns it)."""
    if lead.owner_id is None or lead.owner_id == actor_id:
        return
    owner = session.get(User, lead.owner_id)
    name = owner.display_name if owner else _("someone else")
    message = (
        _("{name} is working this lead; it has been reloaded.").format(name=name)
        if owner
        else _("Someone else is working this lead; it has been reloaded.")
    )
    raise ConflictError(
        message,
        lead_id=lead.id,
        changed_by=name,
        change="claimed",
    )


def explain_conflict(session: Session, lead_id: int, *, named: bool = False) -> ConflictError:
    """Who changed ``lead_id`` last, as the loser of a race is told; with ``named`` the
    error always names someone ("Someone" when the history does not say who)."""
    row = session.execute(
        select(LeadEvent.action, LeadEvent.at, User.display_name)
        .outerjoin(User, User.id == LeadEvent.actor_id)
        .where(LeadEvent.lead_id == lead_id)
        .order_by(LeadEvent.id.desc())
        .limit(1)
    ).first()
    if row is None:
        return ConflictError(
            _("Lead {lead_id} was changed by someone else meanwhile; it has been reloaded.").format(
                lead_id=lead_id
            ),
            lead_id=lead_id,
            changed_by=_("Someone") if named else None,
        )
    action, at, who = row
    who = who or _("Someone")
    return ConflictError(
        _(
            "{event} at {time} while you were looking at it; "
            "your change was not saved and the lead has been reloaded."
        ).format(event=describe_event(action, who), time=_clock(at)),
        lead_id=lead_id,
        changed_by=who,
        change=action,
    )


def conflict_after_race(ctx: ServiceContext, lead_id: int, *, named: bool = False) -> ConflictError:
    """For a race lost at commit time (the version check in the UPDATE failed)."""
    with ctx.store.read() as s:
        return explain_conflict(s, lead_id, named=named)


@contextmanager
def race_named(ctx: ServiceContext, lead_id: int, *, named: bool = False) -> Iterator[None]:
    """Around one write of a lead: a lost race that does not yet say who won is re-raised
    naming them (see ``explain_conflict``); a conflict that already does passes as is."""
    try:
        yield
    except ConflictError as exc:
        if exc.changed_by is not None:
            raise
        raise conflict_after_race(ctx, lead_id, named=named) from exc


def _clock(at: datetime) -> str:
    return at.astimezone().strftime("%H:%M")
