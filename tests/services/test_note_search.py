"""The queue's search finds a lead by the words of its notes and touches (issue 22), on
both backends, in every view and in the count; an erased note is no longer found."""

from __future__ import annotations

from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.leads import NoteService, TriageService
from sdrdesk.services.privacy import PrivacyService
from sdrdesk.services.queue import QueueQuery, QueueService, QueueView
from sdrdesk.services.results import UserInfo
from sdrdesk.services.users import UserService
from tests.factories import add_leads


def test_a_lead_is_found_by_its_notes_and_touches(ctx: ServiceContext, sdr: UserInfo) -> None:
    jo, kim, _lu = add_leads(
        ctx,
        {"first_name": "Jo", "last_name": "Kurz", "email": "jo@kurz-gmbh.de"},
        {"first_name": "Kim", "last_name": "Lang", "email": "kim@lang-ag.de"},
        {"first_name": "Lu", "last_name": "Berg", "email": "lu@berg.de"},
    )
    notes, queue = NoteService(ctx), QueueService(ctx)
    notes.add_note(jo, "Budget für Q3 freigegeben, Entscheider ist der CFO", actor_id=sdr.id)
    TriageService(ctx).accept(kim, actor_id=sdr.id)
    notes.log_touch(
        kim,
        channel="email",
        outcome="replied",
        note="Asked about the Pilotprojekt",
        actor_id=sdr.id,
    )

    def names(text: str, view: QueueView = QueueView.ALL) -> list[str]:
        page = queue.first_page(QueueQuery(user_id=sdr.id, text=text, view=view))
        return sorted(r.lead.first_name or "" for r in page.rows)

    assert names("budget") == ["Jo"]
    assert names("freigeg cfo") == ["Jo"]  # every word, in one note
    assert names("für") == ["Jo"]
    assert names("pilot") == ["Kim"]
    assert names("pilot", QueueView.MINE) == ["Kim"]
    assert names("pilot", QueueView.NEW) == []
    assert names("kurz") == ["Jo"]  # the name search as before
    assert names("berg") == ["Lu"]
    assert names("nothing-like-it") == []
    assert queue.count(QueueQuery(user_id=sdr.id, text="budget", view=QueueView.ALL)) == 1
    boss = UserService(ctx).add("mia", Role.MANAGER, display_name="Mia Boss")
    PrivacyService(ctx).erase(lead_id=jo, actor_id=boss.id, reason="Asked on 3 May")
    assert names("budget") == []
