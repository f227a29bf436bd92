"""The default header rows of contact exports: Outlook in German and English, Google Contacts."""

from __future__ import annotations

from sdrdesk.domain.import_mapping import build_mapping
from tests.domain.header_helpers import fields_of


def test_outlook_contacts_in_german() -> None:
    headers = [
        "Anrede",
        "Vorname",
        "Weitere Vornamen",
        "Nachname",
        "Suffix",
        "Firma",
        "Abteilung",
        "Position",
        "Straße geschäftlich",
        "Ort geschäftlich",
        "Region geschäftlich",
        "Postleitzahl geschäftlich",
        "Land/Region geschäftlich",
        "Straße privat",
        "Ort privat",
        "Postleitzahl privat",
        "Land/Region privat",
        "Telefon Assistent",
        "Fax geschäftlich",
        "Telefon geschäftlich",
        "Telefon geschäftlich 2",
        "Rückmeldung",
        "Autotelefon",
        "Telefon Firma",
        "Fax privat",
        "Telefon privat",
        "Telefon privat 2",
        "ISDN",
        "Mobiltelefon",
        "Weiteres Fax",
        "Weiteres Telefon",
        "Pager",
        "Haupttelefon",
        "Mobiltelefon 2",
        "Konto",
        "Beruf",
        "Büro",
        "E-Mail-Adresse",
        "E-Mail-Typ",
        "E-Mail: Angezeigter Name",
        "E-Mail 2: Adresse",
        "Geburtstag",
        "Kategorien",
        "Name Assistent",
        "Notizen",
        "Webseite",
    ]
    mapping = build_mapping(headers)
    assert {h: t for h, t in mapping.as_dict().items() if t != "extra"} == {
        "Vorname": "first_name",
        "Nachname": "last_name",
        "Firma": "company",
        "Position": "title",
        "Land/Region geschäftlich": "country",
        "Telefon geschäftlich": "phone",
        "Mobiltelefon": "mobile",
        "E-Mail-Adresse": "email",
    }
    row = [""] * len(headers)
    values = {
        "Vorname": "Jana",
        "Nachname": "Krüger",
        "Firma": "Nordlicht GmbH",
        "Position": "Leiterin Einkauf",
        "Land/Region geschäftlich": "Deutschland",
        "Telefon geschäftlich": "040 1234567",
        "Mobiltelefon": "0171 2345678",
        "E-Mail-Adresse": "jana.krueger@nordlicht.example",
        "Konto": "DE12 3456",
    }
    for header, value in values.items():
        row[headers.index(header)] = value
    lead = mapping.lead_builder()(row)
    assert (lead.first_name, lead.last_name, lead.company, lead.title) == (
        "Jana",
        "Krüger",
        "Nordlicht GmbH",
        "Leiterin Einkauf",
    )
    assert (lead.email, lead.phone, lead.mobile, lead.country) == (
        "jana.krueger@nordlicht.example",
        "040 1234567",
        "0171 2345678",
        "Deutschland",
    )
    assert lead.extra == {"Konto": "DE12 3456"}


def test_outlook_contacts_in_english_keep_the_salutation_out_of_the_job_title() -> None:
    headers = [
        "Title",
        "First Name",
        "Middle Name",
        "Last Name",
        "Suffix",
        "Company",
        "Department",
        "Job Title",
        "Business Street",
        "Business City",
        "Business State",
        "Business Postal Code",
        "Business Country/Region",
        "Home Street",
        "Home City",
        "Home Country/Region",
        "Assistant's Phone",
        "Business Fax",
        "Business Phone",
        "Business Phone 2",
        "Callback",
        "Car Phone",
        "Company Main Phone",
        "Home Phone",
        "Mobile Phone",
        "Other Phone",
        "Pager",
        "Primary Phone",
        "Account",
        "Birthday",
        "Categories",
        "E-mail Address",
        "E-mail Type",
        "E-mail Display Name",
        "E-mail 2 Address",
        "Manager's Name",
        "Notes",
        "Profession",
        "Referred By",
        "Web Page",
    ]
    assert fields_of(headers) == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Company": "company",
        "Job Title": "title",
        "Business Country/Region": "country",
        "Business Phone": "phone",
        "Mobile Phone": "mobile",
        "E-mail Address": "email",
    }


def test_google_contacts_export() -> None:
    headers = [
        "First Name",
        "Middle Name",
        "Last Name",
        "Phonetic First Name",
        "Phonetic Last Name",
        "Name Prefix",
        "Nickname",
        "File As",
        "Organization Name",
        "Organization Title",
        "Organization Department",
        "Notes",
        "Labels",
        "E-mail 1 - Label",
        "E-mail 1 - Value",
        "E-mail 2 - Label",
        "E-mail 2 - Value",
        "Phone 1 - Label",
        "Phone 1 - Value",
        "Phone 2 - Label",
        "Phone 2 - Value",
        "Address 1 - Label",
        "Address 1 - City",
        "Address 1 - Country",
        "Website 1 - Value",
    ]
    assert fields_of(headers) == {
        "First Name": "first_name",
        "Last Name": "last_name",
        "Organization Name": "company",
        "Organization Title": "title",
        "E-mail 1 - Value": "email",
        "Phone 1 - Value": "phone",
        "Phone 2 - Value": "mobile",  # a second phone fills the free mobile
        "Address 1 - Country": "country",
    }
