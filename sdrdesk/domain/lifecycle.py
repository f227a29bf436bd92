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
from sdrdesk.i18n import N_, _


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
        return _(STATUS_LABELS[self])

    @property
    def is_open(self) -> bool:
        """Still in the SDR's hands (not handed back to marketing or on to an AE)."""
        return self in {Status.MQL, Status.SAL, Status.WORKING}


STATUS_LABELS: dict[Status, str] = {  # English; ``Status.label`` translates
    Status.MQL: N_("New (MQL)"),
    Status.SAL: N_("Accepted (SAL)"),
    Status.WORKING: N_("Working"),
    Status.REJECTED: N_("Rejected"),
    Status.DISQUALIFIED: N_("Disqualified"),
    Status.NURTURE: N_("Nurture"),
    Status.SQL: N_("Demo booked (SQL)"),
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

# How the history and conflict messages tell what someone did: whole sentences, so each
# language can put the words in its own order ("Anna hat diesen Lead angenommen").
EVENT_SENTENCES: dict[str, str] = {
    Action.HAND_OFF: N_("{who} handed off this lead"),
    Action.ACCEPT: N_("{who} accepted this lead"),
    Action.REJECT: N_("{who} rejected this lead"),
    Action.UNDO_ACCEPT: N_("{who} undid the acceptance of this lead"),
    Action.UNDO_REJECT: N_("{who} undid the rejection of this lead"),
    Action.START_WORKING: N_("{who} started working this lead"),
    Action.DISQUALIFY: N_("{who} disqualified this lead"),
    Action.NURTURE: N_("{who} moved this lead to nurture"),
    Action.REACTIVATE: N_("{who} reactivated this lead"),
    Action.BOOK_DEMO: N_("{who} booked a demo for this lead"),
    Action.CANCEL_DEMO: N_("{who} cancelled the demo of this lead"),
    Action.RECYCLE: N_("{who} recycled this lead"),
    "demo_rescheduled": N_("{who} moved the demo of this lead"),
    "demo_updated": N_("{who} changed the demo of this lead"),
    "call_logged": N_("{who} logged a call with this lead"),
    "qualified": N_("{who} qualified this lead"),
    "recommendation_overridden": N_("{who} went against the recommendation for this lead"),
    "do_not_call": N_("{who} marked this lead as not to be called"),
    "claimed": N_("{who} claimed this lead"),
    "assigned": N_("{who} assigned this lead"),
    "note_added": N_("{who} added a note to this lead"),
    "touch_logged": N_("{who} logged a touch with this lead"),
    "lead_edited": N_("{who} corrected this lead"),
    "do_not_call_lifted": N_("{who} lifted do-not-call for this lead"),
}


def describe_event(action: str, who: str) -> str:
    """``"Anna accepted this lead"`` in the current language, for the history and for
    messages; an unknown kind reads as its name."""
    sentence = EVENT_SENTENCES.get(action)
    if sentence is None:
        return _("{who}: {action}").format(who=who, action=action.replace("_", " "))
    return _(sentence).format(who=who)


def describe_action(action: str) -> str:
    """The action in the English past tense alone ("accepted"), as older callers glued it
    to a name; text a person reads uses ``describe_event`` (a sentence per language)."""
    sentence = EVENT_SENTENCES.get(action)
    if sentence is None:
        return action.replace("_", " ")
    return sentence.removeprefix("{who} ").replace(" this lead", "")


# Why an action is refused in a status: whole sentences, per action.
_REFUSED: dict[Action, str] = {
    Action.HAND_OFF: N_("Cannot hand off a lead that is {status}."),
    Action.ACCEPT: N_("Cannot accept a lead that is {status}."),
    Action.REJECT: N_("Cannot reject a lead that is {status}."),
    Action.UNDO_ACCEPT: N_("Cannot undo the acceptance of a lead that is {status}."),
    Action.UNDO_REJECT: N_("Cannot undo the rejection of a lead that is {status}."),
    Action.START_WORKING: N_("Cannot start working a lead that is {status}."),
    Action.DISQUALIFY: N_("Cannot disqualify a lead that is {status}."),
    Action.NURTURE: N_("Cannot move to nurture a lead that is {status}."),
    Action.REACTIVATE: N_("Cannot reactivate a lead that is {status}."),
    Action.BOOK_DEMO: N_("Cannot book a demo for a lead that is {status}."),
    Action.CANCEL_DEMO: N_("Cannot cancel the demo of a lead that is {status}."),
    Action.RECYCLE: N_("Cannot recycle a lead that is {status}."),
}
_CHOOSE_REASON = {
    ReasonStage.REJECT: N_("Choose a reason to reject this lead."),
    ReasonStage.DISQUALIFY: N_("Choose a reason to disqualify this lead."),
}
_REASON_NOT_FOR = {
    ReasonStage.REJECT: N_("The reason “{reason}” cannot be used to reject a lead."),
    ReasonStage.DISQUALIFY: N_("The reason “{reason}” cannot be used to disqualify a lead."),
}


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
        shown = current.label if current is not None else _("not yet in the store")
        raise IllegalTransitionError(
            action.value,
            current.value if current else None,
            _(_REFUSED[action]).format(status=shown),
        )
    stage = transition.reason_stage
    if stage is None:
        if reason is not None:
            raise ValidationError(_("This step takes no reason; leave the reason out."))
        return transition.target
    if reason is None:
        raise ValidationError(_(_CHOOSE_REASON[stage]))
    label = _(reason.label) if reason.label else reason.label  # a default reason: translated
    if not reason.active:
        raise ValidationError(
            _("The reason “{reason}” is no longer in use; choose another.").format(reason=label)
        )
    if reason.stage not in (stage, ReasonStage.BOTH):
        raise ValidationError(_(_REASON_NOT_FOR[stage]).format(reason=label))
    if reason.requires_comment and not (comment or "").strip():
        raise ValidationError(_("The reason “{reason}” needs a comment.").format(reason=label))
    return transition.target
