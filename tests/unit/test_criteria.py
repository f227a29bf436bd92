"""The SAL criteria checklist with the packaged rules, and a team's own rules file."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from sdrdesk.domain.criteria import LeadFacts, Verdict, employees_range, load_criteria
from sdrdesk.domain.errors import ValidationError

GOOD = LeadFacts(
    email="anna@nordlicht.de",
    free_mail=False,
    phone_valid=True,
    title="Head of Operations",
    company_size="201-500",
    country="DE",
    industry="Logistics",
)


def verdicts(facts: LeadFacts) -> dict[str, Verdict]:
    return {r.id: r.verdict for r in load_criteria().evaluate(facts)}


def test_a_lead_that_fits_passes_every_default_criterion() -> None:
    assert set(verdicts(GOOD).values()) == {Verdict.PASS}


@pytest.mark.parametrize(
    ("size", "verdict"),
    [
        ("1-10", Verdict.FAIL),
        ("11-50", Verdict.UNKNOWN),  # maybe fewer than 50
        ("51-200", Verdict.PASS),
        ("50", Verdict.PASS),
        ("5000+", Verdict.PASS),
        ("1.000", Verdict.PASS),
        (None, Verdict.UNKNOWN),
        ("many", Verdict.UNKNOWN),
    ],
)
def test_company_size_against_at_least_50(size: str | None, verdict: Verdict) -> None:
    facts = _with(company_size=size)
    assert verdicts(facts)["company_size"] is verdict


@pytest.mark.parametrize(
    ("title", "verdict"),
    [
        ("Geschäftsführer", Verdict.PASS),
        ("VP Sales", Verdict.PASS),
        ("Praktikant Vertrieb", Verdict.FAIL),
        ("Junior Marketing Manager", Verdict.FAIL),  # "junior" outweighs "manager"
        ("Sachbearbeiter", Verdict.FAIL),
        ("Leadership coach", Verdict.FAIL),  # "lead" only as a whole word
        (None, Verdict.UNKNOWN),
    ],
)
def test_seniority_from_the_title(title: str | None, verdict: Verdict) -> None:
    assert verdicts(_with(title=title))["seniority"] is verdict


def test_free_mail_invalid_phone_and_foreign_region_fail() -> None:
    facts = _with(email="anna@gmail.com", free_mail=True, phone_valid=False, country="JP")
    found = verdicts(facts)
    assert found["business_email"] is Verdict.FAIL
    assert found["valid_phone"] is Verdict.FAIL
    assert found["region"] is Verdict.FAIL
    assert verdicts(_with(country=None))["region"] is Verdict.UNKNOWN


def test_employees_range_reads_the_usual_notations() -> None:
    assert employees_range("51-200") == (51, 200)
    assert employees_range("5000+") == (5000, None)
    assert employees_range("1.000") == (1000, 1000)
    assert employees_range("") is None


def test_a_team_file_replaces_the_rules(tmp_path: Path) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(
        'version = 3\n[[criterion]]\nid = "small"\nlabel = "Up to 200 people"\n'
        'check = "company_size"\nmax = 200\n',
        encoding="utf-8",
    )
    rules = load_criteria(path)
    assert rules.version == 3
    assert [r.verdict for r in rules.evaluate(_with(company_size="11-50"))] == [Verdict.PASS]
    assert [r.verdict for r in rules.evaluate(_with(company_size="101-500"))] == [Verdict.UNKNOWN]
    assert [r.verdict for r in rules.evaluate(_with(company_size="5000+"))] == [Verdict.FAIL]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[[criterion]]\nid = 'x'\nlabel = 'X'\ncheck = 'zodiac'\n", "check “zodiac” is unknown"),
        ("[[criterion]]\nid = 'x'\nlabel = 'X'\ncheck = 'company_size'\nmin = '50'\n", "“min”"),
        ("[[criterion]]\nid = 'x'\ncheck = 'title'\n", "field “label” is missing"),
        ("criterion = [", "not valid TOML"),
        ("version = 1\n", "no [[criterion]] entries"),
    ],
)
def test_a_broken_team_file_is_named_clearly(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "criteria.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError) as error:
        load_criteria(path)
    assert message in str(error.value)
    assert str(path) in str(error.value)


def _with(**changes: object) -> LeadFacts:
    return replace(GOOD, **changes)  # type: ignore[arg-type]
