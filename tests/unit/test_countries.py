"""Countries as people write them."""

from __future__ import annotations

import pytest

from sdrdesk.domain import countries


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Deutschland", "DE"),
        ("germany", "DE"),
        ("DEU", "DE"),
        ("Österreich", "AT"),
        ("Schweiz", "CH"),
        ("USA", "US"),
        ("United States", "US"),
        ("U.K.", "GB"),
        ("fr", "FR"),
        ("Vereinigte Staaten", "US"),
    ],
)
def test_countries_by_code_or_english_or_german_name(text: str, code: str) -> None:
    assert countries.normalize_country(text) == code


def test_unknown_country_is_none() -> None:
    assert countries.normalize_country("Atlantis") is None
    assert countries.normalize_country("") is None
