"""``sdrdesk webhooks``: endpoints (managers), the delivery log, and ``deliver``."""

from __future__ import annotations

import argparse
import json
import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

from sdrdesk.cli.common import acting_user, open_for, product_option
from sdrdesk.i18n import _, format_datetime, ngettext

if TYPE_CHECKING:
    from sdrdesk.app import AppContext
    from sdrdesk.services.webhooks import DeliveryInfo, DeliverySettings, DispatchReport


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    hooks = sub.add_parser(
        "webhooks",
        help=_("send decisions to other systems as signed webhooks"),
        description=_(
            "Endpoints get the events they ask for (lead.accepted, lead.rejected, "
            "lead.disqualified, lead.nurture, lead.sql, demo.moved, demo.cancelled, "
            "lead.erased), signed per the Standard Webhooks specification, at least once."
        ),
    )
    w_sub = hooks.add_subparsers(dest="webhooks_command", metavar=_("ACTION"), required=True)
    p = w_sub.add_parser(
        "add",
        parents=[common],
        help=_("add an endpoint (managers); prints its signing secret once, last"),
    )
    p.add_argument("url", help=_("the receiver's http:// or https:// address"))
    p.add_argument("--events", required=True, help=_("event types, comma-separated"))
    p.add_argument("--description", help=_("what the endpoint is for"))
    p.set_defaults(handler=cmd_add)
    p = w_sub.add_parser("list", parents=[common], help=_("list the endpoints"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_list)
    p = w_sub.add_parser("remove", parents=[common], help=_("remove an endpoint (managers)"))
    p.add_argument("id", type=int, help=_("the endpoint's id"))
    p.set_defaults(handler=cmd_remove)
    p = w_sub.add_parser("test", parents=[common], help=_("send a ping to an endpoint now"))
    p.add_argument("id", type=int, help=_("the endpoint's id"))
    p.set_defaults(handler=cmd_test)
    p = w_sub.add_parser("log", parents=[common], help=_("show the latest deliveries"))
    p.add_argument("--failed", action="store_true", help=_("only failed or retrying ones"))
    p.add_argument("--endpoint", type=int, help=_("only this endpoint's"))
    p.add_argument("--limit", type=int, default=50, help=_("at most this many (default 50)"))
    p.add_argument("--json", action="store_true", help=_("machine-readable output"))
    p.set_defaults(handler=cmd_log)
    p = w_sub.add_parser(
        "retry", parents=[common], help=_("send a failed delivery again (managers)")
    )
    p.add_argument("id", type=int, help=_("the delivery's id"))
    p.set_defaults(handler=cmd_retry)
    p = w_sub.add_parser(
        "deliver",
        parents=[common],
        help=_("send what is due; keeps running unless --once"),
        description=_(
            "The dispatcher: sends the pending deliveries, retries failed ones with "
            "backoff, and (without --once) keeps waiting for new ones until Ctrl+C. "
            "`sdrdesk intake serve` runs the same dispatcher."
        ),
    )
    p.add_argument("--once", action="store_true", help=_("send what is due now, then return"))
    p.add_argument(
        "--timeout", type=float, help=_("seconds one attempt may take (default: the settings)")
    )
    p.add_argument(
        "--lease",
        type=float,
        help=_(
            "seconds after which a batch claimed by a dispatcher that died is sent again "
            "(default: the timeout plus 5 s; renewed while sending)"
        ),
    )
    p.set_defaults(handler=cmd_deliver)


def delivery_settings(app_ctx: AppContext, **overrides: Any) -> DeliverySettings:
    from sdrdesk.services.webhooks import DeliverySettings

    values: dict[str, Any] = {
        "retry_hours": app_ctx.settings.webhook_retry_hours,
        "timeout_seconds": app_ctx.settings.webhook_timeout_seconds,
    }
    values.update({k: v for k, v in overrides.items() if v is not None})
    return DeliverySettings(**values)


def cmd_add(args: argparse.Namespace) -> int:
    from sdrdesk.services.webhooks import WebhookService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    created = WebhookService(app_ctx.services).add(
        args.url, args.events, actor_id=actor.id, description=args.description
    )
    endpoint = created.endpoint
    print(
        _("Added webhook endpoint {id}: {url} ({events}).").format(
            id=endpoint.id, url=endpoint.url, events=", ".join(endpoint.events)
        )
    )
    print(_("Its signing secret (shown only now; keep it with the receiver):"))
    print(created.secret)
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from sdrdesk.services.results import to_jsonable
    from sdrdesk.services.webhooks import WebhookService

    endpoints = WebhookService(open_for(args).services).endpoints()
    if args.json:
        json.dump([to_jsonable(e) for e in endpoints], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not endpoints:
        print(_("No webhook endpoints."))
    for e in endpoints:
        print(
            f"{e.id}  {status_label(e.status)}  {e.url}  {','.join(e.events)}  "
            + _("{delivered} delivered, {pending} pending, {failed} failed").format(
                delivered=e.delivered, pending=e.pending, failed=e.failed
            )
            + (f"  — {e.description}" if e.description else "")
        )
        if e.status_note:
            print("    " + note_label(e.status_note))
    return 0


def status_label(status: str) -> str:
    labels = {
        "active": _("active"),
        "failing": _("failing"),
        "disabled": _("disabled"),
        "pending": _("pending"),
        "delivered": _("delivered"),
        "failed": _("failed"),
        "cancelled": _("cancelled"),
    }
    return labels.get(status, status)


def note_label(note: str) -> str:
    return {
        "gone": _("The receiver answered 410 Gone, so nothing more is sent to it."),
        "retries": _("Deliveries failed for the whole retry period."),
    }.get(note, note)


def cmd_remove(args: argparse.Namespace) -> int:
    from sdrdesk.services.webhooks import WebhookService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    gone = WebhookService(app_ctx.services).remove(args.id, actor_id=actor.id)
    print(_("Removed webhook endpoint {id} ({url}).").format(id=gone.id, url=gone.url))
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from sdrdesk.services.webhooks import WebhookService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    service = WebhookService(app_ctx.services, delivery_settings(app_ctx))
    result = service.test(args.id, actor_id=actor.id)
    if result.ok:
        print(_("The ping was delivered (HTTP {status}).").format(status=result.status))
        return 0
    answer = f"HTTP {result.status}" if result.status is not None else (result.error or "")
    print(_("The ping was not delivered: {answer}.").format(answer=answer), file=sys.stderr)
    return 1


def cmd_log(args: argparse.Namespace) -> int:
    from sdrdesk.services.results import to_jsonable
    from sdrdesk.services.webhooks import WebhookService

    items = WebhookService(open_for(args).services).log(
        failed_only=args.failed, endpoint_id=args.endpoint, limit=args.limit
    )
    if args.json:
        json.dump([to_jsonable(i) for i in items], sys.stdout, ensure_ascii=False, indent=2)
        print()
        return 0
    if not items:
        print(_("No deliveries."))
    for item in items:
        print(_log_line(item))
    return 0


def _log_line(item: DeliveryInfo) -> str:
    when = format_datetime((item.last_attempt_at or item.created_at).astimezone(), "short")
    answer = ""
    if item.response_status is not None:
        answer = f"HTTP {item.response_status}"
    if item.last_error:
        answer = f"{answer} {item.last_error}".strip()
    if item.response_body and item.status != "delivered":
        answer += " — " + " ".join(item.response_body.split())[:80]
    lead = f"lead {item.lead_id}" if item.lead_id is not None else ""
    return "  ".join(
        part
        for part in (
            f"#{item.id}",
            when,
            status_label(item.status),
            item.event_type,
            lead,
            f"→ {item.url}",
            ngettext("{n} attempt", "{n} attempts", item.attempts).format(n=item.attempts),
            answer,
        )
        if part
    )


def cmd_retry(args: argparse.Namespace) -> int:
    from sdrdesk.services.webhooks import WebhookService

    app_ctx = open_for(args)
    actor = acting_user(args, app_ctx)
    item = WebhookService(app_ctx.services).retry(args.id, actor_id=actor.id)
    print(
        _("Delivery {id} is due again; a dispatcher sends it (sdrdesk webhooks deliver).").format(
            id=item.id
        )
    )
    return 0


def cmd_deliver(args: argparse.Namespace) -> int:
    from sdrdesk.services.webhooks import Dispatcher, DispatcherHandle

    app_ctx = open_for(args)
    settings = delivery_settings(app_ctx, timeout_seconds=args.timeout, lease_seconds=args.lease)
    dispatcher = Dispatcher(app_ctx.services, settings, on_report=_tell)
    try:
        if args.once:
            report = dispatcher.deliver_due()
            print(
                _("{delivered} delivered, {retrying} to retry, {failed} failed.").format(
                    delivered=report.delivered,
                    retrying=report.retrying + report.deferred,
                    failed=report.failed,
                )
            )
            return 0
        print(
            _("Delivering webhooks from {store}; Ctrl+C stops.").format(
                store=app_ctx.store.display_url
            )
        )
        sys.stdout.flush()
        # A service manager stops it with SIGTERM: the batch in flight is marked first.
        # The dispatcher runs on a thread of its own: stopping it from a signal handler
        # on its own thread would wait for the PostgreSQL listener it is waiting in.
        stop = threading.Event()
        signal.signal(signal.SIGTERM, lambda _signum, _frame: stop.set())
        handle = DispatcherHandle(dispatcher)
        try:
            while handle.running and not stop.wait(0.5):
                pass
        finally:
            handle.stop()
        return 0
    except KeyboardInterrupt:
        return 0
    finally:
        dispatcher.close()


def _tell(report: DispatchReport) -> None:
    """Managers are told at once when an endpoint fails or is disabled."""
    for url in report.disabled:
        print(
            _("Webhook endpoint {url} answered 410 Gone and was disabled.").format(url=url),
            file=sys.stderr,
        )
    for url in report.failing:
        print(
            _("Webhook endpoint {url} is failing: deliveries ran out of retries.").format(url=url),
            file=sys.stderr,
        )


def export_sqls(args: argparse.Namespace) -> int:
    """``leads --status sql --format csv|json|xlsx [-o FILE]``: for teams without webhooks."""
    from sdrdesk.cli.common import UsageError
    from sdrdesk.domain.lifecycle import Status
    from sdrdesk.services.calls import CallService
    from sdrdesk.services.webhooks import (
        handoffs_csv,
        handoffs_json,
        sql_handoffs,
        write_handoffs,
    )

    if args.status is not Status.SQL:
        raise UsageError(_("--format exports SQLs with their qualification: add --status sql"))
    fmt = args.format or (args.output.suffix.lstrip(".").lower() if args.output else "csv")
    if fmt not in ("csv", "json", "xlsx"):
        fmt = "csv"
    if fmt == "xlsx" and args.output is None:
        raise UsageError(_("--format xlsx needs -o FILE (an Excel file cannot go to the terminal)"))
    app_ctx = open_for(args)
    calls = CallService(app_ctx.services)
    items = sql_handoffs(
        app_ctx.services, calls.qualification_summary, product_option(args, app_ctx)
    )
    if args.output is None:
        sys.stdout.write(handoffs_json(items) if fmt == "json" else handoffs_csv(items))
        return 0
    path = write_handoffs(items, args.output, fmt)
    print(
        ngettext("Wrote {n} SQL to {path}.", "Wrote {n} SQLs to {path}.", len(items)).format(
            n=len(items), path=path
        )
    )
    return 0
