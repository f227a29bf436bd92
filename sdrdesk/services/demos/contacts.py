"""The people on a demo's invite and their addresses: the organizer (the SDR), the AE and
the lead. An address the dialog asked for is stored in the same transaction as the
booking: the lead's on the demo (``demos.lead_email``; the lead's own data stays as
handed off), the SDR's and the AE's on the user where the acting role may change users
(SQLite, a manager on a team database); elsewhere the refusal says who can."""

from __future__ import annotations

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, User
from sdrdesk.domain import emails
from sdrdesk.domain.errors import NotFoundError, PermissionDeniedError, ValidationError
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _


def organizer(s: Session, user_id: int, email: str | None) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFoundError(_("User {user_id} does not exist.").format(user_id=user_id))
    _store_email(s, user, email, None)
    if not emails.is_valid_email(user.email):
        raise ValidationError(
            _("Enter your e-mail address: the invite is sent in your name (its organizer).")
        )
    return user


def account_executive(s: Session, ae_id: int, email: str | None) -> User:
    ae = s.get(User, ae_id)
    if ae is None or ae.role is not Role.AE or not ae.active:
        raise ValidationError(_("Choose an account executive for the demo."))
    _store_email(s, ae, email, ae.display_name)
    if not emails.is_valid_email(ae.email):
        raise ValidationError(
            _("Enter {display_name}'s e-mail address for the invite.").format(
                display_name=ae.display_name
            )
        )
    return ae


def lead_email(s: Session, lead: Lead, email: str | None, kept: str | None = None) -> str | None:
    """The address to keep on the demo for the lead's invite (None: the lead's own).

    ``email``: what the dialog asked for (None: nothing typed); ``kept``: the demo's
    address so far (when it is changed)."""
    address = kept
    if email is not None and email.strip():
        typed = emails.normalize_email(email)
        if typed == lead.email:
            address = None
        else:
            if not emails.is_valid_email(typed):
                raise ValidationError(
                    _("“{email}” is not a valid e-mail address for the lead.").format(email=email)
                )
            key = emails.email_key(typed)
            taken = s.scalars(
                select(Lead.id).where(Lead.email_key == key, Lead.id != lead.id)
            ).first()
            if taken is not None:
                raise ValidationError(
                    _("Lead {taken} already has the address {typed}.").format(
                        taken=taken, typed=typed
                    )
                )
            address = typed
    if not emails.is_valid_email(address or lead.email):
        raise ValidationError(_("Enter the lead's e-mail address: they are invited to the demo."))
    return address


def _store_email(s: Session, user: User, email: str | None, owner: str | None) -> None:
    """Store ``user``'s typed address; ``owner``: their name, ``None`` for one's own."""
    address = emails.normalize_email(email) if email is not None and email.strip() else None
    missing = not emails.is_valid_email(user.email)
    if not missing and address in (None, user.email):
        return  # a good address and nothing new
    if address is None and _may_change_users(s):
        return  # missing: the caller asks for it
    if address is not None and not emails.is_valid_email(address):
        invalid = (
            _("“{email}” is not a valid e-mail address (yours).")
            if owner is None
            else _("“{email}” is not a valid e-mail address ({name}'s).")
        )
        raise ValidationError(invalid.format(email=email, name=owner))
    if not _may_change_users(s):
        if missing:
            why = (
                _("Your e-mail address is missing and your role may not store it")
                if owner is None
                else _("{name}'s e-mail address is missing and your role may not store it")
            )
        else:
            why = (
                _("Your role may not change your e-mail address")
                if owner is None
                else _("Your role may not change {name}'s e-mail address")
            )
        raise PermissionDeniedError(
            _("{why}; a manager adds it in File › Team… (or `{command}`).").format(
                why=why.format(name=owner), command=f"sdrdesk users edit {user.name} --email …"
            )
        )
    user.email = address


def _may_change_users(s: Session) -> bool:
    """Whether this session's database role may store users' addresses (always on SQLite;
    on a team database a manager's login, or the owner's)."""
    if s.get_bind().dialect.name == "sqlite":
        return True
    return bool(s.execute(text("SELECT has_column_privilege('users', 'email', 'UPDATE')")).scalar())
