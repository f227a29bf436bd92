"""Assignment rules as a team writes them."""

from __future__ import annotations

import pytest

from sdrdesk.domain.assignment import load_rules, next_in_turn, parse_rules
from sdrdesk.domain.errors import ValidationError

RULES = """
mode = "round_robin"
sdrs = ["cem", "dana"]

[[rule]]
name = "DACH"
countries = ["DE", "at", "CH"]
sdrs = ["anna", "ben"]

[[rule]]
name = "Partners"
sources = ["Partner referral"]
sdrs = ["eva"]
"""


def test_routing_by_country_then_source_then_everyone() -> None:
    rules = parse_rules(RULES, "team.toml")
    assert rules.assigns
    assert rules.group_for("AT", "Webinar") == ("DACH", ("anna", "ben"))
    assert rules.group_for("US", "partner REFERRAL") == ("Partners", ("eva",))
    assert rules.group_for("DE", "Partner referral")[0] == "DACH"  # first match wins
    assert rules.group_for(None, None) == ("everyone", ("cem", "dana"))


def test_round_robin_turns() -> None:
    group = ("anna", "ben", "cem")
    assert next_in_turn(group, None) == "anna"
    assert next_in_turn(group, "anna") == "ben"
    assert next_in_turn(group, "cem") == "anna"
    assert next_in_turn(group, "someone who left") == "anna"


def test_the_default_is_the_pool() -> None:
    assert not load_rules().assigns


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('mode = "random"', "mode “random” is unknown"),
        ('[[rule]]\ncountries = ["DE"]\nsdrs = ["anna"]', "rule 1: field “name” is missing"),
        ('[[rule]]\nname = "X"\nsdrs = ["anna"]', "rule “X”: give “countries”, “sources”"),
        ('[[rule]]\nname = "X"\ncountries = ["DE"]', "rule “X”: field “sdrs” lists nobody"),
        ('[[rule]]\nname = "X"\ncountries = "DE"\nsdrs = ["a"]', "“countries” must be a list"),
        ('[[rule]]\nname = "X"\nregion = "EU"\nsdrs = ["a"]', "field “region” is not known"),
        ("mode = ", "not valid TOML"),
    ],
)
def test_broken_rules_name_the_rule_and_field(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_rules(text, "team.toml")
