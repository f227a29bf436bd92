"""The domain's sentences and the default data files' texts in German under German, in
English under English, switched without reloading anything; a team's own texts as written."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from sdrdesk import i18n
from sdrdesk.domain.call_outcomes import load_outcomes, parse_outcomes
from sdrdesk.domain.errors import IllegalTransitionError, ValidationError
from sdrdesk.domain.import_mapping import build_mapping, parse_mapping_text
from sdrdesk.domain.leads import LeadInput, clean_lead
from sdrdesk.domain.lifecycle import (
    Action,
    Status,
    describe_action,
    describe_event,
    plan_transition,
)
from sdrdesk.domain.script_file import load_script, parse_script
from sdrdesk.domain.urgency import UrgencyRules, format_wait

NOW = datetime(2026, 12, 4, 10, 0, tzinfo=UTC)


def test_the_history_reads_as_whole_sentences_in_each_language() -> None:
    assert describe_event(Action.ACCEPT, "Anna") == "Anna accepted this lead"
    assert describe_event("demo_rescheduled", "Ben") == "Ben moved the demo of this lead"
    assert describe_action(Action.BOOK_DEMO) == "booked a demo for"  # older callers
    i18n.set_language("de")
    assert describe_event(Action.ACCEPT, "Anna") == "Anna hat diesen Lead angenommen"
    assert describe_event(Action.BOOK_DEMO, "Anna") == "Anna hat eine Demo für diesen Lead gebucht"
    assert describe_event("something_new", "Anna") == "Anna: something new"


def test_a_refused_step_says_why_in_german() -> None:
    i18n.set_language("de")
    with pytest.raises(IllegalTransitionError) as refused:
        plan_transition(Status.SQL, Action.ACCEPT)
    assert str(refused.value) == (
        "Ein Lead mit Status „Demo gebucht (SQL)“ kann nicht angenommen werden."
    )
    with pytest.raises(ValidationError, match="Wählen Sie einen Grund, um diesen Lead abzulehnen"):
        plan_transition(Status.MQL, Action.REJECT)


def test_the_default_script_and_outcomes_follow_the_language_without_a_reload() -> None:
    script, outcomes = load_script(), load_outcomes()
    first = script.sections[0].questions[0]
    assert (script.sections[0].title, first.text) == (
        "Interest",
        "What made you look at us right now?",
    )
    i18n.set_language("de")
    assert script.sections[0].title == "Interesse"
    assert first.text == "Was hat Sie gerade jetzt auf uns aufmerksam gemacht?"
    assert first.choices[0].label == "Evaluiert gerade Lösungen"
    assert outcomes.get("connected").label == "Erreicht"
    assert outcomes.get("connected").help == "Sie haben mit dem Lead gesprochen."
    assert script.label == "Standardqualifizierung (BANT) (Version 2026.1)"
    yes_no = next(q for _s, q in script.questions() if q.type == "yes_no")
    assert [c.label for c in yes_no.choices] == ["Ja", "Nein"]
    i18n.set_language("en")
    assert outcomes.get("connected").label == "Connected"


def test_a_teams_own_texts_show_as_written_in_either_language() -> None:
    outcomes = parse_outcomes(
        '[[outcomes]]\ncode = "termin"\nlabel = "Termin vereinbart"\nconnected = true\n',
        "team.toml",
    )
    i18n.set_language("de")
    assert outcomes.get("termin").label == "Termin vereinbart"
    i18n.set_language("en")
    assert outcomes.get("termin").label == "Termin vereinbart"


def test_a_broken_script_is_explained_in_german() -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError, match="das Skript hat keine \\[\\[sections\\]\\]"):
        parse_script('id = "x"\nname = "X"\nversion = "1"\n', "team.toml")


def test_import_messages_and_notes_in_german() -> None:
    i18n.set_language("de")
    with pytest.raises(ValidationError, match="hat nicht die Form Überschrift=Feld"):
        parse_mapping_text("Mail")
    mapping = build_mapping(["Vorname", "Nachname", "Name", "E-Mail"])
    assert mapping.notes == (
        "Spalte „Name“ wird als Zusatzdaten behalten: Die Datei hat Spalten für Vor- und Nachname",
    ), mapping.notes
    with pytest.raises(ValidationError) as refused:
        clean_lead(LeadInput(email="nope", phone="n/a"), default_region="DE", now=NOW)
    assert str(refused.value) == (
        "nicht erreichbar: E-Mail „nope“ ist ungültig, Telefon „n/a“ ist keine Nummer"
    )


def test_the_wait_reads_in_german() -> None:
    rules = UrgencyRules(timedelta(minutes=60), 8, 18)
    assert format_wait(NOW - timedelta(minutes=20), NOW, rules) == "40 min left"
    i18n.set_language("de")
    assert format_wait(NOW - timedelta(minutes=20), NOW, rules) == "noch 40 Min."
    assert format_wait(NOW - timedelta(hours=4, minutes=5), NOW, rules) == (
        "seit 3 Std. 5 Min. überfällig"
    )
