"""Calls: the qualification script, logging an attempt with its outcome, the call history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.calls.results import CallLog, CallResult, CallSetup, DecisionInput
    from sdrdesk.services.calls.scripts import ScriptSource
    from sdrdesk.services.calls.service import CALLABLE, CallService

WHERE = {
    "results": (
        "CallLog",
        "CallResult",
        "CallSetup",
        "DecisionInput",
    ),
    "scripts": ("ScriptSource",),
    "service": (
        "CALLABLE",
        "CallService",
    ),
}
__all__ = [
    "CALLABLE",
    "CallLog",
    "CallResult",
    "CallService",
    "CallSetup",
    "DecisionInput",
    "ScriptSource",
]
__getattr__ = lazy_names(__name__, WHERE)
