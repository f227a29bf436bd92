"""The digest: a short summary of the period's feedback for marketing, as plain text
(for the clipboard and a mail body) and HTML (for pasting into a rich mail)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from sdrdesk.domain.wording import shortened
from sdrdesk.i18n import _, format_date, format_number, format_percent, ngettext
from sdrdesk.services.feedback.service import CampaignSummary, Feedback, FeedbackRow
from sdrdesk.services.reason_labels import reason_label
from sdrdesk.services.reports.common import NO_CAMPAIGN, NO_SOURCE

TOP_REASONS = 3
COMMENTS_PER_CAMPAIGN = 3
COMMENT_CHARS = 240
# Mail programs (and Windows) cut long mailto: links; the full text is on the clipboard.
MAILTO_BODY_CHARS = 1800


@dataclass(frozen=True, slots=True)
class Digest:
    subject: str
    text: str
    html: str
    recipients: tuple[str, ...]

    def mailto(self) -> str:
        body = self.text
        if len(body) > MAILTO_BODY_CHARS:
            body = (
                body[:MAILTO_BODY_CHARS].rsplit("\n", 1)[0]
                + "\n\n"
                + _("… (shortened: paste the full digest from the clipboard)")
            )
        to = ",".join(quote(r, safe="@") for r in self.recipients)
        return f"mailto:{to}?subject={quote(self.subject)}&body={quote(body)}"


def _period(feedback: Feedback) -> str:
    first = feedback.period.since.astimezone().date()
    last = (feedback.period.until - timedelta(seconds=1)).astimezone().date()
    if first == last:
        return format_date(first)
    return f"{format_date(first)} – {format_date(last)}"


def notable_comments(rows: tuple[FeedbackRow, ...]) -> list[FeedbackRow]:
    """The most telling comments: the longest ones (they explain most), newest first
    among equals, one per lead."""
    commented = [r for r in rows if r.comment and r.comment.strip()]
    commented.sort(key=lambda r: (-len(r.comment or ""), -r.decided_at.timestamp()))
    return commented[:COMMENTS_PER_CAMPAIGN]


def _short(text: str) -> str:
    return shortened(" ".join(text.split()), COMMENT_CHARS)


def _headline(s: CampaignSummary) -> str:
    rejected = ngettext(
        "{rejected} of {triaged} rejected", "{rejected} of {triaged} rejected", s.triaged
    ).format(rejected=format_number(s.rejected), triaged=format_number(s.triaged))
    if s.rejection_rate is not None:
        rejected += f" ({format_percent(s.rejection_rate)})"
    parts = [rejected]
    if s.disqualified:
        parts.append(_after_contact(s.disqualified))
    return ", ".join(parts)


def _after_contact(n: int) -> str:
    return ngettext("{n} disqualified after contact", "{n} disqualified after contact", n).format(
        n=format_number(n)
    )


def _shown(value: str, placeholder: str) -> str:
    return _(value) if value == placeholder else value


def _quoted(comment: str | None) -> str:
    # Translators: a quoted comment; German quotes it „so“.
    return _("“{comment}”").format(comment=_short(comment or ""))


def _reason(row: FeedbackRow) -> str:
    return reason_label(row.reason_code or None, row.reason_label)


def build_digest(feedback: Feedback) -> Digest:
    period = _period(feedback)
    subject = _("Lead feedback {period}").format(period=period)
    campaigns = [s for s in feedback.summary if s.rejected or s.disqualified]
    by_campaign: dict[tuple[str, str], tuple[FeedbackRow, ...]] = {}
    for row in feedback.rows:
        key = (row.source, row.campaign)
        by_campaign[key] = (*by_campaign.get(key, ()), row)
    triaged = sum(s.triaged for s in feedback.summary)
    rejected = sum(s.rejected for s in feedback.summary)
    disqualified = sum(s.disqualified for s in feedback.summary)
    overview = ngettext(
        "{n} lead triaged, {rejected} rejected", "{n} leads triaged, {rejected} rejected", triaged
    ).format(n=format_number(triaged), rejected=format_number(rejected))
    if triaged:
        overview += f" ({format_percent(rejected / triaged)})"
    overview += ", " + _after_contact(disqualified) + "."
    text = [subject, "", overview]
    parts = [f"<h2>{html.escape(subject)}</h2>", f"<p>{html.escape(overview)}</p>"]
    if not campaigns:
        nothing = _("No lead was sent back in this period.")
        text += ["", nothing]
        parts.append(f"<p>{html.escape(nothing)}</p>")
    for s in campaigns:
        source = "" if s.source in ("", NO_SOURCE) else f" ({s.source})"  # none: said once
        title = _shown(s.campaign, NO_CAMPAIGN) + source
        reasons = [
            f"{reason_label(None, label)}: {format_number(n)}"
            for label, n in s.top_reasons[:TOP_REASONS]
        ]
        comments = notable_comments(by_campaign.get((s.source, s.campaign), ()))
        text += ["", title, f"  {_headline(s)}"]
        text += [f"  - {r}" for r in reasons]
        text += [f"  {_quoted(c.comment)} ({_reason(c)}, {c.sdr or '?'})" for c in comments]
        parts.append(f"<h3>{html.escape(title)}</h3><p>{html.escape(_headline(s))}</p>")
        if reasons:
            parts.append("<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in reasons) + "</ul>")
        for c in comments:
            parts.append(
                f"<blockquote>{html.escape(_quoted(c.comment))}"
                f" <small>— {html.escape(_reason(c))}, {html.escape(c.sdr or '?')}</small>"
                "</blockquote>"
            )
    text += ["", _("Every lead with its reason: sdrdesk feedback (CSV, Excel or JSON).")]
    return Digest(subject, "\n".join(text) + "\n", "\n".join(parts), feedback.recipients)
