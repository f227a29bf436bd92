"""Database passwords: from the environment or the system keyring, never from a file.

Order: ``SDRDESK_DATABASE_PASSWORD``; the keyring entry ``sdrdesk`` /
``user@host:port/database``; otherwise nothing, and libpq's own ``PGPASSWORD`` or
``~/.pgpass`` apply as usual.
"""

from __future__ import annotations

import logging
import os

from sqlalchemy.engine import URL

log = logging.getLogger(__name__)

KEYRING_SERVICE = "sdrdesk"


def keyring_account(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def lookup_password(url: URL) -> str | None:
    env = os.environ.get("SDRDESK_DATABASE_PASSWORD")
    if env:
        return env
    if not url.username:
        return None
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            password = keyring.get_password(KEYRING_SERVICE, keyring_account(url))
        except KeyringError as exc:
            log.info("No usable system keyring (%s); relying on PGPASSWORD/.pgpass", exc)
            return None
        return str(password) if password else None
    except Exception as exc:  # a broken keyring backend must not stop the app
        log.info("Keyring lookup failed (%s)", type(exc).__name__)
        return None


def store_password(url: URL, password: str) -> None:
    import keyring

    keyring.set_password(KEYRING_SERVICE, keyring_account(url), password)
