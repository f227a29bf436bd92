"""Corrections on a team database: a lead's contact data changes with its event.

Migration 0009 lets a lead's personal columns change only in its erasure. A correction
(``lead_edited``, ``services.leads.corrections``) changes the contact data an SDR can
get wrong: names, company, title, e-mail, phone. ``sdrdesk_leads_changed()`` now allows
those columns to change when the same transaction wrote a ``lead_edited`` event of that
lead (its actor is the session's own user: the ``lead_events_own_name`` trigger); the
import's own columns (``external_id``, ``extra``) still change only in an erasure. The
grants (``db.grants``) give SDRs UPDATE on the correctable columns. And only a manager
lifts do-not-call (``do_not_call`` from true to false, ``do_not_call_lifted``).

SQLite: nothing changes (one person's file; the services enforce the rules).

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PATH = "SET search_path = pg_catalog, public"
THIS_TRANSACTION = "xmin = pg_current_xact_id()::xid"
# Changed by a correction (with its event) or an erasure.
CORRECTABLE = (
    "first_name, last_name, email, email_key, email_valid, phone_raw, phone_e164, "
    "phone_ext, phone_quality, company, title"
)
# Changed only by an erasure.
IMPORTED = "external_id, extra"
# 0009's list, for the downgrade.
PERSONAL = f"{IMPORTED}, {CORRECTABLE}"


def _row(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


def _erased(alias: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM public.erasures e WHERE e.lead_id = {alias}.id "
        f"AND e.{THIS_TRANSACTION})"
    )


def _corrected(alias: str) -> str:
    return (
        f"EXISTS (SELECT 1 FROM public.lead_events v WHERE v.lead_id = {alias}.id "
        f"AND v.action = 'lead_edited' AND v.{THIS_TRANSACTION})"
    )


# 0011's rules for the intake's login kept: it may route (own) only the leads it hands
# off in this very transaction.
_OWNERS = """
      IF sdrdesk_in_group('sdrdesk_intake') AND NOT sdrdesk_in_group('sdrdesk_manager') THEN
        SELECT o.id INTO lid FROM old_rows o WHERE NOT EXISTS (
          SELECT 1 FROM public.lead_events e WHERE e.lead_id = o.id AND e.action = 'hand_off'
            AND e.xmin = pg_current_xact_id()::xid) LIMIT 1;
        IF lid IS NOT NULL THEN
          PERFORM sdrdesk_refuse(format('The intake may route only the leads it hands off; '
            'lead %s was handed off before.', lid));
        END IF;
      END IF;
      IF NOT (sdrdesk_in_group('sdrdesk_manager') OR sdrdesk_in_group('sdrdesk_intake')) THEN
        SELECT id INTO lid FROM old_rows WHERE owner_id IS NOT NULL AND owner_id <> me LIMIT 1;
        IF lid IS NOT NULL THEN
          PERFORM sdrdesk_refuse(format('An SDR may change only their own leads and unclaimed '
            'ones; lead %s belongs to a colleague.', lid));
        END IF;
        IF EXISTS (SELECT 1 FROM new_rows WHERE owner_id IS NOT NULL AND owner_id <> me) THEN
          PERFORM sdrdesk_refuse('Only a manager may make someone else the owner of a lead.');
        END IF;{lifted}
      END IF;"""


# Only a manager lets a do-not-call lead be dialled again (0014; not in 0009's function).
_LIFTED = """
        IF EXISTS (SELECT 1 FROM old_rows o JOIN new_rows n ON n.id = o.id
                   WHERE o.do_not_call AND NOT n.do_not_call) THEN
          PERFORM sdrdesk_refuse('Only a manager may lift do-not-call.');
        END IF;"""


def _function(body: str, lifted: str = _LIFTED) -> str:
    return f"""CREATE OR REPLACE FUNCTION sdrdesk_leads_changed() RETURNS trigger
    LANGUAGE plpgsql {_PATH} AS $$
    DECLARE me integer; lid integer;
    BEGIN
      IF sdrdesk_trusted() THEN RETURN NULL; END IF;
      me := sdrdesk_me();{_OWNERS.format(lifted=lifted)}
{body}
      RETURN NULL;
    END $$"""


LEADS_CHANGED = _function(f"""
      SELECT n.id INTO lid FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE ({_row("o", IMPORTED)}) IS DISTINCT FROM ({_row("n", IMPORTED)})
          AND NOT {_erased("n")}
        LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('The personal data of lead %s may change only in its '
          'erasure.', lid));
      END IF;
      SELECT n.id INTO lid FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE ({_row("o", CORRECTABLE)}) IS DISTINCT FROM ({_row("n", CORRECTABLE)})
          AND NOT {_erased("n")} AND NOT {_corrected("n")}
        LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('The contact data of lead %s changes only with its '
          'correction in the history, or in its erasure.', lid));
      END IF;""")

LEADS_CHANGED_0013 = _function(  # 0009's body, with 0011's intake rules
    f"""
      SELECT n.id INTO lid FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE ({_row("o", PERSONAL)}) IS DISTINCT FROM ({_row("n", PERSONAL)})
          AND NOT {_erased("n")}
        LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('The personal data of lead %s may change only in its '
          'erasure.', lid));
      END IF;""",
    lifted="",
)


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(LEADS_CHANGED)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute(LEADS_CHANGED_0013)
