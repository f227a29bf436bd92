"""The dialogs in German: what a German-speaking SDR sees (titles, labels, Qt's own
standard buttons from qtbase_de, messages, dates and numbers), and English unchanged.

The language is installed as ``app.py`` does (``sdrdesk.gui.translation.install``) before
a dialog is made; every test hands English back afterwards."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QLabel, QPushButton
from pytestqt.qtbot import QtBot

from sdrdesk.domain.lifecycle import ReasonStage
from sdrdesk.domain.users import Role
from sdrdesk.gui import translation
from sdrdesk.gui.dialogs.call_workspace import CallWorkspace
from sdrdesk.gui.dialogs.demo_dialog import DemoDialog
from sdrdesk.gui.dialogs.digest_dialog import DigestDialog
from sdrdesk.gui.dialogs.erase_dialog import EraseDialog
from sdrdesk.gui.dialogs.identity_dialog import IdentityDialog
from sdrdesk.gui.dialogs.reject_dialog import RejectDialog
from sdrdesk.gui.dialogs.shortcuts_dialog import ShortcutsDialog
from sdrdesk.gui.dialogs.team_dialog import TeamDialog
from sdrdesk.services.calls import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos import DemoService
from sdrdesk.services.feedback import Digest
from sdrdesk.services.results import ReasonInfo, UserInfo
from tests.conftest import FakeClock
from tests.demo_helpers import accepted_lead, berlin, make_team
from tests.gui.conftest import WindowFactory, make_window, shown  # noqa: F401 (a fixture)
from tests.gui.preview_helpers import _enter, _open_preview

Std = QDialogButtonBox.StandardButton


@pytest.fixture
def german(qapp: QApplication) -> Iterator[None]:
    """German as ``LANGUAGE=de`` gives it: the catalog, qtbase_de and German formats."""
    assert translation.install(qapp, "de") == "de"
    yield
    translation.install(qapp, "en")


@pytest.fixture
def english(qapp: QApplication) -> None:
    assert translation.install(qapp, "en") == "en"


REASONS = [
    ReasonInfo("no_budget", "No budget", False, ReasonStage.BOTH, True, 1),
    ReasonInfo("other", "Other", True, ReasonStage.BOTH, True, 2),
]


def _buttons(box: QDialogButtonBox) -> set[str]:
    return {button.text().replace("&", "") for button in box.buttons()}


def _mnemonics(texts: list[str]) -> list[str]:
    """The accelerator letter of every text that has one (``&&`` is a literal ``&``, and
    ``&nbsp;`` in a rich text no accelerator)."""
    keys = []
    for text in texts:
        plain = re.sub(r"&#?\w+;", "", text.replace("&&", ""))
        if "&" in plain:
            keys.append(plain[plain.index("&") + 1].lower())
    return keys


def test_the_reject_dialog_in_german(qtbot: QtBot, german: None) -> None:
    dialog = RejectDialog(REASONS, "Eva Müller")
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert dialog.windowTitle() == "Lead ablehnen"
    assert shown(ui.rejectLeadLabel) == "Eva Müller ablehnen"
    assert ui.reasonLabel.text() == "&Warum geht dieser Lead zurück an das Marketing? (Tasten 1–9)"
    assert _buttons(ui.rejectButtons) == {"Ablehnen", "Abbrechen"}
    assert ui.commentLabel.text() == "&Kommentar für das Marketing (optional)"
    dialog.confirm()
    assert ui.rejectError.text() == "Wählen Sie einen Grund (Tasten 1–9)."
    dialog.select_reason("other")
    assert ui.commentLabel.text() == "&Kommentar für das Marketing (erforderlich)"
    dialog.confirm()
    assert ui.rejectError.text() == "„Other“ braucht einen Kommentar für das Marketing."
    assert ui.reasonList.item(1).text().endswith("(Kommentar erforderlich)")


def test_the_identity_dialog_in_german(qtbot: QtBot, german: None) -> None:
    dialog = IdentityDialog(name="anna", display_name="Anna Schmidt")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Wer arbeitet?"
    assert dialog.ui.identityIntro.text().startswith("sdrdesk hält fest, wer jeden Lead")
    labels = {label.text() for label in dialog.findChildren(QLabel)}
    assert {"&Benutzername", "&Vollständiger Name"} <= labels
    assert _buttons(dialog.ui.identityButtons) == {"OK", "Abbrechen"}  # qtbase_de's OK
    assert dialog.ui.identityName.placeholderText() == "z. B. anna"


def test_the_erase_dialog_in_german(qtbot: QtBot, german: None) -> None:
    dialog = EraseDialog("Eva Müller", "eva@example.de")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Personenbezogene Daten löschen"
    intro = shown(dialog.ui.eraseIntro)
    assert intro.startswith("Alles löschen, was über Eva Müller (eva@example.de) gespeichert ist?")
    assert "bei allen Leads mit dieser E-Mail-Adresse gelöscht" in intro
    assert "Das lässt sich nicht rückgängig machen." in intro
    assert _buttons(dialog.ui.eraseButtons) == {"Löschen", "Daten behalten"}
    dialog.confirm()
    assert dialog.ui.eraseError.text().startswith("Geben Sie den Grund für die Löschung an")
    dialog.ui.eraseReason.setText("Anfrage per E-Mail")
    dialog.confirm()
    assert dialog.confirm_button.text() == "Wird gelöscht …"


def test_the_shortcuts_and_digest_dialogs_in_german(qtbot: QtBot, german: None) -> None:
    shortcuts = ShortcutsDialog([("Lead annehmen", "A")])
    qtbot.addWidget(shortcuts)
    assert shortcuts.windowTitle() == "Tastenkürzel"
    table = shortcuts.ui.shortcutsTable
    headers = [table.horizontalHeaderItem(i).text() for i in range(table.columnCount())]
    assert headers == ["Aktion", "Tasten"]
    assert _buttons(shortcuts.ui.shortcutsButtons) == {"Schließen"}

    digest = Digest("Digest KW 11", "Text", "<p>Text</p>", ("marketing@example.de",))
    dialog = DigestDialog(digest, open_url=lambda _url: True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Digest KW 11"
    assert dialog.copy_button.text() == "&Kopieren"
    assert dialog.copy_button.toolTip() == "Als Text und HTML kopieren (Strg+C)"
    assert dialog.mail_button.text() == "Im &Mailprogramm öffnen"
    assert _buttons(dialog.ui.digestButtons) == {"Kopieren", "Im Mailprogramm öffnen", "Schließen"}


def test_the_team_dialog_in_german(qtbot: QtBot, german: None) -> None:
    dialog = TeamDialog()
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Team"
    assert dialog.ui.teamMessage.text() == "Das Team wird geladen …"
    people = [
        UserInfo(1, "anna", "Anna Schmidt", Role.SDR, time_zone="Europe/Berlin"),
        UserInfo(2, "ben", "Ben Okafor", Role.SDR, active=False),
        UserInfo(3, "maria", "Maria Manager", Role.MANAGER),
        UserInfo(4, "carla", "Carla Weiss", Role.AE),
    ]
    dialog.show_users(people, select="ben")
    assert dialog.summary() == "4 Personen, davon 1 inaktiv."
    view = dialog.ui.teamList
    header = view.headerItem()
    assert [header.text(i) for i in range(header.columnCount())] == [
        "Benutzer",
        "Vollständiger Name",
        "Rolle",
        "E-Mail",
        "Zeitzone",
        "Status",
    ]
    assert [view.topLevelItem(i).text(5) for i in range(4)] == [
        "Aktiv",
        "Inaktiv",
        "Aktiv",
        "Aktiv",
    ]
    dialog.deactivate()
    assert dialog.ui.teamMessage.text() == "Ben Okafor ist bereits inaktiv."
    buttons = [dialog.ui.teamSave, dialog.ui.teamDeactivate, dialog.ui.teamReactivate]
    assert [b.text() for b in buttons] == [
        "Änderungen sp&eichern",
        "&Deaktivieren …",
        "&Reaktivieren",
    ]
    # One accelerator a letter in the whole dialog (Qt's Close is "&Schließen" or plain).
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [b.text() for b in dialog.findChildren(QPushButton)]
    keys = _mnemonics(texts)
    assert len(keys) == len(set(keys)), keys


def test_the_demo_dialog_in_german(
    qtbot: QtBot, german: None, ctx: ServiceContext, clock: FakeClock
) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    dialog = DemoDialog(DemoService(ctx).plan(lead_id, team.sdr.id), "Europe/Berlin")
    qtbot.addWidget(dialog)
    ui = dialog.ui
    assert dialog.windowTitle() == "Demo buchen"
    assert shown(ui.demoLeadLabel) == "Demo für Grace Hopper · Cobalt Systems, Inc. buchen"
    assert ui.whenCaption.text() == "&Wann (Ihre Zeit, Europe/Berlin)"
    assert ui.aeList.item(0).text() == "Carla Weiss — 0 anstehende Demos · vorgeschlagen"
    assert _buttons(ui.demoButtons) == {"Demo buchen", "Abbrechen"}
    assert ui.durationBox.currentText() == "30 Min."
    dialog.set_start(berlin(2026, 3, 11, 16))
    # Wed 11 March 2026, 16:00 in Berlin is 11:00 in New York: German day and month names.
    assert (
        ui.leadTimeLabel.text() == "Zeit des Leads: Mi., 11. März, 11:00–11:30 (America/New_York)"
    )
    assert ui.demoDateTime.text().startswith("Mi., 11. März 2026")
    dialog.set_start(berlin(2026, 3, 9, 16))  # before the fake clock's today
    dialog.confirm()
    assert ui.errorLabel.text() == "Die Demo muss in der Zukunft beginnen."
    texts = [label.text() for label in dialog.findChildren(QLabel)]
    texts += [b.text() for b in dialog.findChildren(QPushButton)]
    keys = _mnemonics(texts)
    assert len(keys) == len(set(keys)), keys


def test_the_call_workspace_in_german(
    qtbot: QtBot, german: None, ctx: ServiceContext, clock: FakeClock
) -> None:
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr, phone="030 1234567", country="DE")
    workspace = CallWorkspace(CallService(ctx).start(lead_id), clock, open_url=lambda _u: True)
    qtbot.addWidget(workspace)
    ui = workspace.ui
    assert workspace.windowTitle() == "Anruf — Grace Hopper"
    # The fake clock's Tuesday, 14:30 UTC: 15:30 in Berlin.
    assert ui.callLocalTime.text() == (
        "Ortszeit: Di. 15:30 (Europe/Berlin) — gute Zeit für einen Anruf"
    )
    assert ui.callAttemptInfo.text() == "Anruf 1"
    assert shown(ui.previousCalls) == "Erster Anruf bei diesem Lead."
    assert ui.wrapUpBox.title() == "Ende des Anrufs"
    assert ui.saveButton.text() == "Anruf &speichern"
    assert ui.decisionDisqualify.text().startswith("Dis&qualifizieren")
    assert ui.scriptView.previousButton.text() == "◀ Vorheriger Abschnitt"
    assert "Beantworten Sie die offenen Fragen" in shown(ui.recommendationLabel)
    workspace.save()
    assert ui.workspaceMessage.text() == "Wählen Sie zuerst, wie der Anruf endete (Strg+1–9)."
    texts = [label.text() for label in workspace.findChildren(QLabel)]
    texts += [b.text() for b in workspace.findChildren(QPushButton)]
    texts += [ui.decisionLater.text(), ui.decisionDemo.text(), ui.decisionNurture.text()]
    keys = _mnemonics(texts)
    assert len(keys) == len(set(keys)), texts
    workspace.discard()
    workspace.discard()


def test_the_import_preview_and_report_in_german(
    qtbot: QtBot,
    german: None,
    make_window: WindowFactory,  # noqa: F811
    tmp_path: Path,
) -> None:
    rows = "".join(f"Lead{i},lead{i}@firma{i}.de\n" for i in range(1200))
    window, dialog = _open_preview(
        qtbot, make_window, tmp_path / "messe.csv", "Name,E-Mail\n" + rows + "Ben,\n"
    )
    assert dialog.windowTitle() == "messe.csv importieren"
    assert shown(dialog.ui.importAbout).startswith("messe.csv: 1.201 Zeilen (UTF-8, Komma).")
    assert dialog.ui.regionLabel.text() == "&Telefonnummern ohne Ländervorwahl stammen aus:"
    assert _buttons(dialog.ui.previewButtons) == {"Importieren", "Abbrechen"}
    assert dialog.combos[1].currentText() in {"E-Mail", "E-mail"}  # the domain's label
    qtbot.waitUntil(lambda: dialog.estimated is not None, timeout=20_000)
    estimate = dialog.ui.importEstimate.text()
    assert estimate.startswith("Würde 1.200 von 1.201 Zeilen importieren. 1 Zeile übersprungen.")
    report = _enter(qtbot, window, dialog)
    assert report.windowTitle() == "Importbericht"
    assert shown(report.ui.importHeadline) == "1.200 importiert, 0 Dubletten, 1 übersprungen"
    assert _buttons(report.ui.reportButtons) == {
        "Nicht importierte Zeilen speichern …",
        "Schließen",
    }
    target = tmp_path / "fehler.csv"
    report.save_not_imported(target)
    assert report.ui.importSaved.text() == (
        f"1 Zeile in {target} gespeichert, jeweils mit dem Grund, warum sie nicht importiert "
        "wurden."
    )


def test_english_stays_english(
    qtbot: QtBot, english: None, ctx: ServiceContext, clock: FakeClock
) -> None:
    dialog = RejectDialog(REASONS, "Eva Müller")
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Reject lead"
    assert _buttons(dialog.ui.rejectButtons) == {"Reject", "Cancel"}
    team_dialog = TeamDialog()
    qtbot.addWidget(team_dialog)
    team_dialog.show_users([UserInfo(1, "anna", "Anna Schmidt", Role.SDR)])
    assert team_dialog.summary() == "1 person."
    assert _buttons(team_dialog.ui.teamButtons) == {"Close"}
    team = make_team(ctx)
    lead_id = accepted_lead(ctx, team.sdr)
    demo = DemoDialog(DemoService(ctx).plan(lead_id, team.sdr.id), "Europe/Berlin")
    qtbot.addWidget(demo)
    demo.set_start(berlin(2026, 3, 11, 16))
    assert demo.windowTitle() == "Book a demo"
    assert demo.ui.leadTimeLabel.text() == (
        "Lead's time: Wed, Mar 11, 11:00\u202fAM–11:30\u202fAM (America/New_York)"
    )
    assert demo.ui.durationBox.currentText() == "30 min"
