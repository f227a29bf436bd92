"""The header sets of CRM and other tools' exports map to the lead fields."""

from __future__ import annotations

import pytest

from tests.unit.mapping_helpers import fields_of


def test_hubspot_export() -> None:
    headers = [
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
        "UTM Source",
        "UTM Medium",
    ]
    assert fields_of(headers) == {
        "Record ID": "external_id",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Email": "email",
        "Phone Number": "phone",
        "Mobile Phone Number": "mobile",
        "Company Name": "company",
        "Job Title": "title",
        "Number of Employees": "company_size",
        "Industry": "industry",
        "Country/Region": "country",
        "Original Source": "source",
        "HubSpot Score": "score",
        # The MQL date is the hand-off; the create date only when there is none.
        "Became a Marketing Qualified Lead Date": "handed_off_at",
        "UTM Campaign": "campaign",
    }


def test_create_date_is_the_hand_off_when_there_is_no_mql_date() -> None:
    assert fields_of(["Email", "Create Date"])["Create Date"] == "handed_off_at"


def test_salesforce_labels_and_api_names() -> None:
    labels = [
        "First Name",
        "Last Name",
        "Company",
        "Title",
        "Email",
        "Phone",
        "Mobile",
        "Lead Source",
        "No. of Employees",
        "Rating",
        "Lead ID",
        "Created Date",
    ]
    api = [
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
        "MQL_Date__c",
    ]
    expected = [
        "first_name",
        "last_name",
        "company",
        "title",
        "email",
        "phone",
        "mobile",
        "source",
        "company_size",
        "external_id",
        "handed_off_at",
    ]
    assert list(fields_of(labels).values()) == expected
    assert "Rating" not in fields_of(labels)  # Hot/Warm/Cold, not a score: kept as extra
    api_fields = fields_of(api)
    assert list(api_fields.values())[:10] == expected[:10]
    assert api_fields["MQL_Date__c"] == "handed_off_at"  # custom field beats CreatedDate


def test_zoho_export() -> None:
    headers = [
        "LEADID",
        "First Name",
        "Last Name",
        "Company",
        "Designation",
        "Email",
        "Mobile",
        "Lead Source",
        "No. of Employees",
        "Industry",
        "Created Time",
        "Lead Owner",
    ]
    assert fields_of(headers) == {
        "LEADID": "external_id",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Company": "company",
        "Designation": "title",
        "Email": "email",
        "Mobile": "mobile",
        "Lead Source": "source",
        "No. of Employees": "company_size",
        "Industry": "industry",
        "Created Time": "handed_off_at",
    }


def test_pipedrive_export() -> None:
    headers = [
        "Lead - Title",
        "Person - Name",
        "Person - Email - Work",
        "Person - Email - Home",
        "Person - Phone - Work",
        "Person - Phone - Mobile",
        "Organization - Name",
        "Lead - Source",
        "Lead created",
        "Person - Job title",
    ]
    assert fields_of(headers) == {
        "Person - Name": "full_name",
        "Person - Email - Work": "email",
        "Person - Phone - Work": "phone",
        "Person - Phone - Mobile": "mobile",
        "Organization - Name": "company",
        "Lead - Source": "source",
        "Lead created": "handed_off_at",
        "Person - Job title": "title",
    }


def test_german_export() -> None:
    headers = [
        "Anrede",
        "Vorname",
        "Nachname",
        "Firma",
        "Telefon",
        "Handy",
        "E-Mail",
        "Position",
        "Branche",
        "Land",
        "Quelle",
        "Kampagne",
        "Mitarbeiter",
        "Übergabedatum",
    ]
    assert fields_of(headers) == {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Firma": "company",
        "Telefon": "phone",
        "Handy": "mobile",
        "E-Mail": "email",
        "Position": "title",
        "Branche": "industry",
        "Land": "country",
        "Quelle": "source",
        "Kampagne": "campaign",
        "Mitarbeiter": "company_size",
        "Übergabedatum": "handed_off_at",
    }


# Header rows of other tools' exports (prospecting databases, marketing automation,
# other CRMs, Outlook): each maps its contact, company and marketing columns.
OTHER_EXPORTS = {
    "Apollo": (
        ["First Name", "Last Name", "Title", "Company", "Company Name for Emails", "Email",
         "Email Status", "Seniority", "Work Direct Phone", "Mobile Phone", "Corporate Phone",
         "# Employees", "Industry", "Person Linkedin Url", "Country", "Apollo Contact Id"],
        {"First Name": "first_name", "Last Name": "last_name", "Title": "title",
         "Company": "company", "Email": "email", "Work Direct Phone": "phone",
         "Mobile Phone": "mobile", "# Employees": "company_size", "Industry": "industry",
         "Country": "country", "Apollo Contact Id": "external_id"},
    ),
    "ZoomInfo": (
        ["ZoomInfo Contact ID", "Last Name", "First Name", "Middle Name", "Job Title",
         "Direct Phone Number", "Email Address", "Mobile phone", "Country", "Company Name",
         "Company HQ Phone", "Employees", "Primary Industry"],
        {"ZoomInfo Contact ID": "external_id", "Last Name": "last_name",
         "First Name": "first_name", "Job Title": "title", "Direct Phone Number": "phone",
         "Email Address": "email", "Mobile phone": "mobile", "Country": "country",
         "Company Name": "company", "Employees": "company_size",
         "Primary Industry": "industry"},
    ),
    "Dynamics 365": (
        ["(Do Not Modify) Lead", "(Do Not Modify) Row Checksum", "Name", "Topic",
         "Company Name", "Email", "Business Phone", "Mobile Phone", "Lead Source",
         "Created On", "Job Title", "Country/Region", "No. of Employees"],
        {"(Do Not Modify) Lead": "external_id", "Name": "full_name",
         "Company Name": "company", "Email": "email", "Business Phone": "phone",
         "Mobile Phone": "mobile", "Lead Source": "source", "Created On": "handed_off_at",
         "Job Title": "title", "Country/Region": "country",
         "No. of Employees": "company_size"},
    ),
    "Marketo": (
        ["Id", "First Name", "Last Name", "Email Address", "Phone Number", "Company Name",
         "Job Title", "Country", "Lead Source", "Lead Score", "Acquisition Program",
         "Created At"],
        {"Id": "external_id", "First Name": "first_name", "Last Name": "last_name",
         "Email Address": "email", "Phone Number": "phone", "Company Name": "company",
         "Job Title": "title", "Country": "country", "Lead Source": "source",
         "Lead Score": "score", "Acquisition Program": "campaign",
         "Created At": "handed_off_at"},
    ),
    "Freshsales": (
        ["First name", "Last name", "Emails", "Work number", "Mobile number", "Job title",
         "Company name", "Lead source", "Country", "Created at", "Lead score", "Campaign"],
        {"First name": "first_name", "Last name": "last_name", "Emails": "email",
         "Work number": "phone", "Mobile number": "mobile", "Job title": "title",
         "Company name": "company", "Lead source": "source", "Country": "country",
         "Created at": "handed_off_at", "Lead score": "score", "Campaign": "campaign"},
    ),
    "Outlook (German)": (
        ["Anrede", "Vorname", "Weitere Vornamen", "Nachname", "Firma", "Abteilung",
         "Position", "Land/Region geschäftlich", "Telefon geschäftlich", "Mobiltelefon",
         "E-Mail-Adresse", "E-Mail-Anzeigename"],
        {"Vorname": "first_name", "Nachname": "last_name", "Firma": "company",
         "Position": "title", "Land/Region geschäftlich": "country",
         "Telefon geschäftlich": "phone", "Mobiltelefon": "mobile",
         "E-Mail-Adresse": "email"},
    ),
    "French": (
        ["Prénom", "Nom", "Société", "Fonction", "E-mail", "Téléphone", "Portable", "Pays",
         "Source", "Campagne"],
        {"Prénom": "first_name", "Nom": "last_name", "Société": "company",
         "Fonction": "title", "E-mail": "email", "Téléphone": "phone",
         "Portable": "mobile", "Pays": "country", "Source": "source",
         "Campagne": "campaign"},
    ),
}  # fmt: skip


@pytest.mark.parametrize("tool", list(OTHER_EXPORTS))
def test_other_tools_exports(tool: str) -> None:
    headers, expected = OTHER_EXPORTS[tool]
    assert fields_of(headers) == expected
