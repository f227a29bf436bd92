"""Qualification call scripts: sections of typed questions, weights, conditions, grades.

A script is data: ``resources/data/call_script.toml`` is the default and a team can
point the setting ``call_script_file`` at its own copy (read by
``sdrdesk.domain.script_file``). Every script carries an ``id`` and a ``version``;
stored answers keep both.

The texts a person reads (titles, questions, help, choices) are kept as the file writes
them (``raw_…``) and shown translated (``title``, ``text`` …): the catalog holds the
default script's texts, so it reads in German under German; a team's own script shows
as written, in whatever language it is in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sdrdesk.i18n import N_, _

DEFAULT_SCRIPT = "call_script.toml"


class QuestionType(StrEnum):
    YES_NO = "yes_no"
    SINGLE = "single"  # one of the choices
    MULTIPLE = "multiple"  # any of the choices
    NUMBER = "number"
    MONEY = "money"
    DATE = "date"
    TEXT = "text"

    @property
    def has_choices(self) -> bool:
        return self in (QuestionType.YES_NO, QuestionType.SINGLE, QuestionType.MULTIPLE)

    @property
    def has_bands(self) -> bool:
        return self in (QuestionType.NUMBER, QuestionType.MONEY, QuestionType.DATE)


class Decision(StrEnum):
    """What happens to a lead after qualification (also what is recommended)."""

    DEMO = "demo"
    NURTURE = "nurture"
    DISQUALIFY = "disqualify"

    @property
    def label(self) -> str:
        return _(_DECISION_LABELS[self])


_DECISION_LABELS = {
    Decision.DEMO: N_("Book a demo"),
    Decision.NURTURE: N_("Nurture"),
    Decision.DISQUALIFY: N_("Disqualify"),
}


def shown(text: str) -> str:
    """A data file's text as a person reads it: translated where the catalog has it."""
    return _(text) if text else text


def shown_or_none(text: str | None) -> str | None:
    return _(text) if text else text


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    raw_label: str
    weight: float = 0.0
    knockout: str | None = None  # a disqualify reason code: this answer ends qualification

    @property
    def label(self) -> str:
        return shown(self.raw_label)


@dataclass(frozen=True, slots=True)
class Band:
    """A range of a number, an amount, or of days from the call to a date."""

    min: float | None
    max: float | None
    weight: float = 0.0
    knockout: str | None = None

    def matches(self, value: float) -> bool:
        return (self.min is None or value >= self.min) and (self.max is None or value <= self.max)


class Operator(StrEnum):
    IS = "is"
    IS_NOT = "is_not"
    IN = "in"
    ANSWERED = "answered"
    AT_LEAST = "at_least"
    AT_MOST = "at_most"


@dataclass(frozen=True, slots=True)
class Condition:
    """Ask a question only if an earlier answer fits."""

    question: str
    operator: Operator
    value: Any


@dataclass(frozen=True, slots=True)
class Question:
    id: str
    raw_text: str
    type: QuestionType
    raw_help: str | None = None
    optional: bool = False
    choices: tuple[Choice, ...] = ()
    bands: tuple[Band, ...] = ()
    ask_if: tuple[Condition, ...] = ()
    raw_unit: str | None = None  # "employees", or the currency of a money question

    @property
    def text(self) -> str:
        return shown(self.raw_text)

    @property
    def help(self) -> str | None:
        return shown_or_none(self.raw_help)

    @property
    def unit(self) -> str | None:
        return shown_or_none(self.raw_unit)

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)

    @property
    def max_weight(self) -> float:
        if self.type is QuestionType.MULTIPLE:
            return sum(max(c.weight, 0.0) for c in self.choices)
        weights = [c.weight for c in self.choices] + [b.weight for b in self.bands]
        return max(weights, default=0.0)

    @property
    def scored(self) -> bool:
        return self.max_weight > 0


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    raw_title: str
    questions: tuple[Question, ...]
    weight: float = 1.0  # share in the total score
    raw_intro: str | None = None

    @property
    def title(self) -> str:
        return shown(self.raw_title)

    @property
    def intro(self) -> str | None:
        return shown_or_none(self.raw_intro)


@dataclass(frozen=True, slots=True)
class GradeRule:
    grade: str
    recommend: Decision
    min_total: float = 0.0
    min_each: float = 0.0  # every scored section at least this
    min_sections: tuple[tuple[str, float], ...] = ()
    recontact_days: int | None = None
    reason: str | None = None  # disqualify reason when ``recommend`` is disqualify

    def admits(self, total: float, scores: Mapping[str, float]) -> bool:
        if total < self.min_total:
            return False
        if any(score < self.min_each for score in scores.values()):
            return False
        return all(scores.get(section, 0.0) >= low for section, low in self.min_sections)


@dataclass(frozen=True, slots=True)
class CallScript:
    id: str
    raw_name: str
    version: str
    sections: tuple[Section, ...]
    grades: tuple[GradeRule, ...]
    source: str = DEFAULT_SCRIPT

    def questions(self) -> list[tuple[Section, Question]]:
        return [(s, q) for s in self.sections for q in s.questions]

    def question(self, question_id: str) -> Question | None:
        return next((q for _, q in self.questions() if q.id == question_id), None)

    def section_of(self, question_id: str) -> Section | None:
        return next((s for s, q in self.questions() if q.id == question_id), None)

    def grade_rule(self, grade: str) -> GradeRule | None:
        return next((g for g in self.grades if g.grade == grade), None)

    @property
    def name(self) -> str:
        return shown(self.raw_name)

    @property
    def label(self) -> str:
        return _("{name} (version {version})").format(name=self.name, version=self.version)
