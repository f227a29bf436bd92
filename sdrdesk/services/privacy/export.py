"""Everything stored about one lead, as JSON-ready data (DSGVO Art. 15): every column
of the lead (the kept import columns in ``extra``), the file it came in with, its whole
history, its calls, qualifications, demos and erasures, with the team members named."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from sdrdesk.db import tables
from sdrdesk.db.models import (
    CallAttempt,
    Demo,
    Erasure,
    ImportBatch,
    LeadEvent,
    Qualification,
)


def lead_export(s: Session, lead_id: int) -> dict[str, Any]:
    users = {u.id: u.name for u in s.execute(select(tables.users.c.id, tables.users.c.name))}
    lead = _rows(s, tables.leads, tables.leads.c.id == lead_id)[0]
    lead["owner"] = users.get(lead["owner_id"]) if lead["owner_id"] else None
    batch = lead.get("import_batch_id")
    batches = _table(ImportBatch)
    imported = (
        _rows(s, batches, batches.c.id == batch, only=("id", "file_name", "imported_at"))
        if batch
        else []
    )
    out: dict[str, Any] = {
        "lead": lead,
        "import": imported[0] if imported else None,
        "events": _of(s, LeadEvent, lead_id, users, "actor_id"),
        "calls": _of(s, CallAttempt, lead_id, users, "caller_id"),
        "qualifications": _of(s, Qualification, lead_id, users, "created_by_id"),
        "demos": _of(s, Demo, lead_id, users, "sdr_id", "ae_id"),
        "erasures": _of(s, Erasure, lead_id, users, "erased_by_id"),
    }
    return out


def _table(model: type[Any]) -> Table:
    return model.__table__  # type: ignore[no-any-return]


def _of(
    s: Session, model: type[Any], lead_id: int, users: dict[int, str], *user_columns: str
) -> list[dict[str, Any]]:
    table = _table(model)
    rows = _rows(s, table, table.c.lead_id == lead_id)
    for row in rows:
        for column in user_columns:
            row[column.removesuffix("_id")] = users.get(row[column]) if row[column] else None
    return rows


def _rows(
    s: Session, table: Table, where: Any, only: tuple[str, ...] | None = None
) -> list[dict[str, Any]]:
    columns = [table.c[c] for c in only] if only else list(table.c)
    query = select(*columns).where(where).order_by(table.c.id)
    return [{k: _plain(v) for k, v in row._mapping.items()} for row in s.execute(query)]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
