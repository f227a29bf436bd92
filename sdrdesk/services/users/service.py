"""Who works in sdrdesk: SDRs, account executives, marketing, managers.

Core only, on ``db.tables``: the window identifies its user before its first rows,
without the ORM.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import Row, insert, select, text, update
from sqlalchemy.exc import IntegrityError

from sdrdesk.db.tables import users
from sdrdesk.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from sdrdesk.domain.text import check_text
from sdrdesk.domain.users import Role, check_user_name
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import UserInfo
from sdrdesk.services.roles import require_manager
from sdrdesk.services.users.fields import clean_email, clean_time_zone

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
        self._login: str | None = None

    def ensure(self, name: str, role: Role = Role.SDR, display_name: str | None = None) -> UserInfo:
        """The user called ``name``, created with ``role`` (and ``display_name``) on first
        use; an existing user is returned as stored (``rename`` changes the full name).
        On a team database a login is only ever its own user (``identify``)."""
        return self.identify(name, name, role, display_name=display_name)

    def identify(
        self,
        requested: str | None,
        fallback: str,
        role: Role = Role.SDR,
        *,
        display_name: str | None = None,
    ) -> UserInfo:
        """Who acts: on a team database, the user bound to the login (created on its first
        start with its group's role), and a ``requested`` name (``--user``, the settings)
        other than that user's is refused (``PermissionDeniedError`` naming both). On
        SQLite, and for the database owner or a superuser, the ``requested`` user, else
        ``fallback``, created with ``role`` on first use."""
        bound = self.bound_user(display_name)
        if bound is None:
            return self._ensure(requested or fallback, role, display_name)
        self._check_requested(bound, requested)
        if not bound.active:
            raise PermissionDeniedError(
                _(
                    "{display_name} ({name}) is deactivated and may not work in "
                    "sdrdesk; ask a manager."
                ).format(display_name=bound.display_name, name=bound.name)
            )
        return bound

    def check_login(self, requested: str | None) -> None:
        """Refuse acting as ``requested`` when the login is bound to another user."""
        bound = self.bound_user()
        if bound is not None:
            self._check_requested(bound, requested)

    def bound_user(self, display_name: str | None = None) -> UserInfo | None:
        """On a team database, the user bound to the session's login, bound or created
        by the database on first use (``sdrdesk_enrol``, migration 0009). None on SQLite
        and for the owner or a superuser, who act as the user they name."""
        if self._ctx.store.is_sqlite:
            return None
        with self._ctx.store.begin() as conn:
            full = " ".join((display_name or "").split())  # ``rename`` says why one is too long
            user_id = conn.execute(
                text("SELECT sdrdesk_enrol(:name)"),
                {"name": full if 0 < len(full) <= _DISPLAY_NAME_LIMIT else None},
            ).scalar()
            if user_id is None:
                return None
            login = conn.execute(text("SELECT session_user")).scalar_one()
            row = conn.execute(select(users).where(users.c.id == user_id)).one()
        self._login = str(login)
        return user_info(row)

    def _check_requested(self, bound: UserInfo, requested: str | None) -> None:
        if requested and requested.strip() != bound.name:
            login = self._login or bound.name
            raise PermissionDeniedError(
                _(
                    "You are connected as the database login “{login}”, which is "
                    "the user “{name}”, so you cannot act as “{requested}”."
                ).format(login=login, name=bound.name, requested=requested.strip())
            )

    def _ensure(self, name: str, role: Role, display_name: str | None) -> UserInfo:
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
        actor_id: int | None = None,
    ) -> UserInfo:
        """A new user. ``actor_id``: who adds them, a manager (or anyone, for the first
        manager of a store without one); ``None`` only for the set-up itself (a user's
        first start creating their own SDR user, tests)."""
        name = check_user_name(name)
        values: dict[str, Any] = {
            "name": name,
            "display_name": _display_name(display_name) or name,
            "email": clean_email(email),
            "role": role,
            "time_zone": clean_time_zone(time_zone),
            "active": True,
        }
        try:
            with self._ctx.store.begin() as conn:
                if actor_id is not None:
                    require_manager(
                        conn, actor_id, _("add users"), first_manager=role is Role.MANAGER
                    )
                created = insert(users).values(**values, created_at=self._ctx.now())
                user_id = conn.execute(created.returning(users.c.id)).scalar_one()
                return UserInfo(id=user_id, **values)
        except IntegrityError as exc:
            raise ValidationError(
                _("A user called “{name}” already exists.").format(name=name)
            ) from exc

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

    def edit(
        self,
        name: str,
        *,
        actor_id: int,
        email: str | None = None,
        display_name: str | None = None,
        time_zone: str | None = None,
        role: Role | None = None,
    ) -> UserInfo:
        """Change what is given (``""`` clears the e-mail or the time zone); managers only
        (anyone may promote the first manager of a store without one)."""
        values: dict[str, Any] = {}
        if email is not None:
            values["email"] = clean_email(email)
        if display_name is not None:
            values["display_name"] = _display_name(display_name) or check_user_name(name)
        if time_zone is not None:
            values["time_zone"] = clean_time_zone(time_zone)
        if role is not None:
            values["role"] = Role(role)
        if not values:
            raise ValidationError(
                _("Nothing to change: give an e-mail, full name, time zone or role.")
            )
        with self._ctx.store.begin() as conn:
            require_manager(conn, actor_id, _("edit users"), first_manager=role is Role.MANAGER)
            user = _load(conn, name)
            if values.get("role", user.role) is not Role.MANAGER and user.id == actor_id:
                raise ValidationError(_("You cannot take away your own manager role."))
            conn.execute(update(users).where(users.c.id == user.id).values(**values))
            return replace(user_info(user), **values)

    def deactivate(self, name: str, *, actor_id: int, to_user: str | None = None) -> Deactivated:
        """``name`` may no longer work; their open leads (new, accepted, working, nurture)
        go to ``to_user`` (an active SDR) or back to the team pool, each with its event in
        the acting manager's name, all in one transaction."""
        from sdrdesk.services.users.leaving import hand_over

        with self._ctx.store.write() as s:
            require_manager(s, actor_id, _("deactivate users"))
            user = _load(s, name)
            if user.id == actor_id:
                raise ValidationError(_("You cannot deactivate yourself."))
            if not user.active:
                raise ValidationError(
                    _("{display_name} is already inactive.").format(display_name=user.display_name)
                )
            moved = hand_over(s, user.id, to_user, actor_id=actor_id, now=self._ctx.now())
            s.execute(update(users).where(users.c.id == user.id).values(active=False))
            return Deactivated(replace(user_info(user), active=False), moved, to_user or None)

    def reactivate(self, name: str, *, actor_id: int) -> UserInfo:
        with self._ctx.store.begin() as conn:
            require_manager(conn, actor_id, _("reactivate users"))
            user = _load(conn, name)
            if user.active:
                raise ValidationError(
                    _("{display_name} is already active.").format(display_name=user.display_name)
                )
            conn.execute(update(users).where(users.c.id == user.id).values(active=True))
            return replace(user_info(user), active=True)

    def find(self, name: str) -> UserInfo | None:
        with self._ctx.store.connect() as conn:
            user = conn.execute(select(users).where(users.c.name == name)).first()
            return user_info(user) if user else None

    def get(self, name: str) -> UserInfo:
        user = self.find(name)
        if user is None:
            raise NotFoundError(_("There is no user called “{name}”.").format(name=name))
        return user

    def list_users(self, role: Role | None = None, *, active_only: bool = True) -> list[UserInfo]:
        with self._ctx.store.connect() as conn:
            query = select(users).order_by(users.c.display_name, users.c.name)
            if role is not None:
                query = query.where(users.c.role == role)
            if active_only:
                query = query.where(users.c.active.is_(True))
            return [user_info(u) for u in conn.execute(query)]


@dataclass(frozen=True)
class Deactivated:
    user: UserInfo
    leads_moved: int
    to_user: str | None  # None: back to the team pool


def _load(conn: Any, name: str) -> Row[Any]:
    user = conn.execute(select(users).where(users.c.name == name.strip())).first()
    if user is None:
        raise NotFoundError(_("There is no user called “{name}”.").format(name=name.strip()))
    return user  # type: ignore[no-any-return]


_DISPLAY_NAME_LIMIT = 200  # users.display_name is a String(200)


def _display_name(text: str | None) -> str:
    """A full name as typed, trimmed; ``ValidationError`` if the column cannot hold it."""
    if text is not None:
        check_text(text, _("full name"))
    name = " ".join((text or "").split())
    if len(name) > _DISPLAY_NAME_LIMIT:
        raise ValidationError(
            _("The full name is {count} characters long; at most {display_name_limit} fit.").format(
                count=len(name), display_name_limit=_DISPLAY_NAME_LIMIT
            )
        )
    return name
