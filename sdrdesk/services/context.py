"""What every service needs: the store, the rules configured by the team, a clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from sdrdesk.db.engine import Store
from sdrdesk.db.types import utcnow
from sdrdesk.domain.assignment import AssignmentRules, load_rules
from sdrdesk.domain.criteria import CriteriaSet, load_criteria

Clock = Callable[[], datetime]


@dataclass(frozen=True)
class Rules:
    """Settings that change what services compute (from ``sdrdesk.settings``)."""

    default_region: str = "US"
    speed_to_lead_minutes: int = 60
    calling_hours_start: int = 9
    calling_hours_end: int = 18
    undo_seconds: int = 10
    call_script_file: str | None = None  # the team's call script (default: the packaged one)


@dataclass(frozen=True)
class ServiceContext:
    store: Store
    rules: Rules = field(default_factory=Rules)
    clock: Clock = utcnow
    criteria: CriteriaSet = field(default_factory=load_criteria)
    assignment: AssignmentRules = field(default_factory=load_rules)

    def now(self) -> datetime:
        return self.clock()
