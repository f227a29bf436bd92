"""What only a manager may do, checked in the services (on SQLite these are the rules;
on a team database PostgreSQL enforces the same ones by itself).

Manager-only: assigning leads (one, or the pool by the rules), adding, editing,
deactivating and reactivating users, adding, retiring and restoring rejection reasons,
and erasing a person's data. A store without an active manager lets its user add or
promote the first one (one person's SQLite file has no manager until then).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from sdrdesk.db.tables import users
from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.domain.users import Role
from sdrdesk.i18n import N_, _


def has_manager(conn: Any) -> bool:
    """Whether the store has an active manager (``conn``: a Connection or a Session)."""
    found = conn.execute(
        select(func.count())
        .select_from(users)
        .where(users.c.role == Role.MANAGER, users.c.active.is_(True))
    ).scalar_one()
    return bool(found)


def require_manager(conn: Any, actor_id: int, what: str, *, first_manager: bool = False) -> None:
    """Refuse with one sentence unless the actor is an active manager. ``what`` says the
    action ("add users"); ``first_manager``: the action makes a manager, which a store
    without one allows anyone."""
    actor = conn.execute(
        select(users.c.name, users.c.role, users.c.active).where(users.c.id == actor_id)
    ).first()
    if actor is not None and actor.role is Role.MANAGER and actor.active:
        return
    if first_manager and not has_manager(conn):
        return
    if actor is None:
        raise PermissionDeniedError(
            _("Only a manager may {what}, and nobody is acting.").format(what=what)
        )
    role = Role(actor.role)
    state = _("an inactive manager") if role is Role.MANAGER else _with_article(role)
    if not has_manager(conn):
        state += _(
            ", and this store has no manager yet (make the first one with `{command}`)"
        ).format(command=f"sdrdesk users edit {actor.name} --role manager")
    raise PermissionDeniedError(
        _("Only a manager may {what}; {name} is {state}.").format(
            what=what, state=state, name=actor.name
        )
    )


_AS = {
    Role.SDR: N_("a sales development rep"),
    Role.AE: N_("an account executive"),
    Role.MARKETING: N_("in marketing"),
    Role.MANAGER: N_("a manager"),
}


def _with_article(role: Role) -> str:
    return _(_AS[role])
