"""The digest: a short summary of the period's feedback for marketing, as plain text
(for the clipboard and a mail body) and HTML (for pasting into a rich mail)."""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import quote

from sdrdesk.domain.wording import counted, shortened
from sdrdesk.services.feedback.service import CampaignSummary, Feedback, FeedbackRow

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
                + "\n\n… (shortened: paste the full digest from the clipboard)"
            )
        to = ",".join(quote(r, safe="@") for r in self.recipients)
        return f"mailto:{to}?subject={quote(self.subject)}&body={quote(body)}"


def _period(feedback: Feedback) -> str:
    first = feedback.period.since.astimezone().date()
    last = (feedback.period.until - timedelta(seconds=1)).astimezone().date()
    return first.isoformat() if first == last else f"{first.isoformat()} – {last.isoformat()}"


def notable_comments(rows: tuple[FeedbackRow, ...]) -> list[FeedbackRow]:
    """The most telling comments: the longest ones (they explain most), newest first
    among equals, one per lead."""
    commented = [r for r in rows if r.comment and r.comment.strip()]
    commented.sort(key=lambda r: (-len(r.comment or ""), -r.decided_at.timestamp()))
    return commented[:COMMENTS_PER_CAMPAIGN]


def _short(text: str) -> str:
    return shortened(" ".join(text.split()), COMMENT_CHARS)


def _headline(s: CampaignSummary) -> str:
    rate = "" if s.rejection_rate is None else f" ({100 * s.rejection_rate:.0f} %)"
    parts = [f"{s.rejected} of {s.triaged} rejected{rate}"]
    if s.disqualified:
        parts.append(f"{s.disqualified} disqualified after contact")
    return ", ".join(parts)


def build_digest(feedback: Feedback) -> Digest:
    period = _period(feedback)
    subject = f"Lead feedback {period}"
    campaigns = [s for s in feedback.summary if s.rejected or s.disqualified]
    by_campaign: dict[tuple[str, str], tuple[FeedbackRow, ...]] = {}
    for row in feedback.rows:
        key = (row.source, row.campaign)
        by_campaign[key] = (*by_campaign.get(key, ()), row)
    triaged = sum(s.triaged for s in feedback.summary)
    rejected = sum(s.rejected for s in feedback.summary)
    disqualified = sum(s.disqualified for s in feedback.summary)
    overview = (
        f"{counted(triaged, 'lead')} triaged, {rejected} rejected"
        + (f" ({100 * rejected / triaged:.0f} %)" if triaged else "")
        + f", {disqualified} disqualified after contact."
    )
    text = [subject, "", overview]
    parts = [f"<h2>{html.escape(subject)}</h2>", f"<p>{html.escape(overview)}</p>"]
    if not campaigns:
        text += ["", "No lead was sent back in this period."]
        parts.append("<p>No lead was sent back in this period.</p>")
    for s in campaigns:
        title = f"{s.campaign} ({s.source})"
        reasons = [f"{label}: {n}" for label, n in s.top_reasons[:TOP_REASONS]]
        comments = notable_comments(by_campaign.get((s.source, s.campaign), ()))
        text += ["", title, f"  {_headline(s)}"]
        text += [f"  - {r}" for r in reasons]
        text += [
            f"  “{_short(c.comment or '')}” ({c.reason_label}, {c.sdr or '?'})" for c in comments
        ]
        parts.append(f"<h3>{html.escape(title)}</h3><p>{html.escape(_headline(s))}</p>")
        if reasons:
            parts.append("<ul>" + "".join(f"<li>{html.escape(r)}</li>" for r in reasons) + "</ul>")
        for c in comments:
            parts.append(
                f"<blockquote>“{html.escape(_short(c.comment or ''))}”"
                f" <small>— {html.escape(c.reason_label)}, {html.escape(c.sdr or '?')}</small>"
                "</blockquote>"
            )
    text += ["", "Every lead with its reason: sdrdesk feedback (CSV, Excel or JSON)."]
    return Digest(subject, "\n".join(text) + "\n", "\n".join(parts), feedback.recipients)
