"""SQLAlchemy 2 typed models, one module per area; all are registered on ``Base.metadata``.

Every change needs an Alembic revision (``tests/db/test_schema.py`` compares the
migrated schema with these models on SQLite and PostgreSQL).
"""

from sdrdesk.db.models.core import ImportBatch, Lead, LeadEvent, RejectionReason, User
from sdrdesk.db.models.reporting import REPORT_INDEXES

__all__ = ["REPORT_INDEXES", "ImportBatch", "Lead", "LeadEvent", "RejectionReason", "User"]
