"""``sdrdesk claim | accept | reject`` in a terminal and racing each other from several
processes, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sdrdesk.cli import main
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import LeadService
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users import UserService
from tests.factories import add_lead


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_claim_takes_the_most_urgent_lead_then_the_pool_is_empty(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    older = add_lead(ctx, first_name="Jana", last_name="Weber", company="Acme", minutes_ago=50)
    newer = add_lead(ctx, first_name="Tom", company="Beta", minutes_ago=5)
    code, out, _ = run(capsys, "claim", "--user", "anna", "--database-url", database_url)
    assert code == 0
    assert out.strip() == f"Claimed lead {older} (Jana Weber, Acme)."
    code, out, _ = run(capsys, "claim", "--json", "--user", "anna", "--database-url", database_url)
    assert code == 0
    done = json.loads(out)
    assert done["action"] == "claimed"
    assert done["lead"]["id"] == newer
    assert done["lead"]["owner"] == "anna"
    code, out, err = run(capsys, "claim", "--user", "anna", "--database-url", database_url)
    assert code == 1
    assert "The team pool is empty" in err


def test_claim_of_a_lead_a_colleague_took_names_them(
    ctx: ServiceContext,
    sdr: UserInfo,
    other_sdr: UserInfo,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    assert run(capsys, "claim", str(lead), "--user", "ben", "--database-url", database_url)[0] == 0
    code, out, err = run(
        capsys, "claim", str(lead), "--user", "anna", "--database-url", database_url
    )
    assert code == 1
    assert out == ""
    assert err.strip() == "sdrdesk: error: Ben Okafor has already claimed this lead."


def test_accept_makes_the_lead_yours_and_a_second_accept_is_refused(
    ctx: ServiceContext,
    sdr: UserInfo,
    other_sdr: UserInfo,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lead = add_lead(ctx, first_name="Jana", company="Acme")
    code, out, _ = run(
        capsys, "accept", str(lead), "--json", "--user", "anna", "--database-url", database_url
    )
    assert code == 0
    done = json.loads(out)
    assert (done["action"], done["lead"]["status"], done["lead"]["owner"]) == (
        "accept",
        "sal",
        "anna",
    )
    code, _, err = run(capsys, "accept", str(lead), "--user", "ben", "--database-url", database_url)
    assert code == 1
    # The sentence the window's loser reads: who won, and how.
    assert "Anna Schmidt accepted this lead at " in err
    assert "your change was not saved" in err
    detail = LeadService(ctx).get(lead)
    assert detail.summary.status is Status.SAL
    assert [e.action for e in detail.events].count("accept") == 1


def test_accept_with_a_stale_version_names_who_changed_the_lead(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    version = LeadService(ctx).get(lead).summary.version
    assert run(capsys, "claim", str(lead), "--user", "anna", "--database-url", database_url)[0] == 0
    code, _, err = run(
        capsys,
        "accept",
        str(lead),
        "--expect-version",
        str(version),
        "--user",
        "anna",
        "--database-url",
        database_url,
    )
    assert code == 1
    assert "Anna Schmidt claimed this lead" in err
    assert LeadService(ctx).get(lead).summary.status is Status.MQL


def test_reject_needs_a_known_reason_and_its_comment(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = add_lead(ctx, first_name="Jana", company="Acme")
    base = ("--user", "anna", "--database-url", database_url)
    code, _, err = run(capsys, "reject", str(lead), *base)
    assert code == 2
    assert "--reason" in err
    code, _, err = run(capsys, "reject", str(lead), "--reason", "nope", *base)
    assert code == 1
    assert "There is no reason “nope”; `sdrdesk reasons list` shows them." in err
    code, _, err = run(capsys, "reject", str(lead), "--reason", "other", *base)
    assert code == 1
    assert "comment" in err.lower()
    assert LeadService(ctx).get(lead).summary.status is Status.MQL
    code, out, _ = run(
        capsys, "reject", str(lead), "--reason", "other", "--comment", "Student project", *base
    )
    assert code == 0
    assert out.strip() == f"Rejected lead {lead} (Jana, Acme); it went back to marketing."
    detail = LeadService(ctx).get(lead)
    assert detail.summary.status is Status.REJECTED
    assert detail.events[-1].comment == "Student project"


def _racers(ctx: ServiceContext, names: list[str]) -> None:
    for name in names:
        UserService(ctx).add(name, Role.SDR)


def _race(argvs: list[list[str]]) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "sdrdesk", *argv],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for argv in argvs
    ]
    done = []
    for argv, proc in zip(argvs, procs, strict=True):
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(argv, proc.returncode, out, err))
    return done


def test_processes_racing_to_accept_one_lead_one_wins(
    ctx: ServiceContext, sdr: UserInfo, database_url: str
) -> None:
    names = ["anna", "carl", "dora", "emil"]
    _racers(ctx, names[1:])
    lead = add_lead(ctx, first_name="Jana")
    results = _race(
        [
            ["accept", str(lead), "--json", "--user", n, "--database-url", database_url]
            for n in names
        ]
    )
    winners = [r for r in results if r.returncode == 0]
    assert len(winners) == 1, [(r.returncode, r.stderr) for r in results]
    owner = json.loads(winners[0].stdout)["lead"]["owner"]
    # The loser is told who won, by the name people see (display name).
    shown = UserService(ctx).get(owner).display_name
    for loser in (r for r in results if r.returncode != 0):
        assert loser.returncode == 1
        assert loser.stdout == ""
        assert loser.stderr.startswith("sdrdesk: error: ")
        # Every loser, whenever it read the lead, reads the same sentence naming the winner.
        assert loser.stderr.startswith(f"sdrdesk: error: {shown} accepted this lead at ")
    assert len({r.stderr for r in results if r.returncode}) == 1
    detail = LeadService(ctx).get(lead)
    assert detail.summary.owner == owner
    assert [e.action for e in detail.events].count("accept") == 1


def test_processes_racing_to_claim_never_get_the_same_lead(
    ctx: ServiceContext, sdr: UserInfo, database_url: str
) -> None:
    names = ["anna", "carl", "dora", "emil"]
    _racers(ctx, names[1:])
    leads = {add_lead(ctx, first_name=f"L{i}") for i in range(2)}
    results = _race(
        [["claim", "--json", "--user", n, "--database-url", database_url] for n in names]
    )
    won = [json.loads(r.stdout)["lead"]["id"] for r in results if r.returncode == 0]
    assert sorted(won) == sorted(leads)
    lost = [r for r in results if r.returncode != 0]
    assert len(lost) == 2
    assert all(r.returncode == 1 and "pool is empty" in r.stderr for r in lost), lost


def test_note_and_touch_from_the_command_line(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = add_lead(ctx, first_name="Jana", company="Acme")
    base = ("--user", "anna", "--database-url", database_url)
    code, out, _ = run(capsys, "note", str(lead), "Prefers e-mail", *base)
    assert code == 0
    assert out.strip() == f"Added a note to lead {lead} (Jana, Acme)."
    code, _, err = run(capsys, "touch", str(lead), "--channel", "email", "--outcome", "sent", *base)
    assert code == 1
    assert err.strip() == "sdrdesk: error: Accept Jana first: only accepted leads are contacted."
    assert run(capsys, "accept", str(lead), *base)[0] == 0
    code, out, _ = run(
        capsys,
        "touch",
        str(lead),
        "--channel",
        "meeting",
        "--outcome",
        "held",
        "--note",
        "Met at the trade fair",
        "--json",
        *base,
    )
    assert code == 0
    done = json.loads(out)
    assert (done["action"], done["lead"]["attempt_count"], done["lead"]["status"]) == (
        "touch_logged",
        1,
        "working",
    )
    code, _, err = run(capsys, "touch", str(lead), "--channel", "fax", "--outcome", "sent", *base)
    assert code == 1
    assert "There is no channel “fax”" in err
    code, out, _ = run(capsys, "events", "--lead", str(lead), "--database-url", database_url)
    assert "Anna Schmidt added a note to this lead — Prefers e-mail" in out
    assert "Anna Schmidt logged a touch: Meeting, Held — Met at the trade fair" in out


def test_a_note_on_a_colleagues_lead_is_refused(
    ctx: ServiceContext,
    sdr: UserInfo,
    other_sdr: UserInfo,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    assert run(capsys, "claim", str(lead), "--user", "ben", "--database-url", database_url)[0] == 0
    code, out, err = run(
        capsys, "note", str(lead), "mine", "--user", "anna", "--database-url", database_url
    )
    assert (code, out) == (1, "")
    assert "Ben Okafor is working this lead" in err
    assert [e.action for e in LeadService(ctx).get(lead).events] == ["hand_off", "claimed"]


def test_edit_corrects_the_phone_and_prints_before_and_after(
    ctx: ServiceContext, sdr: UserInfo, database_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    lead = add_lead(ctx, first_name="Jana", company="Acme", phone="+49 30 1234567")
    base = ("--user", "anna", "--database-url", database_url)
    code, out, _ = run(
        capsys, "edit", str(lead), "--phone", "+49 30 1234568", "--title", "CFO", *base
    )
    assert code == 0
    assert out.splitlines() == [
        f"Corrected lead {lead} (Jana, Acme):",
        "  title: – → CFO",
        "  phone: +49301234567 → +49301234568",
    ]
    code, out, _ = run(capsys, "edit", str(lead), "--title", "", "--json", *base)
    assert code == 0
    done = json.loads(out)
    assert done["changes"] == {"title": {"before": "CFO", "after": None}}
    assert done["lead"]["phone_e164"] == "+49301234568"
    code, _, err = run(capsys, "edit", str(lead), *base)
    assert code == 2
    assert "say what to correct" in err
    code, _, err = run(capsys, "edit", str(lead), "--email", "jana@", *base)
    assert code == 1
    assert "is not a valid e-mail address" in err
    assert LeadService(ctx).get(lead).summary.email != "jana@"


def test_events_say_who_imported_a_lead_and_keep_marketings_hand_off_time(
    ctx: ServiceContext,
    sdr: UserInfo,
    database_url: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    source = tmp_path / "webinar.csv"
    source.write_text(
        "First name,Email,Phone,Country,Handed off at\n"
        "Jo,jo@firma-x.de,+49 30 5551234,DE,2026-03-01 09:30\n",
        encoding="utf-8",
    )
    code, _out, err = run(capsys, "import", str(source), "--user", "anna", "--database-url",
                          database_url)  # fmt: skip
    assert code == 0, err
    code, out, _ = run(capsys, "events", "--user", "anna", "--database-url", database_url)
    assert code == 0
    first, second = out.splitlines()[:2]
    assert first.endswith("Anna Schmidt imported this lead")
    assert "handed off" not in first
    assert second.strip().startswith("Handed off by marketing: ")
    assert "Mar 1, 2026" in second
    code, out, _ = run(capsys, "events", "--json", "--user", "anna", "--database-url",
                       database_url)  # fmt: skip
    [hand_off] = json.loads(out)
    assert hand_off["actor"] == "Anna Schmidt"
    assert hand_off["action"] == "hand_off"
    assert hand_off["handed_off_at"].startswith("2026-03-01")
    assert not hand_off["at"].startswith("2026-03-01")
