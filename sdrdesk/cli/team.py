"""Team commands: assigning leads."""

from __future__ import annotations

import argparse
from typing import Any

from sdrdesk.cli.common import acting_user, open_for
from sdrdesk.cli.output import format_number
from sdrdesk.domain.errors import ValidationError
from sdrdesk.i18n import _, ngettext


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "assign",
        parents=[common],
        help=_("give a lead to an SDR (managers), or give out the pool by the rules"),
        description=_(
            "Give a lead to an SDR (managers only; --to '' puts it back in the "
            "pool), or with --auto give every unowned new lead an owner by the team's "
            "assignment rules (setting assignment_rules_file)."
        ),
    )
    p.add_argument("lead", metavar=_("LEAD"), type=int, nargs="?", help=_("lead id"))
    p.add_argument(
        "--to", metavar=_("USER"), dest="to_user", help=_("user name of the SDR ('' for the pool)")
    )
    p.add_argument("--auto", action="store_true", help=_("apply the assignment rules to the pool"))
    p.set_defaults(handler=cmd_assign)


def cmd_assign(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import AssignmentService, ClaimService

    app_ctx = open_for(args)
    user = acting_user(args, app_ctx)
    if args.auto:
        if args.lead is not None or args.to_user is not None:
            raise ValidationError(_("Use either --auto or a lead with --to, not both."))
        rules = app_ctx.services.assignment
        if not rules.assigns:
            raise ValidationError(
                _(
                    '{rules} says mode = "pool": new leads wait to be claimed. '
                    'Set mode = "round_robin" to give them out.'
                ).format(rules=rules.source)
            )
        result = AssignmentService(app_ctx.services).distribute(rules, actor_id=user.id)
        for name, count in sorted(result.assigned.items()):
            print(f"{name}: {format_number(count)}")
        total = sum(result.assigned.values())
        print(
            ngettext("Gave out {count} lead.", "Gave out {count} leads.", total).format(
                count=format_number(total)
            )
        )
        return 0
    if args.lead is None or args.to_user is None:
        raise ValidationError(_("Give a lead id and --to NAME (or --auto)."))
    ClaimService(app_ctx.services).assign(args.lead, to_user=args.to_user, actor_id=user.id)
    if args.to_user:
        print(_("Lead {lead} now belongs to {user}.").format(lead=args.lead, user=args.to_user))
    else:
        print(_("Lead {lead} is back in the team pool.").format(lead=args.lead))
    return 0
