"""Products as data: the list, a lead's product from its column or its campaign, and
each product's own SAL criteria; broken files are refused with their line."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdrdesk.domain.criteria import LeadFacts, load_product_criteria, parse_criteria
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.leads import LeadInput, clean_lead
from sdrdesk.domain.products import load_products, parse_products
from sdrdesk.domain.script_file import load_script
from sdrdesk.i18n import set_language
from tests.conftest import FakeClock


def test_the_packaged_products_name_their_own_criteria_and_script() -> None:
    products = load_products()
    assert products.names() == ["starter", "enterprise"]
    own, problems = load_product_criteria(products)
    assert problems == []
    labels = {name: [c.label for c in criteria.criteria] for name, criteria in own.items()}
    assert "Company with 1,000 or more employees" in labels["enterprise"]
    assert "Company with 5 to 200 employees" in labels["starter"]
    enterprise = products.find("enterprise")
    assert enterprise is not None
    assert enterprise.call_script is not None
    script = load_script(Path(enterprise.call_script))
    assert script.id == "sdrdesk_enterprise"
    assert "security" in [s.id for s in script.sections]


def test_the_typed_product_wins_over_the_campaign_and_labels_count() -> None:
    products = load_products()
    assert products.resolve(None, "SaaStr Europa 2026 Booth") == ("enterprise", None)
    assert products.resolve(None, "Free Trial Nurture") == ("starter", None)
    assert products.resolve(None, "Ebook: The Speed-to-Lead Playbook") == (None, None)
    assert products.resolve("  Starter   plan ", "SaaStr Booth") == ("starter", None)
    assert products.resolve("Enterprise-Paket", None) == ("enterprise", None)
    kept, warning = products.resolve("Widget Pro", "SaaStr Booth")
    assert kept == "Widget Pro"
    assert warning is not None
    assert "“Widget Pro” is not in the product list" in warning


def test_a_lead_gets_its_product_and_an_unknown_one_is_kept_with_a_warning() -> None:
    products = load_products()
    now = FakeClock()()
    lead = clean_lead(
        LeadInput(email="a@acme.io", campaign="Partner Co-Marketing Q4"),
        default_region="DE",
        now=now,
        products=products,
    )
    assert lead.product == "enterprise"
    assert lead.warnings == []
    odd = clean_lead(
        LeadInput(email="b@acme.io", product="Widget Pro"),
        default_region="DE",
        now=now,
        products=products,
    )
    assert odd.product == "Widget Pro"
    assert any("Widget Pro" in w for w in odd.warnings)


def test_labels_are_shown_in_the_language_of_the_window() -> None:
    products = load_products()
    set_language("de")
    assert products.label_of("enterprise") == "Enterprise-Paket"
    assert products.label_of("Widget Pro") == "Widget Pro"
    set_language("en")
    assert products.label_of("starter") == "Starter plan"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            '[[product]]\nid = "Big Deal"\nlabel = "x"\nlabel_de = "y"\n',
            "teams.toml, line 2: product 1: id “Big Deal” must be lower-case",
        ),
        (
            '[[product]]\nid = "a"\nlabel = "A"\nlabel_de = "A"\n\n'
            '[[product]]\nid = "b"\nlabel = "B"\nlabel_de = "B"\ncampaing = ["x*"]\n',
            "teams.toml, line 10: product “b”: field “campaing” is not known",
        ),
        (
            '[[product]]\nid = "a"\nlabel = "A"\n',
            "teams.toml, line 1: product “a”: field “label_de” is missing",
        ),
        (
            '[[product]]\nid = "a"\nlabel = "A"\nlabel_de = "A"\ncampaigns = ["x", ""]\n',
            "teams.toml, line 5: product “a”: each of “campaigns” must be non-empty text",
        ),
    ],
)
def test_a_broken_products_file_names_its_line(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_products(text, "teams.toml")


def test_a_products_own_files_are_found_next_to_the_team_file(tmp_path: Path) -> None:
    (tmp_path / "sal_criteria.pro.toml").write_text(
        '[[criterion]]\nid = "phone"\nlabel = "Phone"\ncheck = "valid_phone"\n',
        encoding="utf-8",
    )
    (tmp_path / "sal_criteria.broken.toml").write_text("[[criterion]]\n", encoding="utf-8")
    path = tmp_path / "products.toml"
    path.write_text(
        '[[product]]\nid = "pro"\nlabel = "Pro"\nlabel_de = "Pro"\n'
        'sal_criteria = "sal_criteria.pro.toml"\n\n'
        '[[product]]\nid = "broken"\nlabel = "B"\nlabel_de = "B"\n'
        'sal_criteria = "sal_criteria.broken.toml"\n',
        encoding="utf-8",
    )
    own, problems = load_product_criteria(load_products(path))
    assert [c.id for c in own["pro"].criteria] == ["phone"]
    assert "broken" not in own
    assert len(problems) == 1
    assert "sal_criteria.broken.toml" in problems[0]
    assert "Leads of broken use the team's SAL criteria." in problems[0]


def test_a_criterion_limited_to_a_campaign_points_at_a_products_own_file() -> None:
    text = (
        '[[criterion]]\nid = "size"\nlabel = "Size"\ncheck = "company_size"\nmin = 5\n'
        'campaign = "SaaStr*"\n'
    )
    with pytest.raises(ValidationError, match="give the product its own criteria file"):
        parse_criteria(text, "sal_criteria.toml")


def test_each_products_checklist_judges_the_same_lead_differently() -> None:
    own, _problems = load_product_criteria(load_products())
    facts = LeadFacts("a@acme.io", False, True, "Head of Sales", "51-200", "DE", "Banking")
    verdicts = {
        name: {r.id: r.verdict.value for r in criteria.evaluate(facts)}
        for name, criteria in own.items()
    }
    assert verdicts["starter"]["company_size"] == "pass"
    assert verdicts["enterprise"]["company_size"] == "fail"
    assert verdicts["enterprise"]["industry"] == "pass"
