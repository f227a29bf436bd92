"""The SQLs with their qualification, as files, for teams without webhooks
(``sdrdesk leads --status sql --format csv|json|xlsx``).

The JSON holds per lead what ``lead.sql`` sends (the lead, its demo, the qualification);
CSV and XLSX hold the same flattened, one row per lead, with the cell safety of the
feedback export (``services.cells``): text a spreadsheet would run is made inert.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from sdrdesk.db import tables
from sdrdesk.db.models import LeadEvent
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.i18n import N_, _, list_separator
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.results import QualificationSummary
from sdrdesk.services.webhooks import payloads

FORMATS = ("csv", "json", "xlsx")
_HEADER = (
    N_("Lead ID"),
    N_("External ID"),
    N_("First name"),
    N_("Last name"),
    N_("E-mail"),
    N_("Phone"),
    N_("Company"),
    N_("Title"),
    N_("Country"),
    N_("Source"),
    N_("Campaign"),
    N_("SDR"),
    N_("SQL since"),
    N_("Demo at"),
    N_("AE"),
    N_("Grade"),
    N_("Scores"),
    N_("Answers"),
    N_("Call notes"),
)


@dataclass(frozen=True, slots=True)
class SqlHandoff:
    lead: dict[str, Any]
    sql_at: datetime | None
    demo: dict[str, Any] | None
    qualification: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "lead": self.lead,
            "sql_at": self.sql_at.isoformat() if self.sql_at else None,
            "demo": self.demo,
            "qualification": self.qualification,
        }


def sql_handoffs(
    ctx: ServiceContext,
    qualification: Callable[[int], QualificationSummary | None],
    product: str | None = None,
) -> list[SqlHandoff]:
    """Every SQL (of ``product`` if given) with its booked demo and the qualification the
    call feature hands over."""
    leads = tables.leads
    query = select(leads.c.id).where(leads.c.status == Status.SQL).order_by(leads.c.id)
    if product is not None:
        query = query.where(leads.c.product == product)
    with ctx.store.read() as s:
        ids = list(s.scalars(query))
        found = []
        for lead_id in ids:
            event = s.scalars(
                select(LeadEvent)
                .where(LeadEvent.lead_id == lead_id, LeadEvent.action == "book_demo")
                .order_by(LeadEvent.id.desc())
                .limit(1)
            ).first()
            demo = payloads.demo_data(s, (event.data or {}).get("demo_id")) if event else None
            found.append((payloads.lead_data(s, lead_id), event.at if event else None, demo))
    return [
        SqlHandoff(lead, at, demo, payloads.qualification_data(qualification(lead["id"])))
        for lead, at, demo in found
    ]


def _row(item: SqlHandoff) -> list[Any]:
    lead, demo, q = item.lead, item.demo or {}, item.qualification or {}
    ae = (demo.get("ae") or {}).get("display_name") or (demo.get("ae") or {}).get("name")
    scores = "; ".join(f"{k}: {v:g}" for k, v in sorted((q.get("scores") or {}).items()))
    answers = "\n".join(
        f"{a['section']} — {a['question']}: {a['answer']}" for a in q.get("answers") or ()
    )
    starts = demo.get("starts_at")
    return [
        lead["id"], lead["external_id"], lead["first_name"], lead["last_name"], lead["email"],
        lead["phone"], lead["company"], lead["title"], lead["country"], lead["source"],
        lead["campaign"], lead["owner"], _local(item.sql_at),
        _local(datetime.fromisoformat(starts)) if starts else None, ae, q.get("grade"),
        scores, answers, q.get("notes"),
    ]  # fmt: skip


def _local(at: datetime | None) -> datetime | None:
    return at.astimezone().replace(tzinfo=None, microsecond=0) if at else None


def handoffs_json(items: list[SqlHandoff]) -> str:
    return json.dumps([i.as_json() for i in items], ensure_ascii=False, indent=2) + "\n"


def handoffs_csv(items: list[SqlHandoff], delimiter: str | None = None) -> str:
    """The SQLs as a CSV for people, as the feedback export writes one (``;`` and decimal
    commas in German, unless ``delimiter`` says otherwise)."""
    from sdrdesk.services.feedback.export import csv_text

    rows = [_row(item) for item in items]
    return csv_text([_(h) for h in _HEADER], rows, delimiter or list_separator())


def write_handoffs(items: list[SqlHandoff], path: Path, fmt: str) -> Path:
    try:
        if fmt == "xlsx":
            from sdrdesk.services.feedback.xlsx import write_workbook

            header = [_(h) for h in _HEADER]
            write_workbook(path, [(_("SQLs"), header, [_row(i) for i in items])])
        else:
            text = handoffs_json(items) if fmt == "json" else "\ufeff" + handoffs_csv(items)
            with path.open("w", encoding="utf-8", newline="") as fh:
                fh.write(text)
        return path
    except OSError as exc:
        raise ValidationError(
            _("Could not write {path}: {error}.").format(path=path, error=exc.strerror or exc)
        ) from exc
