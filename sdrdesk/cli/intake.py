"""``sdrdesk intake``: the HTTP service for marketing tools, and its tokens per source."""

from __future__ import annotations

import argparse
from typing import Any

from sdrdesk.i18n import _, format_datetime


def register(sub: Any, common: argparse.ArgumentParser) -> None:
    intake = sub.add_parser(
        "intake",
        parents=[common],
        help=_("the HTTP service marketing tools post leads to, and its tokens"),
    )
    commands = intake.add_subparsers(dest="intake_command", metavar="COMMAND", required=True)
    serve = commands.add_parser(
        "serve", parents=[common], help=_("serve POST /v1/leads until stopped (SIGTERM)")
    )
    serve.add_argument("--host", default="127.0.0.1", help=_("address to listen on"))
    serve.add_argument("--port", type=int, default=8765, help=_("port to listen on"))
    serve.add_argument(
        "--rate",
        type=int,
        default=1200,
        help=_("requests a minute per token, unless the token has its own rate"),
    )
    serve.add_argument(
        "--threads", type=int, default=8, help=_("database work done at the same time")
    )
    serve.set_defaults(handler=cmd_serve)
    token = commands.add_parser("token", parents=[common], help=_("tokens per source"))
    tokens = token.add_subparsers(dest="token_command", metavar="COMMAND", required=True)
    add = tokens.add_parser(
        "add", parents=[common], help=_("make a token for a source; printed once, last line")
    )
    add.add_argument("source", metavar="SOURCE", help=_("the source its leads come from"))
    add.add_argument(
        "--signing-secret",
        help=_("verify Standard Webhooks signatures with this secret (whsec_…)"),
    )
    add.add_argument("--thank-you-url", help=_("where a plain HTML form's post is sent back"))
    add.add_argument(
        "--mapping",
        help=_("a TOML file of lead fields to dotted paths in this source's payloads"),
    )
    add.add_argument("--rate", type=int, help=_("requests a minute for this token"))
    add.set_defaults(handler=cmd_token_add)
    listing = tokens.add_parser("list", parents=[common], help=_("list the tokens"))
    listing.set_defaults(handler=cmd_token_list)
    revoke = tokens.add_parser("revoke", parents=[common], help=_("revoke a token"))
    revoke.add_argument("token", metavar="ID", help=_("its id or hint from token list"))
    revoke.set_defaults(handler=cmd_token_revoke)


class _WebhookWorker:
    """The webhooks dispatcher, run by ``intake serve`` for as long as it serves: it
    starts with the service and stops after the last request (the lifespan)."""

    def __init__(self, ctx: Any, settings: Any) -> None:
        self._ctx = ctx
        self._settings = settings
        self._handle: Any = None

    def start(self) -> None:
        from sdrdesk.services.webhooks import start_dispatcher

        self._handle = start_dispatcher(self._ctx, self._settings)

    def stop(self) -> None:
        if self._handle is not None:
            self._handle.stop()


def cmd_serve(args: argparse.Namespace) -> int:
    from dataclasses import replace

    from sdrdesk.cli.common import open_for
    from sdrdesk.cli.webhooks import delivery_settings
    from sdrdesk.db.engine import Store, make_engine
    from sdrdesk.http.logs import setup_service_logging
    from sdrdesk.http.server import serve

    log_path = setup_service_logging(getattr(args, "verbose", False))
    app_ctx = open_for(args)  # migrated; the service gets a store of its own, made for it
    store = Store(make_engine(app_ctx.store.engine.url, service=True))
    app_ctx.store.dispose()
    url = f"http://{args.host}:{args.port}"
    print(_("Logging to {path}.").format(path=log_path), flush=True)
    services = replace(app_ctx.services, store=store)
    dispatcher = _WebhookWorker(services, delivery_settings(app_ctx))
    try:
        serve(
            services,
            host=args.host,
            port=args.port,
            rate_per_minute=args.rate,
            threads=args.threads,
            workers=[dispatcher],
            ready=_("Taking leads at {url}/v1/leads (stop with Ctrl+C or SIGTERM).").format(
                url=url
            ),
        )
    finally:
        store.dispose()
    return 0


def cmd_token_add(args: argparse.Namespace) -> int:
    from sdrdesk.cli.common import acting_user, open_for
    from sdrdesk.services.intake import TokenService

    app_ctx = open_for(args)
    user = acting_user(args, app_ctx)
    new = TokenService(app_ctx.services).add(
        args.source,
        actor_id=user.id,
        signing_secret=args.signing_secret,
        thank_you_url=args.thank_you_url,
        mapping=args.mapping,
        rate_per_minute=args.rate,
    )
    print(
        _("Token {id} for the source “{source}”. It is shown only now; keep it safe:").format(
            id=new.info.id, source=new.info.source
        )
    )
    print(new.token)
    return 0


def cmd_token_list(args: argparse.Namespace) -> int:
    from sdrdesk.cli.common import open_for
    from sdrdesk.services.intake import TokenService

    app_ctx = open_for(args)
    found = TokenService(app_ctx.services).list()
    if not found:
        print(_("No tokens yet (sdrdesk intake token add SOURCE)."))
    for info in found:
        state = (
            _("revoked {when}").format(when=format_datetime(info.revoked_at))
            if info.revoked_at
            else _("active")
        )
        extras = [_("signed")] if info.signed else []
        if info.thank_you_url:
            extras.append(_("thank-you page {url}").format(url=info.thank_you_url))
        print(f"{info.id}\t{info.hint}\t{info.source}\t{state}\t{', '.join(extras)}".rstrip())
    return 0


def cmd_token_revoke(args: argparse.Namespace) -> int:
    from sdrdesk.cli.common import acting_user, open_for
    from sdrdesk.services.intake import TokenService

    app_ctx = open_for(args)
    user = acting_user(args, app_ctx)
    info = TokenService(app_ctx.services).revoke(args.token, actor_id=user.id)
    print(_("Token {id} ({source}) is revoked.").format(id=info.id, source=info.source))
    return 0
