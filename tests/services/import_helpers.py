"""Helpers of the import tests: a CSV on disk, an import run, the store's leads and counts."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from sdrdesk.db.models import ImportBatch, Lead, LeadEvent
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.imports import ImportReport, ImportService
from sdrdesk.services.results import UserInfo

Rows = list[list[str]]


def write_csv(
    tmp_path: Path,
    rows: Rows,
    *,
    name: str = "leads.csv",
    encoding: str = "utf-8",
    delimiter: str = ",",
) -> Path:
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    path = tmp_path / name
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def run(ctx: ServiceContext, sdr: UserInfo, path: Path, **options: Any) -> ImportReport:
    return ImportService(ctx).run(path, actor_id=sdr.id, **options)


def stored(ctx: ServiceContext) -> list[dict[str, Any]]:
    """Every lead in the store as column values, in id order."""
    with ctx.store.read() as s:
        return [
            {c.key: getattr(lead, c.key) for c in Lead.__table__.columns}
            for lead in s.scalars(select(Lead).order_by(Lead.id))
        ]


def by_email(ctx: ServiceContext) -> dict[str | None, dict[str, Any]]:
    return {lead["email"]: lead for lead in stored(ctx)}


def counts(ctx: ServiceContext) -> tuple[int, int, int]:
    """(leads, events, import batches) in the store."""
    with ctx.store.read() as s:
        return (
            s.scalar(select(func.count()).select_from(Lead)) or 0,
            s.scalar(select(func.count()).select_from(LeadEvent)) or 0,
            s.scalar(select(func.count()).select_from(ImportBatch)) or 0,
        )


def _many_rows(n: int) -> Rows:
    return [["Email", "Phone"]] + [[f"lead{i}@x.example", ""] for i in range(n)]
