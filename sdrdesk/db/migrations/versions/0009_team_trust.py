"""Team trust on PostgreSQL: the database decides who acts and guards the history.

Functions and triggers that hold whatever the client sends (``db.grants`` adds the
privileges; ``docs/architecture.md`` › Team trust explains the whole):

* ``sdrdesk_trusted()``: the session's login is a superuser or (a member of) the owner
  of the tables: set-up, the owner's imports, CI. Such a session acts as the user the
  client names; every other login acts as the user bound to it (``users.login``).
* ``sdrdesk_enrol(full_name)`` (SECURITY DEFINER, fixed search_path): the user bound to
  ``session_user``, bound or created on first use with the role of the login's group;
  NULL for a trusted session. Nobody but managers needs INSERT on users.
* Every "who did it" column (events' actor, a call's caller, a qualification's author,
  a demo's SDR, an import's importer, an erasure's manager) must be the session's own
  user: statement-level triggers over the inserted rows.
* Leads: an SDR changes only their own and unclaimed leads and never makes someone
  else the owner; new leads start as MQLs; a status never changes without an event of
  that lead with that status written by the same transaction (a deferred constraint
  trigger; "the same transaction" is ``xmin = pg_current_xact_id()::xid``); a lead's
  personal data changes only in its erasure.
* The history (events, import batches, erasures, call attempts, …) is never truncated
  or deleted, by anyone, the owner included; an import fills in its own batch row; the
  erasure contract: a transaction that inserted an ``erasures`` row for a lead may blank
  that lead's personal data in its events (comment, data), calls (notes, answers) and
  lead row. Nothing else changes the history.

Refusals are raised as ``insufficient_privilege`` (42501) with a message starting
``sdrdesk: `` followed by one sentence for the user (``db.engine`` shows it as is).

SQLite: nothing changes (one person's file; the services enforce the rules).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_PATH = "SET search_path = pg_catalog, public"
THIS_TRANSACTION = "xmin = pg_current_xact_id()::xid"
# The lead columns that hold the person; changed only by the lead's erasure.
PERSONAL = (
    "external_id, first_name, last_name, email, email_key, email_valid, phone_raw, "
    "phone_e164, phone_ext, phone_quality, company, title, extra"
)
# (table, column naming who did it, what the rows are, in the refusal)
ACTORS = (
    ("lead_events", "actor_id", "history"),
    ("call_attempts", "caller_id", "calls"),
    ("qualifications", "created_by_id", "qualifications"),
    ("demos", "sdr_id", "demos"),
    ("import_batches", "imported_by_id", "imports"),
    ("erasures", "erased_by_id", "erasures"),
)
HISTORY = ("lead_events", "import_batches", "erasures", "call_attempts")
# The tables of what is done to one lead (each row has its lead_id).
OWN_LEADS = ("lead_events", "call_attempts", "qualifications", "demos")
NO_TRUNCATE = (*HISTORY, "leads", "qualifications", "demos")


def _row(alias: str, columns: str) -> str:
    return ", ".join(f"{alias}.{c.strip()}" for c in columns.split(","))


FUNCTIONS = [
    f"""CREATE FUNCTION sdrdesk_refuse(message text) RETURNS void LANGUAGE plpgsql {_PATH}
    AS $$ BEGIN RAISE EXCEPTION USING ERRCODE = '42501', MESSAGE = 'sdrdesk: ' || message;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_trusted() RETURNS boolean LANGUAGE sql STABLE {_PATH} AS $$
    SELECT coalesce((SELECT rolsuper FROM pg_roles WHERE rolname = session_user), false)
        OR pg_has_role(session_user,
                       (SELECT relowner FROM pg_class WHERE oid = 'public.leads'::regclass),
                       'MEMBER') $$""",
    f"""CREATE FUNCTION sdrdesk_in_group(grp text) RETURNS boolean LANGUAGE sql STABLE {_PATH}
    AS $$ SELECT EXISTS (SELECT 1 FROM pg_roles
                         WHERE rolname = grp AND pg_has_role(session_user, oid, 'MEMBER')) $$""",
    f"""CREATE FUNCTION sdrdesk_me() RETURNS integer LANGUAGE plpgsql STABLE {_PATH} AS $$
    DECLARE me integer;
    BEGIN
      SELECT id INTO me FROM public.users WHERE login = session_user AND active;
      IF me IS NULL THEN
        PERFORM sdrdesk_refuse(format('The database login %s is not an active sdrdesk user, '
          'so it may not change anything (start sdrdesk once as %s).', session_user, session_user));
      END IF;
      RETURN me;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_enrol(full_name text DEFAULT NULL) RETURNS integer
    LANGUAGE plpgsql SECURITY DEFINER {_PATH} AS $$
    DECLARE found_id integer; found_login text; new_role text;
    BEGIN
      IF sdrdesk_trusted() THEN RETURN NULL; END IF;
      SELECT id INTO found_id FROM public.users WHERE login = session_user;
      IF found_id IS NOT NULL THEN RETURN found_id; END IF;
      new_role := CASE WHEN sdrdesk_in_group('sdrdesk_manager') THEN 'manager'
                       WHEN sdrdesk_in_group('sdrdesk_sdr') THEN 'sdr'
                       WHEN sdrdesk_in_group('sdrdesk_marketing') THEN 'marketing' END;
      IF new_role IS NULL THEN
        PERFORM sdrdesk_refuse(format('The database login %s is in none of the groups '
          'sdrdesk_sdr, sdrdesk_manager and sdrdesk_marketing, so it may not use sdrdesk.',
          session_user));
      END IF;
      SELECT id, login INTO found_id, found_login FROM public.users
        WHERE name = session_user FOR UPDATE;
      IF found_id IS NOT NULL THEN
        IF found_login IS NOT NULL THEN
          PERFORM sdrdesk_refuse(format('The user %s is bound to the login %s, so the login '
            '%s may not act as it.', session_user, found_login, session_user));
        END IF;
        UPDATE public.users SET login = session_user WHERE id = found_id;
        RETURN found_id;
      END IF;
      INSERT INTO public.users (name, display_name, role, active, created_at, login)
        VALUES (session_user, left(coalesce(nullif(btrim(full_name), ''), session_user), 200),
                new_role, true, now(), session_user)
        ON CONFLICT DO NOTHING RETURNING id INTO found_id;
      IF found_id IS NULL THEN  -- another client of the same login, at the same moment
        SELECT id INTO found_id FROM public.users WHERE login = session_user;
      END IF;
      RETURN found_id;
    END $$""",
    "REVOKE ALL ON FUNCTION sdrdesk_enrol(text) FROM PUBLIC",
    # Who did it: the inserted rows' actor column (TG_ARGV[0]) is the session's user.
    f"""CREATE FUNCTION sdrdesk_own_name() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
    DECLARE me integer; forged boolean;
    BEGIN
      IF sdrdesk_trusted() THEN RETURN NULL; END IF;
      me := sdrdesk_me();
      EXECUTE format('SELECT EXISTS (SELECT 1 FROM added WHERE %I IS DISTINCT FROM $1)',
                     TG_ARGV[0]) INTO forged USING me;
      IF forged THEN
        PERFORM sdrdesk_refuse(format('Your login %s may record %s only in its own name.',
                                      session_user, TG_ARGV[1]));
      END IF;
      RETURN NULL;
    END $$""",
    # An SDR works only their own leads and unclaimed ones: the rows they add or change
    # in a lead's history, calls, qualification and demos belong to such a lead.
    f"""CREATE FUNCTION sdrdesk_own_leads() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
    DECLARE lid integer;
    BEGIN
      IF sdrdesk_trusted() OR sdrdesk_in_group('sdrdesk_manager') THEN RETURN NULL; END IF;
      SELECT l.id INTO lid FROM touched r JOIN public.leads l ON l.id = r.lead_id
        WHERE l.owner_id IS NOT NULL AND l.owner_id <> sdrdesk_me() LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('An SDR may work only their own leads and unclaimed '
          'ones; lead %s belongs to a colleague.', lid));
      END IF;
      RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_leads_added() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
    DECLARE me integer;
    BEGIN
      IF sdrdesk_trusted() THEN RETURN NULL; END IF;
      me := sdrdesk_me();
      IF EXISTS (SELECT 1 FROM added WHERE status <> 'mql') THEN
        PERFORM sdrdesk_refuse('New leads start as MQLs; a status changes only with its event.');
      END IF;
      IF NOT sdrdesk_in_group('sdrdesk_manager')
         AND EXISTS (SELECT 1 FROM added WHERE owner_id IS NOT NULL AND owner_id <> me) THEN
        PERFORM sdrdesk_refuse('Only a manager may give a lead to someone else.');
      END IF;
      RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_leads_changed() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
    DECLARE me integer; lid integer;
    BEGIN
      IF sdrdesk_trusted() THEN RETURN NULL; END IF;
      me := sdrdesk_me();
      IF NOT sdrdesk_in_group('sdrdesk_manager') THEN
        SELECT id INTO lid FROM old_rows WHERE owner_id IS NOT NULL AND owner_id <> me LIMIT 1;
        IF lid IS NOT NULL THEN
          PERFORM sdrdesk_refuse(format('An SDR may change only their own leads and unclaimed '
            'ones; lead %s belongs to a colleague.', lid));
        END IF;
        IF EXISTS (SELECT 1 FROM new_rows WHERE owner_id IS NOT NULL AND owner_id <> me) THEN
          PERFORM sdrdesk_refuse('Only a manager may make someone else the owner of a lead.');
        END IF;
      END IF;
      SELECT n.id INTO lid FROM old_rows o JOIN new_rows n ON n.id = o.id
        WHERE ({_row("o", PERSONAL)}) IS DISTINCT FROM ({_row("n", PERSONAL)})
          AND NOT EXISTS (SELECT 1 FROM public.erasures e
                          WHERE e.lead_id = n.id AND e.{THIS_TRANSACTION})
        LIMIT 1;
      IF lid IS NOT NULL THEN
        PERFORM sdrdesk_refuse(format('The personal data of lead %s may change only in its '
          'erasure.', lid));
      END IF;
      RETURN NULL;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_status_has_event() RETURNS trigger LANGUAGE plpgsql {_PATH}
    AS $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM public.lead_events e WHERE e.lead_id = NEW.id
                     AND e.to_status = NEW.status AND e.{THIS_TRANSACTION}) THEN
        PERFORM sdrdesk_refuse(format('A lead''s status changes only with its event in the '
          'history; lead %s was set to %s without one.', NEW.id, NEW.status));
      END IF;
      RETURN NULL;
    END $$""",
    # The erasure path: only in the transaction that inserted the lead's erasures row,
    # only the personal columns (TG_ARGV: the columns an erasure may blank).
    f"""CREATE FUNCTION sdrdesk_erase_only() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
    DECLARE kept jsonb := to_jsonb(OLD); changed jsonb := to_jsonb(NEW); col text;
    BEGIN
      FOREACH col IN ARRAY TG_ARGV LOOP
        kept := kept - col; changed := changed - col;
      END LOOP;
      IF kept IS DISTINCT FROM changed OR NOT EXISTS (
          SELECT 1 FROM public.erasures e WHERE e.lead_id = OLD.lead_id AND e.{THIS_TRANSACTION})
      THEN
        PERFORM sdrdesk_refuse(format('The %s history is append-only; only the erasure of a '
          'person may blank their data in it.', replace(TG_TABLE_NAME, '_', ' ')));
      END IF;
      RETURN NEW;
    END $$""",
    f"""CREATE FUNCTION sdrdesk_batch_filled() RETURNS trigger LANGUAGE plpgsql {_PATH} AS $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM public.import_batches b
                     WHERE b.id = OLD.id AND b.{THIS_TRANSACTION})
         OR NEW.imported_by_id IS DISTINCT FROM OLD.imported_by_id THEN
        PERFORM sdrdesk_refuse('An import batch is history; only its own import fills it in.');
      END IF;
      RETURN NEW;
    END $$""",
    f"""CREATE OR REPLACE FUNCTION sdrdesk_append_only() RETURNS trigger LANGUAGE plpgsql {_PATH}
    AS $$ BEGIN
      PERFORM sdrdesk_refuse(format('The %s are append-only history: nobody may %s them.',
                                    replace(TG_TABLE_NAME, '_', ' '), lower(TG_OP)));
      RETURN NULL;
    END $$""",
]


def _triggers() -> list[str]:
    statements = ["DROP TRIGGER IF EXISTS lead_events_append_only ON lead_events"]
    for table, column, what in ACTORS:
        statements.append(
            f"CREATE TRIGGER {table}_own_name AFTER INSERT ON {table} REFERENCING NEW TABLE AS"
            f" added FOR EACH STATEMENT EXECUTE FUNCTION sdrdesk_own_name('{column}', '{what}')"
        )
    for table in OWN_LEADS:
        for verb in ("INSERT", "UPDATE"):
            statements.append(
                f"CREATE TRIGGER {table}_own_leads_{verb.lower()} AFTER {verb} ON {table} "
                "REFERENCING NEW TABLE AS touched FOR EACH STATEMENT "
                "EXECUTE FUNCTION sdrdesk_own_leads()"
            )
    for table in HISTORY:
        statements.append(
            f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION sdrdesk_append_only()"
        )
    for table in NO_TRUNCATE:
        statements.append(
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            "FOR EACH STATEMENT EXECUTE FUNCTION sdrdesk_append_only()"
        )
    return [
        *statements,
        "CREATE TRIGGER erasures_no_update BEFORE UPDATE ON erasures "
        "FOR EACH ROW EXECUTE FUNCTION sdrdesk_append_only()",
        "CREATE TRIGGER lead_events_erase_only BEFORE UPDATE ON lead_events "
        "FOR EACH ROW EXECUTE FUNCTION sdrdesk_erase_only('comment', 'data')",
        "CREATE TRIGGER call_attempts_erase_only BEFORE UPDATE ON call_attempts "
        "FOR EACH ROW EXECUTE FUNCTION sdrdesk_erase_only('notes', 'answers', 'answer_lines')",
        "CREATE TRIGGER import_batches_filled BEFORE UPDATE ON import_batches "
        "FOR EACH ROW EXECUTE FUNCTION sdrdesk_batch_filled()",
        "CREATE TRIGGER leads_added AFTER INSERT ON leads REFERENCING NEW TABLE AS added "
        "FOR EACH STATEMENT EXECUTE FUNCTION sdrdesk_leads_added()",
        "CREATE TRIGGER leads_changed AFTER UPDATE ON leads REFERENCING OLD TABLE AS old_rows "
        "NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION sdrdesk_leads_changed()",
        "CREATE CONSTRAINT TRIGGER leads_status_has_event AFTER UPDATE OF status ON leads "
        "DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "WHEN (OLD.status IS DISTINCT FROM NEW.status) "
        "EXECUTE FUNCTION sdrdesk_status_has_event()",
    ]


TRIGGERS = _triggers()


def _trigger_names() -> list[tuple[str, str]]:
    names = []
    for statement in TRIGGERS:
        words = statement.split()
        if words[0] == "CREATE":
            name = words[3] if words[1] == "CONSTRAINT" else words[2]
            names.append((name, words[words.index("ON") + 1]))
    return names


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for statement in FUNCTIONS + TRIGGERS:
        op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    for name, table in _trigger_names():
        op.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
    for function in (
        "sdrdesk_own_name()",
        "sdrdesk_own_leads()",
        "sdrdesk_leads_added()",
        "sdrdesk_leads_changed()",
        "sdrdesk_status_has_event()",
        "sdrdesk_erase_only()",
        "sdrdesk_batch_filled()",
        "sdrdesk_enrol(text)",
        "sdrdesk_me()",
        "sdrdesk_in_group(text)",
        "sdrdesk_trusted()",
    ):
        op.execute(f"DROP FUNCTION IF EXISTS {function}")
    op.execute(
        "CREATE OR REPLACE FUNCTION sdrdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
    )
    op.execute("DROP FUNCTION IF EXISTS sdrdesk_refuse(text)")
    op.execute(
        "CREATE TRIGGER lead_events_append_only BEFORE UPDATE OR DELETE ON lead_events "
        "FOR EACH ROW EXECUTE FUNCTION sdrdesk_append_only()"
    )
