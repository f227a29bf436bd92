"""The team database's refusals in the user's language: PostgreSQL refuses in English
(its triggers and grants); the user reads them in German under a German locale."""

from __future__ import annotations

import pytest

from sdrdesk.cli import main
from sdrdesk.domain.errors import PermissionDeniedError
from tests.db.conftest import TeamLogins, team  # noqa: F401 (the fixture)
from tests.factories import add_lead


@pytest.fixture
def german(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "de_DE.UTF-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.postgres_only
def test_the_team_database_refuses_in_german(
    german: None,
    team: TeamLogins,  # noqa: F811 (the fixture)
    capsys: pytest.CaptureFixture[str],
) -> None:
    from sdrdesk import i18n

    i18n.set_language()  # the system's: German
    lead = add_lead(team.owner, first_name="Ada")
    with pytest.raises(PermissionDeniedError) as refused:
        team.anna.sql("DELETE FROM lead_events WHERE lead_id = :lead", lead=lead)
    assert str(refused.value) == (
        "Ihre Datenbankrolle darf den Lead-Verlauf nicht ändern; nichts wurde geändert. "
        "Wenden Sie sich an die Person, die die Team-Datenbank betreut."
    )
    # The database's own refusal (a trigger), written again in German with its values.
    team.owner_sql(
        "UPDATE leads SET owner_id = :ben WHERE id = :lead", ben=team.ben.user.id, lead=lead
    )
    with pytest.raises(PermissionDeniedError) as refused:
        team.anna.sql("UPDATE leads SET do_not_call = true WHERE id = :lead", lead=lead)
    assert str(refused.value) == (
        "Ein SDR darf nur eigene und noch nicht übernommene Leads ändern; "
        f"Lead {lead} gehört einer Kollegin oder einem Kollegen. Nichts wurde geändert."
    )
    code, _, err = run(
        capsys, "--database-url", team.anna.url, "assign", str(lead), "--to", team.ben.name
    )
    assert code == 1
    assert err.startswith("sdrdesk: Fehler: ")


@pytest.mark.parametrize(
    ("sentence", "german"),
    [
        (
            "The database login x1 is not an active sdrdesk user, so it may not change "
            "anything (start sdrdesk once as x1).",
            "Die Datenbankanmeldung x1 ist kein aktiver sdrdesk-Benutzer",
        ),
        (
            "The database login x1 is in none of the groups sdrdesk_sdr, sdrdesk_manager and "
            "sdrdesk_marketing, so it may not use sdrdesk.",
            "Die Datenbankanmeldung x1 gehört keiner der Gruppen",
        ),
        (
            "The user anna is bound to the login a1, so the login b2 may not act as it.",
            "Der Benutzer anna ist an die Anmeldung a1 gebunden, daher darf die Anmeldung b2",
        ),
        (
            "Your login b2 may record calls only in its own name.",
            "Ihre Anmeldung b2 darf Anrufe nur im eigenen Namen erfassen.",
        ),
        (
            "An SDR may work only their own leads and unclaimed ones; lead 7 belongs to a "
            "colleague.",
            "Ein SDR darf nur eigene und noch nicht übernommene Leads bearbeiten; Lead 7",
        ),
        (
            "New leads start as MQLs; a status changes only with its event.",
            "Neue Leads beginnen als MQL",
        ),
        (
            "Only a manager may give a lead to someone else.",
            "Nur ein Manager darf einen Lead jemand anderem geben.",
        ),
        (
            "Only a manager may make someone else the owner of a lead.",
            "Nur ein Manager darf jemand anderen zum Besitzer eines Leads machen.",
        ),
        (
            "The personal data of lead 7 may change only in its erasure.",
            "Die personenbezogenen Daten von Lead 7 ändern sich nur durch ihre Löschung.",
        ),
        (
            "A lead's status changes only with its event in the history; lead 7 was set to "
            "sal without one.",
            "Lead 7 wurde ohne eines auf sal gesetzt.",
        ),
        (
            "The lead events history is append-only; only the erasure of a person may blank "
            "their data in it.",
            "Der Verlauf „Lead-Ereignisse“ wird nur fortgeschrieben",
        ),
        (
            "An import batch is history; only its own import fills it in.",
            "Ein Importlauf ist Verlauf",
        ),
        (
            "The call attempts are append-only history: nobody may delete them.",
            "Die Anrufversuche sind fortgeschriebener Verlauf: Niemand darf sie löschen.",
        ),
    ],
)
def test_every_refusal_of_the_team_database_has_its_german(sentence: str, german: str) -> None:
    from sdrdesk import i18n
    from sdrdesk.db.refusals import translate_refusal

    assert translate_refusal(sentence) == sentence  # English: as the database wrote it
    i18n.set_language("de")
    assert german in translate_refusal(sentence)
    assert translate_refusal("Something new.") == "Something new."
