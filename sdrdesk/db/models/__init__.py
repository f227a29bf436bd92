"""SQLAlchemy 2 typed models, one module per area; all are registered on ``Base.metadata``.

Every change needs an Alembic revision (``tests/db/test_schema.py`` compares the
migrated schema with these models on SQLite and PostgreSQL).
"""

from sdrdesk.db.models.calls import CallAttempt, Qualification
from sdrdesk.db.models.core import ImportBatch, Lead, LeadEvent, RejectionReason, User
from sdrdesk.db.models.demos import Demo

__all__ = [
    "CallAttempt",
    "Demo",
    "ImportBatch",
    "Lead",
    "LeadEvent",
    "Qualification",
    "RejectionReason",
    "User",
]
