"""Words shown to people that depend on a number or a length."""

from __future__ import annotations

from sdrdesk.i18n import format_number


def counted(n: int, word: str, plural: str | None = None) -> str:
    """``1 lead``, ``2 leads``, ``1,200 leads`` (``plural`` where adding “s” is wrong).

    English words only (the number follows the locale): for text in other languages use
    ``sdrdesk.i18n.ngettext`` with the whole phrase."""
    return f"{format_number(n)} {word if n == 1 else plural or word + 's'}"


def shortened(text: str, limit: int) -> str:
    """``text`` as it fits in ``limit`` characters: cut, with "…" as the last."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
