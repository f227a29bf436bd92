"""The core tables: users, rejection reasons, import batches, leads and their events.

``User`` and ``Lead`` are mapped onto the Core tables of ``db.tables`` (read without the
ORM before the window's first rows are painted); the others are declared here.
"""

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
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from sdrdesk.db import tables
from sdrdesk.db.base import Base, BigIntId, JSONDict, enum_column, utcnow
from sdrdesk.domain.lifecycle import ReasonStage, Status
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.domain.users import Role


class User(Base):
    __table__ = tables.users

    id: Mapped[int]
    name: Mapped[str]
    display_name: Mapped[str]
    email: Mapped[str | None]
    role: Mapped[Role]
    time_zone: Mapped[str | None]
    active: Mapped[bool]
    created_at: Mapped[datetime]
    login: Mapped[str | None]


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


class Erasure(Base):
    """A person's data erased on request (DSGVO Art. 17): which lead, who, when, why.

    Holds no personal data. On a team database the history's append-only rule lets the
    erasure's own transaction (the one that inserted this row) blank the personal data
    of that lead's history, and nothing else (see ``db.grants``)."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"), index=True)
    erased_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    erased_at: Mapped[datetime] = mapped_column(default=utcnow)
    reason: Mapped[str] = mapped_column(Text)


class Lead(Base):
    __table__ = tables.leads

    id: Mapped[int]
    external_id: Mapped[str | None]
    first_name: Mapped[str | None]
    last_name: Mapped[str | None]
    email: Mapped[str | None]
    email_key: Mapped[str | None]
    email_valid: Mapped[bool]
    phone_raw: Mapped[str | None]
    phone_e164: Mapped[str | None]
    phone_ext: Mapped[str | None]
    phone_quality: Mapped[PhoneQuality]
    company: Mapped[str | None]
    title: Mapped[str | None]
    company_size: Mapped[str | None]
    industry: Mapped[str | None]
    country: Mapped[str | None]
    time_zone: Mapped[str | None]
    source: Mapped[str | None]
    campaign: Mapped[str | None]
    product: Mapped[str | None]
    score: Mapped[int | None]
    handed_off_at: Mapped[datetime]
    status: Mapped[Status]
    owner_id: Mapped[int | None]
    assigned_at: Mapped[datetime | None]
    do_not_call: Mapped[bool]
    do_not_call_reason: Mapped[str | None]
    attempt_count: Mapped[int]
    last_attempt_at: Mapped[datetime | None]
    callback_due_at: Mapped[datetime | None]
    recontact_at: Mapped[datetime | None]
    grade: Mapped[str | None]
    extra: Mapped[dict[str, Any]]
    import_batch_id: Mapped[int | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    version: Mapped[int]

    owner: Mapped[User | None] = relationship(lazy="raise")

    __mapper_args__ = {"version_id_col": tables.leads.c.version}  # noqa: RUF012

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.first_name, self.last_name) if p)


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

    # One lead's history and the events of a kind in a period are read along the report
    # indexes (``models.reporting``, migration 0007). Only user actions carry an op_id,
    # so its unique index holds those alone, not a NULL for every imported lead.
    __table_args__ = (
        Index(
            "uq_lead_events_op_id",
            "op_id",
            unique=True,
            sqlite_where=text("op_id IS NOT NULL"),
            postgresql_where=text("op_id IS NOT NULL"),
        ),
    )
