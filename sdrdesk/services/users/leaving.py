"""A user who leaves: their open leads go to a colleague or back to the team pool."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Lead, User
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _

# Still in the owner's hands: new, accepted, being worked, or waiting to be re-contacted.
OPEN = (Status.MQL, Status.SAL, Status.WORKING, Status.NURTURE)


def hand_over(
    s: Session, user_id: int, to_user: str | None, *, actor_id: int, now: datetime
) -> int:
    """Give ``user_id``'s open leads to ``to_user`` (``None`` or ``""``: the pool), each
    with an ``assigned`` event in the actor's name; how many moved."""
    leaving = s.get(User, user_id)
    assert leaving is not None
    target = _colleague(s, to_user, user_id) if to_user else None
    leads = s.scalars(
        select(Lead).where(Lead.owner_id == user_id, Lead.status.in_(OPEN)).order_by(Lead.id)
    ).all()
    for lead in leads:
        lead.owner_id = target.id if target else None
        lead.assigned_at = now if target else None
        lifecycle.record(
            s,
            lead.id,
            EventKind.ASSIGNED,
            actor_id=actor_id,
            at=now,
            data={
                "from_owner": leaving.name,
                "to_owner": target.name if target else None,
                "deactivated": leaving.name,
            },
        )
    s.flush()
    return len(leads)


def _colleague(s: Session, name: str, leaving_id: int) -> User:
    user = s.scalars(select(User).where(User.name == name.strip())).first()
    if user is None:
        raise NotFoundError(_("There is no user called “{name}”.").format(name=name.strip()))
    if user.id == leaving_id:
        raise ValidationError(
            _("{display_name} is the one leaving; name a colleague.").format(
                display_name=user.display_name
            )
        )
    if user.role is not Role.SDR or not user.active:
        raise ValidationError(
            _("{display_name} is not an active SDR.").format(display_name=user.display_name)
        )
    return user
