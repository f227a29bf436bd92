"""Mappings given by hand: overriding the automatic one, field names, mapping text."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.import_fields import check_target
from sdrdesk.domain.import_mapping import build_mapping, parse_mapping_text


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
    with pytest.raises(ValidationError, match="both “A” and “B” to e-mail"):
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
