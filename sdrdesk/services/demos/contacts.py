"""The people on a demo's invite and their addresses: the organizer (the SDR), the AE and
the lead. An address the dialog asked for is stored on the user or the lead in the same
transaction as the booking."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, User
from sdrdesk.domain import emails
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.users import Role


def organizer(s: Session, user_id: int, email: str | None) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFoundError(f"User {user_id} does not exist.")
    _store_email(user, email, "your")
    if not emails.is_valid_email(user.email):
        raise ValidationError(
            "Enter your e-mail address: the invite is sent in your name (its organizer)."
        )
    return user


def account_executive(s: Session, ae_id: int, email: str | None) -> User:
    ae = s.get(User, ae_id)
    if ae is None or ae.role is not Role.AE or not ae.active:
        raise ValidationError("Choose an account executive for the demo.")
    _store_email(ae, email, f"{ae.display_name}'s")
    if not emails.is_valid_email(ae.email):
        raise ValidationError(f"Enter {ae.display_name}'s e-mail address for the invite.")
    return ae


def lead_email(s: Session, lead: Lead, email: str | None) -> None:
    if email is not None and emails.normalize_email(email) != lead.email:
        address = emails.normalize_email(email)
        if not emails.is_valid_email(address):
            raise ValidationError(f"“{email}” is not a valid e-mail address for the lead.")
        key = emails.email_key(address)
        taken = s.scalars(select(Lead.id).where(Lead.email_key == key, Lead.id != lead.id)).first()
        if taken is not None:
            raise ValidationError(f"Lead {taken} already has the address {address}.")
        lead.email, lead.email_key, lead.email_valid = address, key, True
    if not emails.is_valid_email(lead.email):
        raise ValidationError("Enter the lead's e-mail address: they are invited to the demo.")


def _store_email(user: User, email: str | None, whose: str) -> None:
    if email is None or not email.strip():
        return
    address = emails.normalize_email(email)
    if not emails.is_valid_email(address):
        raise ValidationError(f"“{email}” is not a valid e-mail address ({whose}).")
    user.email = address
