"""Feedback for marketing: the leads sent back in a period, exported and summed up."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.feedback.digest import Digest, build_digest
    from sdrdesk.services.feedback.export import (
        DELIMITERS,
        ExportFormat,
        feedback_csv,
        feedback_json,
        summary_path,
        write_feedback,
    )
    from sdrdesk.services.feedback.service import (
        CampaignSummary,
        Feedback,
        FeedbackRow,
        FeedbackService,
    )

WHERE = {
    "digest": (
        "Digest",
        "build_digest",
    ),
    "export": (
        "DELIMITERS",
        "ExportFormat",
        "feedback_csv",
        "feedback_json",
        "summary_path",
        "write_feedback",
    ),
    "service": (
        "CampaignSummary",
        "Feedback",
        "FeedbackRow",
        "FeedbackService",
    ),
}
__all__ = [
    "DELIMITERS",
    "CampaignSummary",
    "Digest",
    "ExportFormat",
    "Feedback",
    "FeedbackRow",
    "FeedbackService",
    "build_digest",
    "feedback_csv",
    "feedback_json",
    "summary_path",
    "write_feedback",
]
__getattr__ = lazy_names(__name__, WHERE)
