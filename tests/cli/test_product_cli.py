"""The product from the command line: ``sdrdesk edit --product`` and ``--product`` on
``sdrdesk leads`` and ``sdrdesk feedback``."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sdrdesk.cli import main
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import LeadService, TriageService
from sdrdesk.services.results import UserInfo
from tests.factories import add_lead


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_edit_product_and_filter_leads_and_feedback_by_it(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    big = add_lead(ctx, first_name="Jana", company="Acme")
    small = add_lead(ctx, first_name="Ole", company="Kiel", product="starter")
    base = ("--user", "anna", "--database-url", database_url)
    code, out, _ = run(capsys, "edit", str(big), "--product", "Enterprise", *base)
    assert code == 0
    assert out.splitlines() == [f"Corrected lead {big} (Jana, Acme):", "  product: – → enterprise"]
    code, _, err = run(capsys, "edit", str(big), "--product", "Gadget", *base)
    assert code == 1
    assert "“Gadget” is not a product of the list; use one of starter, enterprise" in err
    assert LeadService(ctx).get(big).product == "enterprise"

    code, out, _ = run(capsys, "leads", "--product", "Starter plan", "--json", *base)
    assert code == 0
    listed = json.loads(out)
    assert [(r["id"], r["product"]) for r in listed] == [(small, "starter")]

    for lead in (big, small):
        TriageService(ctx).reject(lead, actor_id=sdr.id, reason_code="not_icp")
    day = ctx.now().date().isoformat()
    period = ("--since", day, "--until", day, "--database-url", database_url)
    code, out, _ = run(capsys, "feedback", *period, "--product", "enterprise")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [r["Company"] for r in rows] == ["Acme"]
