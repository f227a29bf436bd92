"""The ``users`` and ``leads`` tables as SQLAlchemy Core ``Table`` objects.

The queue (the first thing the window shows) and the user lookup before it read these
with Core statements, so the window paints its first rows without importing the ORM
(about a quarter of the start-up time). ``db.models.core`` maps its ``User`` and
``Lead`` classes onto exactly these tables, so there is one definition of each.
"""

from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Index, Integer, String, Table, text

from sdrdesk.db.types import JSONDict, UTCDateTime, enum_column, metadata, utcnow
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.domain.users import Role

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(64), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False),
    Column("email", String(320)),
    Column("role", enum_column(Role, "user_role"), nullable=False, default=Role.SDR),
    Column("time_zone", String(64)),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    # On a team database: the PostgreSQL login this user is (``session_user``). Whoever
    # connects as that login acts as this user, and as no other (migration 0008).
    Column("login", String(63)),
    Index("uq_users_login", "login", unique=True),
)

leads = Table(
    "leads",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("external_id", String(100)),
    Column("first_name", String(200)),
    Column("last_name", String(200)),
    Column("email", String(320)),
    # Case-folded e-mail: the identity used to find duplicates. Unique when present.
    Column("email_key", String(320), unique=True),
    Column("email_valid", Boolean, nullable=False, default=False),
    Column("phone_raw", String(100)),
    Column("phone_e164", String(20), index=True),
    Column("phone_ext", String(20)),
    Column(
        "phone_quality",
        enum_column(PhoneQuality, "phone_quality"),
        nullable=False,
        default=PhoneQuality.MISSING,
    ),
    Column("company", String(300)),
    Column("title", String(300)),
    Column("company_size", String(50)),
    Column("industry", String(200)),
    Column("country", String(2)),
    Column("time_zone", String(64)),
    Column("source", String(200)),
    Column("campaign", String(300)),
    # What the lead is interested in (issue 22): from a column, an intake field or the
    # campaign's mapping; picks the SAL definition and call script (None: the default).
    Column("product", String(120)),
    Column("score", Integer),
    Column("handed_off_at", UTCDateTime(), nullable=False),
    Column("status", enum_column(Status, "lead_status"), nullable=False),
    Column("owner_id", ForeignKey("users.id")),
    Column("assigned_at", UTCDateTime()),
    Column("do_not_call", Boolean, nullable=False, default=False),
    Column("do_not_call_reason", String(200)),
    Column("attempt_count", Integer, nullable=False, default=0),
    Column("last_attempt_at", UTCDateTime()),
    Column("callback_due_at", UTCDateTime(), index=True),
    Column("recontact_at", UTCDateTime()),
    Column("grade", String(1)),
    # Everything an import brought that has no column of its own (form answers, notes,
    # other CRMs' fields), so nothing a file contained is lost.
    Column("extra", JSONDict, nullable=False, default=dict),
    Column("import_batch_id", ForeignKey("import_batches.id")),
    Column("created_at", UTCDateTime(), nullable=False, default=utcnow),
    Column("updated_at", UTCDateTime(), nullable=False, default=utcnow, onupdate=utcnow),
    Column("version", Integer, nullable=False),
    Index("ix_leads_status_handed_off", "status", "handed_off_at"),
    Index("ix_leads_owner_status", "owner_id", "status"),
)

# The queue walks leads per time zone, highest score first (see services/queue).
Index(
    "ix_leads_zone_queue",
    leads.c.status,
    leads.c.time_zone,
    leads.c.score.desc(),
    leads.c.handed_off_at,
)
# My day (services/myday): an SDR's own leads by status and callback, and by status,
# attempts and hand-off; leads nobody owns are left out (migration 0016).
Index(
    "ix_leads_owner_callback",
    leads.c.owner_id,
    leads.c.status,
    leads.c.callback_due_at,
    leads.c.id,
    sqlite_where=text("owner_id IS NOT NULL"),
    postgresql_where=text("owner_id IS NOT NULL"),
)
Index(
    "ix_leads_owner_untouched",
    leads.c.owner_id,
    leads.c.status,
    leads.c.attempt_count,
    leads.c.handed_off_at,
    leads.c.id,
    sqlite_where=text("owner_id IS NOT NULL"),
    postgresql_where=text("owner_id IS NOT NULL"),
)
# The leads handed off in a period with their source and campaign, read from the index
# alone (funnel and speed-to-lead cohorts; migration 0005).
ix_leads_handed_off_report = Index(
    "ix_leads_handed_off_report",
    leads.c.handed_off_at,
    leads.c.source,
    leads.c.campaign,
    leads.c.id,
)
