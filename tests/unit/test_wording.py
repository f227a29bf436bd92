"""Counts in words."""

from __future__ import annotations

from sdrdesk.domain.wording import counted


def test_one_is_singular_and_big_numbers_are_grouped() -> None:
    assert counted(1, "lead") == "1 lead"
    assert counted(0, "lead") == "0 leads"
    assert counted(12_500, "row") == "12,500 rows"
    assert counted(2, "company", "companies") == "2 companies"
