"""The team database's own refusals (migrations 0009 and 0014), in the user's language.

PostgreSQL raises them in English (``sdrdesk: `` and one sentence, the values filled in
by ``format()``); each known sentence is matched here and written again from the
catalog with the same values. A sentence not known here is shown as the database wrote it.
"""

from __future__ import annotations

import re

from sdrdesk.i18n import N_, _, pgettext


def table_words(table: str) -> str | None:
    """What the user calls ``table`` in "your role may not change …" (None: not known)."""
    words = {
        "leads": pgettext("your role may not change …", "leads"),
        "lead_events": pgettext("your role may not change …", "the lead history"),
        "import_batches": pgettext("your role may not change …", "imports"),
        "users": pgettext("your role may not change …", "users"),
        "rejection_reasons": pgettext("your role may not change …", "rejection reasons"),
        "call_attempts": pgettext("your role may not change …", "calls"),
        "qualifications": pgettext("your role may not change …", "qualifications"),
        "demos": pgettext("your role may not change …", "demos"),
        "erasures": pgettext("your role may not change …", "erasures"),
        "lead_facts": pgettext("your role may not change …", "the reports' figures"),
        "decision_hours": pgettext("your role may not change …", "the reports' figures"),
        "decision_parts": pgettext("your role may not change …", "the reports' figures"),
        "touch_hours": pgettext("your role may not change …", "the reports' figures"),
        "touch_parts": pgettext("your role may not change …", "the reports' figures"),
        "grade_marks": pgettext("your role may not change …", "the reports' figures"),
    }
    return words.get(table)


def _history_name(name: str) -> str:
    """A history table as the database's refusal names it (``lead events``)."""
    names = {
        "lead events": pgettext("database table", "lead events"),
        "erasures": pgettext("database table", "erasures"),
        "import batches": pgettext("database table", "import batches"),
        "call attempts": pgettext("database table", "call attempts"),
        "qualifications": pgettext("database table", "qualifications"),
    }
    return names.get(name, name)


def _recorded(name: str) -> str:
    """What a login records (``history``, ``calls`` …) in "may record … in its own name"."""
    names = {
        "history": pgettext("may record … only in its own name", "history"),
        "calls": pgettext("may record … only in its own name", "calls"),
        "qualifications": pgettext("may record … only in its own name", "qualifications"),
        "demos": pgettext("may record … only in its own name", "demos"),
        "imports": pgettext("may record … only in its own name", "imports"),
        "erasures": pgettext("may record … only in its own name", "erasures"),
    }
    return names.get(name, name)


def _operation(name: str) -> str:
    operations = {
        "update": pgettext("nobody may … them", "change"),
        "delete": pgettext("nobody may … them", "delete"),
        "truncate": pgettext("nobody may … them", "empty"),
    }
    return operations.get(name.lower(), name)


# (the database's sentence as a pattern, the same sentence for the catalog)
_KNOWN: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern + r"$"), message)
    for pattern, message in (
        (
            r"The database login (?P<login>\S+) is not an active sdrdesk user, so it may not "
            r"change anything \(start sdrdesk once as \S+\)\.",
            N_(
                "The database login {login} is not an active sdrdesk user, so it may not "
                "change anything (start sdrdesk once as {login})."
            ),
        ),
        (
            r"The database login (?P<login>\S+) is in none of the groups sdrdesk_sdr, "
            r"sdrdesk_manager and sdrdesk_marketing, so it may not use sdrdesk\.",
            N_(
                "The database login {login} is in none of the groups sdrdesk_sdr, "
                "sdrdesk_manager and sdrdesk_marketing, so it may not use sdrdesk."
            ),
        ),
        (
            r"The user (?P<user>\S+) is bound to the login (?P<other>\S+), so the login "
            r"(?P<login>\S+) may not act as it\.",
            N_(
                "The user {user} is bound to the login {other}, so the login {login} may not "
                "act as it."
            ),
        ),
        (
            r"Your login (?P<login>\S+) may record (?P<what>.+) only in its own name\.",
            N_("Your login {login} may record {what} only in its own name."),
        ),
        (
            r"An SDR may work only their own leads and unclaimed ones; lead (?P<lead>\d+) "
            r"belongs to a colleague\.",
            N_(
                "An SDR may work only their own leads and unclaimed ones; lead {lead} belongs "
                "to a colleague."
            ),
        ),
        (
            r"New leads start as MQLs; a status changes only with its event\.",
            N_("New leads start as MQLs; a status changes only with its event."),
        ),
        (
            r"Only a manager may give a lead to someone else\.",
            N_("Only a manager may give a lead to someone else."),
        ),
        (
            r"An SDR may change only their own leads and unclaimed ones; lead (?P<lead>\d+) "
            r"belongs to a colleague\.",
            N_(
                "An SDR may change only their own leads and unclaimed ones; lead {lead} "
                "belongs to a colleague."
            ),
        ),
        (
            r"Only a manager may make someone else the owner of a lead\.",
            N_("Only a manager may make someone else the owner of a lead."),
        ),
        (
            r"The personal data of lead (?P<lead>\d+) may change only in its erasure\.",
            N_("The personal data of lead {lead} may change only in its erasure."),
        ),
        (
            r"Only a manager may lift do-not-call\.",
            N_("Only a manager may lift do-not-call."),
        ),
        (
            r"The contact data of lead (?P<lead>\d+) changes only with its correction in the "
            r"history, or in its erasure\.",
            N_(
                "The contact data of lead {lead} changes only with its correction in the "
                "history, or in its erasure."
            ),
        ),
        (
            r"A lead's status changes only with its event in the history; lead (?P<lead>\d+) "
            r"was set to (?P<status>\S+) without one\.",
            N_(
                "A lead's status changes only with its event in the history; lead {lead} was "
                "set to {status} without one."
            ),
        ),
        (
            r"The (?P<table>.+) history is append-only; only the erasure of a person may "
            r"blank their data in it\.",
            N_(
                "The {table} history is append-only; only the erasure of a person may blank "
                "their data in it."
            ),
        ),
        (
            r"An import batch is history; only its own import fills it in\.",
            N_("An import batch is history; only its own import fills it in."),
        ),
        (
            r"The (?P<table>.+) are append-only history: nobody may (?P<operation>\w+) them\.",
            N_("The {table} are append-only history: nobody may {operation} them."),
        ),
    )
)


def translate_refusal(sentence: str) -> str:
    """The database's refusal ``sentence`` in the current language."""
    for pattern, message in _KNOWN:
        match = pattern.match(sentence)
        if match:
            values = match.groupdict()
            if "table" in values:
                values["table"] = _history_name(values["table"])
            if "what" in values:
                values["what"] = _recorded(values["what"])
            if "operation" in values:
                values["operation"] = _operation(values["operation"])
            return _(message).format(**values)
    return sentence
