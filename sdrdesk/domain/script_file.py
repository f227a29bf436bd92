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
    Operator,
    Question,
    QuestionType,
    Section,
)
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.script_grades import grades_of
from sdrdesk.domain.toml_lines import Path as DataPath
from sdrdesk.domain.toml_lines import TomlReader
from sdrdesk.i18n import N_, _

FORMAT = 1


_SCRIPT_KEYS = {"format", "id", "name", "version", "currency", "grades", "sections"}
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
                _("{source}, line {line}: not valid TOML ({message}, column {column}).").format(
                    source=source, line=match.group(1), message=message, column=match.group(2)
                )
            ) from exc
        raise ValidationError(
            _("{source}: not valid TOML ({message}).").format(source=source, message=message)
        ) from exc
    r = TomlReader(source, text)
    the_script = _("the script")
    r.table(data, (), the_script, _SCRIPT_KEYS)
    fmt = data.get("format", FORMAT)
    if fmt != FORMAT:
        raise r.error(
            ("format",),
            _("field “format” must be {format} (this sdrdesk reads {format}).").format(
                format=FORMAT
            ),
        )
    script_id = r.ident(data, (), the_script)
    name = r.text(data, "name", (), the_script)
    raw_version = data.get("version")
    if isinstance(raw_version, int | float) and not isinstance(raw_version, bool):
        raw_version = str(raw_version)
    if not isinstance(raw_version, str) or not raw_version.strip():
        raise r.error(("version",), _("the script: field “version” is missing (e.g. “2026.1”)."))
    currency = r.text(data, "currency", (), the_script, required=False)
    sections = _sections(r, data, currency)
    grades = grades_of(r, data, {s.id for s in sections})
    assert name is not None
    return CallScript(script_id, name, raw_version.strip(), sections, grades, source)


def _sections(r: TomlReader, data: dict[str, Any], currency: str | None) -> tuple[Section, ...]:
    entries = r.array(data, "sections", (), _("the script"))
    if not entries:
        raise r.error((), _("the script has no [[sections]]."))
    sections: list[Section] = []
    seen_sections: set[str] = set()
    seen: dict[str, Question] = {}
    for n, entry in enumerate(entries):
        path: DataPath = ("sections", n)
        entry, sid, what = r.item(entry, path, _("section"), n + 1, _SECTION_KEYS)
        if sid in seen_sections:
            raise r.error((*path, "id"), _("{what} appears twice.").format(what=what))
        seen_sections.add(sid)
        title = r.text(entry, "title", path, what)
        weight = r.number(entry, "weight", path, what, low=0)
        intro = r.text(entry, "intro", path, what, required=False)
        questions: list[Question] = []
        raw_questions = r.array(entry, "questions", path, what)
        if not raw_questions:
            raise r.error(path, _("{what} has no [[sections.questions]].").format(what=what))
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
    raw, qid, what = r.item(
        raw, path, _("{section}, question").format(section=section_what), index + 1, _QUESTION_KEYS
    )
    if qid in earlier:
        raise r.error(
            (*path, "id"), _("{what}: the id is used twice in the script.").format(what=what)
        )
    text = r.text(raw, "text", path, what)
    type_name = raw.get("type")
    try:
        qtype = QuestionType(type_name)
    except ValueError:
        if type_name is None:
            message = _("{what}: field “type” is missing; use one of {types}.")
        else:
            message = _("{what}: field “type” is “{type}”; use one of {types}.")
        raise r.error(
            (*path, "type"),
            message.format(what=what, type=type_name, types=", ".join(QuestionType)),
        ) from None
    optional = raw.get("optional", qtype is QuestionType.TEXT)
    if not isinstance(optional, bool):
        raise r.error(
            (*path, "optional"),
            _("{what}: field “optional” must be true or false.").format(what=what),
        )
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
            raise r.error(
                (*path, key),
                _("{what}: field “{key}” is not used by a {qtype} question.").format(
                    what=what, key=key, qtype=qtype
                ),
            )
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
                    _("{what}: field “weight” must be a table of yes/no, e.g. {example}").format(
                        what=what, example="weight = { yes = 10, no = 0 }"
                    )
                    if key == "weight"
                    else _("{what}: field “knockout” must look like {example}").format(
                        what=what, example='knockout = { no = "no_need" }'
                    ),
                )
        out = []
        for answer, shown in (("yes", N_("Yes")), ("no", N_("No"))):
            weight = r.number(weights, answer, (*path, "weight"), what, low=0) or 0.0
            knock = r.reason(knockouts.get(answer), (*path, "knockout", answer), what, "knockout")
            out.append(Choice(answer, shown, weight, knock))
        return tuple(out)
    if qtype not in (QuestionType.SINGLE, QuestionType.MULTIPLE):
        return ()
    entries = r.array(raw, "choices", path, what)
    if len(entries) < 2:
        raise r.error(
            path,
            _("{what}: a {qtype} question needs at least two “choices”.").format(
                what=what, qtype=qtype
            ),
        )
    out = []
    ids: set[str] = set()
    for k, entry in enumerate(entries):
        cpath = (*path, "choices", k)
        entry, cid, cwhat = r.item(
            entry, cpath, _("{what}, choice").format(what=what), k + 1, _CHOICE_KEYS
        )
        if cid in ids:
            raise r.error((*cpath, "id"), _("{cwhat} appears twice.").format(cwhat=cwhat))
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
        bwhat = _("{what}, band {n}").format(what=what, n=k + 1)
        r.table(entry, bpath, bwhat, _BAND_KEYS)
        low = r.number(entry, "min", bpath, bwhat)
        high = r.number(entry, "max", bpath, bwhat)
        if low is not None and high is not None and low > high:
            raise r.error(
                (*bpath, "min"), _("{bwhat}: “min” is larger than “max”.").format(bwhat=bwhat)
            )
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
                _(
                    "{what}, ask_if: field “question” must name a question asked earlier "
                    "in the script (got “{question}”)."
                ).format(what=what, question=target_id),
            )
        ops = [o for o in Operator if o.value in entry]
        if len(ops) != 1:
            raise r.error(
                cpath,
                _("{what}, ask_if: give exactly one of {operators}.").format(
                    what=what, operators=", ".join(o.value for o in Operator)
                ),
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
            raise r.error(
                where, _("{what}, ask_if: “answered” must be true or false.").format(what=what)
            )
        return value
    if op in (Operator.AT_LEAST, Operator.AT_MOST):
        if target.type not in (QuestionType.NUMBER, QuestionType.MONEY):
            raise r.error(
                where,
                _("{what}, ask_if: “{op}” needs a number or money question.").format(
                    what=what, op=op
                ),
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise r.error(
                where, _("{what}, ask_if: “{op}” must be a number.").format(what=what, op=op)
            )
        return float(value)
    if not target.type.has_choices:
        raise r.error(
            where,
            _("{what}, ask_if: “{op}” needs a question with choices.").format(what=what, op=op),
        )
    values = value if op is Operator.IN else [value]
    if op is Operator.IN and not isinstance(value, list):
        raise r.error(where, _("{what}, ask_if: “in” must be a list of choices.").format(what=what))
    known = {c.id for c in target.choices}
    for v in values:
        if v not in known:
            raise r.error(
                where,
                _(
                    "{what}, ask_if: “{value}” is not a choice of “{question}” (use {choices})."
                ).format(what=what, value=v, question=target.id, choices=", ".join(sorted(known))),
            )
    return tuple(values) if op is Operator.IN else value


def load_script(path: Path | None = None) -> CallScript:
    """The team's script file if given, else the packaged default."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the call script {path}: {reason}.").format(
                    path=path, reason=exc.strerror
                )
            ) from exc
        except UnicodeDecodeError as exc:
            raise ValidationError(
                _("{path}: the call script must be UTF-8 text.").format(path=path)
            ) from exc
        return parse_script(text, str(path))
    default = resources.files("sdrdesk.resources").joinpath(f"data/{DEFAULT_SCRIPT}")
    return parse_script(default.read_text(encoding="utf-8"), DEFAULT_SCRIPT)
