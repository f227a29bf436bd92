"""A person's data on request (DSGVO): erase it everywhere it is stored (Art. 17), or
export everything stored about them (Art. 15)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sdrdesk.services.faces import lazy_names

if TYPE_CHECKING:
    from sdrdesk.services.privacy.results import Erased, PersonExport
    from sdrdesk.services.privacy.service import PrivacyService

WHERE = {
    "results": (
        "Erased",
        "PersonExport",
    ),
    "service": ("PrivacyService",),
}
__all__ = [
    "Erased",
    "PersonExport",
    "PrivacyService",
]
__getattr__ = lazy_names(__name__, WHERE)
