"""SQLAlchemy 2 typed models, one module per area, all registered on ``Base.metadata``.

The core tables load with this package; a feature's tables (calls, demos) load the
first time one of their classes is asked for, so the window's start-up does not pay for
features it has not used yet. Whatever needs every table (migrations, the schema test,
the grants) calls ``load_all()`` first.

Every change needs an Alembic revision (``tests/db/test_schema.py`` compares the
migrated schema with these models on SQLite and PostgreSQL).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from sdrdesk.db.base import Base
from sdrdesk.db.models.core import (
    Erasure,
    ImportBatch,
    Lead,
    LeadEvent,
    RejectionReason,
    User,
)
from sdrdesk.db.models.facts import (
    DecisionHour,
    DecisionPart,
    GradeMark,
    LeadFact,
    TouchHour,
    TouchPart,
)
from sdrdesk.db.models.reporting import REPORT_INDEXES

if TYPE_CHECKING:
    from sdrdesk.db.models.calls import CallAttempt, Qualification
    from sdrdesk.db.models.demos import Demo
    from sdrdesk.db.models.intake import IntakeAnswer, IntakeToken
    from sdrdesk.db.models.webhooks import WebhookDelivery, WebhookEndpoint

FEATURE_MODULES = ("calls", "demos", "intake", "webhooks")
_LAZY = {
    "CallAttempt": "calls",
    "Qualification": "calls",
    "Demo": "demos",
    "IntakeAnswer": "intake",
    "IntakeToken": "intake",
    "WebhookDelivery": "webhooks",
    "WebhookEndpoint": "webhooks",
}

__all__ = [
    "REPORT_INDEXES",
    "Base",
    "CallAttempt",
    "DecisionHour",
    "DecisionPart",
    "Demo",
    "Erasure",
    "GradeMark",
    "ImportBatch",
    "IntakeAnswer",
    "IntakeToken",
    "Lead",
    "LeadEvent",
    "LeadFact",
    "Qualification",
    "RejectionReason",
    "TouchHour",
    "TouchPart",
    "User",
    "WebhookDelivery",
    "WebhookEndpoint",
    "load_all",
]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)


def load_all() -> None:
    """Register every table on ``Base.metadata``."""
    for module in FEATURE_MODULES:
        importlib.import_module(f"{__name__}.{module}")
