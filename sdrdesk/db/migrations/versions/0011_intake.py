"""The intake over HTTP: tokens per source (hashed) and the answers it gave.

- ``intake_tokens``: one row per token; only its SHA-256 is stored, with a hint (its
  first characters) to tell tokens apart; the source's Standard Webhooks secret, its
  thank-you URL, its payload mapping and its rate limit; revoked, never deleted.
- ``intake_answers``: the answer given per ``Idempotency-Key`` (and per source lead id),
  unique per token: a retried request gets the first answer and creates nothing.
- PostgreSQL: the login group ``sdrdesk_intake`` (``db.grants``) enrols as a marketing
  user, and may route the leads it hands off (give them to an SDR, accept them for one)
  in the same transaction, and no other lead: the team-trust functions of 0009 are
  replaced with ones that know the group.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-05
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from sdrdesk.db.types import UTCDateTime

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_MANAGER = "sdrdesk_in_group('sdrdesk_manager')"
_ROUTER = "(sdrdesk_in_group('sdrdesk_manager') OR sdrdesk_in_group('sdrdesk_intake'))"
_ENROL_MARKETING = "WHEN sdrdesk_in_group('sdrdesk_marketing') THEN 'marketing' END"
_ENROL_INTAKE = (
    "WHEN sdrdesk_in_group('sdrdesk_marketing') THEN 'marketing' "
    "WHEN sdrdesk_in_group('sdrdesk_intake') THEN 'marketing' END"
)
# The intake may change only the leads it handed off in this very transaction.
_INTAKE_ONLY_OWN = """
      IF sdrdesk_in_group('sdrdesk_intake') AND NOT sdrdesk_in_group('sdrdesk_manager') THEN
        SELECT o.id INTO lid FROM old_rows o WHERE NOT EXISTS (
          SELECT 1 FROM public.lead_events e WHERE e.lead_id = o.id AND e.action = 'hand_off'
            AND e.xmin = pg_current_xact_id()::xid) LIMIT 1;
        IF lid IS NOT NULL THEN
          PERFORM sdrdesk_refuse(format('The intake may route only the leads it hands off; '
            'lead %s was handed off before.', lid));
        END IF;
      END IF;
      SELECT n.id INTO lid FROM old_rows o"""
_CHANGED_ANCHOR = "\n      SELECT n.id INTO lid FROM old_rows o"
_REPLACED = (
    "sdrdesk_enrol(",
    "sdrdesk_own_leads()",
    "sdrdesk_leads_added()",
    "sdrdesk_leads_changed()",
)


def _trust_functions() -> list[str]:
    """0009's functions that this revision replaces, as 0009 wrote them."""
    trust = importlib.import_module("sdrdesk.db.migrations.versions.0009_team_trust")
    return [
        f.replace("CREATE FUNCTION", "CREATE OR REPLACE FUNCTION", 1)
        for f in trust.FUNCTIONS
        if any(f"CREATE FUNCTION {name}" in f for name in _REPLACED)
    ]


def _with_intake(function: str) -> str:
    function = function.replace(_ENROL_MARKETING, _ENROL_INTAKE)
    if "sdrdesk_leads_changed()" in function:
        function = function.replace(_CHANGED_ANCHOR, _INTAKE_ONLY_OWN, 1)
        return function.replace(f"IF NOT {_MANAGER} THEN", f"IF NOT {_ROUTER} THEN", 1)
    return function.replace(_MANAGER, _ROUTER)


def upgrade() -> None:
    op.create_table(
        "intake_tokens",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("hint", sa.String(16), nullable=False),
        sa.Column("signing_secret", sa.String(200), nullable=True),
        sa.Column("signed", sa.Boolean(), nullable=False),
        sa.Column("thank_you_url", sa.String(2000), nullable=True),
        sa.Column("mapping", sa.String(500), nullable=True),
        sa.Column("rate_per_minute", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("revoked_at", UTCDateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["created_by_id"], ["users.id"], name=op.f("fk_intake_tokens_created_by_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_tokens")),
        sa.UniqueConstraint("token_hash", name=op.f("uq_intake_tokens_token_hash")),
    )
    op.create_table(
        "intake_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_id", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(300), nullable=False),
        sa.Column("status", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["token_id"],
            ["intake_tokens.id"],
            name=op.f("fk_intake_answers_token_id_intake_tokens"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intake_answers")),
        sa.UniqueConstraint("token_id", "key", name=op.f("uq_intake_answers_token_id")),
    )
    if op.get_bind().dialect.name == "postgresql":
        for function in _trust_functions():
            op.execute(_with_intake(function))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for function in _trust_functions():
            op.execute(function)
    op.drop_table("intake_answers")
    op.drop_table("intake_tokens")
