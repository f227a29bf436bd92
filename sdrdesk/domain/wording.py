"""Words shown to people that depend on a number or a length."""

from __future__ import annotations


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``1 lead``, ``2 leads``, ``1,200 leads`` (``plural`` where adding “s” is wrong)."""
    return f"{n:,} {word if n == 1 else plural or word + 's'}"


def shortened(text: str, limit: int) -> str:
    """``text`` as it fits in ``limit`` characters: cut, with "…" as the last."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
