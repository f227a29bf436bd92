"""E-mail addresses: normalised, checked, keyed for duplicates, and told apart as
consumer mailboxes (gmail.com, gmx.de, …) or a company's."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from importlib import resources

from sdrdesk.domain.text import trimmed

# The WHATWG "valid e-mail address" (what browsers accept in <input type=email>), widened to
# non-ASCII letters and requiring a dot in the domain, plus RFC 5321 length limits.
_LOCAL = r"[\w!#$%&'*+/=?^`{|}~-]+(?:\.[\w!#$%&'*+/=?^`{|}~-]+)*"
_LABEL = r"[^\W_](?:[\w-]{0,61}[^\W_])?"
_EMAIL_RE = re.compile(rf"^{_LOCAL}@{_LABEL}(?:\.{_LABEL})+$")


def normalize_email(value: str | None) -> str | None:
    """Trimmed, ``mailto:`` removed, domain lower-cased; ``None`` if empty."""
    text = trimmed(value)
    if text is None:
        return None
    if text.lower().startswith("mailto:"):
        text = text[7:].strip()
    local, sep, domain = text.rpartition("@")
    return f"{local}@{domain.lower()}" if sep else text


def email_key(value: str | None) -> str | None:
    """The key used to find duplicates: the whole address, case-folded."""
    email = normalize_email(value)
    return email.casefold() if email else None


def is_valid_email(value: str | None) -> bool:
    email = normalize_email(value)
    if not email:
        return False
    return _is_valid_normalized(email)


def _is_valid_normalized(email: str) -> bool:
    if len(email) > 254:
        return False
    local, _, domain = email.rpartition("@")
    return len(local) <= 64 and _EMAIL_RE.match(email) is not None and not domain[-1:].isdigit()


def check_email(value: str | None) -> tuple[str | None, bool, str | None]:
    """``normalize_email(value)``, and ``is_valid_email`` and ``email_key`` of that: the
    three a lead stores, normalising once where normalising again changes nothing."""
    email = normalize_email(value)
    if not email or email.lower().startswith("mailto:"):
        return email, is_valid_email(email), email_key(email)
    return email, _is_valid_normalized(email), email.casefold()


def email_domain(value: str | None) -> str | None:
    email = normalize_email(value)
    if not email or "@" not in email:
        return None
    return email.rpartition("@")[2].lower()


@functools.cache
def free_mail_domains() -> frozenset[str]:
    text = resources.files("sdrdesk.resources").joinpath("data/free_mail_domains.txt")
    return frozenset(
        line.strip().lower()
        for line in text.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )


def is_free_mail(value: str | None, extra_domains: Iterable[str] = ()) -> bool:
    """An address at a consumer mailbox provider (gmail.com, gmx.de, …), not a company."""
    domain = email_domain(value)
    if not domain:
        return False
    known = free_mail_domains()
    return domain in known or domain in set(extra_domains)
