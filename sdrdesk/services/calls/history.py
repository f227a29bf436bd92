"""Reading what the calls left behind: attempts and the qualification summary."""

from __future__ import annotations

import functools
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db.models import CallAttempt, Qualification, User
from sdrdesk.domain.call_outcomes import OutcomeList, load_outcomes
from sdrdesk.i18n import format_date
from sdrdesk.services.results import AnswerLine, AttemptInfo, QualificationSummary


@functools.cache
def default_outcomes() -> OutcomeList:
    return load_outcomes()


def outcome_label(code: str) -> str:
    for outcome in default_outcomes().outcomes:
        if outcome.code == code:
            return outcome.label
    return code.replace("_", " ").capitalize()


def answer_lines(raw: list[dict[str, Any]] | None) -> tuple[AnswerLine, ...]:
    return tuple(
        AnswerLine(str(r.get("section", "")), str(r.get("question", "")), str(r.get("answer", "")))
        for r in raw or []
    )


def attempt_infos(
    session: Session, lead_id: int | None = None, *, limit: int | None = None
) -> list[AttemptInfo]:
    """Attempts, newest first (of one lead, or of all leads)."""
    query = (
        select(CallAttempt, User.display_name)
        .outerjoin(User, User.id == CallAttempt.caller_id)
        .order_by(CallAttempt.started_at.desc(), CallAttempt.id.desc())
    )
    if lead_id is not None:
        query = query.where(CallAttempt.lead_id == lead_id)
    if limit is not None:
        query = query.limit(limit)
    return [
        AttemptInfo(
            id=a.id,
            lead_id=a.lead_id,
            started_at=a.started_at,
            duration_seconds=a.duration_seconds,
            outcome=a.outcome,
            outcome_label=outcome_label(a.outcome),
            connected=a.connected,
            caller=caller,
            notes=a.notes,
            script_id=a.script_id,
            script_version=a.script_version,
            answers=answer_lines(a.answer_lines),
            callback_at=a.callback_at,
            decision=a.decision,
        )
        for a, caller in session.execute(query)
    ]


def latest_qualification(session: Session, lead_id: int) -> Qualification | None:
    return session.scalars(
        select(Qualification)
        .where(Qualification.lead_id == lead_id)
        .order_by(Qualification.id.desc())
        .limit(1)
    ).first()


def call_notes(attempts: list[AttemptInfo]) -> str:
    """Every call's notes, oldest first, each with its date: the hand-over to the AE."""
    parts = []
    for a in reversed(attempts):
        if a.notes and a.notes.strip():
            day = format_date(a.started_at.date())
            parts.append(f"{day} ({a.outcome_label}): {a.notes.strip()}")
    return "\n".join(parts)


def qualification_summary(session: Session, lead_id: int) -> QualificationSummary | None:
    q = latest_qualification(session, lead_id)
    if q is None:
        return None
    return QualificationSummary(
        lead_id=lead_id,
        script_id=q.script_id,
        script_version=q.script_version,
        grade=q.grade,
        scores=dict(q.scores or {}),
        answers=answer_lines(q.answer_lines),
        notes=call_notes(attempt_infos(session, lead_id)),
        recommendation=q.recommendation,
        complete=q.complete,
        updated_at=q.updated_at,
    )
