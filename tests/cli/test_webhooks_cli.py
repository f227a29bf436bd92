"""``sdrdesk webhooks …`` and ``sdrdesk leads --status sql --format …`` in a terminal."""

from __future__ import annotations

import csv
import io
import json
import logging
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sdrdesk.cli import main
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos.results import DemoRequest
from sdrdesk.services.demos.service import DemoService
from sdrdesk.services.results import UserInfo
from tests.demo_helpers import accepted_lead, berlin, make_team
from tests.services.call_helpers import GOOD, call
from tests.services.webhook_helpers import receiver
from tests.webhook_receiver import Receiver

__all__ = ["receiver"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_manager_adds_an_endpoint_and_sees_its_secret_once(
    database_url: str, manager: UserInfo, receiver: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--database-url", database_url, "--user", "maria")
    code, out, err = run(capsys, "webhooks", "add", "ftp://crm.example/x", "--events",
                         "lead.sql", *db)  # fmt: skip
    assert code == 1
    assert "not an http:// or https:// address" in err
    code, out, err = run(capsys, "webhooks", "add", receiver.url, "--events",
                         "lead.sql,lead.rejected", "--description", "CRM", *db)  # fmt: skip
    assert code == 0, err
    secret = out.strip().splitlines()[-1]
    assert secret.startswith("whsec_")
    receiver.secret = secret
    code, out, err = run(capsys, "webhooks", "list", *db)
    assert "lead.sql,lead.rejected" in out
    assert secret not in out
    code, out, err = run(capsys, "webhooks", "list", "--json", *db)
    (endpoint,) = json.loads(out)
    assert "secret" not in endpoint
    assert secret not in out
    code, out, err = run(capsys, "webhooks", "test", str(endpoint["id"]), *db)
    assert (code, out.strip()) == (0, "The ping was delivered (HTTP 204).")
    assert receiver.received[0].verified
    assert receiver.received[0].body["type"] == "ping"
    code, out, err = run(capsys, "webhooks", "log", "--json", *db)
    (ping,) = json.loads(out)
    assert (ping["status"], ping["response_status"]) == ("delivered", 204)
    assert secret not in out
    code, out, err = run(capsys, "webhooks", "log", "--failed", *db)
    assert out.strip() == "No deliveries."
    code, out, err = run(capsys, "webhooks", "retry", "99", *db)
    assert (code, err.strip()) == (1, "sdrdesk: error: There is no webhook delivery 99.")
    code, out, err = run(capsys, "webhooks", "remove", str(endpoint["id"]), *db)
    assert code == 0
    code, out, err = run(capsys, "webhooks", "list", *db)
    assert out.strip() == "No webhook endpoints."


def test_a_password_in_the_url_is_kept_secret_like_the_signing_secret(
    database_url: str, manager: UserInfo, receiver: Receiver,
    capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """``https://user:password@host/…`` (basic auth for the receiver): the password is
    sent, and appears as *** in the terminal, the JSON and the log, as the secret does."""
    caplog.set_level(logging.DEBUG)
    db = ("--database-url", database_url, "--user", "maria")
    url = receiver.url.replace("http://", "http://crm:s3cr3t-pw@")
    code, out, err = run(capsys, "webhooks", "add", url, "--events", "lead.sql", *db)
    assert code == 0, err
    secret = receiver.secret = out.strip().splitlines()[-1]
    assert "http://crm:***@127.0.0.1" in out
    code, out, err = run(capsys, "webhooks", "test", "1", *db)
    assert (code, out.strip()) == (0, "The ping was delivered (HTTP 204).")
    receiver.mode = "410"
    code, out, err = run(capsys, "webhooks", "test", "1", *db)
    seen = out + err
    for argv in (("list",), ("list", "--json"), ("log",), ("log", "--json")):
        code, out, err = run(capsys, "webhooks", *argv, *db)
        assert code == 0, err
        seen += out + err
    assert "crm:***@" in seen
    assert "disabled" in seen
    for text in (seen, caplog.text):
        assert "s3cr3t-pw" not in text
        assert secret not in text
        assert secret.removeprefix("whsec_") not in text


def test_an_sdr_may_not_add_an_endpoint(
    database_url: str, sdr: UserInfo, manager: UserInfo, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, err = run(capsys, "webhooks", "add", "https://crm.example/hooks", "--events",
                         "lead.sql", "--database-url", database_url, "--user", "anna")  # fmt: skip
    assert code == 1
    assert "Only a manager may manage webhooks" in err


def test_deliver_once_sends_what_is_due_and_returns(
    database_url: str, manager: UserInfo, receiver: Receiver, capsys: pytest.CaptureFixture[str]
) -> None:
    db = ("--database-url", database_url, "--user", "maria")
    _, out, _ = run(capsys, "webhooks", "add", receiver.url, "--events", "lead.sql", *db)
    receiver.secret = out.strip().splitlines()[-1]
    run(capsys, "webhooks", "test", "1", *db)
    receiver.mode = "500"
    run(capsys, "webhooks", "test", "1", *db)
    code, out, _ = run(capsys, "webhooks", "deliver", "--once", *db)
    assert (code, out.strip()) == (0, "0 delivered, 0 to retry, 0 failed.")
    code, out, _err = run(capsys, "webhooks", "log", "--failed", *db)
    assert "HTTP 500" in out
    assert "database on fire" in out


@pytest.fixture
def sqls(ctx: ServiceContext, database_url: str) -> str:
    team = make_team(ctx)
    lead = accepted_lead(ctx, team.sdr, external_id="SF-00Q1", company='=HYPERLINK("x")')
    request = DemoRequest(ae_id=team.david.id, starts_at=berlin(2026, 3, 11, 16),
                          duration_minutes=30, time_zone="Europe/Berlin")  # fmt: skip
    calls = CallService(ctx)
    call(calls, lead, team.sdr, answers=GOOD, notes="=cmd|' /C calc'!A0 wants the sync")
    DemoService(ctx, handover=calls.qualification_summary).book(lead, request, actor_id=team.sdr.id)
    accepted_lead(ctx, team.sdr, email="not-an-sql@example.com")
    return database_url


def test_sqls_export_with_their_qualification_in_every_format(
    sqls: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "leads", "--status", "sql", "--format", "csv",
                         "--database-url", sqls)  # fmt: skip
    assert code == 0, err
    (row,) = csv.DictReader(io.StringIO(out))
    assert (row["External ID"], row["Grade"], row["AE"]) == ("SF-00Q1", "A", "David Chen")
    assert row["Company"] == '\'=HYPERLINK("x")'  # made inert
    assert "Budget" in row["Answers"]
    assert "budget" in row["Scores"]
    assert row["Call notes"].endswith("(Connected): =cmd|' /C calc'!A0 wants the sync")
    code, out, err = run(capsys, "leads", "--status", "sql", "--format", "json",
                         "--database-url", sqls)  # fmt: skip
    (item,) = json.loads(out)
    assert item["qualification"]["grade"] == "A"
    assert "wants the sync" in item["qualification"]["notes"]
    assert item["demo"]["ae"]["name"] == "david"
    target = tmp_path / "sqls.xlsx"
    code, out, err = run(capsys, "leads", "--status", "sql", "--format", "xlsx", "-o",
                         str(target), "--database-url", sqls)  # fmt: skip
    assert (code, out.strip()) == (0, f"Wrote 1 SQL to {target}.")
    sheet = load_workbook(target).active
    header = [c.value for c in sheet[1]]
    company = sheet.cell(row=2, column=header.index("Company") + 1)
    assert (company.value, company.data_type, company.quotePrefix) == ('=HYPERLINK("x")', "s", True)
    code, out, err = run(capsys, "leads", "--status", "sal", "--format", "csv",
                         "--database-url", sqls)  # fmt: skip
    assert code == 2
    assert "add --status sql" in err


def test_the_sql_export_is_german_excel_friendly_under_a_german_locale(
    sqls: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Like the feedback export: semicolons, German dates, the header in German."""
    monkeypatch.setenv("LANG", "de_DE.UTF-8")
    code, out, err = run(capsys, "leads", "--status", "sql", "--format", "csv",
                         "--database-url", sqls)  # fmt: skip
    assert code == 0, err
    (row,) = csv.DictReader(io.StringIO(out), delimiter=";")
    assert (row["Externe ID"], row["Einstufung"], row["AE"]) == ("SF-00Q1", "A", "David Chen")
    assert row["Unternehmen"] == '\'=HYPERLINK("x")'  # made inert
    assert re.fullmatch(r"\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}", row["Demo am"]), row["Demo am"]
