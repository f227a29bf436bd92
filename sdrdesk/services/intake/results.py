"""What the intake's use cases return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any


@dataclass(frozen=True)
class TokenInfo:
    """A source's token as listed (never the token itself)."""

    id: int
    source: str
    hint: str
    created_at: datetime
    revoked_at: datetime | None
    signed: bool
    thank_you_url: str | None
    mapping: str | None
    rate_per_minute: int | None


@dataclass(frozen=True)
class NewToken:
    """A token just made: ``token`` is shown once and stored only hashed."""

    info: TokenInfo
    token: str


@dataclass(frozen=True)
class Caller:
    """The token a request came with, as the service checks it."""

    id: int
    source: str
    revoked: bool
    signing_secret: str | None
    thank_you_url: str | None
    mapping: str | None
    rate_per_minute: int | None


@dataclass(frozen=True)
class Answer:
    """The HTTP answer to one request: its status and its JSON body."""

    status: int
    body: dict[str, Any]
    replayed: bool = False
