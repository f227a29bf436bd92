"""Who works in sdrdesk: SDRs, account executives, marketing, managers."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from sdrdesk.db.models import User
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.users import Role, check_user_name
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.dto import UserInfo


def user_info(user: User) -> UserInfo:
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
        """The user called ``name``, created with ``role`` on first use."""
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
            with self._ctx.store.write() as s:
                user = User(
                    name=name,
                    display_name=(display_name or "").strip() or name,
                    email=(email or "").strip() or None,
                    role=role,
                    time_zone=time_zone,
                    active=True,
                    created_at=self._ctx.now(),
                )
                s.add(user)
                s.flush()
                return user_info(user)
        except IntegrityError as exc:
            raise ValidationError(f"A user called “{name}” already exists.") from exc

    def find(self, name: str) -> UserInfo | None:
        with self._ctx.store.read() as s:
            user = s.scalars(select(User).where(User.name == name)).first()
            return user_info(user) if user else None

    def get(self, name: str) -> UserInfo:
        user = self.find(name)
        if user is None:
            raise NotFoundError(f"There is no user called “{name}”.")
        return user

    def list_users(self, role: Role | None = None, *, active_only: bool = True) -> list[UserInfo]:
        with self._ctx.store.read() as s:
            query = select(User).order_by(User.display_name, User.name)
            if role is not None:
                query = query.where(User.role == role)
            if active_only:
                query = query.where(User.active.is_(True))
            return [user_info(u) for u in s.scalars(query)]
