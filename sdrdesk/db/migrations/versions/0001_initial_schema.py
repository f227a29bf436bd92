"""Initial schema: users, rejection reasons (seeded), import batches, leads, lead events.

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STATUSES = ("mql", "sal", "working", "rejected", "disqualified", "nurture", "sql")

# (code, label, requires_comment, stage, sort_order). Keys 1–9 in the reject dialog pick
# the first nine reject reasons, so "Other" is ninth. Teams edit the list in the store.
DEFAULT_REASONS = [
    ("not_icp", "Not our target customer (industry, size or region)", False, "reject", 10),
    ("wrong_persona", "Wrong person: no role in buying", False, "reject", 20),
    ("student_private", "Student, job seeker or private person", False, "reject", 30),
    ("competitor", "Competitor or vendor", False, "both", 40),
    ("existing_customer", "Existing customer: route to account management", False, "reject", 50),
    ("duplicate", "Duplicate of another lead", False, "both", 60),
    ("bad_contact", "Contact data invalid or fake", False, "both", 70),
    ("spam", "Spam or test entry", False, "reject", 80),
    ("other", "Other (explain in the comment)", True, "both", 90),
    ("no_budget", "No budget", False, "disqualify", 110),
    ("no_need", "No need or pain we solve", False, "disqualify", 120),
    ("no_authority", "No authority and no access to who decides", False, "disqualify", 130),
    ("no_timeline", "No project in the next 12 months", False, "disqualify", 140),
    ("chose_competitor", "Chose a competitor", False, "disqualify", 150),
    ("not_interested", "Not interested", False, "disqualify", 160),
    ("unresponsive", "Unresponsive after repeated attempts", False, "disqualify", 170),
]


def _enum(name: str, *values: str) -> sa.Enum:
    return sa.Enum(*values, name=name, native_enum=False, create_constraint=True, length=20)


def _utc() -> sa.DateTime:
    return sa.DateTime(timezone=True)


def _json() -> sa.types.TypeEngine[Any]:
    return sa.JSON().with_variant(postgresql.JSONB(astext_type=sa.Text()), "postgresql")


def upgrade() -> None:
    reasons = op.create_table(
        "rejection_reasons",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(50), nullable=False),
        sa.Column("label", sa.String(200), nullable=False),
        sa.Column("requires_comment", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("stage", _enum("reason_stage", "reject", "disqualify", "both"), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejection_reasons")),
        sa.UniqueConstraint("code", name=op.f("uq_rejection_reasons_code")),
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(64), nullable=False),
        sa.Column("display_name", sa.String(200), nullable=False),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("role", _enum("user_role", "sdr", "ae", "marketing", "manager"), nullable=False),
        sa.Column("time_zone", sa.String(64), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("created_at", _utc(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("name", name=op.f("uq_users_name")),
    )
    op.create_table(
        "import_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(500), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("imported_at", _utc(), nullable=False),
        sa.Column("imported_by_id", sa.Integer(), nullable=True),
        sa.Column("rows_total", sa.Integer(), nullable=False),
        sa.Column("rows_imported", sa.Integer(), nullable=False),
        sa.Column("rows_duplicate", sa.Integer(), nullable=False),
        sa.Column("rows_skipped", sa.Integer(), nullable=False),
        sa.Column("report", _json(), nullable=False),
        sa.ForeignKeyConstraint(
            ["imported_by_id"], ["users.id"], name=op.f("fk_import_batches_imported_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_import_batches")),
    )
    op.create_index(
        op.f("ix_import_batches_file_sha256"), "import_batches", ["file_sha256"], unique=False
    )
    op.create_table(
        "leads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("external_id", sa.String(100), nullable=True),
        sa.Column("first_name", sa.String(200), nullable=True),
        sa.Column("last_name", sa.String(200), nullable=True),
        sa.Column("email", sa.String(320), nullable=True),
        sa.Column("email_key", sa.String(320), nullable=True),
        sa.Column("email_valid", sa.Boolean(), nullable=False),
        sa.Column("phone_raw", sa.String(100), nullable=True),
        sa.Column("phone_e164", sa.String(20), nullable=True),
        sa.Column("phone_ext", sa.String(20), nullable=True),
        sa.Column(
            "phone_quality",
            _enum("phone_quality", "valid", "possible", "invalid", "missing"),
            nullable=False,
        ),
        sa.Column("company", sa.String(300), nullable=True),
        sa.Column("title", sa.String(300), nullable=True),
        sa.Column("company_size", sa.String(50), nullable=True),
        sa.Column("industry", sa.String(200), nullable=True),
        sa.Column("country", sa.String(2), nullable=True),
        sa.Column("time_zone", sa.String(64), nullable=True),
        sa.Column("source", sa.String(200), nullable=True),
        sa.Column("campaign", sa.String(300), nullable=True),
        sa.Column("score", sa.Integer(), nullable=True),
        sa.Column("handed_off_at", _utc(), nullable=False),
        sa.Column("status", _enum("lead_status", *STATUSES), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=True),
        sa.Column("assigned_at", _utc(), nullable=True),
        sa.Column("do_not_call", sa.Boolean(), nullable=False),
        sa.Column("do_not_call_reason", sa.String(200), nullable=True),
        sa.Column("attempt_count", sa.Integer(), nullable=False),
        sa.Column("last_attempt_at", _utc(), nullable=True),
        sa.Column("callback_due_at", _utc(), nullable=True),
        sa.Column("recontact_at", _utc(), nullable=True),
        sa.Column("grade", sa.String(1), nullable=True),
        sa.Column("extra", _json(), nullable=False),
        sa.Column("import_batch_id", sa.Integer(), nullable=True),
        sa.Column("created_at", _utc(), nullable=False),
        sa.Column("updated_at", _utc(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_batch_id"],
            ["import_batches.id"],
            name=op.f("fk_leads_import_batch_id_import_batches"),
        ),
        sa.ForeignKeyConstraint(["owner_id"], ["users.id"], name=op.f("fk_leads_owner_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leads")),
        sa.UniqueConstraint("email_key", name=op.f("uq_leads_email_key")),
    )
    op.create_index(op.f("ix_leads_callback_due_at"), "leads", ["callback_due_at"])
    op.create_index(op.f("ix_leads_phone_e164"), "leads", ["phone_e164"])
    op.create_index(
        "ix_leads_zone_queue",
        "leads",
        ["status", "time_zone", sa.text("score DESC"), "handed_off_at"],
    )
    op.create_index("ix_leads_status_handed_off", "leads", ["status", "handed_off_at"])
    op.create_index("ix_leads_owner_status", "leads", ["owner_id", "status"])
    _search_index()
    op.create_table(
        "lead_events",
        sa.Column(
            "id",
            sa.BigInteger().with_variant(sa.Integer(), "sqlite"),
            autoincrement=True,
            nullable=False,
        ),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("at", _utc(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("from_status", _enum("event_from_status", *STATUSES), nullable=True),
        sa.Column("to_status", _enum("event_to_status", *STATUSES), nullable=True),
        sa.Column("reason_code", sa.String(50), nullable=True),
        sa.Column("comment", sa.Text(), nullable=True),
        sa.Column("data", _json(), nullable=False),
        sa.ForeignKeyConstraint(
            ["actor_id"], ["users.id"], name=op.f("fk_lead_events_actor_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["leads.id"], name=op.f("fk_lead_events_lead_id_leads")
        ),
        sa.ForeignKeyConstraint(
            ["reason_code"],
            ["rejection_reasons.code"],
            name=op.f("fk_lead_events_reason_code_rejection_reasons"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lead_events")),
    )
    op.create_index("ix_lead_events_action_at", "lead_events", ["action", "at"])
    op.create_index("ix_lead_events_lead", "lead_events", ["lead_id", "id"])

    _append_only_triggers()
    op.bulk_insert(
        reasons,
        [
            {
                "code": code,
                "label": label,
                "requires_comment": needs_comment,
                "active": True,
                "stage": stage,
                "sort_order": order,
            }
            for code, label, needs_comment, stage, order in DEFAULT_REASONS
        ],
    )


def _search_index() -> None:
    """Word-prefix search over name, company and e-mail (see sdrdesk.db.search).

    SQLite: an FTS5 table over ``leads``; new leads are added in bulk by the intake path
    (a per-row trigger would triple the cost of an import), edits by the trigger below.
    PostgreSQL: a GIN index over the same words as a ``tsvector``.
    """
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE VIRTUAL TABLE lead_search USING fts5(first_name, last_name, company, email,"
            " content='leads', content_rowid='id', tokenize='unicode61 remove_diacritics 2')"
        )
        op.execute(
            "CREATE TRIGGER leads_search_update AFTER UPDATE OF first_name, last_name, company,"
            " email ON leads BEGIN"
            " INSERT INTO lead_search(lead_search, rowid, first_name, last_name, company, email)"
            " VALUES ('delete', old.id, old.first_name, old.last_name, old.company, old.email);"
            " INSERT INTO lead_search(rowid, first_name, last_name, company, email)"
            " VALUES (new.id, new.first_name, new.last_name, new.company, new.email); END"
        )
    else:
        op.execute(f"CREATE INDEX ix_leads_search ON leads USING gin ({PG_SEARCH_VECTOR})")


PG_SEARCH_VECTOR = (
    "to_tsvector('simple'::regconfig, coalesce(first_name, '') || ' ' || coalesce(last_name, '')"
    " || ' ' || coalesce(company, '') || ' ' || translate(coalesce(email, ''), '@.', '  '))"
)


def _append_only_triggers() -> None:
    """The event history can be appended to, never rewritten (also checked in the ORM)."""
    if op.get_bind().dialect.name == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER lead_events_no_{verb.lower()} BEFORE {verb} ON lead_events "
                "BEGIN SELECT RAISE(ABORT, 'lead_events is append-only'); END"
            )
    else:
        op.execute(
            "CREATE FUNCTION sdrdesk_append_only() RETURNS trigger LANGUAGE plpgsql AS "
            "$$ BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$"
        )
        op.execute(
            "CREATE TRIGGER lead_events_append_only BEFORE UPDATE OR DELETE ON lead_events "
            "FOR EACH ROW EXECUTE FUNCTION sdrdesk_append_only()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS leads_search_update")
        op.execute("DROP TABLE IF EXISTS lead_search")
    else:
        op.execute("DROP INDEX IF EXISTS ix_leads_search")
        op.execute("DROP TRIGGER IF EXISTS lead_events_append_only ON lead_events")
        op.execute("DROP FUNCTION IF EXISTS sdrdesk_append_only()")
    op.drop_table("lead_events")
    op.drop_table("leads")
    op.drop_table("import_batches")
    op.drop_table("users")
    op.drop_table("rejection_reasons")
