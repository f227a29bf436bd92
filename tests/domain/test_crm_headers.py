"""The default header rows of CRM exports (HubSpot, Salesforce, Pipedrive, Dynamics, Close)."""

from __future__ import annotations

from tests.domain.header_helpers import fields_of


def test_hubspot_export_in_german() -> None:
    headers = [
        "Datensatz-ID",
        "Vorname",
        "Nachname",
        "E-Mail",
        "Telefonnummer",
        "Mobiltelefonnummer",
        "Kontaktinhaber",
        "Lebenszyklusphase",
        "Lead-Status",
        "Marketingkontaktstatus",
        "Unternehmensname",
        "Jobtitel",
        "Anzahl der Mitarbeiter",
        "Branche",
        "Stadt",
        "Land/Region",
        "Ursprüngliche Quelle",
        "HubSpot-Score",
        "Erstellungsdatum",
        "Datum der letzten Aktivität",
        "Zugeordnetes Unternehmen",
    ]
    assert fields_of(headers) == {
        "Datensatz-ID": "external_id",
        "Vorname": "first_name",
        "Nachname": "last_name",
        "E-Mail": "email",
        "Telefonnummer": "phone",
        "Mobiltelefonnummer": "mobile",
        "Unternehmensname": "company",
        "Jobtitel": "title",
        "Anzahl der Mitarbeiter": "company_size",
        "Branche": "industry",
        "Land/Region": "country",
        "Ursprüngliche Quelle": "source",
        "HubSpot-Score": "score",
        "Erstellungsdatum": "handed_off_at",  # the file has no MQL date
    }


def test_hubspot_export_with_the_renamed_traffic_source_and_the_associated_company() -> None:
    headers = [
        "Record ID",
        "First Name",
        "Last Name",
        "Email",
        "Email Domain",
        "Phone Number",
        "Contact owner",
        "Lead Status",
        "Lifecycle Stage",
        "Associated Company",
        "Job Title",
        "Country/Region",
        "Original Traffic Source",
        "Original Traffic Source Drill-Down 1",
        "Latest Traffic Source",
        "Likelihood to close",
        "Create Date",
        "Became a Lead Date",
        "Became a Marketing Qualified Lead Date",
        "Associated Company IDs",
    ]
    assert fields_of(headers) == {
        "Record ID": "external_id",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Email": "email",
        "Phone Number": "phone",
        "Associated Company": "company",
        "Job Title": "title",
        "Country/Region": "country",
        "Original Traffic Source": "source",
        "Became a Marketing Qualified Lead Date": "handed_off_at",
    }


def test_salesforce_lead_report_in_german() -> None:
    headers = [
        "Lead-Inhaber",
        "Anrede",
        "Vorname",
        "Nachname",
        "Titel",
        "Firma/Account",
        "E-Mail",
        "Telefon",
        "Mobiltelefon",
        "Leadquelle",
        "Lead-Status",
        "Bewertung",
        "Straße",
        "Ort",
        "PLZ",
        "Land",
        "Branche",
        "Kampagnenname",
        "Erstellt am",
        "Letzte Aktivität",
        "Lead-ID",
    ]
    assert fields_of(headers) == {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Titel": "title",
        "Firma/Account": "company",
        "E-Mail": "email",
        "Telefon": "phone",
        "Mobiltelefon": "mobile",
        "Leadquelle": "source",
        "Land": "country",
        "Branche": "industry",
        "Kampagnenname": "campaign",
        "Erstellt am": "handed_off_at",
        "Lead-ID": "external_id",
    }


def test_titel_next_to_a_position_is_the_academic_title_not_the_job() -> None:
    headers = ["Anrede", "Titel", "Vorname", "Nachname", "Firma", "Position", "E-Mail"]
    assert fields_of(headers) == {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Firma": "company",
        "Position": "title",
        "E-Mail": "email",
    }


def test_pipedrive_people_export() -> None:
    headers = [
        "Person - ID",
        "Person - Name",
        "Person - First name",
        "Person - Last name",
        "Person - Label",
        "Person - Organization",
        "Person - Email - Work",
        "Person - Email - Home",
        "Person - Email - Other",
        "Person - Phone - Work",
        "Person - Phone - Home",
        "Person - Phone - Mobile",
        "Person - Phone - Other",
        "Person - Owner",
        "Person - Visible to",
        "Person - Person created",
        "Person - Update time",
        "Person - Open deals",
        "Person - Won deals",
        "Person - Next activity date",
        "Person - Job title",
        "Person - Postal address",
        "Person - Postal address - Country",
        "Person - Marketing status",
        "Organization - ID",
        "Organization - Name",
        "Organization - Number of employees",
        "Organization - Industry",
    ]
    assert fields_of(headers) == {
        "Person - ID": "external_id",
        "Person - First name": "first_name",
        "Person - Last name": "last_name",
        "Person - Organization": "company",
        "Person - Email - Work": "email",
        "Person - Phone - Work": "phone",
        "Person - Phone - Mobile": "mobile",
        "Person - Person created": "handed_off_at",
        "Person - Job title": "title",
        "Person - Postal address - Country": "country",
        "Organization - Number of employees": "company_size",
        "Organization - Industry": "industry",
    }


def test_dynamics_365_leads_export() -> None:
    headers = [
        "(Do Not Modify) Lead",
        "(Do Not Modify) Row Checksum",
        "(Do Not Modify) Modified On",
        "Name",
        "Topic",
        "Status Reason",
        "Created On",
        "Owner",
        "First Name",
        "Last Name",
        "Job Title",
        "Company Name",
        "Email",
        "Business Phone",
        "Mobile Phone",
        "Lead Source",
        "Source Campaign",
        "Country/Region",
        "City",
        "Industry",
        "No. of Employees",
        "Annual Revenue",
        "Description",
    ]
    assert fields_of(headers) == {
        "(Do Not Modify) Lead": "external_id",
        "Created On": "handed_off_at",
        "First Name": "first_name",
        "Last Name": "last_name",
        "Job Title": "title",
        "Company Name": "company",
        "Email": "email",
        "Business Phone": "phone",
        "Mobile Phone": "mobile",
        "Lead Source": "source",
        "Source Campaign": "campaign",
        "Country/Region": "country",
        "Industry": "industry",
        "No. of Employees": "company_size",
    }


def test_close_leads_export() -> None:
    headers = [
        "id",
        "display_name",
        "url",
        "description",
        "status_label",
        "created_by",
        "date_created",
        "primary_contact_name",
        "primary_contact_first_name",
        "primary_contact_last_name",
        "primary_contact_title",
        "primary_contact_primary_phone",
        "primary_contact_primary_phone_type",
        "primary_contact_other_phones",
        "primary_contact_primary_email",
        "primary_contact_primary_email_type",
    ]
    assert fields_of(headers) == {
        "id": "external_id",
        "date_created": "handed_off_at",
        "primary_contact_first_name": "first_name",
        "primary_contact_last_name": "last_name",
        "primary_contact_title": "title",
        "primary_contact_primary_phone": "phone",
        "primary_contact_primary_email": "email",
    }
