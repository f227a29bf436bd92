"""Demos booked with account executives (one row per demo, kept when cancelled)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sdrdesk.db.base import Base, enum_column, utcnow
from sdrdesk.db.models.core import Lead, User
from sdrdesk.domain.demos import DemoStatus


class Demo(Base):
    """A demo for a lead with an AE, organised by an SDR.

    ``uid`` and ``sequence`` are the invite's UID and SEQUENCE: the UID never changes,
    the sequence grows with every update sent (reschedule, cancel). ``time_zone`` is the
    zone the invite is written in (the organizer's at booking), so an invite written again
    later is the same message. ``lead_email``: the lead's address for the invite when
    the dialog asked for one (the lead's own data stays as handed off); else the lead's.
    """

    __tablename__ = "demos"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[str] = mapped_column(String(255), unique=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"))
    ae_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    sdr_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    starts_at: Mapped[datetime]
    duration_minutes: Mapped[int] = mapped_column(Integer)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    location: Mapped[str | None] = mapped_column(String(500))
    note: Mapped[str | None] = mapped_column(Text)
    lead_email: Mapped[str | None] = mapped_column(String(320))
    include_handover: Mapped[bool] = mapped_column(Boolean, default=True)
    status: Mapped[DemoStatus] = mapped_column(
        enum_column(DemoStatus, "demo_status"), default=DemoStatus.BOOKED
    )
    sequence: Mapped[int] = mapped_column(Integer, default=0)
    cancel_reason: Mapped[str | None] = mapped_column(Text)
    cancelled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    lead: Mapped[Lead] = relationship(lazy="raise")
    ae: Mapped[User] = relationship(foreign_keys=[ae_id], lazy="raise")
    sdr: Mapped[User] = relationship(foreign_keys=[sdr_id], lazy="raise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("ix_demos_lead", "lead_id", "status"),
        Index("ix_demos_ae_starts", "ae_id", "starts_at"),
        Index("ix_demos_status_starts", "status", "starts_at"),
    )
