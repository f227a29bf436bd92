"""SAL criteria: fit signals computed from a lead, with the rules as data.

The rules come from a TOML file (``resources/data/sal_criteria.toml`` by default; a team
may supply its own). A broken file is refused with a message naming the criterion and
field. The result is advice shown as a checklist; it never changes a lead by itself.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from importlib import resources
from pathlib import Path
from typing import Any

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.products import ProductCatalog
from sdrdesk.i18n import _, format_number


class Verdict(StrEnum):
    PASS = "pass"
    FAIL = "fail"
    UNKNOWN = "unknown"


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """What the criteria look at (plain values, so any layer can build it)."""

    email: str | None
    free_mail: bool
    phone_valid: bool
    title: str | None
    company_size: str | None
    country: str | None
    industry: str | None


@dataclass(frozen=True, slots=True)
class Criterion:
    id: str
    label: str
    check: str
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CriterionResult:
    id: str
    label: str
    verdict: Verdict
    detail: str


@dataclass(frozen=True, slots=True)
class CriteriaSet:
    version: int
    criteria: tuple[Criterion, ...]
    source: str

    def evaluate(self, facts: LeadFacts) -> list[CriterionResult]:
        return [_evaluate(c, facts) for c in self.criteria]


_SIZE_NUMBER = re.compile(r"\d[\d.,' ]*")


def employees_range(size: str | None) -> tuple[int, int | None] | None:
    """``"51-200"`` → (51, 200); ``"5000+"`` → (5000, None); ``"1.000"`` → (1000, 1000)."""
    if not size:
        return None
    numbers = [
        int(re.sub(r"[.,' ]", "", m.group())) for m in _SIZE_NUMBER.finditer(size) if m.group()
    ]
    if not numbers:
        return None
    low = numbers[0]
    if "+" in size or ">" in size:
        return low, None
    return low, numbers[1] if len(numbers) > 1 else low


def _words_match(text: str, words: Sequence[str]) -> str | None:
    lowered = f" {text.casefold()} "
    for word in words:
        if re.search(rf"(?<![\w]){re.escape(word.casefold())}(?![\w])", lowered):
            return word
    return None


_WORD = re.compile(r"[^\W\d_]+")


def _stems_match(text: str, stems: Sequence[str], endings: Sequence[str]) -> str | None:
    """The first of ``stems`` that is the head of a word of ``text``: the word is the stem
    or ends in it (German compounds: "Vertriebs|leiter"), maybe followed by one of
    ``endings`` (feminine forms: "Leiter|in"; "Geschäftsführer/in" and "Leiter:in" too).
    A stem at the start of a longer word does not count ("Leitungswasser")."""
    words = _WORD.findall(text.casefold())
    forms = [(stem, stem.casefold() + end.casefold()) for stem in stems for end in ("", *endings)]
    for word in words:
        for stem, form in forms:
            if word.endswith(form):
                return stem
    return None


def _check_business_email(c: Criterion, f: LeadFacts) -> tuple[Verdict, str]:
    if not f.email:
        return Verdict.UNKNOWN, _("no e-mail address")
    domain = f.email.rpartition("@")[2]
    if f.free_mail:
        return Verdict.FAIL, _("{domain} is a free-mail provider").format(domain=domain)
    return Verdict.PASS, domain


def _check_valid_phone(c: Criterion, f: LeadFacts) -> tuple[Verdict, str]:
    if f.phone_valid:
        return Verdict.PASS, _("dialable")
    return Verdict.FAIL, _("no valid number")


def _check_title(c: Criterion, f: LeadFacts) -> tuple[Verdict, str]:
    if not f.title:
        return Verdict.UNKNOWN, _("no title")
    endings = c.params.get("endings", [])
    bad = _words_match(f.title, c.params.get("none", [])) or _stems_match(
        f.title, c.params.get("none_stems", []), endings
    )
    if bad:
        return Verdict.FAIL, f"“{f.title}” ({bad})"
    good = _words_match(f.title, c.params.get("any", [])) or _stems_match(
        f.title, c.params.get("stems", []), endings
    )
    if good:
        return Verdict.PASS, f.title
    return Verdict.FAIL, f"“{f.title}”"


def _check_company_size(c: Criterion, f: LeadFacts) -> tuple[Verdict, str]:
    bounds = employees_range(f.company_size)
    if bounds is None:
        return Verdict.UNKNOWN, _("size not known")
    low, high = bounds
    minimum = c.params.get("min")
    maximum = c.params.get("max")
    top = high if high is not None else float("inf")
    detail = _("{size} employees").format(size=f.company_size)
    if (minimum is not None and top < minimum) or (maximum is not None and low > maximum):
        return Verdict.FAIL, detail
    # A range on both sides of a limit ("11-50" against "at least 50") is not a fit yet.
    if minimum is not None and low < minimum:
        return Verdict.UNKNOWN, _("{detail}: maybe fewer than {minimum}").format(
            detail=detail, minimum=format_number(minimum)
        )
    if maximum is not None and top > maximum:
        return Verdict.UNKNOWN, _("{detail}: maybe more than {maximum}").format(
            detail=detail, maximum=format_number(maximum)
        )
    return Verdict.PASS, detail


def _check_country(c: Criterion, f: LeadFacts) -> tuple[Verdict, str]:
    if not f.country:
        return Verdict.UNKNOWN, _("country not known")
    allowed = {x.upper() for x in c.params.get("countries", [])}
    return (Verdict.PASS if f.country.upper() in allowed else Verdict.FAIL), f.country


def _check_industry(c: Criterion, f: LeadFacts) -> tuple[Verdict, str]:
    if not f.industry:
        return Verdict.UNKNOWN, _("industry not known")
    hit = _words_match(f.industry, c.params.get("any", []))
    return (Verdict.PASS if hit else Verdict.FAIL), f.industry


CHECKS: dict[str, tuple[Callable[[Criterion, LeadFacts], tuple[Verdict, str]], dict[str, type]]] = {
    "business_email": (_check_business_email, {}),
    "valid_phone": (_check_valid_phone, {}),
    "title": (
        _check_title,
        {"any": list, "none": list, "stems": list, "none_stems": list, "endings": list},
    ),
    "company_size": (_check_company_size, {"min": int, "max": int}),
    "country": (_check_country, {"countries": list}),
    "industry": (_check_industry, {"any": list}),
}


def _evaluate(criterion: Criterion, facts: LeadFacts) -> CriterionResult:
    check = CHECKS[criterion.check][0]
    verdict, detail = check(criterion, facts)
    # The label is the file's text, translated where the catalog has it (a team's own
    # file, in German or English, shows as written).
    return CriterionResult(criterion.id, _(criterion.label), verdict, detail)


_PER_PRODUCT = frozenset({"campaign", "campaigns", "product", "products"})


def parse_criteria(text: str, source: str) -> CriteriaSet:
    """Read and check a criteria file; errors name the criterion and the field."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ValidationError(
            _("{source}: not valid TOML ({error}).").format(source=source, error=exc)
        ) from exc
    entries = data.get("criterion")
    if not isinstance(entries, list) or not entries:
        raise ValidationError(_("{source}: no [[criterion]] entries.").format(source=source))
    criteria: list[Criterion] = []
    seen: set[str] = set()
    for n, entry in enumerate(entries, start=1):
        where = _("{source}: criterion {n}").format(source=source, n=n)
        if not isinstance(entry, dict):
            raise ValidationError(_("{where} is not a table.").format(where=where))
        for key in ("id", "label", "check"):
            if not isinstance(entry.get(key), str) or not entry[key].strip():
                raise ValidationError(
                    _("{where}: field “{key}” is missing or empty.").format(where=where, key=key)
                )
        cid = entry["id"]
        where = _("{source}: criterion “{id}”").format(source=source, id=cid)
        if cid in seen:
            raise ValidationError(_("{where} appears twice.").format(where=where))
        seen.add(cid)
        if entry["check"] not in CHECKS:
            raise ValidationError(
                _("{where}: check “{check}” is unknown (use one of {checks}).").format(
                    where=where, check=entry["check"], checks=", ".join(CHECKS)
                )
            )
        allowed = CHECKS[entry["check"]][1]
        params = {k: v for k, v in entry.items() if k not in ("id", "label", "check")}
        for key, value in params.items():
            if key in _PER_PRODUCT:
                raise ValidationError(
                    _(
                        "{where}: field “{key}”: criteria are not limited by campaign or "
                        "product inside one file; give the product its own criteria file "
                        "instead (“sal_criteria” of its [[product]] in products.toml, whose "
                        "“campaigns” give leads that product)."
                    ).format(where=where, key=key)
                )
            if key not in allowed:
                raise ValidationError(
                    _("{where}: field “{key}” is not used by {check}.").format(
                        where=where, key=key, check=entry["check"]
                    )
                )
            if not isinstance(value, allowed[key]) or isinstance(value, bool):
                shape = _("a list") if allowed[key] is list else _("a whole number")
                raise ValidationError(
                    _("{where}: field “{key}” must be {shape}.").format(
                        where=where, key=key, shape=shape
                    )
                )
        criteria.append(Criterion(cid, entry["label"], entry["check"], params))
    version = data.get("version", 1)
    if not isinstance(version, int):
        raise ValidationError(
            _("{source}: field “version” must be a number.").format(source=source)
        )
    return CriteriaSet(version, tuple(criteria), source)


def load_criteria(path: Path | None = None) -> CriteriaSet:
    """The team's file if given, else the packaged default."""
    if path is not None:
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as exc:
            raise ValidationError(
                _("Cannot read the SAL criteria file {path}: {reason}.").format(
                    path=path, reason=exc.strerror
                )
            ) from exc
        return parse_criteria(text, str(path))
    default = resources.files("sdrdesk.resources").joinpath("data/sal_criteria.toml")
    return parse_criteria(default.read_text(encoding="utf-8"), "sal_criteria.toml")


def load_product_criteria(catalog: ProductCatalog) -> tuple[dict[str, CriteriaSet], list[str]]:
    """Each product's own criteria (by product name) and a sentence per broken file: a
    product whose file is broken uses the team's criteria until it is fixed."""
    found: dict[str, CriteriaSet] = {}
    problems: list[str] = []
    for product in catalog.products:
        if product.sal_criteria is None:
            continue
        try:
            found[product.name] = load_criteria(Path(product.sal_criteria))
        except ValidationError as exc:
            problems.append(
                _("{problem} Leads of {product} use the team's SAL criteria.").format(
                    problem=exc, product=product.name
                )
            )
    return found, problems
