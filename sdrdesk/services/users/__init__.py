"""Who works in sdrdesk: SDRs, account executives, marketing, managers."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.users.service import Deactivated, UserService, user_info

WHERE = {
    "service": (
        "Deactivated",
        "UserService",
        "user_info",
    ),
}
__all__ = [
    "Deactivated",
    "UserService",
    "user_info",
]
__getattr__ = lazy_names(__name__, WHERE)
