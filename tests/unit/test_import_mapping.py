"""Which column fills which lead field: header normalisation, CRM header sets, mappings."""

from __future__ import annotations

import pytest

from sdrdesk.domain.dates import decide_dayfirst
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_fields import LEAD_FIELDS, check_target
from sdrdesk.domain.import_headers import HeaderTable, header_table, normalize_header
from sdrdesk.domain.import_mapping import build_mapping, parse_mapping_text


def fields_of(headers: list[str], explicit: dict[str, str] | None = None) -> dict[str, str]:
    """Header → field for the columns that fill a field (not extra data)."""
    mapping = build_mapping(headers, explicit)
    return {h: t for h, t in mapping.as_dict().items() if t != "extra"}


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("E-Mail", "email"),
        (" e mail ", "email"),
        ("EMAIL", "email"),
        ("\ufeffEmail", "email"),
        ("ï»¿Email", "email"),  # a UTF-8 BOM read as Windows-1252
        ("Unternehmensgröße", "unternehmensgroesse"),
        ("Unternehmensgro\u0308ße", "unternehmensgroesse"),  # decomposed umlaut (macOS)
        ("Téléphone", "telephone"),
        ("Country/Region", "countryregion"),
        ("MQL_Date__c", "mqldate"),
        ("No. of Employees", "noofemployees"),
    ],
)
def test_headers_are_compared_without_case_punctuation_accents_or_bom(
    header: str, expected: str
) -> None:
    assert normalize_header(header) == expected


def test_shipped_table_loads_and_names_only_lead_fields() -> None:
    table = header_table()
    assert set(table.primary.values()) | set(table.fallback.values()) <= set(LEAD_FIELDS)
    for contact_field in ("email", "phone", "mobile"):
        assert contact_field in table.primary.values()


def test_a_header_listed_for_two_fields_is_refused() -> None:
    text = '[fields]\nemail = ["Mail"]\nphone = ["mail"]\n'
    with pytest.raises(ValueError, match="listed twice"):
        HeaderTable.from_toml(text)


def test_a_table_naming_an_unknown_field_is_refused() -> None:
    with pytest.raises(ValueError, match="not a lead field"):
        HeaderTable.from_toml('[fields]\nshoe_size = ["Shoe"]\n')


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


def test_plain_english_headers_in_any_case() -> None:
    headers = ["NAME", "e-mail address", "phone", "company", "job title", "country"]
    assert fields_of(headers) == {
        "NAME": "full_name",
        "e-mail address": "email",
        "phone": "phone",
        "company": "company",
        "job title": "title",
        "country": "country",
    }


def test_shorthand_headers_of_hand_made_lists() -> None:
    headers = ["Contact", "Org", "Tel.", "Mail address", "Land"]
    assert fields_of(headers) == {
        "Contact": "full_name",
        "Org": "company",
        "Tel.": "phone",
        "Mail address": "email",
        "Land": "country",
    }


def test_the_first_of_two_columns_wins_and_a_second_phone_becomes_the_mobile() -> None:
    mapping = build_mapping(["Email 1", "Email 2", "Phone 1", "Phone 2"])
    assert mapping.as_dict() == {
        "Email 1": "email",
        "Email 2": "extra",
        "Phone 1": "phone",
        "Phone 2": "mobile",
    }
    assert any("Email 2" in note and "Email 1" in note for note in mapping.notes)


def test_a_named_mobile_column_beats_a_second_phone() -> None:
    assert build_mapping(["Phone 1", "Phone 2", "Mobile"]).as_dict() == {
        "Phone 1": "phone",
        "Phone 2": "extra",
        "Mobile": "mobile",
    }


def test_an_empty_contact_column_is_filled_from_the_next_one_that_has_a_value() -> None:
    mapping = build_mapping(
        ["Email", "Work Direct Phone", "Corporate Phone", "Mobile Phone", "Email 2", "Phone 3"]
    )
    assert mapping.as_dict()["Corporate Phone"] == "extra"  # kept as it is, too
    assert any(
        "“Corporate Phone” fills phone where “Work Direct Phone” is empty" in note
        for note in mapping.notes
    )
    build = mapping.lead_builder()
    lead = build(["", " ", "+1 415 555 0100", "", "b@x.example", ""])
    assert (lead.email, lead.phone, lead.mobile) == ("b@x.example", "+1 415 555 0100", "")
    assert lead.extra["Corporate Phone"] == "+1 415 555 0100"
    assert lead.extra["Email 2"] == "b@x.example"
    # A header of the first tier ("Phone 3") is asked before a fallback ("Corporate Phone").
    lead = build(["", "", "+1 415 555 0100", "", "", "+1 212 555 0199"])
    assert lead.phone == "+1 212 555 0199"
    lead = build(["a@x.example", "+1 650 555 0123", "+1 415 555 0100", "", "b@x.example", ""])
    assert (lead.email, lead.phone) == ("a@x.example", "+1 650 555 0123")


def test_a_column_mapped_by_hand_has_no_backups() -> None:
    mapping = build_mapping(["Tel", "Corporate Phone"], {"Tel": "phone"})
    assert mapping.backups == ()
    assert mapping.lead_builder()(["", "+1 415 555 0100"]).phone == ""


def test_name_next_to_vorname_is_the_last_name() -> None:
    assert fields_of(["Vorname", "Name", "E-Mail"]) == {
        "Vorname": "first_name",
        "Name": "last_name",
        "E-Mail": "email",
    }


def test_a_full_name_next_to_first_and_last_name_is_kept_as_extra_data() -> None:
    mapping = build_mapping(["Full Name", "First Name", "Last Name", "Email"])
    assert mapping.as_dict()["Full Name"] == "extra"


def test_unmapped_and_duplicate_headers_keep_their_values_as_extra_data() -> None:
    mapping = build_mapping(["Email", "Notes", "Notes", "", "Website"])
    lead = mapping.lead_builder()(["a@b.example", "first", "second", "blank header", ""])
    assert lead.email == "a@b.example"
    assert lead.extra == {"Notes": "first", "Notes (2)": "second", "Column 4": "blank header"}


def test_explicit_mapping_overrides_the_automatic_one() -> None:
    mapping = build_mapping(
        ["Email", "Private Mail", "Tel", "Comments"],
        {"Private Mail": "email", "Email": "extra", "Comments": "ignore"},
    )
    assert mapping.as_dict() == {
        "Email": "extra",
        "Private Mail": "email",
        "Tel": "phone",
        "Comments": "ignore",
    }
    lead = mapping.lead_builder()(["work@x.example", "me@y.example", "030 123", "secret"])
    assert lead.email == "me@y.example"
    assert lead.extra == {"Email": "work@x.example"}  # the ignored column is gone


def test_explicit_mapping_matches_headers_loosely() -> None:
    assert build_mapping(["Mail-Adr."], {"mail adr": "email"}).as_dict() == {"Mail-Adr.": "email"}


def test_explicit_mapping_naming_a_missing_column_lists_the_columns() -> None:
    with pytest.raises(ValidationError, match=r"“Mobil”, which is not a column.*“Email”, “Tel”"):
        build_mapping(["Email", "Tel"], {"Mobil": "mobile"})


def test_explicit_mapping_sending_two_columns_to_one_field_is_refused() -> None:
    with pytest.raises(ValidationError, match="both “A” and “B” to email"):
        build_mapping(["A", "B"], {"A": "email", "B": "email"})


def test_unknown_field_names_list_the_valid_ones() -> None:
    with pytest.raises(ValidationError) as error:
        check_target("shoe size")
    message = str(error.value)
    assert "“shoe size” is not a lead field" in message
    for name in ("first_name", "email", "handed_off_at", "external_id", "ignore", "extra"):
        assert name in message


def test_field_names_may_be_typed_loosely() -> None:
    assert check_target("First Name") == "first_name"
    assert check_target("E-Mail") == "email"
    assert check_target(" IGNORE ") == "ignore"


def test_mapping_text() -> None:
    assert parse_mapping_text("Header A=email, Header B = phone\nHandy=mobile") == {
        "Header A": "email",
        "Header B": "phone",
        "Handy": "mobile",
    }
    assert parse_mapping_text("Score=Punkte=score") == {"Score=Punkte": "score"}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Header A", "not of the form Header=field"),
        ("=email", "not of the form Header=field"),
        ("Header A=mail address", "not a lead field"),
        (" , ", "mapping is empty"),
    ],
)
def test_bad_mapping_text_is_explained(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_mapping_text(text)


@pytest.mark.parametrize(
    ("values", "region", "expected"),
    [
        (["03/04/2026", "13/04/2026"], "US", True),  # a day above 12 decides
        (["03/04/2026 10:00", "04/13/2026 10:00"], "DE", False),  # a month second
        (["03/04/2026", "05/06/2026"], "DE", True),  # ambiguous: the region decides
        (["03/04/2026", "05/06/2026"], "US", False),
        (["03/04/26"], "CA", False),
        (["03/04/2026"], "ph", False),
        (["2026-03-04", "04.03.2026", "", None], "US", None),  # no slashes: no question
    ],
)
def test_day_or_month_first_is_decided_per_file(
    values: list[str | None], region: str, expected: bool | None
) -> None:
    assert decide_dayfirst(values, region) is expected
