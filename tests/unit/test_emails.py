"""E-mail addresses as SDRs actually get them."""

from __future__ import annotations

import pytest

from sdrdesk.domain import emails


@pytest.mark.parametrize(
    "email",
    ["anna@example.com", "o'brien@firm.co.uk", "jörg.müller@bäckerei.de", "a+tag@sub.example.io"],
)
def test_valid_emails(email: str) -> None:
    assert emails.is_valid_email(email)


@pytest.mark.parametrize(
    "email",
    [
        "",
        "anna",
        "anna@",
        "@example.com",
        "anna@example",
        "anna@@example.com",
        "a..b@example.com",
        "anna@example.123",
        "anna example@example.com",
        "x" * 65 + "@example.com",
    ],
)
def test_invalid_emails(email: str) -> None:
    assert not emails.is_valid_email(email)


def test_email_key_is_case_insensitive_and_trims_mailto() -> None:
    assert emails.email_key(" mailto:Anna.Schmidt@Example.COM ") == "anna.schmidt@example.com"


def test_free_mail_versus_business() -> None:
    assert emails.is_free_mail("jane@gmail.com")
    assert emails.is_free_mail("JANE@GMX.DE")
    assert not emails.is_free_mail("jane@acme-logistics.de")
    assert emails.is_free_mail("jane@mycorp.com", extra_domains=["mycorp.com"])
