"""Qualification: checking answers, which questions apply, scores, grade, recommendation.

Pure functions over a ``CallScript`` and a dict of answers ``{question id: value}``:

* values are ``"yes"``/``"no"`` (yes/no), a choice id (single), a list of choice ids
  (multiple), a number (number, money), an ISO date ``"2026-06-30"`` (date) or text;
* a question applies when all its ``ask_if`` conditions hold; an answer to a question
  that does not apply is ignored (and dropped when saved);
* a section's score is the weight earned over the most it could earn from the questions
  that apply, 0–100; the total is the sections' weighted mean; the grade is the first
  rule in the script whose thresholds the scores meet;
* the first knock-out answer ends qualification: grade is the script's lowest, and the
  recommendation is to disqualify with the knock-out's reason.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sdrdesk.domain.call_script import (
    CallScript,
    Condition,
    Decision,
    Operator,
    Question,
    QuestionType,
)
from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _, format_number

Answers = dict[str, Any]


# --- answers ----------------------------------------------------------------------------


def check_answer(question: Question, value: Any) -> Any:
    """The value as stored, or ``None`` for “not answered”; ``ValidationError`` if wrong."""
    if value is None or value == "" or value == []:
        return None
    qtype = question.type
    where = f"“{question.text}”"
    if qtype is QuestionType.YES_NO:
        if isinstance(value, bool):
            return "yes" if value else "no"
        if value in ("yes", "no"):
            return value
        raise ValidationError(_("{where} is answered with yes or no.").format(where=where))
    if qtype is QuestionType.SINGLE:
        if isinstance(value, str) and question.choice(value):
            return value
        raise ValidationError(
            _("{where} has no choice “{value}”.").format(where=where, value=value)
        )
    if qtype is QuestionType.MULTIPLE:
        picked = [value] if isinstance(value, str) else value
        if not isinstance(picked, list | tuple):
            raise ValidationError(
                _("{where} is answered with a list of choices.").format(where=where)
            )
        for v in picked:
            if not isinstance(v, str) or question.choice(v) is None:
                raise ValidationError(
                    _("{where} has no choice “{value}”.").format(where=where, value=v)
                )
        return [c.id for c in question.choices if c.id in picked] or None
    if qtype in (QuestionType.NUMBER, QuestionType.MONEY):
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise ValidationError(_("{where} needs a number.").format(where=where))
        if value < 0:
            raise ValidationError(_("{where} cannot be negative.").format(where=where))
        return int(value) if float(value).is_integer() else float(value)
    if qtype is QuestionType.DATE:
        if isinstance(value, date):
            return value.isoformat()
        try:
            return date.fromisoformat(str(value)).isoformat()
        except ValueError:
            raise ValidationError(
                _("{where} needs a date (YYYY-MM-DD).").format(where=where)
            ) from None
    text = str(value).strip()
    return text or None


def check_answers(script: CallScript, answers: Mapping[str, Any]) -> Answers:
    """All answers checked against the script; unknown questions are refused."""
    out: Answers = {}
    for qid, value in answers.items():
        question = script.question(qid)
        if question is None:
            raise ValidationError(
                _("The script “{script}” has no question “{question}”.").format(
                    script=script.name, question=qid
                )
            )
        checked = check_answer(question, value)
        if checked is not None:
            out[qid] = checked
    return out


def carry_over(script: CallScript, answers: Mapping[str, Any]) -> Answers:
    """Answers from another script version that still fit this one (others are left)."""
    out: Answers = {}
    for qid, value in answers.items():
        question = script.question(qid)
        if question is None:
            continue
        try:
            checked = check_answer(question, value)
        except ValidationError:
            continue
        if checked is not None:
            out[qid] = checked
    return out


def answer_label(question: Question, value: Any) -> str:
    """How an answer reads for a person (choice labels, amounts with their unit)."""
    if value is None:
        return ""
    if question.type.has_choices:
        ids = value if isinstance(value, list) else [value]
        labels = [c.label for c in question.choices if c.id in ids]
        return ", ".join(labels)
    if question.type in (QuestionType.NUMBER, QuestionType.MONEY):
        number = format_number(round(value, 2) if isinstance(value, float) else value)
        return f"{number} {question.unit}" if question.unit else number
    return str(value)


# --- evaluation ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SectionProgress:
    section_id: str
    title: str
    answered: int  # required questions that apply and are answered
    required: int  # required questions that apply

    @property
    def done(self) -> bool:
        return self.answered >= self.required


@dataclass(frozen=True, slots=True)
class Knockout:
    question_id: str
    question: str
    answer: str
    reason_code: str


@dataclass(frozen=True, slots=True)
class Recommendation:
    decision: Decision
    why: str
    reason_code: str | None = None  # for disqualify
    recontact_days: int | None = None  # for nurture


@dataclass(frozen=True, slots=True)
class Assessment:
    applicable: frozenset[str]
    progress: tuple[SectionProgress, ...]
    scores: dict[str, float]
    total: float | None
    provisional_grade: str | None  # from the answers so far
    grade: str | None  # once complete (or knocked out)
    knockout: Knockout | None
    complete: bool
    recommendation: Recommendation | None
    answers: Answers = field(default_factory=dict)  # only those that apply

    @property
    def sections_done(self) -> int:
        return sum(p.done for p in self.progress)


def _holds(condition: Condition, answers: Mapping[str, Any], applicable: set[str]) -> bool:
    value = answers.get(condition.question) if condition.question in applicable else None
    op = condition.operator
    if op is Operator.ANSWERED:
        return (value is not None) is condition.value
    if value is None:
        return False
    picked = set(value) if isinstance(value, list) else {value}
    if op is Operator.IS:
        return condition.value in picked
    if op is Operator.IS_NOT:
        return condition.value not in picked
    if op is Operator.IN:
        return bool(picked & set(condition.value))
    limit = float(condition.value)
    if op is Operator.AT_LEAST:
        return float(value) >= limit
    return float(value) <= limit  # AT_MOST


def _earned(question: Question, value: Any, today: date) -> tuple[float, str | None]:
    """(weight, knock-out reason) of one answer."""
    if value is None:
        return 0.0, None
    if question.type.has_choices:
        ids = value if isinstance(value, list) else [value]
        picked = [c for c in question.choices if c.id in ids]
        knock = next((c.knockout for c in picked if c.knockout), None)
        return sum(c.weight for c in picked), knock
    if question.type.has_bands:
        if question.type is QuestionType.DATE:
            measure = float((date.fromisoformat(value) - today).days)
        else:
            measure = float(value)
        band = next((b for b in question.bands if b.matches(measure)), None)
        return (band.weight, band.knockout) if band else (0.0, None)
    return 0.0, None


def evaluate(script: CallScript, answers: Mapping[str, Any], today: date) -> Assessment:
    applicable: set[str] = set()
    progress: list[SectionProgress] = []
    scores: dict[str, float] = {}
    weights: dict[str, float] = {}
    knockout: Knockout | None = None
    kept: Answers = {}
    for section in script.sections:
        earned = possible = 0.0
        answered = required = 0
        for q in section.questions:
            if not all(_holds(c, answers, applicable) for c in q.ask_if):
                continue
            applicable.add(q.id)
            value = answers.get(q.id)
            if value is not None:
                kept[q.id] = value
            weight, knock = _earned(q, value, today)
            earned += weight
            possible += q.max_weight
            if knock and knockout is None:
                knockout = Knockout(q.id, q.text, answer_label(q, value), knock)
            if not q.optional:
                required += 1
                answered += value is not None
        progress.append(SectionProgress(section.id, section.title, answered, required))
        if possible > 0:
            scores[section.id] = round(100 * earned / possible, 1)
            weights[section.id] = section.weight
    total_weight = sum(weights.values())
    total = (
        round(sum(scores[s] * w for s, w in weights.items()) / total_weight, 1)
        if total_weight > 0
        else None
    )
    provisional = _grade_for(script, total, scores)
    complete = knockout is not None or all(p.done for p in progress)
    lowest = script.grades[-1].grade
    grade = lowest if knockout else (provisional if complete else None)
    assessment = Assessment(
        frozenset(applicable),
        tuple(progress),
        scores,
        total,
        provisional,
        grade,
        knockout,
        complete,
        None,
        kept,
    )
    return _with_recommendation(script, assessment)


def _grade_for(script: CallScript, total: float | None, scores: Mapping[str, float]) -> str | None:
    if total is None:
        return None
    for rule in script.grades:
        if rule.admits(total, scores):
            return rule.grade
    return script.grades[-1].grade


def _with_recommendation(script: CallScript, a: Assessment) -> Assessment:
    from dataclasses import replace

    if a.knockout is not None:
        k = a.knockout
        rec = Recommendation(
            Decision.DISQUALIFY,
            _("Knock-out: “{question}” — {answer}").format(question=k.question, answer=k.answer),
            k.reason_code,
        )
        return replace(a, recommendation=rec)
    if not a.complete or a.grade is None:
        return a
    rule = script.grade_rule(a.grade)
    assert rule is not None
    if a.total is None:
        why = _("Grade {grade}").format(grade=a.grade)
    else:
        why = _("Grade {grade} ({total} of 100)").format(
            grade=a.grade, total=format_number(round(a.total))
        )
    rec = Recommendation(rule.recommend, why, rule.reason, rule.recontact_days)
    return replace(a, recommendation=rec)


def parse_number(text: str) -> float | None:
    """A number as people type it: ``40000``, ``40.000``, ``40,000``, ``1,5``, ``40k``,
    ``1.2m``, ``€ 25 000``; ``None`` if it is not one."""
    cleaned = "".join(c for c in text.strip().lower() if c not in " \u00a0'€$£")
    for word in ("eur", "usd", "gbp", "chf"):
        cleaned = cleaned.replace(word, "")
    factor = 1.0
    if cleaned[-1:] in ("k", "m"):
        factor = 1_000.0 if cleaned[-1] == "k" else 1_000_000.0
        cleaned = cleaned[:-1]
    if not cleaned:
        return None
    dot, comma = cleaned.rfind("."), cleaned.rfind(",")
    if dot >= 0 and comma >= 0:
        decimal = "." if dot > comma else ","
        thousands = "," if decimal == "." else "."
        cleaned = cleaned.replace(thousands, "").replace(decimal, ".")
    elif dot >= 0 or comma >= 0:
        mark = "." if dot >= 0 else ","
        parts = cleaned.split(mark)
        if len(parts) > 2 or (len(parts[1]) == 3 and factor == 1.0):
            cleaned = "".join(parts)  # thousands separators
        else:
            cleaned = ".".join(parts)
    try:
        value = float(cleaned) * factor
    except ValueError:
        return None
    return value if value >= 0 else None
