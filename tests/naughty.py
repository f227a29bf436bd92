"""A representative subset of the Big List of Naughty Strings (blns.txt, MIT) and of
CSV-injection payloads, embedded so the tests run on a clean clone.

``for_file`` (``sdrdesk.domain.safe_text``) keeps each of these exactly, except the
characters an export cannot hold, which become U+FFFD: ``expected_in_file`` says what
a file must contain for each.
"""

from __future__ import annotations

import re

NAUGHTY: tuple[str, ...] = (
    # blns: reserved words, numbers, special characters
    "undefined", "null", "NULL", "NaN", "Infinity", "-1", "0xffffffff", "1E+02", "true",
    ",./;'[]\\-=", '<>?:"{}|_+', "!@#$%^&*()`~", "\\", '"', "'", "''", '"quoted", with comma',
    # blns: unicode
    "Ω≈ç√∫˜µ≤≥÷", "åß∂ƒ©˙∆˚¬…æ", "田中さんにあげて下さい", "사회과학원 어학연구소",
    "Ⱥ", "ȾȾ", "👾 🙇 💁 🙅 🙆 🙋 🙎 🙍", "👨‍👩‍👦", "🇺🇸🇷🇺🇸", "١٢٣", "בְּרֵאשִׁית",
    "ثم نفس سقطت", "Z̮̞̠͙͔ͅḀ̗̞͈̻̗Ḷ͙͎̯̹̞͓G̻O̭̗̮", "ﾟ･✿ヾ╲(｡◕‿◕｡)╱✿･ﾟ",
    "\u200b zero width", "\ufeff BOM inside", "\u2028 line separator \u2029",
    "\u202e reversed text", "\u2066 isolate \u2069",
    # blns: script and template injection, SQL
    "<script>alert(123)</script>", "'; DROP TABLE leads; --", "1;DROP TABLE users",
    "${7*7}", "{{7*7}}", "%s%s%s%n", "$HOME", "`id`", "../../../../etc/passwd",
    # control characters (the terminal's escapes), non-characters, lone surrogates
    "\x1b[31mred\x1b[0m and \x1b]0;title\x07", "bell \x07", "back\x08space", "form\x0cfeed",
    "tab\there", "line\nbreak", "crlf\r\nend", "carriage\rreturn", "delete \x7f",
    "C1 \x85 \x9b31m", "U+FFFE \ufffe", "U+FFFF \uffff", "lone \ud800 surrogate",
    "lone \udfff low", "\ud83d", "vertical\x0btab",
    # CSV injection (OWASP, and the issue's own)
    "=1+1", "+1+1", "-1+1", "@SUM(1+1)", '=HYPERLINK("http://x.example","click")',
    "=cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1", "＝1+1", "＋1+1",
    "DDE (\"cmd\";\"/C calc\";\"!A0\")A0", "+49 30 1234567",
)  # fmt: skip

_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def expected_in_file(text: str) -> str:
    """``text`` as any export file holds it (before a spreadsheet's quote)."""
    return _UNSAFE.sub("\ufffd", text)


def expected_in_csv(text: str) -> str:
    """``text`` as a CSV cell holds it: cleaned, and a formula start quoted."""
    cleaned = expected_in_file(text)
    return "'" + cleaned if cleaned.startswith(FORMULA_STARTS) else cleaned
