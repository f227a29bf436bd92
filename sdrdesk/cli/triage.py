"""Working a lead from the command line: ``claim``, ``accept``, ``reject``, ``note``,
``touch``, ``edit``.

Each command is one user action in one transaction, through the same services as the
window, so the same rules hold and a race lost to a colleague ends with the sentence the
window shows (on stderr) and exit code 1. ``--json`` prints what was done for scripts.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import EXIT_ERROR, UsageError, acting_user, open_for
from sdrdesk.domain.corrections import EDITABLE
from sdrdesk.domain.errors import ConflictError, IllegalTransitionError
from sdrdesk.i18n import _
from sdrdesk.services.results import LeadSummary, to_jsonable

# ``sdrdesk edit --first-name …``: the correctable fields, in the order --help lists them.
EDIT_OPTIONS = tuple(EDITABLE)

if TYPE_CHECKING:
    from sdrdesk.app import AppContext
    from sdrdesk.services.leads import TriageService


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser(
        "claim",
        parents=[common],
        help=_("take a lead from the team pool"),
        description=_(
            "Take the most urgent unowned lead from the team pool, or the lead given. "
            "Exit code 1 when the pool is empty or a colleague claimed the lead first."
        ),
    )
    p.add_argument("lead", metavar="LEAD", type=int, nargs="?", help=_("the lead's id"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_claim)

    p = sub.add_parser(
        "accept",
        parents=[common],
        help=_("accept a new lead (it becomes a SAL owned by you)"),
    )
    _lead_arguments(p)
    p.set_defaults(handler=cmd_accept)

    p = sub.add_parser(
        "reject",
        parents=[common],
        help=_("send a new lead back to marketing with a reason"),
        description=_(
            "Reject a new lead with a reason code (see the reasons in the settings); "
            "some reasons need a comment."
        ),
    )
    _lead_arguments(p)
    p.add_argument("--reason", metavar=_("CODE"), required=True, help=_("the reason's code"))
    p.add_argument("--comment", metavar=_("TEXT"), help=_("a comment for marketing"))
    p.set_defaults(handler=cmd_reject)

    p = sub.add_parser(
        "note",
        parents=[common],
        help=_("add a note to a lead's history"),
    )
    p.add_argument("lead", metavar="LEAD", type=int, help=_("the lead's id"))
    p.add_argument("text", metavar=_("TEXT"), help=_("the note"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_note)

    p = sub.add_parser(
        "touch",
        parents=[common],
        help=_("log an e-mail, LinkedIn message or meeting (counts as an attempt)"),
        description=_(
            "Log a touch on another channel. Outcomes: e-mail: sent, replied, bounced; "
            "LinkedIn: sent, replied, connected; meeting: held, no_show."
        ),
    )
    _lead_arguments(p)
    p.add_argument(
        "--channel",
        metavar=_("CHANNEL"),
        required=True,
        help=_("email, linkedin or meeting"),
    )
    p.add_argument("--outcome", metavar=_("OUTCOME"), required=True, help=_("what came of it"))
    p.add_argument("--note", metavar=_("TEXT"), default="", help=_("a note on the touch"))
    p.set_defaults(handler=cmd_touch)

    p = sub.add_parser(
        "edit",
        parents=[common],
        help=_("correct a lead's contact data"),
        description=_(
            "Correct the fields given; an empty value clears a field. A changed phone is "
            "checked again (E.164, validity, time zone). The history keeps each value "
            "before and after."
        ),
    )
    _lead_arguments(p)
    for field in EDIT_OPTIONS:
        p.add_argument(
            "--" + field.replace("_", "-"),
            metavar=_("TEXT"),
            dest=f"edit_{field}",
            help=_("the new {field}").format(field=_(EDITABLE[field])),
        )
    p.set_defaults(handler=cmd_edit)


def _lead_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("lead", metavar="LEAD", type=int, help=_("the lead's id"))
    p.add_argument(
        "--expect-version",
        metavar=_("VERSION"),
        type=int,
        help=_("refuse if the lead changed since it had this version (see `leads --json`)"),
    )
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))


def cmd_claim(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import ClaimService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    service = ClaimService(app_ctx.services)
    if args.lead is None:
        result = service.claim_next(actor_id=actor.id)
        if result is None:
            if args.json:
                print("null")
            print(_("The team pool is empty: there is no lead to claim."), file=sys.stderr)
            return EXIT_ERROR
    else:
        result = service.claim(args.lead, actor_id=actor.id)
    lead = _summary(app_ctx, result.lead_id)
    return _report(args, _("Claimed {lead}."), lead, result.event_id, "claimed")


def _race(triage: TriageService, lead_id: int, exc: Exception) -> Exception:
    """A lead another process decided or claimed first: every loser reads the same
    sentence as in the window, naming who won (a lead decided by oneself, too)."""
    if isinstance(exc, ConflictError) and exc.change not in (None, "claimed"):
        return exc  # already says who won and how
    return triage.lost_race(lead_id)


def cmd_accept(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import TriageService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    triage = TriageService(app_ctx.services)
    try:
        result = triage.accept(args.lead, actor_id=actor.id, expected_version=args.expect_version)
    except (IllegalTransitionError, ConflictError) as exc:
        raise _race(triage, args.lead, exc) from exc
    lead = _summary(app_ctx, result.lead_id)
    return _report(args, _("Accepted {lead}; it is yours now."), lead, result.event_id, "accept")


def cmd_reject(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import TriageService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    triage = TriageService(app_ctx.services)
    try:
        result = triage.reject(
            args.lead,
            actor_id=actor.id,
            reason_code=args.reason.strip(),
            comment=(args.comment or "").strip() or None,
            expected_version=args.expect_version,
        )
    except (IllegalTransitionError, ConflictError) as exc:
        raise _race(triage, args.lead, exc) from exc
    lead = _summary(app_ctx, result.lead_id)
    return _report(
        args, _("Rejected {lead}; it went back to marketing."), lead, result.event_id, "reject"
    )


def cmd_note(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import NoteService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    result = NoteService(app_ctx.services).add_note(args.lead, args.text, actor_id=actor.id)
    lead = _summary(app_ctx, result.lead_id)
    return _report(args, _("Added a note to {lead}."), lead, result.event_id, "note_added")


def cmd_touch(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import NoteService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    result = NoteService(app_ctx.services).log_touch(
        args.lead,
        channel=args.channel,
        outcome=args.outcome,
        note=args.note,
        actor_id=actor.id,
        expected_version=args.expect_version,
    )
    lead = _summary(app_ctx, result.lead_id)
    return _report(args, _("Logged the touch with {lead}."), lead, result.event_id, "touch_logged")


def cmd_edit(args: argparse.Namespace) -> int:
    from sdrdesk.services.leads import CorrectionService

    typed = {f: getattr(args, f"edit_{f}") for f in EDIT_OPTIONS}
    typed = {f: v for f, v in typed.items() if v is not None}
    if not typed:
        raise UsageError(
            _("say what to correct, e.g. --phone or --email (see “sdrdesk edit --help”)")
        )
    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    result = CorrectionService(app_ctx.services).edit(
        args.lead, typed, actor_id=actor.id, expected_version=args.expect_version
    )
    lead = _summary(app_ctx, result.lead_id)
    if args.json:
        out = {
            "action": "lead_edited",
            "event_id": result.event_id,
            "changes": result.changes,
            "lead": to_jsonable(lead),
        }
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    print(_("Corrected {lead}:").format(lead=lead_words(lead)))
    for field, change in result.changes.items():
        print(
            "  "
            + _("{field}: {before} → {after}").format(
                field=_(EDITABLE[field]),
                before=change["before"] or "–",
                after=change["after"] or "–",
            )
        )
    return 0


def _summary(app_ctx: AppContext, lead_id: int) -> LeadSummary:
    from sdrdesk.services.leads import LeadService

    return LeadService(app_ctx.services).get(lead_id).summary


def lead_words(lead: LeadSummary) -> str:
    """``lead 12 (Jana Weber, Acme GmbH)``: how a command names the lead it changed."""
    name = " ".join(p for p in (lead.first_name, lead.last_name) if p)
    about = ", ".join(p for p in (name, lead.company) if p)
    if about:
        return _("lead {id} ({about})").format(id=lead.id, about=about)
    return _("lead {id}").format(id=lead.id)


def _report(
    args: argparse.Namespace, sentence: str, lead: LeadSummary, event_id: int, action: str
) -> int:
    if args.json:
        out = {"action": action, "event_id": event_id, "lead": to_jsonable(lead)}
        json.dump(out, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        print(sentence.format(lead=lead_words(lead)))
    return 0
