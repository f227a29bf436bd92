"""The kinds of events in a lead's history besides status changes, and what they carry.

Status changes use the lifecycle's action names (``domain.lifecycle.Action``). Other
events use the kinds below; their ``data`` holds the listed keys. Reports are computed
from these events in SQL, so the keys are a contract: add keys, never rename them.
"""

from __future__ import annotations

from enum import StrEnum


class EventKind(StrEnum):
    # A call attempt was logged.
    #   data: attempt_id (int), outcome (str, an outcome code from the outcomes list),
    #         connected (bool), duration_seconds (int), callback_at (ISO time or null)
    CALL_LOGGED = "call_logged"
    # Qualification answers were scored.
    #   data: grade ("A" | "B" | "C"), scores ({dimension: number}), script_id (str),
    #         script_version (str), recommendation ("demo" | "nurture" | "disqualify"),
    #         complete (bool)
    QUALIFIED = "qualified"
    # The SDR went against the recommendation.  data: recommendation, decision, reason
    RECOMMENDATION_OVERRIDDEN = "recommendation_overridden"
    # The lead may not be dialled again.  data: reason (str)
    DO_NOT_CALL = "do_not_call"
    # A demo was moved.  data: demo_id (int), starts_at (ISO), previous_starts_at (ISO)
    DEMO_RESCHEDULED = "demo_rescheduled"
    #   (also: ae, previous_ae when the AE changed, duration_minutes, sequence)
    # A booked demo changed without moving (AE, length, place, note).
    #   data: demo_id (int), starts_at (ISO), ae (user name), changes ([field names]),
    #         previous_ae (when the AE changed), duration_minutes, sequence
    DEMO_UPDATED = "demo_updated"
    # Someone took an unowned lead from the team pool.  data: {}
    CLAIMED = "claimed"
    # A manager gave the lead to someone.  data: from_owner (name or null), to_owner (name)
    ASSIGNED = "assigned"
    # A note on the lead, outside a call.  data: {}; the text in the event's comment
    NOTE_ADDED = "note_added"
    # A touch on another channel, counted as an attempt.
    #   data: channel ("email" | "linkedin" | "meeting"), outcome (str, see
    #         domain.touches.OUTCOMES), attempt (int, the lead's attempt number);
    #   the SDR's note in the event's comment
    TOUCH_LOGGED = "touch_logged"
    # The lead's contact data was corrected (or a correction undone).
    #   data: changes ({field: {"before": str | null, "after": str | null}}, fields as in
    #         domain.corrections.EDITABLE; the phone as E.164 where it is valid),
    #         undoes_event (int, on an undo)
    LEAD_EDITED = "lead_edited"
    # A manager lifted do-not-call.  data: previous_reason (str or null); why in the comment
    DO_NOT_CALL_LIFTED = "do_not_call_lifted"

    # Status changes with extra data (lifecycle actions):
    #   book_demo:   data: demo_id (int), ae (user name), starts_at (ISO)
    #   cancel_demo: data: demo_id (int); reason in the event's comment
    #   nurture:     data: recontact_at (ISO)
    #   disqualify:  reason_code and comment as for reject
