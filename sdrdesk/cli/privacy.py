"""A person's data on request: ``privacy erase`` (DSGVO Art. 17, managers) and
``privacy export`` (Art. 15)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from sdrdesk.cli.common import acting_user, open_for
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.safe_text import value_for_file
from sdrdesk.files import write_private
from sdrdesk.i18n import _, ngettext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    privacy = sub.add_parser("privacy", help=_("erase or export a person's data (DSGVO)"))
    p_sub = privacy.add_subparsers(
        dest="privacy_command", metavar=_("ACTION"), title=_("actions"), required=True
    )
    p = p_sub.add_parser(
        "erase",
        parents=[common],
        help=_("erase a person's personal data everywhere it is stored (managers)"),
        description=_(
            "Erase the personal data of a lead (or of every lead of an e-mail "
            "address): its fields, kept import columns, call notes and free-text answers, demo "
            "notes, the search index and the history's comments and data. The history keeps "
            "its shape, so the reports stay the same; an 'erased' event records who, when, why."
        ),
    )
    _person(p)
    p.add_argument(
        "--reason",
        metavar=_("REASON"),
        required=True,
        help=_("why (e.g. the person's request of 3 May)"),
    )
    p.set_defaults(handler=cmd_erase)
    p = p_sub.add_parser(
        "export", parents=[common], help=_("write everything stored about a person as JSON")
    )
    _person(p)
    p.add_argument(
        "-o",
        "--output",
        metavar=_("FILE"),
        required=True,
        help=_("the JSON file to write ('-': stdout)"),
    )
    p.set_defaults(handler=cmd_export)


def _person(p: argparse.ArgumentParser) -> None:
    p.add_argument("lead", metavar=_("LEAD"), type=int, nargs="?", help=_("lead id"))
    p.add_argument("--email", metavar=_("ADDRESS"), help=_("every lead of this e-mail address"))


def _which(args: argparse.Namespace) -> dict[str, Any]:
    if (args.lead is None) == (args.email is None):
        raise ValidationError(_("Give either a lead id or --email ADDRESS."))
    return {"lead_id": args.lead, "email": args.email}


def cmd_erase(args: argparse.Namespace) -> int:
    from sdrdesk.services.privacy import PrivacyService

    which = _which(args)
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    done = PrivacyService(app_ctx.services).erase(actor_id=actor.id, reason=args.reason, **which)
    for erased in done:
        print(_("Erased the personal data of lead {lead}.").format(lead=erased.lead_id))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from sdrdesk.services.privacy import PrivacyService

    which = _which(args)
    data = PrivacyService(open_for(args).services).export(**which).as_json()
    text = json.dumps(value_for_file(data), ensure_ascii=False, indent=2) + "\n"
    if args.output == "-":
        sys.stdout.write(text)
        return 0
    path = Path(args.output)
    try:
        write_private(path, text)  # personal data: the user's own file, 0600
    except OSError as exc:
        raise ValidationError(
            _("Could not write {path}: {reason}.").format(path=path, reason=exc.strerror or exc)
        ) from exc
    count = len(data["leads"])
    print(
        ngettext(
            "Wrote everything stored about {count} lead to {path}.",
            "Wrote everything stored about {count} leads to {path}.",
            count,
        ).format(count=count, path=path)
    )
    return 0
