"""What erasing and exporting a person return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class Erased:
    """One lead whose personal data was erased: the erasure's id, its event and when."""

    lead_id: int
    erasure_id: int
    event_id: int
    erased_at: datetime
    events_changed: int  # events whose comment or data held personal data


@dataclass(frozen=True)
class PersonExport:
    """Everything stored about a person, per lead, as JSON-ready data."""

    leads: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        return {"format": "sdrdesk person export 1", "leads": self.leads}
