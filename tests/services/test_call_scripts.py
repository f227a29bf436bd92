"""A team's own call script: used with its version kept, or a broken one falling back."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import select

from sdrdesk.db.models import Qualification
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.context import Rules, ServiceContext
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.services.call_helpers import TEAM_SCRIPT, call


def test_a_custom_script_is_used_and_its_version_kept(
    store: Any, clock: FakeClock, sdr: UserInfo, lead_id: int, tmp_path: Path
) -> None:
    script = tmp_path / "team.toml"
    script.write_text(TEAM_SCRIPT, encoding="utf-8")
    ctx = ServiceContext(store, Rules(default_region="DE", call_script_file=str(script)), clock)
    calls = CallService(ctx)
    setup = calls.start(lead_id)
    assert (setup.script.id, setup.script.version, setup.script_warning) == ("team", "7", None)
    result = call(calls, lead_id, sdr, answers={"pain": "yes", "seats": 40})
    assert (result.grade, result.complete) == ("A", True)
    # The team changes its script: the stored answers keep the old version.
    script.write_text(TEAM_SCRIPT.replace('version = "7"', 'version = "8"'), encoding="utf-8")
    setup = calls.start(lead_id)
    assert setup.script.version == "8"
    assert setup.answers == {"pain": "yes", "seats": 40}
    assert setup.continuing is not None
    call(calls, lead_id, sdr, answers=setup.answers)
    with ctx.store.read() as s:
        versions = [q.script_version for q in s.scalars(select(Qualification).order_by("id"))]
        assert versions == ["7", "8"]


def test_a_broken_team_script_falls_back_and_says_why(
    store: Any, clock: FakeClock, sdr: UserInfo, lead_id: int, tmp_path: Path
) -> None:
    script = tmp_path / "team.toml"
    script.write_text(TEAM_SCRIPT.replace('type = "number"', 'type = "numbr"'), encoding="utf-8")
    ctx = ServiceContext(store, Rules(default_region="DE", call_script_file=str(script)), clock)
    setup = CallService(ctx).start(lead_id)
    assert setup.script.id == "sdrdesk_bant"
    assert setup.script_warning is not None
    assert f"{script}, line 28:" in setup.script_warning
    assert "“numbr”" in setup.script_warning
    assert "default script" in setup.script_warning
