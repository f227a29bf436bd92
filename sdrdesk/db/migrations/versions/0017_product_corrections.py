"""A lead's product on a team database changes only with its correction.

Migration 0015 added ``leads.product``; a correction (``lead_edited``,
``services.leads.corrections``) may change it, as it changes the contact data. The grants
(``db.grants``) give SDRs UPDATE on it (``LEAD_CORRECTABLE_COLUMNS``), and
``sdrdesk_leads_changed()`` now refuses a changed product unless the same transaction
wrote a ``lead_edited`` event of that lead (or the lead's erasure). A new lead brings its
product in its INSERT (imports, the intake), which this trigger does not look at.

SQLite: nothing changes (one person's file; the services enforce the rules).

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-05
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

from alembic import op

revision: str = "0017"
down_revision: str | None = "0016"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_0014 = importlib.import_module("sdrdesk.db.migrations.versions.0014_lead_corrections")
CORRECTABLE = f"{_0014.CORRECTABLE}, product"

LEADS_CHANGED = _0014._function(f"""
      SELECT n.id INTO lid FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE ({_0014._row("o", _0014.IMPORTED)}) IS DISTINCT FROM
              ({_0014._row("n", _0014.IMPORTED)})
          AND NOT {_0014._erased("n")}
        LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('The personal data of lead %s may change only in its '
          'erasure.', lid));
      END IF;
      SELECT n.id INTO lid FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE ({_0014._row("o", CORRECTABLE)}) IS DISTINCT FROM ({_0014._row("n", CORRECTABLE)})
          AND NOT {_0014._erased("n")} AND NOT {_0014._corrected("n")}
        LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('The contact data of lead %s changes only with its '
          'correction in the history, or in its erasure.', lid));
      END IF;""")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(LEADS_CHANGED)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(_0014.LEADS_CHANGED)
