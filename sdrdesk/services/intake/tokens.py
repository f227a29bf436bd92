"""Tokens per source: made at random, shown once, stored as their SHA-256 only."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
from typing import Any

from sqlalchemy import Select, select, update
from sqlalchemy.orm import Session

from sdrdesk.db.models import IntakeToken
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.i18n import _
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake.payload import mapping_path, read_mapping_file
from sdrdesk.services.intake.results import Caller, NewToken, TokenInfo
from sdrdesk.services.roles import require_manager

PREFIX = "sdi_"
# How long a token read stays known. A revoked token is refused at once all the same:
# the transaction that would write its leads reads whether it is revoked (``writing``).
CACHE_SECONDS = 2.0


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def _info(row: Any) -> TokenInfo:
    return TokenInfo(
        row.id,
        row.source,
        row.hint,
        row.created_at,
        row.revoked_at,
        row.signed,
        row.thank_you_url,
        row.mapping,
        row.rate_per_minute,
    )


# What anyone may read of a token (on a team database the hash and the secret are the
# intake's only, db.grants).
_LISTED = (
    IntakeToken.id,
    IntakeToken.source,
    IntakeToken.hint,
    IntakeToken.created_at,
    IntakeToken.revoked_at,
    IntakeToken.thank_you_url,
    IntakeToken.mapping,
    IntakeToken.rate_per_minute,
    IntakeToken.signed,
)


def _listed() -> Select[tuple[Any, ...]]:
    """A token's public columns (its hash and secret stay unread)."""
    return select(*_LISTED)  # type: ignore[return-value]


class TokenService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self._cache: dict[str, tuple[float, Caller | None]] = {}
        self._lock = threading.Lock()

    def add(
        self,
        source: str,
        *,
        actor_id: int | None,
        signing_secret: str | None = None,
        thank_you_url: str | None = None,
        mapping: str | None = None,
        rate_per_minute: int | None = None,
    ) -> NewToken:
        source = " ".join(source.split())
        if not source or len(source) > 200:
            raise ValidationError(_("Name the source in 1 to 200 characters."))
        if thank_you_url and not thank_you_url.startswith(("https://", "http://")):
            raise ValidationError(_("The thank-you URL must start with https:// or http://."))
        if signing_secret is not None and not signing_secret.startswith("whsec_"):
            raise ValidationError(
                _("A Standard Webhooks secret starts with “whsec_” (the sender shows it).")
            )
        if rate_per_minute is not None and rate_per_minute < 1:
            raise ValidationError(_("The rate must be at least one request a minute."))
        if mapping:  # refused now, not at the first post; a file by its full path
            read_mapping_file(mapping)
            shipped = mapping_path(mapping).name == f"intake-{mapping}.toml"
            mapping = mapping if shipped else str(mapping_path(mapping).resolve())
        token = PREFIX + secrets.token_urlsafe(32)
        with self._ctx.store.write() as s:
            _may_manage_tokens(s, actor_id, _("add intake tokens"))
            row = IntakeToken(
                source=source,
                token_hash=token_hash(token),
                hint=token[:10] + "…",
                signing_secret=signing_secret,
                signed=signing_secret is not None,
                thank_you_url=thank_you_url,
                mapping=mapping,
                rate_per_minute=rate_per_minute,
                created_at=self._ctx.now(),
                created_by_id=actor_id,
            )
            s.add(row)
            s.flush()
            listed = s.execute(_listed().where(IntakeToken.id == row.id)).one()
            return NewToken(_info(listed), token)

    def list(self) -> list[TokenInfo]:
        with self._ctx.store.read() as s:
            return [_info(r) for r in s.execute(_listed().order_by(IntakeToken.id))]

    def revoke(self, which: str, *, actor_id: int | None = None) -> TokenInfo:
        """Revoke a token by its id or its hint's beginning (as ``token list`` shows it)."""
        with self._ctx.store.write() as s:
            _may_manage_tokens(s, actor_id, _("revoke intake tokens"))
            rows = list(s.execute(_listed().order_by(IntakeToken.id)))
            found = [
                r
                for r in rows
                if str(r.id) == which or (len(which) >= 6 and r.hint.startswith(which.rstrip("…")))
            ]
            if len(found) != 1:
                raise NotFoundError(
                    _("No single token “{which}”; see sdrdesk intake token list.").format(
                        which=which
                    )
                )
            row = found[0]
            if row.revoked_at is None:
                s.execute(
                    update(IntakeToken)
                    .where(IntakeToken.id == row.id, IntakeToken.revoked_at.is_(None))
                    .values(revoked_at=self._ctx.now())
                )
                row = s.execute(_listed().where(IntakeToken.id == row.id)).one()
            return _info(row)

    def cached(self, token: str) -> tuple[bool, Caller | None]:
        """(known, the token's row) from the cache, without the database: ``known`` is
        False when ``caller`` has to read it."""
        with self._lock:
            cached = self._cache.get(token_hash(token))
        if cached is not None and time.monotonic() - cached[0] < CACHE_SECONDS:
            return True, cached[1]
        return False, None

    def forget(self, token_id: int) -> None:
        """Drop a token from the cache (it was found revoked while writing)."""
        with self._lock:
            for digest, (_at, caller) in list(self._cache.items()):
                if caller is not None and caller.id == token_id:
                    del self._cache[digest]

    def caller(self, token: str) -> Caller | None:
        """The token's row (revoked ones too), None for an unknown token; read again
        after ``CACHE_SECONDS``."""
        known, found = self.cached(token)
        if known:
            return found
        digest = token_hash(token)
        now = time.monotonic()
        with self._ctx.store.connect() as conn:
            table = IntakeToken.__table__
            row = conn.execute(select(table).where(table.c.token_hash == digest)).first()
        found = (
            None
            if row is None
            else Caller(
                row.id,
                row.source,
                row.revoked_at is not None,
                row.signing_secret,
                row.thank_you_url,
                row.mapping,
                row.rate_per_minute,
            )
        )
        with self._lock:
            if len(self._cache) > 10_000:
                self._cache.clear()
            self._cache[digest] = (now, found)
        return found


def _may_manage_tokens(s: Session, actor_id: int | None, what: str) -> None:
    """Managers add and revoke tokens (on a team database its grants say so too); a store
    without a manager yet (one SDR running the intake on their own file) lets its user."""
    if actor_id is not None:
        require_manager(s, actor_id, what, first_manager=True)
