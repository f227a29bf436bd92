"""Demos: booking, moving and cancelling them with account executives, and their invites."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.demos.results import (
        AeChoice,
        DemoInfo,
        DemoPlan,
        DemoRequest,
        DemoResult,
        Invite,
        Person,
    )
    from sdrdesk.services.demos.service import DemoService, demo_service

WHERE = {
    "results": (
        "AeChoice",
        "DemoInfo",
        "DemoPlan",
        "DemoRequest",
        "DemoResult",
        "Invite",
        "Person",
    ),
    "service": (
        "DemoService",
        "demo_service",
    ),
}
__all__ = [
    "AeChoice",
    "DemoInfo",
    "DemoPlan",
    "DemoRequest",
    "DemoResult",
    "DemoService",
    "Invite",
    "Person",
    "demo_service",
]
__getattr__ = lazy_names(__name__, WHERE)
