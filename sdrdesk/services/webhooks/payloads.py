"""What each event tells: the JSON body of a webhook.

Every body is ``{"type", "id", "timestamp", "data": {"lead": {…}, …}}``: the event type,
its id (``evt_…``, the same for every endpoint), its time (ISO 8601, UTC) and the lead,
with its ``external_id`` from the source system when it has one. The text is JSON with
every control character escaped (a NUL in a comment is ``\\u0000``) and lone surrogates
replaced, so it is valid UTF-8 whatever was typed.
"""

from __future__ import annotations

import json
import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db.models import Lead, LeadEvent, RejectionReason, User
from sdrdesk.services.results import QualificationSummary

_LEAD_FIELDS = (
    "id",
    "external_id",
    "first_name",
    "last_name",
    "email",
    "phone_e164",
    "company",
    "title",
    "country",
    "source",
    "campaign",
    "status",
    "grade",
)


def body(event_type: str, at: datetime, data: dict[str, Any]) -> str:
    """The JSON text that is signed and sent."""
    document = {
        "type": event_type,
        "id": f"evt_{uuid.uuid4().hex}",
        "timestamp": at.isoformat(),
        "data": data,
    }
    return json.dumps(_clean(document), ensure_ascii=False, separators=(",", ":"))


def _clean(value: Any) -> Any:
    """Strings that UTF-8 can carry (a lone surrogate becomes U+FFFD)."""
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        return value
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def lead_data(s: Session, lead_id: int) -> dict[str, Any]:
    """The lead as the receiver gets it; read from the session's own copy when the action
    has loaded it (no query)."""
    lead = s.get(Lead, lead_id)
    if lead is None:
        return {"id": lead_id}
    data = {name: _plain(getattr(lead, name)) for name in _LEAD_FIELDS}
    data["phone"] = data.pop("phone_e164")
    data["owner"] = _user_name(s, lead.owner_id)
    return data


def _plain(value: Any) -> Any:
    return getattr(value, "value", value)


def _user_name(s: Session, user_id: int | None) -> str | None:
    if user_id is None:
        return None
    user = s.get(User, user_id)
    return user.name if user is not None else None


def event_data(
    s: Session,
    event_type: str,
    event: LeadEvent,
    qualification: QualificationSummary | None,
) -> dict[str, Any]:
    """The lead and what the event adds to it."""
    if event_type == "lead.erased":  # no personal data: the lead's id and when
        return {"lead": {"id": event.lead_id}, "erased_at": event.at.isoformat()}
    data: dict[str, Any] = {"lead": lead_data(s, event.lead_id)}
    actor = _user_name(s, event.actor_id)
    data["by"] = actor
    extra = event.data or {}
    if event_type in ("lead.rejected", "lead.disqualified"):
        label = s.scalar(
            select(RejectionReason.label).where(RejectionReason.code == event.reason_code)
        )
        data["reason"] = {"code": event.reason_code, "label": label}
        data["comment"] = event.comment
        data["sdr"] = actor
        data["source"] = data["lead"]["source"]
        data["campaign"] = data["lead"]["campaign"]
    elif event_type == "lead.nurture":
        data["recontact_at"] = extra.get("recontact_at")
    elif event_type == "lead.sql":
        data["demo"] = demo_data(s, extra.get("demo_id"))
        data["qualification"] = qualification_data(qualification)
    elif event_type in ("demo.moved", "demo.cancelled"):
        data["demo"] = demo_data(s, extra.get("demo_id"))
        if "previous_starts_at" in extra:
            data["previous_starts_at"] = extra["previous_starts_at"]
        if event_type == "demo.cancelled":
            data["reason"] = event.comment
    return data


def demo_data(s: Session, demo_id: Any) -> dict[str, Any] | None:
    from sdrdesk.db.models import Demo

    if demo_id is None:
        return None
    demo = s.get(Demo, int(demo_id))
    if demo is None:
        return None
    ae = s.get(User, demo.ae_id)
    return {
        "id": demo.id,
        "uid": demo.uid,
        "status": _plain(demo.status),
        "starts_at": demo.starts_at.isoformat(),
        "duration_minutes": demo.duration_minutes,
        "time_zone": demo.time_zone,
        "location": demo.location,
        "ae": {"name": ae.name, "display_name": ae.display_name, "email": ae.email}
        if ae is not None
        else None,
        "sequence": demo.sequence,
    }


def qualification_data(summary: QualificationSummary | None) -> dict[str, Any] | None:
    if summary is None:
        return None
    return {
        "grade": summary.grade,
        "scores": dict(summary.scores),
        "answers": [
            {"section": a.section, "question": a.question, "answer": a.answer}
            for a in summary.answers
        ],
        "notes": summary.notes,
        "recommendation": summary.recommendation,
        "complete": summary.complete,
    }
