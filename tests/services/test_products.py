"""A lead's product (issue 22): from the file's column or its campaign, its own SAL
checklist and call script, reports and exports filtered by it, corrected with an event."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from sdrdesk.domain.errors import ValidationError
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.feedback import FeedbackService
from sdrdesk.services.intake import IntakeService, TokenService
from sdrdesk.services.leads import CorrectionService, LeadService, TriageService
from sdrdesk.services.reports import ReportService, period_from_dates
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead
from tests.services.import_helpers import by_email, run, write_csv


def test_an_import_takes_the_product_column_and_else_the_campaigns(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            ["E-Mail", "Kampagne", "Produktinteresse"],
            ["a@acme.io", "SaaStr Europa 2026 Booth", ""],
            ["b@acme.io", "SaaStr Europa 2026 Booth", "Starter-Paket"],
            ["c@acme.io", "Free Trial Nurture", ""],
            ["d@acme.io", "Ebook", ""],
            ["e@acme.io", "Ebook", "Widget Pro"],
        ],
    )
    report = run(ctx, sdr, path)
    assert report.mapping["Produktinteresse"] == "product"
    assert report.imported == 5
    leads = by_email(ctx)
    assert {e: leads[e]["product"] for e in leads} == {
        "a@acme.io": "enterprise",
        "b@acme.io": "starter",  # the column wins over the campaign
        "c@acme.io": "starter",
        "d@acme.io": None,
        "e@acme.io": "Widget Pro",  # kept as typed …
    }
    # … and said in the report, on its line.
    assert [(w.line, w.message) for w in report.warnings] == [
        (
            6,
            "product “Widget Pro” is not in the product list (starter, enterprise); kept as typed",
        )
    ]


def test_the_lead_panel_and_the_call_use_the_products_definition(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    common: dict[str, Any] = {"title": "Head of Sales", "company_size": "51-200", "country": "DE"}
    big = add_lead(ctx, product="enterprise", **common)
    small = add_lead(ctx, product="starter", **common)
    plain = add_lead(ctx, **common)
    leads = LeadService(ctx)
    checks = {
        lead: {r.id: r.verdict.value for r in leads.get(lead).criteria}
        for lead in (big, small, plain)
    }
    assert checks[big]["company_size"] == "fail"  # 1,000 or more
    assert checks[small]["company_size"] == "pass"  # 5 to 200
    assert checks[plain]["company_size"] == "pass"  # the team's: 50 or more
    assert "industry" in checks[big]
    assert "industry" not in checks[plain]
    assert leads.get(big).product_label == "Enterprise"
    assert leads.get(plain).product_label is None

    for lead in (big, plain):
        TriageService(ctx).accept(lead, actor_id=sdr.id)
    calls = CallService(ctx)
    setup = calls.start(big)
    assert setup.script.id == "sdrdesk_enterprise"
    assert setup.product_label == "Enterprise"
    assert setup.script_warning is None
    assert calls.start(plain).script.id == "sdrdesk_bant"


def test_reports_feedback_and_the_lead_list_filter_by_product(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    big = add_lead(ctx, product="enterprise", source="Webinar")
    small = add_lead(ctx, product="starter", source="Webinar")
    add_lead(ctx, source="Webinar")
    TriageService(ctx).reject(big, actor_id=sdr.id, reason_code="not_icp")
    TriageService(ctx).reject(small, actor_id=sdr.id, reason_code="not_icp")
    today = ctx.now().date()
    everything = period_from_dates(today, today)
    enterprise = period_from_dates(today, today, product="enterprise")
    reports = ReportService(ctx)
    assert reports.funnel(everything)[-1].mql == 3
    assert reports.funnel(enterprise)[-1].mql == 1
    assert reports.funnel(enterprise)[-1].rejected == 1
    assert [r.lead_id for r in FeedbackService(ctx).collect(enterprise).rows] == [big]
    options = reports.filter_options()
    assert options.products == (("starter", "Starter plan"), ("enterprise", "Enterprise"))
    assert [s.id for s in LeadService(ctx).list_leads(product="starter")] == [small]
    records = LeadService(ctx).list_records(product="enterprise")
    assert [(r.summary.id, r.product) for r in records] == [(big, "enterprise")]


def test_the_product_is_corrected_with_its_event_and_undone(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead = add_lead(ctx, product="Widget Pro")
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    corrections = CorrectionService(ctx)
    with pytest.raises(ValidationError, match="“Gadget” is not a product of the list"):
        corrections.edit(lead, {"product": "Gadget"}, actor_id=sdr.id)
    done = corrections.edit(lead, {"product": "Enterprise-Paket"}, actor_id=sdr.id)
    assert done.changes == {"product": {"before": "Widget Pro", "after": "enterprise"}}
    detail = LeadService(ctx).get(lead)
    assert detail.product == "enterprise"
    assert "product" in detail.events[-1].description
    assert [c.id for c in detail.criteria][-1] == "industry"  # the new product's checklist
    corrections.undo(done.event_id, actor_id=sdr.id)  # back to what was stored
    assert LeadService(ctx).get(lead).product == "Widget Pro"
    cleared = corrections.edit(lead, {"product": ""}, actor_id=sdr.id)
    assert cleared.changes == {"product": {"before": "Widget Pro", "after": None}}
    assert LeadService(ctx).get(lead).summary.product is None


def test_the_intake_takes_a_product_field_or_the_campaigns(ctx: ServiceContext) -> None:
    token = TokenService(ctx).add("Web form", actor_id=None)
    caller = TokenService(ctx).caller(token.token)
    assert caller is not None
    leads = [
        {"email": "a@acme.io", "product_interest": "Enterprise"},
        {"email": "b@acme.io", "utm_campaign": "Free Trial Nurture"},
        {"email": "c@acme.io", "Produkt": "Widget Pro"},
    ]
    answer = IntakeService(ctx).receive(caller, {"leads": leads})
    assert answer.status == 201, answer.body
    ids = [lead["id"] for lead in answer.body["leads"]]
    products = [LeadService(ctx).get(i).product for i in ids]
    assert products == ["enterprise", "starter", "Widget Pro"]
