"""The intake's own records: its tokens (one per source, stored hashed) and the answers it
gave, so that a retried request gets the first answer and creates nothing."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from sdrdesk.db.base import Base, utcnow


class IntakeToken(Base):
    """A source's token. Only its SHA-256 is stored (``token_hash``) with the first
    characters (``hint``) to tell tokens apart in a list. ``signing_secret``: the
    Standard Webhooks secret (``whsec_…``) the sender signs with, when the source signs;
    ``thank_you_url``: where a plain HTML form's post is sent back to; ``mapping``: how
    nested payloads of this source are read (``hubspot``, ``typeform``, ``linkedin``, or
    a mapping file); ``rate_per_minute``: this token's limit (None: the service's)."""

    __tablename__ = "intake_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    source: Mapped[str] = mapped_column(String(200))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hint: Mapped[str] = mapped_column(String(16))
    signing_secret: Mapped[str | None] = mapped_column(String(200))
    signed: Mapped[bool] = mapped_column(Boolean, default=False)
    thank_you_url: Mapped[str | None] = mapped_column(String(2000))
    mapping: Mapped[str | None] = mapped_column(String(500))
    rate_per_minute: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    revoked_at: Mapped[datetime | None]


class IntakeAnswer(Base):
    """The answer given to one request (``key``: its ``Idempotency-Key``) or to one lead
    (``key``: ``lead:`` and the source's own lead id), per token."""

    __tablename__ = "intake_answers"
    __table_args__ = (UniqueConstraint("token_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    token_id: Mapped[int] = mapped_column(ForeignKey("intake_tokens.id"))
    key: Mapped[str] = mapped_column(String(300))
    status: Mapped[int] = mapped_column(Integer)
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
