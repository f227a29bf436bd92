"""PostgreSQL roles for a team, least privilege (``sdrdesk db grants``).

Three group roles; each person gets a login role that is a member of one of them:

- ``sdrdesk_sdr``: reads everything; adds leads (imports) with their hand-off events,
  claims and works leads (only the working columns, ``LEAD_WORK_COLUMNS``, and with a
  correction's event the contact data, ``LEAD_CORRECTABLE_COLUMNS``), logs calls
  and books demos, always in their own name. Never DELETE or TRUNCATE.
- ``sdrdesk_manager``: what SDRs may, plus users (not their logins), rejection reasons,
  assignment (making someone else a lead's owner), and the erasure of a person
  (the personal columns, allowed by migration 0009's triggers only in an erasure).
- ``sdrdesk_marketing``: read-only, for reports and the feedback export.
- ``sdrdesk_intake``: the login of ``sdrdesk intake serve``: reads leads, users, the
  history and its own tokens and answers; adds leads with their hand-off events and its
  answers, and routes the leads it hands off (migration 0011 holds it to those). Nobody
  else reads a token's hash or signing secret; managers add and revoke tokens.

Webhooks (migration 0012): only managers read or change ``WEBHOOK_TABLES`` (endpoints'
secrets, deliveries' state). An SDR's action writes its outbox rows through the
SECURITY DEFINER functions ``sdrdesk_webhook_emit``/``_withdraw`` (EXECUTE for SDRs and
managers), which accept only an event of the calling transaction.

The grants are half of it: migration 0009 adds the functions and triggers that decide
who acts (the user bound to ``session_user``) and guard the history; see
docs/architecture.md › Team trust. The schema belongs to the database owner. The SQL is
idempotent and starts from nothing (every table privilege of the groups is revoked
first): run it again after every upgrade. It records the schema revision it was applied
for, so ``sdrdesk db status`` can say when it is older than the schema.
"""

from __future__ import annotations

from sqlalchemy import Connection, MetaData, text

SDR = "sdrdesk_sdr"
MANAGER = "sdrdesk_manager"
MARKETING = "sdrdesk_marketing"
INTAKE = "sdrdesk_intake"
GROUPS = (SDR, MANAGER, MARKETING, INTAKE)
# What of a token everyone may read (never its hash or its signing secret).
TOKEN_PUBLIC_COLUMNS = (
    "id",
    "source",
    "hint",
    "signed",
    "thank_you_url",
    "mapping",
    "rate_per_minute",
    "created_at",
    "created_by_id",
    "revoked_at",
)
TOKEN_SECRET_TABLES = ("intake_tokens", "intake_answers")

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
# What a correction (with its ``lead_edited`` event, migration 0014) may change.
LEAD_CORRECTABLE_COLUMNS = (
    "first_name",
    "last_name",
    "email",
    "email_key",
    "email_valid",
    "phone_raw",
    "phone_e164",
    "phone_ext",
    "phone_quality",
    "company",
    "title",
    "country",
    "time_zone",
    "company_size",
    "industry",
    "product",  # migration 0017
)
# What an erasure blanks (only in the transaction that inserted its erasures row).
LEAD_PERSONAL_COLUMNS = (
    "external_id",
    "first_name",
    "last_name",
    "email",
    "email_key",
    "email_valid",
    "phone_raw",
    "phone_e164",
    "phone_ext",
    "phone_quality",
    "company",
    "title",
    "extra",
)
CALL_PERSONAL_COLUMNS = ("notes", "answers", "answer_lines")
EVENT_PERSONAL_COLUMNS = ("comment", "data")
READ_MODEL_TABLES = (
    "lead_facts",
    "decision_hours",
    "decision_parts",
    "touch_hours",
    "touch_parts",
    "grade_marks",
)
USER_COLUMNS = ("name", "display_name", "email", "role", "time_zone", "active")
BATCH_FILLED_COLUMNS = ("rows_total", "rows_imported", "rows_duplicate", "rows_skipped", "report")

# Managers only: endpoints (their signing secrets) and deliveries (their state).
WEBHOOK_TABLES = ("webhook_deliveries", "webhook_endpoints")
WEBHOOK_FUNCTIONS = (
    "sdrdesk_webhook_emit(text, text, integer, bigint, timestamptz, timestamptz)",
    "sdrdesk_webhook_withdraw(bigint)",
)

# The grants record the schema revision they were applied for here (a comment).
MARK_TABLE = "alembic_version"
_MARK = "sdrdesk grants for schema "


def _columns(columns: tuple[str, ...]) -> str:
    return ", ".join(columns)


def grant_statements(metadata: MetaData, database: str, revision: str | None) -> list[str]:
    """The statements, one per item, without their final semicolons."""
    from sdrdesk.db.models import load_all

    load_all()
    tables = sorted(set(metadata.tables) - set(WEBHOOK_TABLES))
    groups = ", ".join(GROUPS)
    workers = f"{SDR}, {MANAGER}"
    readable = [t for t in tables if t not in TOKEN_SECRET_TABLES]
    lines = [
        *(
            # Made once (by an owner with CREATEROLE, or by a superuser beforehand): an
            # owner without CREATEROLE can still apply the grants when the groups exist.
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{role}') THEN "
            f"CREATE ROLE {role} NOLOGIN; END IF; "
            "EXCEPTION WHEN duplicate_object THEN NULL; "
            "WHEN insufficient_privilege THEN RAISE insufficient_privilege USING MESSAGE = "
            f"'sdrdesk: creating the group role {role} needs CREATEROLE; a superuser runs "
            f"CREATE ROLE {role} NOLOGIN once (or gives this owner CREATEROLE), then "
            "db grants --apply again.'; END $$"
            for role in GROUPS
        ),
        f'GRANT CONNECT ON DATABASE "{database}" TO {groups}',
        f"GRANT USAGE ON SCHEMA public TO {groups}",
        f"REVOKE CREATE ON SCHEMA public FROM {groups}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {groups}",
        f"REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM {groups}",
        f"GRANT SELECT ON {MARK_TABLE}, {', '.join(readable)} TO {groups}",
        f"GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO {workers}, {INTAKE}",
        # Every login finds or creates its own user through this function only.
        "REVOKE ALL ON FUNCTION sdrdesk_enrol(text) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION sdrdesk_enrol(text) TO {groups}",
        f"GRANT SELECT, INSERT, UPDATE ON {', '.join(WEBHOOK_TABLES)} TO {MANAGER}",
        # An action asks whether any endpoint takes its event before it builds the body.
        f"GRANT SELECT (id, events, status) ON webhook_endpoints TO {SDR}",
        *(f"REVOKE ALL ON FUNCTION {f} FROM PUBLIC" for f in WEBHOOK_FUNCTIONS),
        *(f"GRANT EXECUTE ON FUNCTION {f} TO {workers}" for f in WEBHOOK_FUNCTIONS),
        # The reports' read model: recomputed from the history only (migration 0013).
        "REVOKE ALL ON FUNCTION sdrdesk_refresh_facts(integer[]) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION sdrdesk_refresh_facts(integer[]) TO {workers}, {INTAKE}",
        "REVOKE ALL ON FUNCTION sdrdesk_new_lead_facts(integer, integer) FROM PUBLIC",
        "GRANT EXECUTE ON FUNCTION sdrdesk_new_lead_facts(integer, integer)"
        f" TO {workers}, {INTAKE}",
        # ... and its hourly rollups (migration 0018).
        "REVOKE ALL ON FUNCTION sdrdesk_refresh_rollups(integer[]) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION sdrdesk_refresh_rollups(integer[]) TO {workers}, {INTAKE}",
        # ... and the grades' marks (migration 0020).
        "REVOKE ALL ON FUNCTION sdrdesk_refresh_grades(integer[]) FROM PUBLIC",
        f"GRANT EXECUTE ON FUNCTION sdrdesk_refresh_grades(integer[]) TO {workers}, {INTAKE}",
    ]
    for table in tables:
        lines.extend(_table_grants(table, workers))
    mark = f"{_MARK}{revision or 'none'}"
    lines.append(f"COMMENT ON TABLE {MARK_TABLE} IS '{mark}'")
    return lines


def _table_grants(table: str, workers: str) -> list[str]:
    if table == "leads":
        return [
            f"GRANT INSERT, UPDATE ({_columns(LEAD_WORK_COLUMNS)}) ON leads TO {workers}, {INTAKE}",
            f"GRANT UPDATE ({_columns(LEAD_CORRECTABLE_COLUMNS)}) ON leads TO {workers}",
            f"GRANT UPDATE ({_columns(LEAD_PERSONAL_COLUMNS)}) ON leads TO {MANAGER}",
        ]
    if table == "intake_tokens":
        return [
            f"GRANT SELECT ({_columns(TOKEN_PUBLIC_COLUMNS)}) ON intake_tokens "
            f"TO {SDR}, {MANAGER}, {MARKETING}",
            f"GRANT SELECT ON intake_tokens TO {INTAKE}",
            f"GRANT INSERT, UPDATE (revoked_at) ON intake_tokens TO {MANAGER}",
        ]
    if table == "intake_answers":
        return [f"GRANT SELECT, INSERT ON intake_answers TO {INTAKE}"]
    if table == "lead_events":
        return [
            f"GRANT INSERT ON lead_events TO {workers}, {INTAKE}",
            f"GRANT UPDATE ({_columns(EVENT_PERSONAL_COLUMNS)}) ON lead_events TO {MANAGER}",
        ]
    if table == "call_attempts":
        return [
            f"GRANT INSERT ON call_attempts TO {workers}",
            f"GRANT UPDATE ({_columns(CALL_PERSONAL_COLUMNS)}) ON call_attempts TO {MANAGER}",
        ]
    if table == "import_batches":
        return [
            f"GRANT INSERT, UPDATE ({_columns(BATCH_FILLED_COLUMNS)}) "
            f"ON import_batches TO {workers}"
        ]
    if table in READ_MODEL_TABLES:  # written by sdrdesk_refresh_facts/_rollups() only
        return []
    if table == "erasures":
        return [f"GRANT INSERT ON erasures TO {MANAGER}"]
    if table == "users":  # SDRs and marketing enrol themselves through sdrdesk_enrol()
        columns = _columns(USER_COLUMNS)
        return [f"GRANT INSERT ({columns}, created_at), UPDATE ({columns}) ON users TO {MANAGER}"]
    if table == "rejection_reasons":
        return [f"GRANT INSERT, UPDATE ON rejection_reasons TO {MANAGER}"]
    # a feature's own records (qualifications, demos, …): written, never deleted
    return [f"GRANT INSERT, UPDATE ON {table} TO {workers}"]


def grants_sql(metadata: MetaData, database: str, revision: str | None) -> str:
    """The whole script, to read or to run with psql."""
    lines = [
        "-- sdrdesk team roles: run as the database owner after `sdrdesk db upgrade`.",
        *(statement + ";" for statement in grant_statements(metadata, database, revision)),
        "",
        "-- Then one login per person, e.g.:",
        f"--   CREATE ROLE anna LOGIN PASSWORD '…' IN ROLE {SDR};",
        f"--   CREATE ROLE tom LOGIN PASSWORD '…' IN ROLE {MANAGER};",
        f"--   CREATE ROLE mara LOGIN PASSWORD '…' IN ROLE {MARKETING};",
        f"--   CREATE ROLE intake LOGIN PASSWORD '…' IN ROLE {INTAKE};  -- sdrdesk intake serve",
    ]
    return "\n".join(lines) + "\n"


def apply_grants(connection: Connection, metadata: MetaData, revision: str | None) -> None:
    """Run the statements in the caller's transaction (the owner's connection)."""
    for statement in grant_statements(metadata, connection.engine.url.database or "", revision):
        connection.execute(text(statement))


def grants_revision(connection: Connection) -> str | None:
    """The schema revision the grants were last applied for; None if never."""
    comment = connection.execute(
        text("SELECT obj_description(to_regclass(:t), 'pg_class')"), {"t": MARK_TABLE}
    ).scalar()
    if not comment or not str(comment).startswith(_MARK):
        return None
    return str(comment)[len(_MARK) :]
