"""The services in German: what a German SDR reads (import report, conflicts, exports,
digest), and text that follows someone else's language (the invite follows the lead's,
the hand-over to the AE the SDR's). Real SQLite and PostgreSQL stores."""

from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar
from openpyxl import load_workbook

from sdrdesk import i18n
from sdrdesk.domain.errors import ConflictError
from sdrdesk.domain.users import Role
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.language import lead_language
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import demo_service
from sdrdesk.services.feedback.digest import build_digest
from sdrdesk.services.feedback.export import ExportFormat, summary_path, write_feedback
from sdrdesk.services.feedback.service import FeedbackService
from sdrdesk.services.leads.details import LeadService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reasons import ReasonService
from sdrdesk.services.reports import Kind, ReportService, period_from_dates, reason_table
from sdrdesk.services.reports.table import format_cell
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users.service import UserService
from tests.conftest import FakeClock
from tests.factories import add_lead
from tests.report_scenario import build
from tests.services.call_helpers import GOOD, call
from tests.services.import_helpers import run


@pytest.fixture
def german() -> None:
    i18n.set_language("de")


def _invite_text(ctx: ServiceContext, sdr: UserInfo, **lead: Any) -> str:
    """Book a demo for a new, qualified lead and return the invite's description."""
    lead_id = add_lead(ctx, first_name="Jana", last_name="Kühn", phone="030 1234567", **lead)
    TriageService(ctx).accept(lead_id, actor_id=sdr.id)
    call(CallService(ctx), lead_id, sdr, answers=GOOD, notes="Hochsaison im Mai.")
    ae = UserService(ctx).add("carla", Role.AE, display_name="Carla Weiss", email="carla@x.de")
    booked = demo_service(ctx).book(
        lead_id,
        DemoRequest(
            ae_id=ae.id,
            starts_at=ctx.now() + timedelta(days=2),
            organizer_email="anna@x.de",
            lead_email="jana@nordlicht.de",
            time_zone="Europe/Berlin",
        ),
        actor_id=sdr.id,
        expected_version=LeadService(ctx).get(lead_id).summary.version,
    )
    invite = demo_service(ctx).invite(booked.demo.id)
    event = next(iter(Calendar.from_ical(invite.data).walk("VEVENT")))
    return str(event["SUMMARY"]) + "\n" + str(event["DESCRIPTION"])


def test_the_import_report_reads_german(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path, german: None
) -> None:
    path = tmp_path / "messe.csv"
    path.write_text(
        "E-Mail;Telefon;Firma\n"
        "a@nordlicht.de;030 1234567;Nordlicht\n"
        "a@nordlicht.de;;Nordlicht\n"
        ";;niemand\n"
        "b@nordlicht.de;030 7654321;Nordlicht;zu viel\n",
        encoding="utf-8",
    )
    summary = run(ctx, sdr, path).summary()
    assert summary.startswith("1 von 4 Zeilen aus messe.csv importiert (UTF-8, Semikolon).")
    assert "1 Dublette, 2 Zeilen übersprungen." in summary
    assert "Dubletten (nicht importiert):\n  Zeile 3: gleiche E-Mail wie Zeile 2" in summary
    assert "Übersprungen:" in summary
    assert "Zeile 5: hat 4 Felder, die Kopfzeile aber 3" in summary
    assert "Imported" not in summary
    assert "line" not in summary


def test_a_lost_race_is_explained_in_german(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo, german: None
) -> None:
    lead_id = add_lead(ctx, first_name="Jana")
    version = LeadService(ctx).get(lead_id).summary.version
    TriageService(ctx).accept(lead_id, actor_id=other_sdr.id, expected_version=version)
    with pytest.raises(ConflictError) as caught:
        TriageService(ctx).accept(lead_id, actor_id=sdr.id, expected_version=version)
    message = str(caught.value)
    assert message.startswith("Ben Okafor hat diesen Lead angenommen (um ")
    assert "Ihre Änderung wurde nicht gespeichert und der Lead wurde neu geladen." in message


def test_a_german_leads_invite_is_german_while_the_window_is_english(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    assert i18n.current_language() == "en"
    text = _invite_text(ctx, sdr, country="AT")
    assert text.startswith("Demo: Jana Kühn mit Carla Weiss\n")
    assert "Demo für Jana Kühn mit Carla Weiss." in text
    # The clock is 10 March, 14:30 UTC: two days later in the lead's zone (Vienna).
    assert "Wann: Do., 12. März 2026, 15:30–16:00 (Europe/Vienna)" in text
    # The hand-over to the AE stays in the SDR's language: English here.
    assert "— Hand-over for the account executive —" in text
    assert "Grade: A" in text
    assert "Übergabe" not in text


def test_an_english_leads_invite_is_english_while_the_window_is_german(
    ctx: ServiceContext, sdr: UserInfo, german: None
) -> None:
    # A German company, but the file's language column says English.
    text = _invite_text(ctx, sdr, country="DE", extra={"Sprache": "English"})
    assert text.startswith("Demo: Jana Kühn with Carla Weiss\n")
    assert "Demo for Jana Kühn with Carla Weiss." in text
    assert "When: Thu, 12 Mar 2026, 15:30–16:00 (Europe/Berlin)" in text  # English in DE
    # The hand-over is in the SDR's language: German.
    assert "— Übergabe an den Account Executive —" in text
    assert "Einstufung: A" in text
    assert "Hand-over" not in text


def test_the_lead_language_comes_from_a_language_column_then_the_country() -> None:
    assert lead_language("CH", None) == "de"
    assert lead_language("US", {"Language": "de-CH"}) == "de"
    assert lead_language("DE", {"language": "fr"}) == "en"  # not shipped: English
    assert lead_language(None, {"Sprache": "Deutsch"}) == "de"
    assert lead_language("GB", {"notes": "spricht Deutsch"}) == "en"


def test_feedback_export_and_digest_in_german(
    ctx: ServiceContext,
    clock: FakeClock,
    sdr: UserInfo,
    other_sdr: UserInfo,
    tmp_path: Path,
    german: None,
) -> None:
    scenario = build(ctx, clock, sdr, other_sdr)
    feedback = FeedbackService(ctx).collect(scenario.period())

    target = tmp_path / "feedback.csv"
    write_feedback(feedback, target, ExportFormat.CSV)  # German: semicolons by default
    with target.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    assert list(rows[0])[:3] == ["Lead-ID", "Externe ID", "Name"]
    lead_8 = next(r for r in rows if r["Name"] == "Lead L8")
    assert lead_8["Entscheidung"] == "abgelehnt"
    assert lead_8["Grund"] == "Dublette eines anderen Leads"
    assert lead_8["Übergeben"].startswith("05.03.2026 ")
    with summary_path(target).open(encoding="utf-8-sig", newline="") as fh:
        summary = list(csv.DictReader(fh, delimiter=";"))
    assert [(s["Kampagne"], s["Ablehnungsquote"]) for s in summary] == [
        ("Brand", "0,5"),
        ("Spring", "0,6667"),
    ]

    book = tmp_path / "feedback.xlsx"
    write_feedback(feedback, book, ExportFormat.XLSX)
    workbook = load_workbook(book)
    assert workbook.sheetnames == ["Abgelehnte Leads", "Nach Kampagne"]
    sheet = workbook["Nach Kampagne"]
    header = [c.value for c in sheet[1]]
    rate = sheet.cell(row=2, column=header.index("Ablehnungsquote") + 1)
    assert rate.value == 0.5  # a real number …
    assert rate.number_format == "0.0%"  # … shown as a percentage

    digest = build_digest(feedback)
    assert digest.subject == "Lead-Feedback 02.03.2026 – 15.03.2026"
    overview = "5 Leads gesichtet, 3 abgelehnt (60\u00a0%), 1 nach Kontakt disqualifiziert."
    assert overview in digest.text
    assert "Spring (Webinar)\n  2 von 3 abgelehnt (67\u00a0%)" in digest.text
    assert "Nicht unser Zielkunde (Branche, Größe oder Region): 1" in digest.text


def test_the_digest_quotes_in_german_and_says_no_source_once(
    ctx: ServiceContext, sdr: UserInfo, german: None
) -> None:
    lead_id = add_lead(ctx, first_name="Lena", last_name="Ohnequelle")
    TriageService(ctx).reject(
        lead_id, actor_id=sdr.id, reason_code="other", comment="Hat nur eine Frage zum Preis"
    )
    today = ctx.now().date()
    digest = build_digest(FeedbackService(ctx).collect(period_from_dates(today, today)))
    assert "\n(keine Kampagne)\n  1 von 1 abgelehnt" in digest.text
    assert "„Hat nur eine Frage zum Preis“ (Sonstiges" in digest.text
    assert "„Hat nur eine Frage zum Preis“" in digest.html


def test_the_setup_reasons_read_german_and_a_teams_own_stays_as_written(
    ctx: ServiceContext, german: None
) -> None:
    ReasonService(ctx).add("wrong_timing", "Falscher Zeitpunkt")
    labels = {r.code: r.label for r in ReasonService(ctx).list_reasons()}
    assert labels["no_budget"] == "Kein Budget"
    assert labels["wrong_timing"] == "Falscher Zeitpunkt"


def test_reports_read_german(
    ctx: ServiceContext, clock: FakeClock, sdr: UserInfo, other_sdr: UserInfo, german: None
) -> None:
    scenario = build(ctx, clock, sdr, other_sdr)
    table = reason_table(ReportService(ctx).rejections_by_reason(scenario.period()))
    assert table.title == "Ablehnungen nach Grund"
    assert [c.label for c in table.columns] == ["Grund", "Abgelehnt", "Disqualifiziert",
                                                "Gesamt", "Anteil"]  # fmt: skip
    assert table.rows[0][0] == "Dublette eines anderen Leads"
    assert format_cell(table.rows[0][4], Kind.PERCENT) == "25,0\u00a0%"
    assert format_cell(1234, Kind.COUNT) == "1.234"
    assert format_cell(3 * 3600 * 24, Kind.HOURS) == "3,0 Tage"
