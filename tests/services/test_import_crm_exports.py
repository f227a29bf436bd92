"""Importing CRM exports as they come: every column of HubSpot, Salesforce and the others kept."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import RowIssue
from sdrdesk.services.results import UserInfo
from tests.services.import_helpers import by_email, run, stored, write_csv

HUBSPOT = [
    "Record ID",
    "First Name",
    "Last Name",
    "Email",
    "Phone Number",
    "Mobile Phone Number",
    "Company Name",
    "Job Title",
    "Number of Employees",
    "Industry",
    "Country/Region",
    "Original Source",
    "HubSpot Score",
    "Create Date",
    "Became a Marketing Qualified Lead Date",
    "UTM Campaign",
    "UTM Medium",
    "Notes",
]


def test_hubspot_export_is_imported_with_every_column_kept(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path,
        [
            HUBSPOT,
            [
                "501",
                "Ada",
                "Lovelace",
                "Ada@Example-Corp.com",
                "+44 20 7946 0018",
                "",
                "Analytical Engines Ltd",
                "CTO",
                "51-200",
                "Computer Software",
                "United Kingdom",
                "Organic Search",
                "87",
                "2026-03-01 08:00",
                "2026-03-09T10:15:00Z",
                "spring-webinar",
                "email",
                "wants a demo",
            ],
            [
                "502",
                "Grace",
                "Hopper",
                "grace@navy.example",
                "(415) 555-2671",
                "415 555 0199",
                "Navy",
                "Rear Admiral",
                "10000+",
                "Defense",
                "USA",
                "Paid Search",
                "n/a",
                "",
                "",
                "",
                "",
                "",
            ],
        ],
        name="hubspot.csv",
    )

    report = run(ctx, sdr, path)

    assert report.summary().startswith("Imported 2 of 2 rows from hubspot.csv (UTF-8, comma).")
    assert (report.imported, report.rows_total, report.skipped, report.duplicates) == (2, 2, (), ())
    assert report.mapping["Became a Marketing Qualified Lead Date"] == "handed_off_at"
    assert report.mapping["Create Date"] == "extra"
    leads = by_email(ctx)
    ada = leads["Ada@example-corp.com"]
    assert ada["id"] == report.imported_ids[0]
    assert (ada["first_name"], ada["last_name"], ada["external_id"]) == ("Ada", "Lovelace", "501")
    assert ada["email_key"] == "ada@example-corp.com"
    assert (ada["phone_e164"], ada["country"], ada["time_zone"]) == (
        "+442079460018",
        "GB",
        "Europe/London",
    )
    assert (ada["company"], ada["title"], ada["company_size"], ada["industry"]) == (
        "Analytical Engines Ltd",
        "CTO",
        "51-200",
        "Computer Software",
    )
    assert (ada["source"], ada["campaign"], ada["score"]) == (
        "Organic Search",
        "spring-webinar",
        87,
    )
    assert ada["handed_off_at"] == datetime(2026, 3, 9, 10, 15, tzinfo=UTC)
    assert ada["import_batch_id"] == report.batch_id
    assert ada["extra"] == {
        "Create Date": "2026-03-01 08:00",
        "UTM Medium": "email",
        "Notes": "wants a demo",
    }
    grace = leads["grace@navy.example"]
    assert grace["phone_e164"] == "+14155552671"  # read in the lead's country, not DE
    assert grace["extra"]["other phone"] == "415 555 0199"
    assert grace["score"] is None
    assert grace["extra"]["score (as imported)"] == "n/a"
    assert grace["handed_off_at"] == ctx.now()  # no MQL date: the import time
    assert RowIssue(3, "score “n/a” is not a number") in report.warnings
    assert "line 3: score “n/a” is not a number" in report.summary()


@pytest.mark.parametrize(
    ("header", "row", "expected"),
    [
        (
            [
                "FirstName",
                "LastName",
                "Company",
                "Title",
                "Email",
                "Phone",
                "MobilePhone",
                "LeadSource",
                "NumberOfEmployees",
                "Rating",
                "Id",
                "CreatedDate",
            ],
            [
                "Marc",
                "Benioff",
                "Salesforce",
                "CEO",
                "marc@sf.example",
                "+1 415 901 7000",
                "",
                "Web",
                "5000",
                "Hot",
                "00Q5e000001",
                "2026-03-01T12:00:00.000Z",
            ],
            {
                "email": "marc@sf.example",
                "phone_e164": "+14159017000",
                "source": "Web",
                "external_id": "00Q5e000001",
                "company_size": "5000",
                "last_name": "Benioff",
            },
        ),
        (
            [
                "LEADID",
                "Last Name",
                "Company",
                "Lead Owner",
                "Email",
                "Mobile",
                "Website",
                "Industry",
                "Lead Source",
                "Lead Status",
                "Created Time",
                "Designation",
            ],
            [
                "4563",
                "Denson",
                "Maurice The Pants Man",
                "David Love",
                "GaryLDenson@cuvox.de",
                "0151 23456789",
                "CameraUpdate.com",
                "Education",
                "Employee Referral",
                "Contacted",
                "15 Apr, 2021 00:03:00",
                "Buyer",
            ],
            {
                "email": "GaryLDenson@cuvox.de",
                "phone_e164": "+4915123456789",
                "source": "Employee Referral",
                "external_id": "4563",
                "title": "Buyer",
                "industry": "Education",
            },
        ),
        (
            [
                "Lead - Title",
                "Person - Name",
                "Person - Email - Work",
                "Person - Phone - Work",
                "Organization - Name",
                "Lead - Source",
                "Lead created",
            ],
            [
                "Big deal",
                "Hans Peter Meier",
                "hp.meier@firma.example",
                "+41 44 668 18 00",
                "Firma AG",
                "Website",
                "2026-03-02 11:00:00",
            ],
            {
                "email": "hp.meier@firma.example",
                "phone_e164": "+41446681800",
                "first_name": "Hans Peter",
                "last_name": "Meier",
                "company": "Firma AG",
                "source": "Website",
            },
        ),
    ],
    ids=["salesforce", "zoho", "pipedrive"],
)
def test_crm_exports(
    ctx: ServiceContext,
    sdr: UserInfo,
    tmp_path: Path,
    header: list[str],
    row: list[str],
    expected: dict[str, Any],
) -> None:
    report = run(ctx, sdr, write_csv(tmp_path, [header, row]))
    assert report.imported == 1, report.summary()
    (lead,) = stored(ctx)
    assert {k: lead[k] for k in expected} == expected
