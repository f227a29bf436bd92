"""German (and French, Spanish) values as imported files hold them: dates with month
names and day-first forms, decimal commas, and job titles with compounds and feminine
forms; English forms keep working, and text that only looks alike is not taken."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from sdrdesk import i18n
from sdrdesk.domain.criteria import LeadFacts, Verdict, load_criteria, parse_criteria
from sdrdesk.domain.dates import parse_datetime
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.numbers import decide_decimal_comma, parse_decimal
from sdrdesk.domain.scores import parse_score

BERLIN = ZoneInfo("Europe/Berlin")


def local(text: str, *, dayfirst: bool = True) -> datetime:
    """``text`` read as a Berlin time, shown on the Berlin clock without its zone."""
    return parse_datetime(text, BERLIN, dayfirst=dayfirst).astimezone(BERLIN).replace(tzinfo=None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("4. Dezember 2026", datetime(2026, 12, 4)),
        ("04. Dezember 2026", datetime(2026, 12, 4)),
        ("4. Dez. 2026", datetime(2026, 12, 4)),
        ("4. März 2026", datetime(2026, 3, 4)),
        ("4. Maerz 2026", datetime(2026, 3, 4)),
        ("15. Jänner 2027", datetime(2027, 1, 15)),  # Austrian
        ("Freitag, 4. Dezember 2026", datetime(2026, 12, 4)),
        ("Fr., 4. Dez. 2026, 14:30 Uhr", datetime(2026, 12, 4, 14, 30)),
        ("4. Dezember 2026 um 14:30", datetime(2026, 12, 4, 14, 30)),
        ("04.12.26", datetime(2026, 12, 4)),
        ("4.12.2026", datetime(2026, 12, 4)),
        ("4.12.2026 14:30", datetime(2026, 12, 4, 14, 30)),
        ("4.12.2026 14:30 Uhr", datetime(2026, 12, 4, 14, 30)),
        ("04.12.2026 09:05:07", datetime(2026, 12, 4, 9, 5, 7)),
        ("4 décembre 2026", datetime(2026, 12, 4)),
        ("1er mars 2026 à 14h30", datetime(2026, 3, 1, 14, 30)),
        ("vendredi 4 décembre 2026", datetime(2026, 12, 4)),
        ("4 févr. 2026", datetime(2026, 2, 4)),
        ("4 de diciembre de 2026", datetime(2026, 12, 4)),
        ("viernes, 4 de diciembre de 2026, 14:30", datetime(2026, 12, 4, 14, 30)),
        ("4 ago 2026", datetime(2026, 8, 4)),
        # English stays as it was
        ("4 December 2026", datetime(2026, 12, 4)),
        ("Dec 4, 2026", datetime(2026, 12, 4)),
        ("December 4, 2026", datetime(2026, 12, 4)),
        ("2026-12-04T14:30:00", datetime(2026, 12, 4, 14, 30)),
    ],
)
def test_named_and_day_first_dates_are_read(text: str, expected: datetime) -> None:
    assert local(text) == expected


def test_slash_dates_keep_their_day_or_month_first_rule() -> None:
    assert local("12/4/2026") == datetime(2026, 4, 12)  # day-first, the file's rule
    assert local("12/4/2026", dayfirst=False) == datetime(2026, 12, 4)
    assert local("4.12.2026", dayfirst=False) == datetime(2026, 12, 4)  # dots: always day-first


def test_a_german_date_keeps_its_zone() -> None:
    # 14:30 in Berlin in winter is 13:30 UTC
    assert parse_datetime("4. Dezember 2026 14:30", BERLIN).hour == 13


@pytest.mark.parametrize(
    "text",
    [
        "4. Foo 2026",  # no month
        "31. Februar 2026",  # no such day
        "32. Dezember 2026",
        "4. Dezember",  # no year
        "Leitungswasser 2026",
        "Mittwoch",
        "4. Dezember 2026 25:00",
        "Blah, 4. Dezember 2026",  # not a weekday
    ],
)
def test_what_only_looks_like_a_date_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a date and time sdrdesk can read"):
        parse_datetime(text, BERLIN)


def test_the_refusal_reads_in_german_under_german() -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError, match=r"„4\. Foo 2026“ ist kein Datum mit Uhrzeit"):
        parse_datetime("4. Foo 2026", BERLIN)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", "1234.5"),
        ("1,234.5", "1234.5"),
        ("1234,5", "1234.5"),
        ("1234.5", "1234.5"),
        ("12,50", "12.50"),
        ("0,125", "0.125"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("1 234,5", "1234.5"),  # French
        ("1\u202f234,5", "1234.5"),  # narrow no-break space
        ("1'234.5", "1234.5"),  # Swiss
        ("-12,5", "-12.5"),
        ("1.234", "1234"),  # one mark, three digits: grouped thousands
        ("1,234", "1234"),
        ("1.234.567", "1234567"),
        ("42", "42"),
    ],
)
def test_numbers_in_german_and_english_notation(text: str, expected: str) -> None:
    assert parse_decimal(text) == Decimal(expected)


def test_an_ambiguous_number_follows_the_files_decimal_mark() -> None:
    assert parse_decimal("1.234", decimal_comma=False) == Decimal("1.234")
    assert parse_decimal("1,234", decimal_comma=True) == Decimal("1.234")
    assert parse_decimal("1.234", decimal_comma=True) == Decimal("1234")
    assert parse_decimal("1,234", decimal_comma=False) == Decimal("1234")
    # what decides: the first value that shows its mark, else the region
    assert decide_decimal_comma(["1.234", "", "12,5"], "US") is True
    assert decide_decimal_comma(["1,234", "3.25"], "DE") is False
    assert decide_decimal_comma(["1.234", None], "DE") is True
    assert decide_decimal_comma(["1.234"], "US") is False


@pytest.mark.parametrize(
    "text", ["1.2.3", "1,23,4", "1.234,5,6", "12.34.567", "1,2.3", "abc", "", "1.234,5 €"]
)
def test_what_is_not_a_number_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="is not a number"):
        parse_decimal(text)


def test_a_score_with_a_decimal_comma_and_grouping() -> None:
    assert parse_score("87,5") == 88
    assert parse_score("1.234,5") == 1235
    assert parse_score("1,234.5 %") == 1235
    assert parse_score("85 %") == 85
    with pytest.raises(ValidationError, match="score “viel” is not a number"):
        parse_score("viel")


def seniority(title: str | None) -> Verdict:
    facts = LeadFacts("a@x.de", False, True, title, "500", "DE", "Software")
    return {r.id: r.verdict for r in load_criteria().evaluate(facts)}["seniority"]


@pytest.mark.parametrize(
    "title",
    [
        "Teamleiter Vertrieb",  # the sample data's own lead
        "Teamleiterin Vertrieb",
        "Vertriebsleiterin",
        "Vertriebsleiter DACH",
        "Abteilungsleiter IT",
        "Leiter:in Marketing",
        "Leiter*in Einkauf",
        "LeiterIn Controlling",
        "Leitung Vertrieb",
        "Teamleitung Inside Sales",
        "Geschäftsführer",
        "Geschäftsführerin",
        "Geschäftsführer/in",
        "Geschaeftsfuehrerin",
        "Mitglied der Geschäftsführung",
        "Vorstand Finanzen",
        "Vorständin",
        "Vorstandsvorsitzende",
        "Prokurist",
        "Prokuristin",
        "Inhaber",
        "Inhaberin",
        "Mitinhaberin",
        "Produktmanagerin",
        "Key-Account-Managerin",
        "Direktorin Vertrieb",
        "Gründerin & CEO",
        "Directrice commerciale",
        "Responsable des achats",
        "Directora de ventas",
        "Jefa de compras",
        "Head of Sales",
        "VP Sales",
    ],
)
def test_german_compounds_and_feminine_forms_have_buying_influence(title: str) -> None:
    assert seniority(title) is Verdict.PASS


@pytest.mark.parametrize(
    "title",
    [
        "Leitungswasser-Installateur",  # "Leitung" starts the word, it is not its head
        "Leiterplattendesigner",
        "Reisebegleiter",
        "Begleiterin",
        "Vertriebsassistentin",
        "Assistenz der Geschäftsleitung",  # "Assistenz" outweighs "Leitung"
        "Vorstandsassistentin",
        "Praktikantin Vertrieb",
        "Werkstudentin Marketing",
        "Sachbearbeiterin Einkauf",
        "Junior Produktmanagerin",
        "Auszubildende Industriekauffrau",
        "Leadership coach",  # "lead" only as a whole word
        "Buchhalterin",
        "Stagiaire",
        "Becaria de marketing",
    ],
)
def test_titles_that_only_look_senior_or_are_junior_fail(title: str) -> None:
    assert seniority(title) is Verdict.FAIL


def test_a_teams_own_file_sets_its_stems_and_endings() -> None:
    criteria = parse_criteria(
        "[[criterion]]\nid = 'boss'\nlabel = 'Chef'\ncheck = 'title'\n"
        "stems = ['chef']\nendings = ['in']\nnone_stems = ['küchenchef']\n",
        "team.toml",
    )

    def verdict(title: str) -> Verdict:
        facts = LeadFacts(None, False, True, title, None, None, None)
        return criteria.evaluate(facts)[0].verdict

    assert verdict("Vertriebschefin") is Verdict.PASS
    assert verdict("Küchenchef") is Verdict.FAIL
    assert verdict("Chefsekretärin") is Verdict.FAIL
    with pytest.raises(ValidationError, match="field “stems” must be a list"):
        parse_criteria(
            "[[criterion]]\nid = 'x'\nlabel = 'X'\ncheck = 'title'\nstems = 'leiter'\n", "t.toml"
        )


def test_the_checklist_reads_in_german_under_german() -> None:
    i18n.set_language("de")
    facts = LeadFacts("a@gmail.com", True, True, "Teamleiter Vertrieb", "11-50", "DE", None)
    results = {r.id: r for r in load_criteria().evaluate(facts)}
    assert results["seniority"].label == "Position mit Einfluss auf den Kauf"
    assert results["seniority"].verdict is Verdict.PASS
    assert results["business_email"].detail == "gmail.com ist ein Freemail-Anbieter"
    assert results["company_size"].detail == "11-50 Mitarbeitende: vielleicht weniger als 50"
    i18n.set_language("en")
    english = {r.id: r for r in load_criteria().evaluate(facts)}
    assert english["seniority"].label == "Title with buying influence"
