"""The reports' read model: one row per lead with the moments the reports need
(``lead_facts``), kept by ``db.readmodel`` in the transaction that writes the events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Computed, Float, ForeignKey, Index, Integer, String, Text, column, func, text
from sqlalchemy.orm import Mapped, mapped_column

from sdrdesk.db.base import Base
from sdrdesk.db.sqltime import seconds_between
from sdrdesk.db.types import UTCDateTime

MEDIANS = ("mql", "sal", "triage", "call")  # the ``*_seconds`` columns with indexes
by_column = {"source": "source", "sdr": "triage_by"}
COVERED = tuple(f"{m}_seconds" for m in MEDIANS)
# The covering indexes of a period's counts: the team's (by hand-off, then source), per
# source and per SDR (who triaged).
PERIOD_INDEXES = {
    "period": ("handed_off_at", "source"),
    "source_period": ("source", "handed_off_at"),
    "sdr_period": ("triage_by", "handed_off_at"),
}


def _seconds(start: str, end: Any) -> Mapped[float | None]:
    """A duration in seconds computed by the database, as the reports compute one."""
    finish = column(end) if isinstance(end, str) else end
    return mapped_column(Float, Computed(seconds_between(column(start), finish)))


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
    # Computed by the database from the columns above (migration 0019): who triaged and
    # the durations whose medians the funnel and speed to lead show, so that a median
    # is a walk to the middle of an index, not a sort of the period's rows.
    triage_by: Mapped[int | None] = mapped_column(
        Integer, Computed(func.coalesce(column("accept_by"), column("reject_by")))
    )
    mql_seconds: Mapped[float | None] = _seconds("handed_off_at", "accept_at")
    sal_seconds: Mapped[float | None] = _seconds("accept_at", "demo_at")
    triage_seconds: Mapped[float | None] = _seconds(
        "handed_off_at", func.coalesce(column("accept_at"), column("reject_at"))
    )
    call_seconds: Mapped[float | None] = _seconds("handed_off_at", "call_at")

    __table_args__ = (
        # A period's counts per group read from an index alone, in group order (no sort
        # of a year's rows; migration 0021): the hand-off and every duration.
        *(Index(f"ix_lead_facts_{name}", *key, *COVERED) for name, key in PERIOD_INDEXES.items()),
        *(
            Index(
                f"ix_lead_facts_{by}_{value}",
                *((by_column[by],) if by != "team" else ()),
                f"{value}_seconds",
                "handed_off_at",
                sqlite_where=text(f"{value}_seconds IS NOT NULL"),
                postgresql_where=text(f"{value}_seconds IS NOT NULL"),
            )
            for value in MEDIANS
            for by in ("team", "source", "sdr")
        ),
    )


# The hourly rollups and their parts (``db.rollups``, migration 0018). Key columns are
# never NULL ('' or 0 for none), so a key is one row on both backends.


def _key_text(length: int) -> Mapped[str]:
    return mapped_column(String(length), primary_key=True)


class DecisionHour(Base):
    """Accepts, rejects and disqualifications (not undone) of one UTC hour
    (``hour``: hours since 1970) per reason, SDR (who decided; 0 for none), source,
    campaign and product ('' for none)."""

    __tablename__ = "decision_hours"

    hour: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = _key_text(40)
    reason: Mapped[str] = _key_text(60)
    sdr_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = _key_text(200)
    campaign: Mapped[str] = _key_text(300)
    product: Mapped[str] = _key_text(120)
    n: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        # Rejections by campaign read this in group order (no sort of a year's rows).
        Index(
            "ix_decision_hours_campaign",
            "source",
            "campaign",
            "action",
            "hour",
            "sdr_id",
            "product",
            "n",
        ),
        {"sqlite_with_rowid": False},  # stored in key order: an hour range is one read
    )


class DecisionPart(Base):
    """One counted decision event and the key it was added to ``decision_hours`` under."""

    __tablename__ = "decision_parts"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lead_id: Mapped[int] = mapped_column(Integer, index=True)
    hour: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40))
    reason: Mapped[str] = mapped_column(String(60))
    sdr_id: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))
    campaign: Mapped[str] = mapped_column(String(300))
    product: Mapped[str] = mapped_column(String(120))


class TouchHour(Base):
    """Call attempts (``channel`` 'call') and touches of one UTC hour per outcome, SDR,
    source and product, with the connected calls and their summed talk time."""

    __tablename__ = "touch_hours"

    hour: Mapped[int] = mapped_column(Integer, primary_key=True)
    channel: Mapped[str] = _key_text(40)
    outcome: Mapped[str] = _key_text(80)
    sdr_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    source: Mapped[str] = _key_text(200)
    product: Mapped[str] = _key_text(120)
    n: Mapped[int] = mapped_column(Integer)
    connected: Mapped[int] = mapped_column(Integer)
    talk_seconds: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        # Call outcomes (per SDR and outcome) read this in group order.
        Index(
            "ix_touch_hours_outcomes",
            "channel",
            "sdr_id",
            "outcome",
            "hour",
            "source",
            "product",
            "n",
            "connected",
            "talk_seconds",
        ),
        {"sqlite_with_rowid": False},
    )


class TouchPart(Base):
    """One call or touch event and the key it was added to ``touch_hours`` under."""

    __tablename__ = "touch_parts"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lead_id: Mapped[int] = mapped_column(Integer, index=True)
    hour: Mapped[int] = mapped_column(Integer)
    channel: Mapped[str] = mapped_column(String(40))
    outcome: Mapped[str] = mapped_column(String(80))
    sdr_id: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(200))
    product: Mapped[str] = mapped_column(String(120))
    connected: Mapped[int] = mapped_column(Integer)
    talk_seconds: Mapped[int] = mapped_column(Integer)


class GradeMark(Base):
    """One ``qualified`` event as the grades report needs it (``db.grademarks``,
    migration 0020): when, by whom, the grade (NULL without one), the earliest of the
    lead's later qualifications (``later_at``, NULL for its last), whether the lead ever
    had a demo booked, and the lead's current source and product."""

    __tablename__ = "grade_marks"

    event_id: Mapped[int] = mapped_column(Integer, primary_key=True)
    lead_id: Mapped[int] = mapped_column(Integer)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    sdr_id: Mapped[int | None] = mapped_column(Integer)
    grade: Mapped[str | None] = mapped_column(Text)
    later_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    demo: Mapped[int] = mapped_column(Integer)
    source: Mapped[str | None] = mapped_column(String(200))
    product: Mapped[str | None] = mapped_column(String(120))

    __table_args__ = (
        # A period's marks from the index alone (the report reads nothing else).
        Index("ix_grade_marks_at", "at", "grade", "sdr_id", "later_at", "demo"),
        # A lead's marks: its refresh, and the check for an earlier-dated later mark.
        Index("ix_grade_marks_lead", "lead_id", "event_id", "at"),
    )
