"""Countries as people write them (a code, an English or German name, "USA", "UK")
read as ISO 3166-1 alpha-2 codes. ``pycountry`` is imported where it is first needed
(see ``phones``)."""

from __future__ import annotations

import functools
import gettext
import re

from sdrdesk.domain.text import trimmed

_COUNTRY_ALIASES = {
    "usa": "US",
    "us": "US",
    "u.s.": "US",
    "u.s.a.": "US",
    "united states of america": "US",
    "america": "US",
    "uk": "GB",
    "u.k.": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "great britain": "GB",
    "britain": "GB",
    "deutschland": "DE",
    "brd": "DE",
    "österreich": "AT",
    "oesterreich": "AT",
    "schweiz": "CH",
    "suisse": "CH",
    "svizzera": "CH",
    "holland": "NL",
    "russia": "RU",
    "south korea": "KR",
    "korea": "KR",
    "czech republic": "CZ",
    "vietnam": "VN",
    "uae": "AE",
}


@functools.cache
def _country_names() -> dict[str, str]:
    import pycountry

    names: dict[str, str] = {}
    german: gettext.NullTranslations
    try:
        german = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["de"])
    except OSError:
        german = gettext.NullTranslations()
    for c in pycountry.countries:
        for name in (
            c.alpha_2,
            c.alpha_3,
            c.name,
            getattr(c, "common_name", None),
            getattr(c, "official_name", None),
            german.gettext(c.name),
        ):
            if name:
                names.setdefault(name.casefold(), c.alpha_2)
    names.update(_COUNTRY_ALIASES)
    return names


@functools.lru_cache(maxsize=4096)  # a file names a few countries many times
def normalize_country(value: str | None) -> str | None:
    """ISO 3166-1 alpha-2 code for a code or an English/German name; ``None`` if unknown."""
    text = trimmed(value)
    if text is None:
        return None
    return _country_names().get(text.casefold()) or _country_names().get(
        re.sub(r"\s+", " ", text.replace(".", "")).casefold()
    )
