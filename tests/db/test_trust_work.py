"""On a team database each role does its own work as its own login, through the app;
and the app refuses a login that names another user (``--user``), naming both."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sdrdesk.cli import main
from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.domain.users import Role
from sdrdesk.services.calls.results import CallLog
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.demos import DemoRequest, demo_service
from sdrdesk.services.leads.claims import ClaimService
from sdrdesk.services.leads.triage import TriageService
from sdrdesk.services.reports import ReportFilter, ReportService
from sdrdesk.services.users.service import UserService
from tests.db.conftest import TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_login_cannot_act_as_another_user(
    team: TeamLogins, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = add_lead(team.owner, first_name="Ada")
    anna = team.anna.name
    code, out, err = run(
        capsys,
        "--database-url",
        team.anna.url,
        "--user",
        team.tom.name,
        "assign",
        str(lead),
        "--to",
        anna,
    )
    assert code == 1
    assert not out
    assert anna in err
    assert team.tom.name in err
    assert "cannot act as" in err
    code, out, err = run(
        capsys,
        "--database-url",
        team.anna.url,
        "--user",
        "new_boss",
        "users",
        "add",
        "new_boss",
        "--role",
        "manager",
    )
    assert code == 1
    assert "new_boss" in err
    assert anna in err
    assert team.owner_sql("SELECT count(*) FROM users WHERE name = 'new_boss'") == [(0,)]
    assert team.owner_sql("SELECT owner_id FROM leads WHERE id = :i", i=lead) == [(None,)]
    with pytest.raises(PermissionDeniedError, match="cannot act as"):
        UserService(team.mara.ctx).ensure(team.tom.name)


def test_without_the_user_option_a_login_is_its_own_user(
    team: TeamLogins, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _out, _ = run(capsys, "--database-url", team.tom.url, "users", "list")
    assert code == 0
    assert [u.role for u in (team.anna.user, team.tom.user, team.mara.user)] == [
        Role.SDR,
        Role.MANAGER,
        Role.MARKETING,
    ]
    assert team.owner_sql("SELECT login FROM users WHERE id = :i", i=team.anna.user.id) == [
        (team.anna.name,)
    ]


def test_an_sdr_claims_accepts_rejects_calls_and_books(team: TeamLogins) -> None:
    anna = team.anna
    ae = UserService(team.owner).add("carla", Role.AE, email="carla@sdrdesk.example")
    team.owner_sql("UPDATE users SET email = 'anna@sdrdesk.example' WHERE id = :i", i=anna.user.id)
    ids = [
        add_lead(
            team.owner,
            first_name=n,
            email=f"{n.lower()}@cobalt.example",
            phone="030 1234567",
            country="DE",
        )
        for n in ("Ada", "Bea", "Cem")
    ]
    me = anna.user.id
    claimed = ClaimService(anna.ctx).claim_next(actor_id=me)
    assert claimed is not None
    triage = TriageService(anna.ctx)
    accepted = triage.accept(claimed.lead_id, actor_id=me, expected_version=claimed.version)
    others = [i for i in ids if i != claimed.lead_id]
    triage.reject(others[0], actor_id=me, reason_code="not_icp")
    triage.accept(others[1], actor_id=me)
    calls = CallService(anna.ctx)
    setup = calls.start(accepted.lead_id)
    result = calls.log_attempt(
        CallLog(
            accepted.lead_id,
            setup.lead.version,
            setup.script,
            setup.started_at,
            120,
            "connected",
            notes="Wants a demo",
        ),
        actor_id=me,
    )
    starts = datetime.now(UTC).replace(microsecond=0) + timedelta(days=3)
    booked = demo_service(anna.ctx).book(
        accepted.lead_id,
        DemoRequest(ae_id=ae.id, starts_at=starts),
        actor_id=me,
        expected_version=result.version,
    )
    assert booked.demo.sdr.name == anna.name
    statuses = dict(team.owner_sql("SELECT id, status FROM leads"))
    assert statuses[accepted.lead_id] == "sql"
    assert statuses[others[0]] == "rejected"
    actors = team.owner_sql("SELECT DISTINCT actor_id FROM lead_events WHERE actor_id IS NOT NULL")
    assert actors == [(me,)]


def test_a_manager_imports_assigns_and_edits_users(
    team: TeamLogins, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    tom, anna = team.tom, team.anna
    csv = tmp_path / "leads.csv"
    csv.write_text(
        "First name,Last name,Email,Company\nAda,Lovelace,ada@analytical.example,Engines Ltd\n"
        "Bea,Berg,bea@berg.example,Berg AG\n",
        encoding="utf-8",
    )
    code, _, err = run(capsys, "--database-url", tom.url, "import", str(csv))
    assert code == 0, err
    batch = team.owner_sql("SELECT id, imported_by_id, rows_imported FROM import_batches")
    assert [(b[1], b[2]) for b in batch] == [(tom.user.id, 2)]
    hand_offs = team.owner_sql("SELECT actor_id FROM lead_events WHERE action = 'hand_off'")
    assert hand_offs == [(tom.user.id,), (tom.user.id,)]
    lead = team.owner_sql("SELECT min(id) FROM leads")[0][0]
    code, _, err = run(capsys, "--database-url", tom.url, "assign", str(lead), "--to", anna.name)
    assert code == 0, err
    assert team.owner_sql("SELECT owner_id FROM leads WHERE id = :i", i=lead) == [(anna.user.id,)]
    renamed = UserService(tom.ctx).rename(anna.user, "Anna Schmidt")
    assert renamed.display_name == "Anna Schmidt"
    tom.sql(
        "UPDATE users SET email = 'anna@sdrdesk.example', time_zone = 'Europe/Berlin'"
        " WHERE id = :i",
        i=anna.user.id,
    )
    code, _out, err = run(
        capsys, "--database-url", tom.url, "users", "add", "dora", "--role", "sdr"
    )
    assert code == 0, err
    with pytest.raises(PermissionDeniedError, match="may not change users"):
        tom.sql("UPDATE users SET login = :l WHERE name = 'dora'", l=anna.name)


def test_an_sdr_imports_in_their_own_name(
    team: TeamLogins, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    csv = tmp_path / "sdr.csv"
    csv.write_text("Name,Email\nCem Kaya,cem@kaya.example\n", encoding="utf-8")
    code, _, err = run(capsys, "--database-url", team.ben.url, "import", str(csv))
    assert code == 0, err
    assert team.owner_sql("SELECT imported_by_id FROM import_batches") == [(team.ben.user.id,)]
    with pytest.raises(PermissionDeniedError, match="import batch is history"):
        team.ben.sql("UPDATE import_batches SET rows_imported = 99")


def test_marketing_reads_the_reports_and_exports_feedback(
    team: TeamLogins, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    lead = add_lead(team.owner, first_name="Ada", source="Webinar")
    TriageService(team.anna.ctx).reject(lead, actor_id=team.anna.user.id, reason_code="not_icp")
    reports = ReportService(team.mara.ctx)
    now = datetime.now(UTC)
    rows = reports.rejections_by_reason(ReportFilter(now - timedelta(days=1), now))
    assert [(r.code, r.rejected) for r in rows] == [("not_icp", 1)]
    out_file = tmp_path / "feedback.csv"
    code, _, err = run(capsys, "--database-url", team.mara.url, "feedback", "-o", str(out_file))
    assert code == 0, err
    assert "not_icp" in out_file.read_text(encoding="utf-8-sig")


def test_an_sdrs_import_leaves_giving_out_to_a_manager(
    team: TeamLogins,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The team's round-robin rules after an SDR's import: the database lets only a
    manager make someone else the owner, so the import is kept and its leads wait in
    the pool, and the SDR is told so (not "nothing was changed")."""
    rules = tmp_path / "rules.toml"
    rules.write_text(
        f'mode = "round_robin"\nsdrs = ["{team.anna.name}", "{team.ben.name}"]\n',
        encoding="utf-8",
    )
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(
        '{"assignment_rules_file": "' + str(rules) + '"}', encoding="utf-8"
    )
    monkeypatch.setenv("SDRDESK_CONFIG_DIR", str(config))
    csv = tmp_path / "sdr.csv"
    csv.write_text("Name,Email\nCem Kaya,cem@kaya.example\nDe Ng,de@ng.example\n", "utf-8")
    code, out, err = run(capsys, "--database-url", team.ben.url, "import", str(csv))
    assert code == 0, err
    assert "Imported 2 of 2 rows" in out
    assert "wait in the team pool" in out
    assert "sdrdesk assign --auto" in out
    assert team.owner_sql("SELECT owner_id FROM leads") == [(None,), (None,)]
    code, out, err = run(capsys, "--database-url", team.tom.url, "assign", "--auto")
    assert code == 0, err
    assert "Gave out 2 leads." in out
