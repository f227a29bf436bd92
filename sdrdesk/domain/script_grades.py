"""The grades of a call script file (``[[grades]]``): thresholds and what each recommends."""

from __future__ import annotations

from typing import Any

from sdrdesk.domain.call_script import Decision, GradeRule
from sdrdesk.domain.toml_lines import Path as DataPath
from sdrdesk.domain.toml_lines import TomlReader
from sdrdesk.i18n import _

_GRADE_KEYS = {
    "grade",
    "min_total",
    "min_each",
    "min",
    "recommend",
    "recontact_days",
    "reason",
}


def grades_of(r: TomlReader, data: dict[str, Any], sections: set[str]) -> tuple[GradeRule, ...]:
    entries = r.array(data, "grades", (), _("the script"))
    if not entries:
        raise r.error(
            (), _("the script has no [[grades]] (e.g. A, B and C with their thresholds).")
        )
    out: list[GradeRule] = []
    for n, entry in enumerate(entries):
        path: DataPath = ("grades", n)
        numbered = _("grade {n}").format(n=n + 1)
        r.table(entry, path, numbered, _GRADE_KEYS)
        grade = r.text(entry, "grade", path, numbered)
        assert grade is not None
        what = _("grade “{grade}”").format(grade=grade)
        if len(grade) != 1 or not grade.isalpha() or not grade.isupper():
            raise r.error(
                (*path, "grade"),
                _("{what}: a grade is one capital letter (A, B, C).").format(what=what),
            )
        if any(g.grade == grade for g in out):
            raise r.error((*path, "grade"), _("{what} appears twice.").format(what=what))
        min_total = r.number(entry, "min_total", path, what, low=0, high=100) or 0.0
        min_each = r.number(entry, "min_each", path, what, low=0, high=100) or 0.0
        mins = entry.get("min", {})
        if not isinstance(mins, dict):
            raise r.error(
                (*path, "min"),
                _("{what}: field “min” must be a table of section scores.").format(what=what),
            )
        min_sections = []
        for section in mins:
            if section not in sections:
                raise r.error(
                    (*path, "min", section),
                    _("{what}: “{section}” is not a section.").format(what=what, section=section),
                )
            value = r.number(mins, section, (*path, "min"), what, low=0, high=100)
            min_sections.append((section, value or 0.0))
        try:
            recommend = Decision(entry.get("recommend"))
        except ValueError:
            raise r.error(
                (*path, "recommend"),
                _("{what}: field “recommend” must be one of demo, nurture, disqualify.").format(
                    what=what
                ),
            ) from None
        days = entry.get("recontact_days")
        if recommend is Decision.NURTURE:
            days = 90 if days is None else days
            if isinstance(days, bool) or not isinstance(days, int) or days < 1:
                raise r.error(
                    (*path, "recontact_days"),
                    _("{what}: “recontact_days” must be whole days ≥ 1.").format(what=what),
                )
        reason = r.reason(entry.get("reason"), (*path, "reason"), what, "reason")
        if recommend is Decision.DISQUALIFY and reason is None:
            raise r.error(
                path, _("{what}: recommending disqualify needs a “reason” code.").format(what=what)
            )
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
