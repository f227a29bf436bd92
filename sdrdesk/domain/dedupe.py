"""When two leads are the same person.

The e-mail address decides first (case-insensitive). The E.164 phone decides when at
least one of the two has no e-mail: two people with different addresses who share an
office switchboard are two leads, but a row without an address whose number matches a
known lead is that lead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Generic, TypeVar

Ref = TypeVar("Ref")


@dataclass
class DuplicateIndex(Generic[Ref]):
    by_email: dict[str, Ref] = field(default_factory=dict)
    by_phone: dict[str, tuple[Ref, bool]] = field(default_factory=dict)

    def match(self, email_key: str | None, phone_e164: str | None) -> Ref | None:
        if email_key is not None and email_key in self.by_email:
            return self.by_email[email_key]
        if phone_e164 is not None and phone_e164 in self.by_phone:
            ref, has_email = self.by_phone[phone_e164]
            if email_key is None or not has_email:
                return ref
        return None

    def add(self, email_key: str | None, phone_e164: str | None, ref: Ref) -> None:
        if email_key is not None:
            self.by_email.setdefault(email_key, ref)
        if phone_e164 is not None:
            self.by_phone.setdefault(phone_e164, (ref, email_key is not None))
