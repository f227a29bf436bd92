"""PostgreSQL roles for a team, least privilege (``sdrdesk db grants``).

Three group roles; each person gets a login role that is a member of one of them:

- ``sdrdesk_sdr``: reads what SDRs work with, adds leads and history, changes the
  working columns of leads and their own records. Never DELETE or TRUNCATE; the event
  history is append-only (a trigger refuses UPDATE/DELETE for everyone).
- ``sdrdesk_manager``: what SDRs may, plus editing users and rejection reasons.
- ``sdrdesk_marketing``: read-only, for reports and the feedback export.

The schema itself (``sdrdesk db upgrade``) belongs to the database owner. The SQL is
idempotent: run it again after every upgrade so new tables get their grants.
"""

from __future__ import annotations

from sqlalchemy import MetaData

SDR = "sdrdesk_sdr"
MANAGER = "sdrdesk_manager"
MARKETING = "sdrdesk_marketing"
GROUPS = (SDR, MANAGER, MARKETING)

# Columns of leads that working a lead changes (contact data and marketing's fields stay
# as handed off).
LEAD_WORK_COLUMNS = (
    "status",
    "owner_id",
    "assigned_at",
    "do_not_call",
    "do_not_call_reason",
    "attempt_count",
    "last_attempt_at",
    "callback_due_at",
    "recontact_at",
    "grade",
    "updated_at",
    "version",
)
APPEND_ONLY = ("lead_events", "import_batches")


def grant_statements(metadata: MetaData, database: str) -> list[str]:
    """The statements, one per item, without their final semicolons."""
    from sdrdesk.db.models import load_all

    load_all()
    tables = sorted(metadata.tables)
    groups = ", ".join(GROUPS)
    workers = f"{SDR}, {MANAGER}"
    lines = [
        *(
            f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; "
            "EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            for role in GROUPS
        ),
        f'GRANT CONNECT ON DATABASE "{database}" TO {groups}',
        f"GRANT USAGE ON SCHEMA public TO {groups}",
        f"REVOKE CREATE ON SCHEMA public FROM {groups}",
        f"GRANT SELECT ON alembic_version, {', '.join(tables)} TO {groups}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {workers}",
    ]
    for table in tables:
        if table == "leads":
            columns = ", ".join(LEAD_WORK_COLUMNS)
            lines.append(f"GRANT INSERT, UPDATE ({columns}) ON leads TO {workers}")
        elif table in APPEND_ONLY:
            lines.append(f"GRANT INSERT ON {table} TO {workers}")
        elif table == "users":
            lines.append(f"GRANT INSERT ON users TO {workers}")  # first start adds oneself
            lines.append(f"GRANT UPDATE ON users TO {MANAGER}")
        elif table == "rejection_reasons":
            lines.append(f"GRANT INSERT, UPDATE ON rejection_reasons TO {MANAGER}")
        else:  # a feature's own records (calls, demos, …): written, never deleted
            lines.append(f"GRANT INSERT, UPDATE ON {table} TO {workers}")
    return lines


def grants_sql(metadata: MetaData, database: str) -> str:
    """The whole script, to read or to run with psql."""
    lines = [
        "-- sdrdesk team roles: run as the database owner after `sdrdesk db upgrade`.",
        *(statement + ";" for statement in grant_statements(metadata, database)),
        "",
        "-- Then one login per person, e.g.:",
        f"--   CREATE ROLE anna LOGIN PASSWORD '…' IN ROLE {SDR};",
        f"--   CREATE ROLE tom LOGIN PASSWORD '…' IN ROLE {MANAGER};",
        f"--   CREATE ROLE mara LOGIN PASSWORD '…' IN ROLE {MARKETING};",
    ]
    return "\n".join(lines) + "\n"
