"""Scripts and qualifications: which script a call uses, and how answers are kept.

A lead's qualification is its answers under one script version, scored. It is continued
over several calls until a decision closes it; answers given under another version are
carried over where they still fit, in a new qualification (the old one keeps its
version).
"""

from __future__ import annotations

import threading
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Qualification
from sdrdesk.domain.call_script import CallScript
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.qualification import (
    Answers,
    Assessment,
    answer_label,
    carry_over,
    evaluate,
)
from sdrdesk.domain.script_file import load_script
from sdrdesk.i18n import _, current_locale
from sdrdesk.services.calls import history as call_history


class ScriptSource:
    """The team's script file (re-read when it changes), else the packaged default."""

    def __init__(self, path: str | None) -> None:
        self._path = Path(path).expanduser() if path else None
        self._lock = threading.Lock()
        self._cached: tuple[object, CallScript, str | None] | None = None

    def get(self) -> tuple[CallScript, str | None]:
        """(script, warning): a broken team file gives the default and says why."""
        stamp: object = None
        if self._path is not None:
            try:
                st = self._path.stat()
                stamp = (st.st_mtime_ns, st.st_size)
            except OSError:
                stamp = "missing"
        with self._lock:
            if self._cached is not None and self._cached[0] == stamp:
                return self._cached[1], self._cached[2]
        warning = None
        try:
            script = load_script(self._path)
        except ValidationError as exc:
            script = load_script()
            warning = _("{error} Calls use the default script until the file is fixed.").format(
                error=exc
            )
        with self._lock:
            self._cached = (stamp, script, warning)
        return script, warning


def qualify(
    s: Session, lead_id: int, script: CallScript, answers: Answers, actor_id: int, now: datetime
) -> tuple[Qualification | None, Assessment | None, Answers, bool]:
    """Update (or start) the lead's qualification. Returns it, its assessment, the
    answers given or changed on this call, and whether anything changed."""
    latest = call_history.latest_qualification(s, lead_id)
    previous: dict[str, Any] = dict(latest.answers) if latest else {}
    if not answers and (latest is None or latest.decision is not None):
        return None, None, {}, False
    assessment = evaluate(script, answers, now.date())
    kept = assessment.answers
    given = {k: v for k, v in kept.items() if previous.get(k) != v}
    same_script = latest is not None and (latest.script_id, latest.script_version) == (
        script.id,
        script.version,
    )
    qual = latest if latest is not None and latest.decision is None and same_script else None
    # Changed: new answers, or a new result. A qualification started again after a
    # decision with the same answers under the same script (a repeat call with nothing
    # new) is not a new "qualified" event.
    changed = (
        latest is None
        or previous != kept
        or not same_script
        or (latest.grade, latest.total, latest.complete)
        != (assessment.grade, assessment.total, assessment.complete)
    )
    if qual is None:
        qual = Qualification(
            lead_id=lead_id,
            script_id=script.id,
            script_version=script.version,
            created_by_id=actor_id,
            created_at=now,
        )
        s.add(qual)
    rec = assessment.recommendation
    qual.answers = kept
    qual.answer_lines = answer_lines_for(script, kept)
    qual.scores = dict(assessment.scores)
    qual.total = assessment.total
    qual.grade = assessment.grade
    qual.complete = assessment.complete
    qual.knockout_question = assessment.knockout.question_id if assessment.knockout else None
    qual.recommendation = rec.decision.value if rec else None
    qual.recommendation_reason = rec.reason_code if rec else None
    qual.updated_at = now
    s.flush()
    return qual, assessment, given, changed


def format_skeleton_date(value: datetime, skeleton: str) -> str:
    """A date in the current locale by a CLDR skeleton (``MMMd``: 4 Dec / 4. Dez.)."""
    from babel.dates import format_skeleton

    return format_skeleton(skeleton, value.date(), locale=current_locale())


def continue_with(script: CallScript, latest: Qualification | None) -> tuple[Answers, str | None]:
    if latest is None:
        return {}, None
    when = format_skeleton_date(latest.updated_at, "MMMd")
    if latest.decision is None and (latest.script_id, latest.script_version) == (
        script.id,
        script.version,
    ):
        return dict(latest.answers), _("Continuing the qualification from {when}.").format(
            when=when
        )
    answers = carry_over(script, latest.answers)
    if not answers:
        return {}, None
    if latest.decision is None:
        return answers, _(
            "The answers from {when} were given under script version "
            "{version}; those that still fit are filled in."
        ).format(when=when, version=latest.script_version)
    if latest.grade:
        note = _(
            "Answers from the qualification of {when}, grade {grade}, are filled in: check them."
        )
    else:
        note = _("Answers from the qualification of {when} are filled in: check them.")
    return answers, note.format(when=when, grade=latest.grade)


def answer_lines_for(script: CallScript, answers: Answers) -> list[dict[str, str]]:
    out = []
    for section, question in script.questions():
        if question.id in answers:
            out.append(
                {
                    "id": question.id,
                    "section": section.title,
                    "question": question.text,
                    "answer": answer_label(question, answers[question.id]),
                }
            )
    return out


def record_qualified(
    s: Session,
    lead_id: int,
    script: CallScript,
    a: Assessment,
    actor: int,
    at: datetime,
) -> None:
    rec = a.recommendation
    lifecycle.record(
        s,
        lead_id,
        EventKind.QUALIFIED,
        actor_id=actor,
        at=at,
        data={
            "grade": a.grade,
            "scores": dict(a.scores),
            "script_id": script.id,
            "script_version": script.version,
            "recommendation": rec.decision.value if rec else None,
            "complete": a.complete,
            "total": a.total,
            "knockout": a.knockout.question_id if a.knockout else None,
            "reason_code": rec.reason_code if rec else None,
        },
    )
