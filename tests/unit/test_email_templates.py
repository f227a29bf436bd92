"""E-mail templates: the data file, the lead's language, placeholders, the mailto."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from sdrdesk.domain.email_templates import language_for, load_templates, mailto_url, render
from sdrdesk.domain.errors import ValidationError

LEAD = {"first_name": "Jana", "last_name": "Weber", "company": "Acme GmbH", "sender": "Anna"}


def test_the_built_in_templates_in_english_and_german() -> None:
    templates = {t.id: t for t in load_templates()}
    assert set(templates) >= {"intro", "missed_call", "demo_follow_up"}
    subject, body = render(templates["demo_follow_up"], LEAD, "en")
    assert subject == "A demo for Acme GmbH?"
    assert body.startswith("Hello Jana Weber,\n\nthank you for the conversation.")
    assert body.endswith("Best regards\nAnna")
    subject, body = render(templates["demo_follow_up"], LEAD, "de")
    assert subject == "Eine Demo für Acme GmbH?"
    assert body.startswith("Guten Tag Jana Weber,\n\nvielen Dank für das Gespräch.")
    assert body.endswith("Mit freundlichen Grüßen\nAnna")


def test_the_language_is_the_leads() -> None:
    assert [language_for(c) for c in ("DE", "at", "CH", "LI", "US", "FR", None)] == [
        "de",
        "de",
        "de",
        "de",
        "en",
        "en",
        "en",
    ]


def test_a_missing_value_leaves_no_gap_before_the_comma() -> None:
    template = load_templates()[0]
    _, body = render(template, {"company": "Acme"}, "en")
    assert body.startswith("Hello,\n")


def test_the_mailto_carries_subject_and_body_with_crlf() -> None:
    url = mailto_url("jana.weber@acme.de", "A demo for Müller & Söhne?", "Hello Jana,\n\nBye")
    parts = urlsplit(url)
    assert (parts.scheme, unquote(parts.path)) == ("mailto", "jana.weber@acme.de")
    query = parse_qs(parts.query)
    assert query["subject"] == ["A demo for Müller & Söhne?"]
    assert query["body"] == ["Hello Jana,\r\n\r\nBye"]
    assert "&" not in url.split("subject=")[1].split("&body=")[0]  # the & is escaped


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[[template]]\nid = "x"\nname = "X"\nsubject = "Hi {boss}"\nbody = "b"\n', "{boss}"),
        ('[[template]]\nid = "x"\nname = "X"\nsubject = "s"\n', "has no “body”"),
        ("x = 1\n", "there is no [[template]]"),
        ("[[template]\n", "not a valid TOML file"),
    ],
)
def test_a_broken_templates_file_is_named(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "mine.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("{", r"\{")):
        load_templates(path)
