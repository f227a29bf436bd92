"""What the settings dialog says of a value as it is typed: ``None`` when it is good, else
one sentence. The sentences are the ones the app says elsewhere: a value is checked by
``Settings.validate`` (with every other setting at its default, so the error is this
value's), a file by the loader the app uses at start (with the line that is wrong).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from sdrdesk.domain.assignment import load_rules
from sdrdesk.domain.criteria import load_criteria
from sdrdesk.domain.errors import SdrdeskError, ValidationError
from sdrdesk.domain.products import load_products
from sdrdesk.domain.script_file import load_script
from sdrdesk.domain.users import check_user_name
from sdrdesk.i18n import _, ngettext
from sdrdesk.settings import Settings


def value_error(**values: Any) -> str | None:
    """What ``Settings.validate`` says of ``values`` (the others at their defaults)."""
    try:
        dataclasses.replace(Settings(), **values).validate()
    except ValidationError as exc:
        return str(exc)
    return None


def user_error(name: str) -> str | None:
    if not name.strip():
        return None  # asked for at the next start
    try:
        check_user_name(name)
    except ValidationError as exc:
        return str(exc)
    return None


def check_file(kind: str, text: str) -> tuple[bool, str]:
    """(good, what to say) of a ``criteria``, ``script``, ``assignment`` or ``products``
    file."""
    text = text.strip()
    if not text:
        return True, _("The built-in default is used.")
    path = Path(text).expanduser()
    try:
        if kind == "criteria":
            n = len(load_criteria(path).criteria)
            return True, ngettext("OK: {n} criterion", "OK: {n} criteria", n).format(n=n)
        if kind == "script":
            script = load_script(path)
            n = len(script.sections)
            return True, ngettext("OK: {name}, {n} section", "OK: {name}, {n} sections", n).format(
                name=script.raw_name, n=n
            )
        if kind == "products":
            n = len(load_products(path).products)
            return True, ngettext("OK: {n} product", "OK: {n} products", n).format(n=n)
        n = len(load_rules(path).rules)
        return True, ngettext("OK: {n} rule", "OK: {n} rules", n).format(n=n)
    except (SdrdeskError, OSError, ValueError) as exc:
        return False, str(exc)
