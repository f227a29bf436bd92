"""Texts the call workspace shows: the call's running time and the previous calls."""

from __future__ import annotations

import html

from sdrdesk.gui.models import formats
from sdrdesk.i18n import _
from sdrdesk.services.results import AttemptInfo


def duration_text(seconds: int) -> str:
    minutes, secs = divmod(max(0, seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def previous_calls_html(attempts: tuple[AttemptInfo, ...]) -> str:
    if not attempts:
        return "<i>{}</i>".format(html.escape(_("First call to this lead.")))
    rows = []
    for a in attempts[:5]:
        when = formats.day_date_time(a.started_at.astimezone())
        outcome = html.escape(formats.data_label(a.outcome_label))
        line = f"{when} · <b>{outcome}</b> · {duration_text(a.duration_seconds)}"
        if a.caller:
            line += f" · {html.escape(a.caller)}"
        if a.notes:
            line += f"<br><i>{html.escape(a.notes)}</i>"
        rows.append(line)
    earlier = len(attempts) - 5
    more = "<br>" + _("… and {n} earlier").format(n=formats.number(earlier)) if earlier > 0 else ""
    head = _("Previous calls ({n})").format(n=formats.number(len(attempts)))
    return f"<b>{html.escape(head)}</b><br>" + "<br>".join(rows) + more
