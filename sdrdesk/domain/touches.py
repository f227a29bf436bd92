"""Touches outside calls: an e-mail, a LinkedIn message or a meeting, each with an outcome.

A touch counts as an attempt on the lead, like a call. The codes are a contract (events'
``data`` and ``sdrdesk touch --channel/--outcome``); the labels are translated where shown.
"""

from __future__ import annotations

from enum import StrEnum

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import N_, _

NOTE_LIMIT = 4000


class Channel(StrEnum):
    EMAIL = "email"
    LINKEDIN = "linkedin"
    MEETING = "meeting"

    @property
    def label(self) -> str:
        return _(CHANNEL_LABELS[self])


CHANNEL_LABELS: dict[Channel, str] = {
    Channel.EMAIL: N_("E-mail"),
    Channel.LINKEDIN: N_("LinkedIn message"),
    Channel.MEETING: N_("Meeting"),
}

# The outcomes each channel allows, in the order offered: code -> label.
OUTCOMES: dict[Channel, dict[str, str]] = {
    Channel.EMAIL: {
        "sent": N_("Sent"),
        "replied": N_("Replied"),
        "bounced": N_("Bounced"),
    },
    Channel.LINKEDIN: {
        "sent": N_("Sent"),
        "replied": N_("Replied"),
        "connected": N_("Connection accepted"),
    },
    Channel.MEETING: {
        "held": N_("Held"),
        "no_show": N_("No-show"),
    },
}


def check_touch(channel: str, outcome: str) -> tuple[Channel, str]:
    """The channel and outcome codes, or ``ValidationError`` naming the allowed ones."""
    try:
        chosen = Channel(channel.strip().lower())
    except ValueError:
        raise ValidationError(
            _("There is no channel “{channel}”; use one of {channels}.").format(
                channel=channel, channels=", ".join(c.value for c in Channel)
            )
        ) from None
    code = outcome.strip().lower()
    if code not in OUTCOMES[chosen]:
        raise ValidationError(
            _("“{outcome}” is no outcome of {channel}; use one of {outcomes}.").format(
                outcome=outcome, channel=chosen.label, outcomes=", ".join(OUTCOMES[chosen])
            )
        )
    return chosen, code


def outcome_label(channel: str, outcome: str) -> str:
    """``Replied``; an unknown code reads as itself."""
    try:
        return _(OUTCOMES[Channel(channel)][outcome])
    except (ValueError, KeyError):
        return outcome
