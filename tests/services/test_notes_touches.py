"""Notes on a lead at any time and touches on other channels (e-mail, LinkedIn, meeting):
in the history with who and when, a touch counted as an attempt."""

from __future__ import annotations

from pathlib import Path

import pytest

from sdrdesk.domain.errors import ConflictError, ValidationError
from sdrdesk.domain.lifecycle import Status
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import LeadService, NoteService, TriageService
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead


def test_a_note_is_kept_in_the_history_with_who_and_when(
    ctx: ServiceContext, sdr: UserInfo, clock: FakeClock
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    at = clock.advance(minutes=5)
    done = NoteService(ctx).add_note(lead, "  Prefers e-mail; call after 3 pm \n", actor_id=sdr.id)
    detail = LeadService(ctx).get(lead)
    note = detail.events[-1]
    assert (note.id, note.action, note.comment, note.at) == (
        done.event_id,
        "note_added",
        "Prefers e-mail; call after 3 pm",
        at,
    )
    assert note.description == "Anna Schmidt added a note to this lead"
    assert detail.summary.status is Status.MQL  # a note changes nothing else
    assert detail.summary.attempt_count == 0


def test_a_rejected_lead_still_takes_a_note(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead = add_lead(ctx, first_name="Jana")
    TriageService(ctx).reject(lead, actor_id=sdr.id, reason_code="not_icp")
    NoteService(ctx).add_note(lead, "Marketing says: retry in Q3", actor_id=sdr.id)
    assert LeadService(ctx).get(lead).events[-1].comment == "Marketing says: retry in Q3"


@pytest.mark.parametrize(
    ("text", "message"),
    [("   ", "The note is empty"), ("a\x1b[31m", "control characters"), ("x" * 4001, "4000")],
)
def test_a_bad_note_is_refused_and_nothing_is_written(
    ctx: ServiceContext, sdr: UserInfo, text: str, message: str
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    with pytest.raises(ValidationError, match=message):
        NoteService(ctx).add_note(lead, text, actor_id=sdr.id)
    assert [e.action for e in LeadService(ctx).get(lead).events] == ["hand_off"]


def test_a_colleagues_lead_takes_no_note_or_touch(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    TriageService(ctx).accept(lead, actor_id=other_sdr.id)
    with pytest.raises(ConflictError, match="Ben Okafor is working this lead"):
        NoteService(ctx).add_note(lead, "mine now", actor_id=sdr.id)
    with pytest.raises(ConflictError, match="Ben Okafor is working this lead"):
        NoteService(ctx).log_touch(lead, channel="email", outcome="sent", actor_id=sdr.id)
    assert [e.action for e in LeadService(ctx).get(lead).events] == ["hand_off", "accept"]


def test_a_touch_counts_as_an_attempt_and_starts_working_the_lead(
    ctx: ServiceContext, sdr: UserInfo, clock: FakeClock
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    at = clock.advance(hours=1)
    first = NoteService(ctx).log_touch(
        lead, channel="email", outcome="sent", note="Intro + case study", actor_id=sdr.id
    )
    second = NoteService(ctx).log_touch(
        lead, channel="LinkedIn", outcome="connected", actor_id=sdr.id
    )
    assert (first.attempt_count, second.attempt_count) == (1, 2)
    assert second.status is Status.WORKING
    detail = LeadService(ctx).get(lead)
    assert detail.summary.attempt_count == 2
    touches = [e for e in detail.events if e.action == "touch_logged"]
    assert [e.data for e in touches] == [
        {"channel": "email", "outcome": "sent", "attempt": 1},
        {"channel": "linkedin", "outcome": "connected", "attempt": 2},
    ]
    assert touches[0].comment == "Intro + case study"
    assert touches[0].at == at
    assert touches[0].description == "Anna Schmidt logged a touch: E-mail, Sent"
    assert touches[1].description == (
        "Anna Schmidt logged a touch: LinkedIn message, Connection accepted"
    )
    started = next(e for e in detail.events if e.action == "start_working")
    assert (
        started.description == "Anna Schmidt started working this lead (Accepted (SAL) → Working)"
    )


@pytest.mark.parametrize(
    ("channel", "outcome", "message"),
    [
        ("fax", "sent", "There is no channel “fax”; use one of email, linkedin, meeting."),
        ("meeting", "replied", "“replied” is no outcome of Meeting; use one of held, no_show."),
    ],
)
def test_an_unknown_channel_or_outcome_names_the_allowed_ones(
    ctx: ServiceContext, sdr: UserInfo, channel: str, outcome: str, message: str
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    with pytest.raises(ValidationError) as caught:
        NoteService(ctx).log_touch(lead, channel=channel, outcome=outcome, actor_id=sdr.id)
    assert str(caught.value) == message
    assert LeadService(ctx).get(lead).summary.attempt_count == 0


def test_only_accepted_open_leads_are_touched(ctx: ServiceContext, sdr: UserInfo) -> None:
    new, rejected = add_lead(ctx, first_name="Jana"), add_lead(ctx, first_name="Olaf")
    with pytest.raises(ValidationError, match="Accept Jana first"):
        NoteService(ctx).log_touch(new, channel="email", outcome="sent", actor_id=sdr.id)
    TriageService(ctx).reject(rejected, actor_id=sdr.id, reason_code="not_icp")
    with pytest.raises(ValidationError, match="Olaf is Rejected; the lead is not contacted"):
        NoteService(ctx).log_touch(rejected, channel="meeting", outcome="held", actor_id=sdr.id)


def test_a_touch_on_a_lead_changed_meanwhile_names_who_changed_it(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    seen = LeadService(ctx).get(lead).summary.version
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    with pytest.raises(ConflictError, match="Anna Schmidt accepted this lead"):
        NoteService(ctx).log_touch(
            lead, channel="email", outcome="sent", actor_id=sdr.id, expected_version=seen
        )


def test_an_imported_leads_history_says_who_imported_it(
    ctx: ServiceContext, sdr: UserInfo, tmp_path: Path
) -> None:
    from sdrdesk.services.imports import ImportService

    source = tmp_path / "export.csv"
    source.write_text(
        "First name,Email,Phone,Country,Created\n"
        "Jo,jo@firma-x.de,+49 30 5551234,DE,2026-03-01 09:30\n",
        encoding="utf-8",
    )
    ImportService(ctx).run(source, actor_id=sdr.id)
    hand_off = LeadService(ctx).events()[0]
    assert hand_off.description == "Anna Schmidt imported this lead"
    lead = LeadService(ctx).get(hand_off.lead_id)
    assert lead.events[0].description == "Anna Schmidt imported this lead from export.csv (line 2)"
    assert lead.summary.handed_off_at.astimezone().strftime("%Y-%m-%d %H:%M") == (
        "2026-03-01 09:30"
    )
    # Marketing's hand-off time stays with the event (its own time is the import's).
    assert hand_off.handed_off_at == lead.summary.handed_off_at
    assert lead.events[0].handed_off_at == lead.summary.handed_off_at
    assert hand_off.at != hand_off.handed_off_at
