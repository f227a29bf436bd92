"""Calls: every logged attempt, and the qualification answers gathered over the calls."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from sdrdesk.db.base import Base, JSONDict, utcnow


class Qualification(Base):
    """A lead's answers under one script version, scored; continued over several calls.

    ``answer_lines`` keeps the answers as the SDR saw them (section, question, answer
    text), so they stay readable after the team changes its script.
    """

    __tablename__ = "qualifications"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"))
    script_id: Mapped[str] = mapped_column(String(50))
    script_version: Mapped[str] = mapped_column(String(40))
    answers: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    answer_lines: Mapped[list[dict[str, str]]] = mapped_column(JSONDict, default=list)
    scores: Mapped[dict[str, float]] = mapped_column(JSONDict, default=dict)
    total: Mapped[float | None] = mapped_column(Float)
    grade: Mapped[str | None] = mapped_column(String(1))
    complete: Mapped[bool] = mapped_column(Boolean, default=False)
    knockout_question: Mapped[str | None] = mapped_column(String(50))
    recommendation: Mapped[str | None] = mapped_column(String(20))
    recommendation_reason: Mapped[str | None] = mapped_column(String(50))
    decision: Mapped[str | None] = mapped_column(String(20))
    override_reason: Mapped[str | None] = mapped_column(Text)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (Index("ix_qualifications_lead", "lead_id", "id"),)


class CallAttempt(Base):
    """One dial: when, how long, how it ended, what was noted and answered on it."""

    __tablename__ = "call_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    lead_id: Mapped[int] = mapped_column(ForeignKey("leads.id"))
    caller_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    started_at: Mapped[datetime]
    duration_seconds: Mapped[int] = mapped_column(Integer, default=0)
    outcome: Mapped[str] = mapped_column(String(40))
    connected: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str | None] = mapped_column(Text)
    script_id: Mapped[str | None] = mapped_column(String(50))
    script_version: Mapped[str | None] = mapped_column(String(40))
    # The answers given or changed on this call, raw and as read.
    answers: Mapped[dict[str, Any]] = mapped_column(JSONDict, default=dict)
    answer_lines: Mapped[list[dict[str, str]]] = mapped_column(JSONDict, default=list)
    callback_at: Mapped[datetime | None]
    decision: Mapped[str | None] = mapped_column(String(20))
    qualification_id: Mapped[int | None] = mapped_column(ForeignKey("qualifications.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    __table_args__ = (
        Index("ix_call_attempts_lead", "lead_id", "started_at"),
        Index("ix_call_attempts_started", "started_at"),
    )
