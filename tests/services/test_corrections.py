"""Correcting a lead: each change an event with the value before and after, the phone
checked again (E.164, validity, time zone), undo for a few seconds."""

from __future__ import annotations

from datetime import timedelta

import pytest

from sdrdesk.db.models import Lead
from sdrdesk.domain.errors import (
    ConflictError,
    IllegalTransitionError,
    PermissionDeniedError,
    ValidationError,
)
from sdrdesk.domain.lifecycle import Status
from sdrdesk.domain.phones import PhoneQuality
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import CorrectionService, LeadService, TriageService
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from tests.conftest import FakeClock
from tests.factories import add_lead


def test_a_typo_in_the_phone_is_corrected_and_checked_again(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana", phone="+49 30 1234567", country="DE")
    done = CorrectionService(ctx).edit(
        lead, {"phone": "+1 212 555 0142", "title": " CTO "}, actor_id=sdr.id
    )
    assert done.changes == {
        "title": {"before": None, "after": "CTO"},
        "phone": {"before": "+49301234567", "after": "+12125550142"},
    }
    detail = LeadService(ctx).get(lead)
    assert detail.summary.phone_e164 == "+12125550142"
    assert detail.summary.title == "CTO"
    assert detail.summary.time_zone == "America/New_York"
    assert detail.phone_raw == "+1 212 555 0142"
    event = detail.events[-1]
    assert (event.id, event.action) == (done.event_id, "lead_edited")
    assert event.description == (
        "Anna Schmidt corrected this lead: title – → CTO, phone +49301234567 → +12125550142"
    )


def test_the_lead_is_found_under_its_corrected_name(ctx: ServiceContext, sdr: UserInfo) -> None:
    lead = add_lead(ctx, first_name="Jana", last_name="Mueler", company="Acme")
    CorrectionService(ctx).edit(lead, {"last_name": "Müller"}, actor_id=sdr.id)
    page = QueueService(ctx).first_page(QueueQuery(view=QueueView.NEW, text="müll"), 10)
    assert page.lead_ids == [lead]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ({"phone": "12"}, "“12” is not a valid phone number"),
        ({"email": "jana@"}, "is not a valid e-mail address"),
        ({"country": "Atlantis"}, "The country “Atlantis” is not known."),
        ({"score": "99"}, "“score” cannot be corrected"),
        ({"title": "x" * 301}, "at most 300"),
        ({"email": "", "phone": ""}, "needs a valid e-mail address or phone number"),
        ({"first_name": "Jana"}, "Nothing was changed."),
    ],
)
def test_bad_corrections_are_refused_and_nothing_changes(
    ctx: ServiceContext, sdr: UserInfo, typed: dict[str, str], message: str
) -> None:
    lead = add_lead(ctx, first_name="Jana", email="jana@acme.de", phone="+49 30 1234567")
    before = LeadService(ctx).get(lead)
    with pytest.raises(ValidationError, match=message):
        CorrectionService(ctx).edit(lead, typed, actor_id=sdr.id)
    after = LeadService(ctx).get(lead)
    assert after.summary == before.summary
    assert len(after.events) == len(before.events)


def test_a_correction_is_undone_within_the_window_only(
    ctx: ServiceContext, sdr: UserInfo, clock: FakeClock
) -> None:
    lead = add_lead(ctx, first_name="Jana", company="Acme", email="jana@acme.de")
    first = CorrectionService(ctx).edit(
        lead, {"company": "Acme GmbH", "email": "j.weber@acme.de"}, actor_id=sdr.id
    )
    clock.advance(seconds=5)
    undone = CorrectionService(ctx).undo(first.event_id, actor_id=sdr.id)
    assert undone.changes == {
        "company": {"before": "Acme GmbH", "after": "Acme"},
        "email": {"before": "j.weber@acme.de", "after": "jana@acme.de"},
    }
    summary = LeadService(ctx).get(lead).summary
    assert (summary.company, summary.email) == ("Acme", "jana@acme.de")
    late = CorrectionService(ctx).edit(lead, {"industry": "Software"}, actor_id=sdr.id)
    clock.advance(seconds=ctx.rules.undo_seconds + 1)
    with pytest.raises(ValidationError, match="Undo is only possible for 10 seconds"):
        CorrectionService(ctx).undo(late.event_id, actor_id=sdr.id)
    assert LeadService(ctx).get(lead).events[-1].description.endswith("industry – → Software")


def test_an_older_correction_is_not_undone_over_a_newer_one(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    first = CorrectionService(ctx).edit(lead, {"title": "CEO"}, actor_id=sdr.id)
    CorrectionService(ctx).edit(lead, {"title": "CTO"}, actor_id=sdr.id)
    with pytest.raises(ConflictError, match="corrected again since"):
        CorrectionService(ctx).undo(first.event_id, actor_id=sdr.id)
    assert LeadService(ctx).get(lead).summary.title == "CTO"


def test_a_colleagues_lead_and_a_stale_version_are_refused(
    ctx: ServiceContext, sdr: UserInfo, other_sdr: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    seen = LeadService(ctx).get(lead).summary.version
    TriageService(ctx).accept(lead, actor_id=other_sdr.id)
    with pytest.raises(ConflictError, match="Ben Okafor"):
        CorrectionService(ctx).edit(lead, {"title": "CTO"}, actor_id=sdr.id, expected_version=seen)
    with pytest.raises(ConflictError, match="Ben Okafor is working this lead"):
        CorrectionService(ctx).edit(lead, {"title": "CTO"}, actor_id=sdr.id)
    assert LeadService(ctx).get(lead).summary.title is None


def test_a_country_change_gives_a_national_number_its_new_reading(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana", phone="030 1234567", country="DE")
    CorrectionService(ctx).edit(
        lead, {"country": "Austria", "phone": "01 5123456"}, actor_id=sdr.id
    )
    summary = LeadService(ctx).get(lead).summary
    assert (summary.country, summary.phone_e164, summary.time_zone) == (
        "AT",
        "+4315123456",
        "Europe/Vienna",
    )
    assert summary.phone_quality is PhoneQuality.VALID


def test_a_manager_lifts_do_not_call_with_a_reason(
    ctx: ServiceContext, sdr: UserInfo, manager: UserInfo
) -> None:
    lead = add_lead(ctx, first_name="Jana")
    TriageService(ctx).accept(lead, actor_id=sdr.id)
    with ctx.store.write() as s:  # as a "Wrong number" call leaves it
        s.get(Lead, lead).do_not_call = True  # type: ignore[union-attr]
        s.get(Lead, lead).do_not_call_reason = "Wrong number"  # type: ignore[union-attr]
    with pytest.raises(PermissionDeniedError, match="Only a manager may lift do-not-call"):
        CorrectionService(ctx).lift_do_not_call(lead, "typo fixed", actor_id=sdr.id)
    with pytest.raises(ValidationError, match="Say why"):
        CorrectionService(ctx).lift_do_not_call(lead, "  ", actor_id=manager.id)
    CorrectionService(ctx).lift_do_not_call(
        lead, "The number had a typo; corrected", actor_id=manager.id
    )
    detail = LeadService(ctx).get(lead)
    assert not detail.summary.do_not_call
    event = detail.events[-1]
    assert (event.action, event.comment, event.data) == (
        "do_not_call_lifted",
        "The number had a typo; corrected",
        {"previous_reason": "Wrong number"},
    )
    assert event.description == "Maria Manager lifted do-not-call for this lead"
    with pytest.raises(ValidationError, match="not marked do not call"):
        CorrectionService(ctx).lift_do_not_call(lead, "again", actor_id=manager.id)


def test_an_accepted_lead_is_disqualified_or_nurtured_without_a_call(
    ctx: ServiceContext, sdr: UserInfo, clock: FakeClock
) -> None:
    first, second, new = (add_lead(ctx, first_name=n) for n in ("Jana", "Olaf", "Nina"))
    for lead in (first, second):
        TriageService(ctx).accept(lead, actor_id=sdr.id)
    with pytest.raises(ValidationError, match="Choose a reason"):
        TriageService(ctx).disqualify(first, actor_id=sdr.id, reason_code=None)
    TriageService(ctx).disqualify(
        first, actor_id=sdr.id, reason_code="no_budget", comment="Budget frozen until 2028"
    )
    detail = LeadService(ctx).get(first)
    assert detail.summary.status is Status.DISQUALIFIED
    assert (detail.events[-1].reason_code, detail.events[-1].comment) == (
        "no_budget",
        "Budget frozen until 2028",
    )
    later = clock() + timedelta(days=90)
    with pytest.raises(ValidationError, match="Say why"):
        TriageService(ctx).nurture(second, actor_id=sdr.id, recontact_at=later)
    with pytest.raises(ValidationError, match="in the future"):
        TriageService(ctx).nurture(second, actor_id=sdr.id, recontact_at=clock(), comment="x")
    TriageService(ctx).nurture(
        second, actor_id=sdr.id, recontact_at=later, comment="New budget in Q2"
    )
    summary = LeadService(ctx).get(second).summary
    assert (summary.status, summary.callback_due_at) == (Status.NURTURE, later)
    with pytest.raises(IllegalTransitionError):
        TriageService(ctx).disqualify(new, actor_id=sdr.id, reason_code="no_budget")
