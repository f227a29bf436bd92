"""The core tables: users, rejection reasons, import batches, leads and their events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sdrdesk.db.base import Base, BigIntId, JSONDict, enum_column, utcnow
from sdrdesk.domain.contact import PhoneQuality
from sdrdesk.domain.lifecycle import ReasonStage, Status
from sdrdesk.domain.users import Role


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    role: Mapped[Role] = mapped_column(enum_column(Role, "user_role"), default=Role.SDR)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class RejectionReason(Base):
    """Why a lead goes back to marketing. Never deleted: deactivate instead."""

    __tablename__ = "rejection_reasons"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(50), unique=True)
    label: Mapped[str] = mapped_column(String(200))
    requires_comment: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    stage: Mapped[ReasonStage] = mapped_column(enum_column(ReasonStage, "reason_stage"))
    sort_order: Mapped[int] = mapped_column(Integer, default=100)


class ImportBatch(Base):
    """One imported file: who, when, what came of each row."""

    __tablename__ = "import_batches"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_name: Mapped[str] = mapped_column(String(500))
    file_sha256: Mapped[str] = mapped_column(String(64), index=True)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    imported_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    rows_total: Mapped[int] = mapped_column(Integer, default=0)
    rows_imported: Mapped[int] = mapped_column(Integer, default=0)
    rows_duplicate: Mapped[int] = mapped_column(Integer, default=0)
    rows_skipped: Mapped[int] = mapped_column(Integer, default=0)
    report: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)


class Lead(Base):
    __tablename__ = "leads"

    id: Mapped[int] = mapped_column(primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(100))
    first_name: Mapped[str | None] = mapped_column(String(200))
    last_name: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))
    # Case-folded e-mail: the identity used to find duplicates. Unique when present.
    email_key: Mapped[str | None] = mapped_column(String(320), unique=True)
    email_valid: Mapped[bool] = mapped_column(Boolean, default=False)
    phone_raw: Mapped[str | None] = mapped_column(String(100))
    phone_e164: Mapped[str | None] = mapped_column(String(20), index=True)
    phone_ext: Mapped[str | None] = mapped_column(String(20))
    phone_quality: Mapped[PhoneQuality] = mapped_column(
        enum_column(PhoneQuality, "phone_quality"), default=PhoneQuality.MISSING
    )
    company: Mapped[str | None] = mapped_column(String(300))
    title: Mapped[str | None] = mapped_column(String(300))
    company_size: Mapped[str | None] = mapped_column(String(50))
    industry: Mapped[str | None] = mapped_column(String(200))
    country: Mapped[str | None] = mapped_column(String(2))
    time_zone: Mapped[str | None] = mapped_column(String(64))
    source: Mapped[str | None] = mapped_column(String(200))
    campaign: Mapped[str | None] = mapped_column(String(300))
    score: Mapped[int | None] = mapped_column(Integer)
    handed_off_at: Mapped[datetime]
    status: Mapped[Status] = mapped_column(enum_column(Status, "lead_status"))
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    assigned_at: Mapped[datetime | None]
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    do_not_call_reason: Mapped[str | None] = mapped_column(String(200))
    attempt_count: Mapped[int] = mapped_column(Integer, default=0)
    last_attempt_at: Mapped[datetime | None]
    callback_due_at: Mapped[datetime | None] = mapped_column(index=True)
    recontact_at: Mapped[datetime | None]
    grade: Mapped[str | None] = mapped_column(String(1))
    # Everything an import brought that has no column of its own (form answers, notes,
    # other CRMs' fields), so nothing a file contained is lost.
    extra: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    import_batch_id: Mapped[int | None] = mapped_column(ForeignKey("import_batches.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)
    version: Mapped[int] = mapped_column(Integer, nullable=False)

    owner: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": version}  # noqa: RUF012
    __table_args__ = (
        Index("ix_leads_status_handed_off", "status", "handed_off_at"),
        Index("ix_leads_owner_status", "owner_id", "status"),
    )

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


# The queue walks leads per time zone, highest score first (see services/queue).
Index("ix_leads_zone_queue", Lead.status, Lead.time_zone, Lead.score.desc(), Lead.handed_off_at)


class LeadEvent(Base):
    """Append-only history: every status change and every other thing done to a lead.

    The ``id`` grows monotonically and doubles as the sync cursor for other clients.
    """

    __tablename__ = "lead_events"

    id: Mapped[int] = mapped_column(BigIntId, primary_key=True, autoincrement=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    from_status: Mapped[Status | None] = mapped_column(enum_column(Status, "event_from_status"))
    to_status: Mapped[Status | None] = mapped_column(enum_column(Status, "event_to_status"))
    reason_code: Mapped[str | None] = mapped_column(ForeignKey("rejection_reasons.code"))
    comment: Mapped[str | None] = mapped_column(Text)
    data: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    # The client's id for the user action that wrote this event: a retried action (after
    # a lost connection) finds it and is not applied twice.
    op_id: Mapped[str | None] = mapped_column(String(36))

    actor: Mapped[User | None] = relationship(lazy="raise")
    lead: Mapped[Lead] = relationship(lazy="raise")

    __table_args__ = (
        Index("ix_lead_events_lead", "lead_id", "id"),
        Index("ix_lead_events_action_at", "action", "at"),
        Index("uq_lead_events_op_id", "op_id", unique=True),
    )
