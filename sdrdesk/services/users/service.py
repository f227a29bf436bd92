"""Who works in sdrdesk: SDRs, account executives, marketing, managers.

Core only, on ``db.tables``: the window identifies its user before its first rows,
without the ORM.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, insert, select, update
from sqlalchemy.exc import IntegrityError

from sdrdesk.db.tables import users
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.users import Role, check_user_name
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo

if TYPE_CHECKING:
    from sdrdesk.db.models import User


def user_info(user: User | Row[Any]) -> UserInfo:
    return UserInfo(
        id=user.id,
        name=user.name,
        display_name=user.display_name,
        role=user.role,
        email=user.email,
        time_zone=user.time_zone,
        active=user.active,
    )


class UserService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def ensure(self, name: str, role: Role = Role.SDR, display_name: str | None = None) -> UserInfo:
        """The user called ``name``, created with ``role`` (and ``display_name``) on first
        use; an existing user is returned as stored (``rename`` changes the full name)."""
        name = check_user_name(name)
        existing = self.find(name)
        if existing is not None:
            return existing
        try:
            return self.add(name, role, display_name=display_name)
        except ValidationError:
            # Another client created the same user a moment ago.
            found = self.find(name)
            if found is None:
                raise
            return found

    def add(
        self,
        name: str,
        role: Role,
        *,
        display_name: str | None = None,
        email: str | None = None,
        time_zone: str | None = None,
    ) -> UserInfo:
        name = check_user_name(name)
        try:
            with self._ctx.store.begin() as conn:
                values: dict[str, Any] = {
                    "name": name,
                    "display_name": _display_name(display_name) or name,
                    "email": (email or "").strip() or None,
                    "role": role,
                    "time_zone": time_zone,
                    "active": True,
                }
                created = insert(users).values(**values, created_at=self._ctx.now())
                user_id = conn.execute(created.returning(users.c.id)).scalar_one()
                return UserInfo(id=user_id, **values)
        except IntegrityError as exc:
            raise ValidationError(f"A user called “{name}” already exists.") from exc

    def rename(self, user: UserInfo, display_name: str) -> UserInfo:
        """``user`` with the full name ``display_name`` (trimmed; an empty one changes
        nothing). On a team database with roles only managers may
        (``PermissionDeniedError``)."""
        display_name = _display_name(display_name)
        if not display_name or display_name == user.display_name:
            return user
        with self._ctx.store.begin() as conn:
            conn.execute(
                update(users).where(users.c.id == user.id).values(display_name=display_name)
            )
        return replace(user, display_name=display_name)

    def find(self, name: str) -> UserInfo | None:
        with self._ctx.store.connect() as conn:
            user = conn.execute(select(users).where(users.c.name == name)).first()
            return user_info(user) if user else None

    def get(self, name: str) -> UserInfo:
        user = self.find(name)
        if user is None:
            raise NotFoundError(f"There is no user called “{name}”.")
        return user

    def list_users(self, role: Role | None = None, *, active_only: bool = True) -> list[UserInfo]:
        with self._ctx.store.connect() as conn:
            query = select(users).order_by(users.c.display_name, users.c.name)
            if role is not None:
                query = query.where(users.c.role == role)
            if active_only:
                query = query.where(users.c.active.is_(True))
            return [user_info(u) for u in conn.execute(query)]


_DISPLAY_NAME_LIMIT = 200  # users.display_name is a String(200)


def _display_name(text: str | None) -> str:
    """A full name as typed, trimmed; ``ValidationError`` if the column cannot hold it."""
    name = " ".join((text or "").split())
    if len(name) > _DISPLAY_NAME_LIMIT:
        raise ValidationError(
            f"The full name is {len(name)} characters long; at most {_DISPLAY_NAME_LIMIT} fit."
        )
    return name
