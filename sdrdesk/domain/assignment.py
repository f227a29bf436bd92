"""Assignment rules: who gets a new lead, as data a team can edit.

``pool`` leaves new leads for SDRs to claim; ``round_robin`` gives them out in turn,
routing by country, source, score band, campaign or product to groups of SDRs first.
A rule's ``action`` is ``assign`` (the SDR owns the new MQL) or ``accept`` (it becomes
their accepted SAL at once: marketing automation's route for hot leads). In ``pool``
mode only leads that a rule matches are routed; the rest wait in the pool. Parsing
errors name the rule and the field.
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
ACTIONS = ("assign", "accept")
DEFAULT_GROUP = "everyone"
_FIELDS = {
    "name",
    "countries",
    "sources",
    "campaigns",
    "products",
    "min_score",
    "max_score",
    "action",
    "sdrs",
}


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """What the rules look at of a new lead."""

    country: str | None = None
    source: str | None = None
    score: int | None = None
    campaign: str | None = None
    product: str | None = None


@dataclass(frozen=True, slots=True)
class AssignmentRule:
    name: str
    countries: frozenset[str]
    sources: frozenset[str]  # case-folded
    sdrs: tuple[str, ...]
    campaigns: frozenset[str] = frozenset()  # case-folded
    products: frozenset[str] = frozenset()  # case-folded
    min_score: int | None = None
    max_score: int | None = None
    action: str = "assign"

    def matches(self, lead: LeadFacts) -> bool:
        if self.countries and (lead.country or "").upper() not in self.countries:
            return False
        if self.sources and (lead.source or "").casefold() not in self.sources:
            return False
        if self.campaigns and (lead.campaign or "").casefold() not in self.campaigns:
            return False
        if self.products and (lead.product or "").casefold() not in self.products:
            return False
        if self.min_score is not None and (lead.score is None or lead.score < self.min_score):
            return False
        return self.max_score is None or (lead.score is not None and lead.score <= self.max_score)


@dataclass(frozen=True, slots=True)
class AssignmentRules:
    mode: str
    rules: tuple[AssignmentRule, ...]
    sdrs: tuple[str, ...]  # the default group; empty means every active SDR
    source: str = "assignment_rules.toml"

    @property
    def assigns(self) -> bool:
        """New leads may get an owner: round robin, or rules that route some of them."""
        return self.mode == "round_robin" or bool(self.rules)

    def route(self, lead: LeadFacts) -> AssignmentRule | None:
        """The rule that decides a lead: the first that matches, else (round robin) the
        default group as a rule named ``everyone``; None: it stays in the pool."""
        for rule in self.rules:
            if rule.matches(lead):
                return rule
        if self.mode == "round_robin":
            return AssignmentRule(DEFAULT_GROUP, frozenset(), frozenset(), self.sdrs)
        return None

    def group_for(self, country: str | None, source: str | None) -> tuple[str, tuple[str, ...]]:
        """The group a lead goes to: (group name, its SDRs; empty = every active SDR)."""
        rule = self.route(LeadFacts(country, source))
        return (rule.name, rule.sdrs) if rule is not None else (DEFAULT_GROUP, self.sdrs)


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


def _score(value: Any, where: str, field: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValidationError(
            _("{where}: field “{field}” must be a whole number.").format(where=where, field=field)
        )
    return value


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
        unknown = set(entry) - _FIELDS
        if unknown:
            raise ValidationError(
                _("{where}: field “{field}” is not known.").format(
                    where=where, field=sorted(unknown)[0]
                )
            )
        countries = _names(entry.get("countries", []), where, "countries")
        sources = _names(entry.get("sources", []), where, "sources")
        campaigns = _names(entry.get("campaigns", []), where, "campaigns")
        products = _names(entry.get("products", []), where, "products")
        low = _score(entry.get("min_score"), where, "min_score")
        high = _score(entry.get("max_score"), where, "max_score")
        if low is not None and high is not None and low > high:
            raise ValidationError(
                _("{where}: “min_score” is above “max_score”.").format(where=where)
            )
        if not (countries or sources or campaigns or products) and low is None and high is None:
            raise ValidationError(
                _(
                    "{where}: give “countries”, “sources”, “campaigns”, “products”, "
                    "“min_score” or “max_score” to match on."
                ).format(where=where)
            )
        action = entry.get("action", "assign")
        if action not in ACTIONS:
            raise ValidationError(
                _("{where}: action “{action}” is unknown (use assign or accept).").format(
                    where=where, action=action
                )
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
                frozenset(c.casefold() for c in campaigns),
                frozenset(p.casefold() for p in products),
                low,
                high,
                action,
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
