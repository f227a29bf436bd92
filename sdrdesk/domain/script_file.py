"""Reading a call script file: TOML in, a checked ``CallScript`` out.

The format is described in the header of ``resources/data/call_script.toml``. Reading
checks everything a call relies on (types, choices, conditions that look back at earlier
questions, grades); a broken file is refused with a message naming its line and field
(``sdrdesk.domain.toml_lines`` finds the lines, which ``tomllib`` does not report).
"""

from __future__ import annotations

import re
import tomllib
from importlib import resources
from pathlib import Path
from typing import Any

from sdrdesk.domain.call_script import (
    DEFAULT_SCRIPT,
    Band,
    CallScript,
    Choice,
    Condition,
    Decision,
    GradeRule,
    Operator,
    Question,
    QuestionType,
    Section,
)
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.toml_lines import Path as DataPath
from sdrdesk.domain.toml_lines import TomlReader

FORMAT = 1


_SCRIPT_KEYS = {"format", "id", "name", "version", "currency", "grades", "sections"}
_GRADE_KEYS = {
    "grade",
    "min_total",
    "min_each",
    "min",
    "recommend",
    "recontact_days",
    "reason",
}
_SECTION_KEYS = {"id", "title", "weight", "intro", "questions"}
_QUESTION_KEYS = {
    "id",
    "text",
    "type",
    "help",
    "optional",
    "choices",
    "weight",
    "knockout",
    "bands",
    "ask_if",
    "unit",
    "currency",
}
_CHOICE_KEYS = {"id", "label", "weight", "knockout"}
_BAND_KEYS = {"min", "max", "weight", "knockout"}


def parse_script(text: str, source: str) -> CallScript:
    """Read and check a script; errors name the line and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        match = re.search(r"\(at line (\d+), column (\d+)\)", message)
        if match:
            message = message[: match.start()].strip()
            raise ValidationError(
                f"{source}, line {match.group(1)}: not valid TOML ({message}, "
                f"column {match.group(2)})."
            ) from exc
        raise ValidationError(f"{source}: not valid TOML ({message}).") from exc
    r = TomlReader(source, text)
    r.table(data, (), "the script", _SCRIPT_KEYS)
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise r.error(
            ("format",), f"field “format” must be {FORMAT} (this sdrdesk reads {FORMAT})."
        )
    script_id = r.ident(data, (), "the script")
    name = r.text(data, "name", (), "the script")
    raw_version = data.get("version")
    if isinstance(raw_version, int | float) and not isinstance(raw_version, bool):
        raw_version = str(raw_version)
    if not isinstance(raw_version, str) or not raw_version.strip():
        raise r.error(("version",), "the script: field “version” is missing (e.g. “2026.1”).")
    currency = r.text(data, "currency", (), "the script", required=False)
    sections = _sections(r, data, currency)
    grades = _grades(r, data, {s.id for s in sections})
    assert name is not None
    return CallScript(script_id, name, raw_version.strip(), sections, grades, source)


def _sections(r: TomlReader, data: dict[str, Any], currency: str | None) -> tuple[Section, ...]:
    entries = r.array(data, "sections", (), "the script")
    if not entries:
        raise r.error((), "the script has no [[sections]].")
    sections: list[Section] = []
    seen_sections: set[str] = set()
    seen: dict[str, Question] = {}
    for n, entry in enumerate(entries):
        path: DataPath = ("sections", n)
        entry, sid, what = r.item(entry, path, "section", n + 1, _SECTION_KEYS)
        if sid in seen_sections:
            raise r.error((*path, "id"), f"{what} appears twice.")
        seen_sections.add(sid)
        title = r.text(entry, "title", path, what)
        weight = r.number(entry, "weight", path, what, low=0)
        intro = r.text(entry, "intro", path, what, required=False)
        questions: list[Question] = []
        raw_questions = r.array(entry, "questions", path, what)
        if not raw_questions:
            raise r.error(path, f"{what} has no [[sections.questions]].")
        for m, raw in enumerate(raw_questions):
            question = _question(r, raw, (*path, "questions", m), what, seen, currency)
            seen[question.id] = question
            questions.append(question)
        assert title is not None
        sections.append(
            Section(sid, title, tuple(questions), 1.0 if weight is None else weight, intro)
        )
    return tuple(sections)


def _question(
    r: TomlReader,
    raw: Any,
    path: DataPath,
    section_what: str,
    earlier: dict[str, Question],
    currency: str | None,
) -> Question:
    index = path[-1]
    assert isinstance(index, int)
    raw, qid, what = r.item(raw, path, f"{section_what}, question", index + 1, _QUESTION_KEYS)
    if qid in earlier:
        raise r.error((*path, "id"), f"{what}: the id is used twice in the script.")
    text = r.text(raw, "text", path, what)
    type_name = raw.get("type")
    try:
        qtype = QuestionType(type_name)
    except ValueError:
        shown = "missing" if type_name is None else f"“{type_name}”"
        raise r.error(
            (*path, "type"),
            f"{what}: field “type” is {shown}; use one of {', '.join(QuestionType)}.",
        ) from None
    optional = raw.get("optional", qtype is QuestionType.TEXT)
    if not isinstance(optional, bool):
        raise r.error((*path, "optional"), f"{what}: field “optional” must be true or false.")
    help_text = r.text(raw, "help", path, what, required=False)
    unit = r.text(raw, "unit", path, what, required=False)
    if qtype is QuestionType.MONEY:
        unit = r.text(raw, "currency", path, what, required=False) or currency or unit
    for key, allowed in (
        ("choices", qtype in (QuestionType.SINGLE, QuestionType.MULTIPLE)),
        ("weight", qtype is QuestionType.YES_NO),
        ("knockout", qtype is QuestionType.YES_NO),
        ("bands", qtype.has_bands),
        ("currency", qtype is QuestionType.MONEY),
    ):
        if key in raw and not allowed:
            raise r.error((*path, key), f"{what}: field “{key}” is not used by a {qtype} question.")
    choices = _choices(r, raw, path, what, qtype)
    bands = _bands(r, raw, path, what) if qtype.has_bands else ()
    conditions = _conditions(r, raw, path, what, earlier)
    assert text is not None
    return Question(qid, text, qtype, help_text, optional, choices, bands, conditions, unit)


def _choices(
    r: TomlReader, raw: dict[str, Any], path: DataPath, what: str, qtype: QuestionType
) -> tuple[Choice, ...]:
    if qtype is QuestionType.YES_NO:
        weights = raw.get("weight", {})
        knockouts = raw.get("knockout", {})
        for key, value in (("weight", weights), ("knockout", knockouts)):
            if not isinstance(value, dict) or set(value) - {"yes", "no"}:
                raise r.error(
                    (*path, key),
                    f"{what}: field “{key}” must be a table of yes/no, "
                    f"e.g. {key} = {{ yes = 10, no = 0 }}"
                    if key == "weight"
                    else f'{what}: field “knockout” must look like knockout = {{ no = "no_need" }}',
                )
        out = []
        for answer, shown in (("yes", "Yes"), ("no", "No")):
            weight = r.number(weights, answer, (*path, "weight"), what, low=0) or 0.0
            knock = r.reason(knockouts.get(answer), (*path, "knockout", answer), what, "knockout")
            out.append(Choice(answer, shown, weight, knock))
        return tuple(out)
    if qtype not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return ()
    entries = r.array(raw, "choices", path, what)
    if len(entries) < 2:
        raise r.error(path, f"{what}: a {qtype} question needs at least two “choices”.")
    out = []
    ids: set[str] = set()
    for k, entry in enumerate(entries):
        cpath = (*path, "choices", k)
        entry, cid, cwhat = r.item(entry, cpath, f"{what}, choice", k + 1, _CHOICE_KEYS)
        if cid in ids:
            raise r.error((*cpath, "id"), f"{cwhat} appears twice.")
        ids.add(cid)
        label = r.text(entry, "label", cpath, cwhat)
        weight = r.number(entry, "weight", cpath, cwhat, low=0) or 0.0
        knock = r.reason(entry.get("knockout"), (*cpath, "knockout"), cwhat, "knockout")
        assert label is not None
        out.append(Choice(cid, label, weight, knock))
    return tuple(out)


def _bands(r: TomlReader, raw: dict[str, Any], path: DataPath, what: str) -> tuple[Band, ...]:
    out = []
    for k, entry in enumerate(r.array(raw, "bands", path, what)):
        bpath = (*path, "bands", k)
        bwhat = f"{what}, band {k + 1}"
        r.table(entry, bpath, bwhat, _BAND_KEYS)
        low = r.number(entry, "min", bpath, bwhat)
        high = r.number(entry, "max", bpath, bwhat)
        if low is not None and high is not None and low > high:
            raise r.error((*bpath, "min"), f"{bwhat}: “min” is larger than “max”.")
        weight = r.number(entry, "weight", bpath, bwhat, low=0) or 0.0
        knock = r.reason(entry.get("knockout"), (*bpath, "knockout"), bwhat, "knockout")
        out.append(Band(low, high, weight, knock))
    return tuple(out)


def _conditions(
    r: TomlReader, raw: dict[str, Any], path: DataPath, what: str, earlier: dict[str, Question]
) -> tuple[Condition, ...]:
    value = raw.get("ask_if")
    if value is None:
        return ()
    entries = value if isinstance(value, list) else [value]
    out = []
    for k, entry in enumerate(entries):
        cpath: DataPath = (*path, "ask_if", k) if isinstance(value, list) else (*path, "ask_if")
        keys = {"question", *(o.value for o in Operator)}
        r.table(entry, cpath, f"{what}, ask_if", keys)
        target_id = entry.get("question")
        target = earlier.get(target_id) if isinstance(target_id, str) else None
        if target is None:
            raise r.error(
                (*cpath, "question"),
                f"{what}, ask_if: field “question” must name a question asked earlier "
                f"in the script (got “{target_id}”).",
            )
        ops = [o for o in Operator if o.value in entry]
        if len(ops) != 1:
            raise r.error(
                cpath,
                f"{what}, ask_if: give exactly one of {', '.join(o.value for o in Operator)}.",
            )
        op = ops[0]
        out.append(
            Condition(target.id, op, _condition_value(r, entry[op], cpath, what, target, op))
        )
    return tuple(out)


def _condition_value(
    r: TomlReader, value: Any, path: DataPath, what: str, target: Question, op: Operator
) -> Any:
    where = (*path, op.value)
    if op is Operator.ANSWERED:
        if not isinstance(value, bool):
            raise r.error(where, f"{what}, ask_if: “answered” must be true or false.")
        return value
    if op in (Operator.AT_LEAST, Operator.AT_MOST):
        if target.type not in (QuestionType.NUMBER, QuestionType.MONEY):
            raise r.error(where, f"{what}, ask_if: “{op}” needs a number or money question.")
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise r.error(where, f"{what}, ask_if: “{op}” must be a number.")
        return float(value)
    if not target.type.has_choices:
        raise r.error(where, f"{what}, ask_if: “{op}” needs a question with choices.")
    values = value if op is Operator.IN else [value]
    if op is Operator.IN and not isinstance(value, list):
        raise r.error(where, f"{what}, ask_if: “in” must be a list of choices.")
    known = {c.id for c in target.choices}
    for v in values:
        if v not in known:
            raise r.error(
                where,
                f"{what}, ask_if: “{v}” is not a choice of “{target.id}” "
                f"(use {', '.join(sorted(known))}).",
            )
    return tuple(values) if op is Operator.IN else value


def _grades(r: TomlReader, data: dict[str, Any], sections: set[str]) -> tuple[GradeRule, ...]:
    entries = r.array(data, "grades", (), "the script")
    if not entries:
        raise r.error((), "the script has no [[grades]] (e.g. A, B and C with their thresholds).")
    out: list[GradeRule] = []
    for n, entry in enumerate(entries):
        path: DataPath = ("grades", n)
        r.table(entry, path, f"grade {n + 1}", _GRADE_KEYS)
        grade = r.text(entry, "grade", path, f"grade {n + 1}")
        assert grade is not None
        what = f"grade “{grade}”"
        if len(grade) != 1 or not grade.isalpha() or not grade.isupper():
            raise r.error((*path, "grade"), f"{what}: a grade is one capital letter (A, B, C).")
        if any(g.grade == grade for g in out):
            raise r.error((*path, "grade"), f"{what} appears twice.")
        min_total = r.number(entry, "min_total", path, what, low=0, high=100) or 0.0
        min_each = r.number(entry, "min_each", path, what, low=0, high=100) or 0.0
        mins = entry.get("min", {})
        if not isinstance(mins, dict):
            raise r.error((*path, "min"), f"{what}: field “min” must be a table of section scores.")
        min_sections = []
        for section in mins:
            if section not in sections:
                raise r.error((*path, "min", section), f"{what}: “{section}” is not a section.")
            value = r.number(mins, section, (*path, "min"), what, low=0, high=100)
            min_sections.append((section, value or 0.0))
        try:
            recommend = Decision(entry.get("recommend"))
        except ValueError:
            raise r.error(
                (*path, "recommend"),
                f"{what}: field “recommend” must be one of demo, nurture, disqualify.",
            ) from None
        days = entry.get("recontact_days")
        if recommend is Decision.NURTURE:
            days = 90 if days is None else days
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise r.error(
                    (*path, "recontact_days"), f"{what}: “recontact_days” must be whole days ≥ 1."
                )
        reason = r.reason(entry.get("reason"), (*path, "reason"), what, "reason")
        if recommend is Decision.DISQUALIFY and reason is None:
            raise r.error(path, f"{what}: recommending disqualify needs a “reason” code.")
        out.append(
            GradeRule(
                grade,
                recommend,
                min_total,
                min_each,
                tuple(min_sections),
                days if recommend is Decision.NURTURE else None,
                reason,
            )
        )
    return tuple(out)


def load_script(path: Path | None = None) -> CallScript:
    """The team's script file if given, else the packaged default."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValidationError(f"Cannot read the call script {path}: {exc.strerror}.") from exc
        except UnicodeDecodeError as exc:
            raise ValidationError(f"{path}: the call script must be UTF-8 text.") from exc
        return parse_script(text, str(path))
    default = resources.files("sdrdesk.resources").joinpath(f"data/{DEFAULT_SCRIPT}")
    return parse_script(default.read_text(encoding="utf-8"), DEFAULT_SCRIPT)
