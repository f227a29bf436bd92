"""Which column fills which lead field: header normalisation, the header table, backups."""

from __future__ import annotations

import pytest

from sdrdesk.domain.dates import decide_dayfirst
from sdrdesk.domain.import_fields import LEAD_FIELDS
from sdrdesk.domain.import_headers import HeaderTable, header_table, normalize_header
from sdrdesk.domain.import_mapping import build_mapping
from tests.unit.mapping_helpers import fields_of


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
