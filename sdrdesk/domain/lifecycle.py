"""The lead lifecycle: statuses, the actions that move a lead between them, and the rules.

This module is the single source of truth for which status changes are allowed. The
database layer applies a transition only through :func:`plan_transition`, writes an event
for it in the same transaction, and refuses any other change of ``Lead.status``.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from sdrdesk.domain.errors import IllegalTransitionError, ValidationError


class Status(StrEnum):
    MQL = "mql"
    SAL = "sal"
    WORKING = "working"
    REJECTED = "rejected"
    DISQUALIFIED = "disqualified"
    NURTURE = "nurture"
    SQL = "sql"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]

    @property
    def is_open(self) -> bool:
        """Still in the SDR's hands (not handed back to marketing or on to an AE)."""
        return self in {Status.MQL, Status.SAL, Status.WORKING}


STATUS_LABELS: dict[Status, str] = {
    Status.MQL: "New (MQL)",
    Status.SAL: "Accepted (SAL)",
    Status.WORKING: "Working",
    Status.REJECTED: "Rejected",
    Status.DISQUALIFIED: "Disqualified",
    Status.NURTURE: "Nurture",
    Status.SQL: "Demo booked (SQL)",
}


class Action(StrEnum):
    HAND_OFF = "hand_off"
    ACCEPT = "accept"
    REJECT = "reject"
    UNDO_ACCEPT = "undo_accept"
    UNDO_REJECT = "undo_reject"
    START_WORKING = "start_working"
    DISQUALIFY = "disqualify"
    NURTURE = "nurture"
    REACTIVATE = "reactivate"
    BOOK_DEMO = "book_demo"
    CANCEL_DEMO = "cancel_demo"
    RECYCLE = "recycle"


class ReasonStage(StrEnum):
    """Where a reason may be used: rejecting an MQL, disqualifying after contact, or both."""

    REJECT = "reject"
    DISQUALIFY = "disqualify"
    BOTH = "both"


@dataclass(frozen=True, slots=True)
class Transition:
    action: Action
    sources: frozenset[Status | None]
    target: Status
    reason_stage: ReasonStage | None = None  # a reason of this stage is mandatory
    verb: str = ""

    @property
    def requires_reason(self) -> bool:
        return self.reason_stage is not None


def _t(
    action: Action,
    sources: Collection[Status | None],
    target: Status,
    verb: str,
    reason_stage: ReasonStage | None = None,
) -> Transition:
    return Transition(action, frozenset(sources), target, reason_stage, verb)


_OPEN_CONTACTED = {Status.SAL, Status.WORKING}

TRANSITIONS: dict[Action, Transition] = {
    t.action: t
    for t in (
        _t(Action.HAND_OFF, {None}, Status.MQL, "hand off"),
        _t(Action.ACCEPT, {Status.MQL}, Status.SAL, "accept"),
        _t(Action.REJECT, {Status.MQL}, Status.REJECTED, "reject", ReasonStage.REJECT),
        _t(Action.UNDO_ACCEPT, {Status.SAL}, Status.MQL, "undo the acceptance of"),
        _t(Action.UNDO_REJECT, {Status.REJECTED}, Status.MQL, "undo the rejection of"),
        _t(Action.START_WORKING, {Status.SAL}, Status.WORKING, "start working"),
        _t(
            Action.DISQUALIFY,
            _OPEN_CONTACTED,
            Status.DISQUALIFIED,
            "disqualify",
            ReasonStage.DISQUALIFY,
        ),
        _t(Action.NURTURE, _OPEN_CONTACTED, Status.NURTURE, "move to nurture"),
        _t(Action.REACTIVATE, {Status.NURTURE}, Status.SAL, "reactivate"),
        _t(Action.BOOK_DEMO, _OPEN_CONTACTED, Status.SQL, "book a demo for"),
        _t(Action.CANCEL_DEMO, {Status.SQL}, Status.SAL, "cancel the demo of"),
        _t(
            Action.RECYCLE,
            {Status.REJECTED, Status.DISQUALIFIED, Status.NURTURE},
            Status.MQL,
            "recycle",
        ),
    )
}

# How the history reads an action: "Anna accepted this lead".
PAST_TENSE: dict[str, str] = {
    Action.HAND_OFF: "handed off",
    Action.ACCEPT: "accepted",
    Action.REJECT: "rejected",
    Action.UNDO_ACCEPT: "undid the acceptance of",
    Action.UNDO_REJECT: "undid the rejection of",
    Action.START_WORKING: "started working",
    Action.DISQUALIFY: "disqualified",
    Action.NURTURE: "moved to nurture",
    Action.REACTIVATE: "reactivated",
    Action.BOOK_DEMO: "booked a demo for",
    Action.CANCEL_DEMO: "cancelled the demo of",
    Action.RECYCLE: "recycled",
    "demo_rescheduled": "moved the demo of",
    "demo_updated": "changed the demo of",
    "note_added": "added a note to",
    "touch_logged": "logged a touch with",
    "lead_edited": "corrected",
    "do_not_call_lifted": "lifted do-not-call for",
}


def describe_action(action: str) -> str:
    """Past tense for messages and the history; unknown kinds read as their name."""
    return PAST_TENSE.get(action, action.replace("_", " "))


UNDOABLE: dict[Action, Action] = {
    Action.ACCEPT: Action.UNDO_ACCEPT,
    Action.REJECT: Action.UNDO_REJECT,
}


@dataclass(frozen=True, slots=True)
class ReasonRule:
    """What the lifecycle needs to know about a rejection/disqualification reason."""

    code: str
    label: str
    requires_comment: bool
    active: bool
    stage: ReasonStage


def allowed_actions(current: Status | None) -> list[Action]:
    return [a for a, t in TRANSITIONS.items() if current in t.sources]


def plan_transition(
    current: Status | None,
    action: Action,
    reason: ReasonRule | None = None,
    comment: str | None = None,
) -> Status:
    """Check an action against the rules and return the status it leads to.

    Raises :class:`IllegalTransitionError` for a move the lifecycle forbids and
    :class:`ValidationError` for a missing/unknown reason or a missing comment.
    """
    transition = TRANSITIONS[action]
    if current not in transition.sources:
        shown = current.label if current is not None else "not yet in the store"
        raise IllegalTransitionError(
            action.value,
            current.value if current else None,
            f"Cannot {transition.verb} a lead that is {shown}.",
        )
    if transition.reason_stage is None:
        if reason is not None:
            raise ValidationError(f"A reason is not used when you {transition.verb} a lead.")
        return transition.target
    if reason is None:
        raise ValidationError(f"Choose a reason to {transition.verb} this lead.")
    if not reason.active:
        raise ValidationError(f"The reason “{reason.label}” is no longer in use; choose another.")
    if reason.stage not in (transition.reason_stage, ReasonStage.BOTH):
        raise ValidationError(
            f"The reason “{reason.label}” cannot be used to {transition.verb} a lead."
        )
    if reason.requires_comment and not (comment or "").strip():
        raise ValidationError(f"The reason “{reason.label}” needs a comment.")
    return transition.target
