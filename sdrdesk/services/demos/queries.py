"""Reading demos: rows to ``DemoInfo``, the AEs' load and their booked slots."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, timedelta

from sqlalchemy import Row, Select, func, select
from sqlalchemy.orm import Session, aliased

from sdrdesk.db.models import Demo, Lead, User
from sdrdesk.domain import phones
from sdrdesk.domain.demos import MAX_DURATION_MINUTES, AeLoad, DemoStatus, Slot
from sdrdesk.domain.errors import NotFoundError
from sdrdesk.domain.users import Role
from sdrdesk.i18n import _
from sdrdesk.services.demos.language import lead_language
from sdrdesk.services.demos.results import DemoInfo, Person

_ae = aliased(User, name="ae")
_sdr = aliased(User, name="sdr")


def demo_select() -> Select[Demo, Lead, User, User]:
    return (
        select(Demo, Lead, _ae, _sdr)
        .join(Lead, Lead.id == Demo.lead_id)
        .join(_ae, _ae.id == Demo.ae_id)
        .join(_sdr, _sdr.id == Demo.sdr_id)
    )


def _person(user: User) -> Person:
    return Person(user.id, user.name, user.display_name, user.email, user.time_zone)


def lead_display_name(lead: Lead) -> str:
    return lead.full_name or lead.email or lead.company or _("Lead {id}").format(id=lead.id)


def to_info(demo: Demo, lead: Lead, ae: User, sdr: User) -> DemoInfo:
    return DemoInfo(
        id=demo.id,
        uid=demo.uid,
        lead_id=lead.id,
        lead=Person(
            lead.id,
            "",
            lead_display_name(lead),
            demo.lead_email or lead.email,
            lead.time_zone,
            language=lead_language(lead.country, lead.extra),
            country=lead.country,
        ),
        lead_company=lead.company,
        lead_title=lead.title,
        lead_phone=phones.format_phone(lead.phone_e164) or lead.phone_raw,
        ae=_person(ae),
        sdr=_person(sdr),
        starts_at=demo.starts_at,
        duration_minutes=demo.duration_minutes,
        time_zone=demo.time_zone,
        location=demo.location,
        note=demo.note,
        include_handover=demo.include_handover,
        status=demo.status,
        sequence=demo.sequence,
        cancel_reason=demo.cancel_reason,
        cancelled_at=demo.cancelled_at,
        created_at=demo.created_at,
        updated_at=demo.updated_at,
        version=demo.version,
    )


def row_info(row: Row[Demo, Lead, User, User]) -> DemoInfo:
    return to_info(row[0], row[1], row[2], row[3])


def load_info(session: Session, demo_id: int) -> DemoInfo:
    row = session.execute(demo_select().where(Demo.id == demo_id)).first()
    if row is None:
        raise NotFoundError(_("Demo {demo_id} does not exist.").format(demo_id=demo_id))
    return row_info(row)


def booked_for_lead(session: Session, lead_id: int) -> DemoInfo | None:
    row = session.execute(
        demo_select()
        .where(Demo.lead_id == lead_id, Demo.status == DemoStatus.BOOKED)
        .order_by(Demo.id.desc())
        .limit(1)
    ).first()
    return row_info(row) if row else None


def ae_loads(session: Session, now: datetime) -> list[tuple[User, AeLoad]]:
    """Every active AE with their upcoming booked demos and their latest booking."""
    upcoming = (
        select(Demo.ae_id, func.count().label("n"))
        .where(Demo.status == DemoStatus.BOOKED, Demo.starts_at >= now)
        .group_by(Demo.ae_id)
        .subquery()
    )
    latest = (
        select(Demo.ae_id, func.max(Demo.created_at).label("at")).group_by(Demo.ae_id).subquery()
    )
    rows = session.execute(
        select(User, upcoming.c.n, latest.c.at)
        .outerjoin(upcoming, upcoming.c.ae_id == User.id)
        .outerjoin(latest, latest.c.ae_id == User.id)
        .where(User.role == Role.AE, User.active.is_(True))
        .order_by(User.display_name, User.name)
    )
    return [
        (user, AeLoad(user.id, user.display_name, int(n or 0), _aware(at))) for user, n, at in rows
    ]


def _aware(value: datetime | str | None) -> datetime | None:
    # max() over a subquery may come back as SQLite text rather than through the type.
    if value is None:
        return None
    stamp = value if isinstance(value, datetime) else datetime.fromisoformat(value)
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def booked_slots(
    session: Session, since: datetime, ae_ids: Sequence[int] | None = None
) -> list[Slot]:
    """Booked demos that end after ``since`` (for overlap warnings)."""
    query = (
        select(Demo.id, Demo.ae_id, Demo.starts_at, Demo.duration_minutes, Lead)
        .join(Lead, Lead.id == Demo.lead_id)
        .where(
            Demo.status == DemoStatus.BOOKED,
            Demo.starts_at >= since - timedelta(minutes=MAX_DURATION_MINUTES),
        )
        .order_by(Demo.starts_at)
    )
    if ae_ids is not None:
        query = query.where(Demo.ae_id.in_(ae_ids))
    slots = []
    for demo_id, ae_id, starts_at, minutes, lead in session.execute(query):
        ends_at = starts_at + timedelta(minutes=minutes)
        if ends_at > since:
            slots.append(Slot(demo_id, ae_id, starts_at, ends_at, lead_display_name(lead)))
    return slots
