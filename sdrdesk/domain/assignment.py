"""Assignment rules: who gets a new lead, as data a team can edit.

``pool`` leaves new leads for SDRs to claim; ``round_robin`` gives them out in turn,
routing by country or source to groups of SDRs first. Parsing errors name the rule and
the field.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _

MODES = ("pool", "round_robin")
DEFAULT_GROUP = "everyone"


@dataclass(frozen=True, slots=True)
class AssignmentRule:
    name: str
    countries: frozenset[str]
    sources: frozenset[str]  # case-folded
    sdrs: tuple[str, ...]

    def matches(self, country: str | None, source: str | None) -> bool:
        if self.countries and (country or "").upper() not in self.countries:
            return False
        return not self.sources or (source or "").casefold() in self.sources


@dataclass(frozen=True, slots=True)
class AssignmentRules:
    mode: str
    rules: tuple[AssignmentRule, ...]
    sdrs: tuple[str, ...]  # the default group; empty means every active SDR
    source: str = "assignment_rules.toml"

    @property
    def assigns(self) -> bool:
        return self.mode == "round_robin"

    def group_for(self, country: str | None, source: str | None) -> tuple[str, tuple[str, ...]]:
        """The group a lead goes to: (group name, its SDRs; empty = every active SDR)."""
        for rule in self.rules:
            if rule.matches(country, source):
                return rule.name, rule.sdrs
        return DEFAULT_GROUP, self.sdrs


def next_in_turn(group: tuple[str, ...], last: str | None) -> str:
    """Round robin: the SDR after ``last`` (the first if ``last`` is not in the group)."""
    if last in group:
        return group[(group.index(last) + 1) % len(group)]
    return group[0]


def _names(value: Any, where: str, field: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise ValidationError(
            _("{where}: field “{field}” must be a list of names.").format(where=where, field=field)
        )
    return tuple(v.strip() for v in value)


def parse_rules(text: str, source: str) -> AssignmentRules:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            _("{source}: not valid TOML ({error}).").format(source=source, error=exc)
        ) from exc
    mode = data.get("mode", "pool")
    if mode not in MODES:
        raise ValidationError(
            _("{source}: mode “{mode}” is unknown (use {modes}).").format(
                source=source, mode=mode, modes=_(" or ").join(MODES)
            )
        )
    rules = []
    for n, entry in enumerate(data.get("rule", []), start=1):
        where = _("{source}: rule {n}").format(source=source, n=n)
        if not isinstance(entry, dict):
            raise ValidationError(_("{where} is not a table.").format(where=where))
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(_("{where}: field “name” is missing.").format(where=where))
        where = _("{source}: rule “{name}”").format(source=source, name=name)
        unknown = set(entry) - {"name", "countries", "sources", "sdrs"}
        if unknown:
            raise ValidationError(
                _("{where}: field “{field}” is not known.").format(
                    where=where, field=sorted(unknown)[0]
                )
            )
        countries = _names(entry.get("countries", []), where, "countries")
        sources = _names(entry.get("sources", []), where, "sources")
        if not countries and not sources:
            raise ValidationError(
                _("{where}: give “countries” or “sources” to match on.").format(where=where)
            )
        sdrs = _names(entry.get("sdrs", []), where, "sdrs")
        if not sdrs:
            raise ValidationError(_("{where}: field “sdrs” lists nobody.").format(where=where))
        rules.append(
            AssignmentRule(
                name.strip(),
                frozenset(c.upper() for c in countries),
                frozenset(s.casefold() for s in sources),
                sdrs,
            )
        )
    default = _names(data.get("sdrs", []), source, "sdrs")
    return AssignmentRules(mode, tuple(rules), default, source)


def load_rules(path: Path | None = None) -> AssignmentRules:
    if path is not None:
        try:
            return parse_rules(path.read_text(encoding="utf-8"), str(path))
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the assignment rules {path}: {reason}.").format(
                    path=path, reason=exc.strerror
                )
            ) from exc
    text = resources.files("sdrdesk.resources").joinpath("data/assignment_rules.toml")
    return parse_rules(text.read_text(encoding="utf-8"), "assignment_rules.toml")
