"""People who use sdrdesk and what they may do."""

from __future__ import annotations

import re
from enum import StrEnum

from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import N_, _


class Role(StrEnum):
    SDR = "sdr"
    AE = "ae"
    MARKETING = "marketing"
    MANAGER = "manager"

    @property
    def label(self) -> str:
        return _(_ROLE_LABELS[self])


_ROLE_LABELS = {
    Role.SDR: N_("Sales development rep"),
    Role.AE: N_("Account executive"),
    Role.MARKETING: N_("Marketing"),
    Role.MANAGER: N_("Manager"),
}


_NAME_RE = re.compile(r"^[\w.@+-]{1,64}$")


def check_user_name(name: str) -> str:
    """A user name is a short handle (``anna``, ``j.smith``), also usable as a DB role."""
    name = name.strip()
    if not _NAME_RE.match(name):
        raise ValidationError(
            _(
                "“{name}” is not a valid user name: use 1–64 letters, digits, dots, dashes or @."
            ).format(name=name)
        )
    return name
