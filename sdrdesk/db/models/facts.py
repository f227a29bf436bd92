"""The reports' read model: one row per lead with the moments the reports need
(``lead_facts``), kept by ``db.readmodel`` in the transaction that writes the events."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from sdrdesk.db.base import Base
from sdrdesk.db.types import UTCDateTime


class LeadFact(Base):
    """What a lead's events say, as recomputing them gives (``readmodel.FACTS_SQL``).

    ``source`` is '' for a lead without one (the reports group on it). The ``*_at`` are
    the first event of the kind that was not undone; ``*_by`` who wrote it.
    """

    __tablename__ = "lead_facts"

    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"), primary_key=True)
    handed_off_at: Mapped[datetime] = mapped_column(UTCDateTime())
    source: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str | None] = mapped_column(String(300))
    owner_id: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(String(1))
    accept_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    accept_by: Mapped[int | None] = mapped_column(Integer)
    reject_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    reject_by: Mapped[int | None] = mapped_column(Integer)
    demo_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    call_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    disqualified_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    nurtured_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    product: Mapped[str | None] = mapped_column(String(120))

    __table_args__ = (Index("ix_lead_facts_handed_off", "handed_off_at", "source"),)
