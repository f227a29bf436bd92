"""Booking, changing and cancelling demos with account executives.

Each public method is one user action and one transaction. Booking writes the demo,
promotes the lead to SQL and records the ``book_demo`` event together; cancelling marks
the demo cancelled and returns the lead to SAL with its ``cancel_demo`` event. Every
result carries the calendar invite to send (see ``services.invites``).

The qualification hand-over comes from the call feature through ``handover`` (a
callable ``lead_id -> QualificationSummary | None``), so demos do not depend on how
calls are stored.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import Demo, Lead, User
from sdrdesk.domain import emails, zones
from sdrdesk.domain.demos import (
    MAX_REASON_LENGTH,
    DemoStatus,
    OverlapError,
    WarningKind,
    check_duration,
    check_start,
    clean_location,
    clean_note,
    suggest_ae,
    warnings_for,
)
from sdrdesk.domain.errors import NotFoundError, ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action
from sdrdesk.i18n import _
from sdrdesk.services.calls.service import CallService
from sdrdesk.services.conflicts import explain_conflict, load_lead, race_named
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.demos import queries as q
from sdrdesk.services.demos.contacts import account_executive, lead_email, organizer
from sdrdesk.services.demos.invites import build_invite
from sdrdesk.services.demos.results import (
    AeChoice,
    DemoInfo,
    DemoPlan,
    DemoRequest,
    DemoResult,
    Invite,
)
from sdrdesk.services.lead_rows import summary_from_row, summary_select
from sdrdesk.services.results import QualificationSummary
from sdrdesk.services.users.service import user_info
from sdrdesk.services.webhooks import outbox

Handover = Callable[[int], QualificationSummary | None]


class DemoService:
    def __init__(self, ctx: ServiceContext, handover: Handover | None = None) -> None:
        self._ctx = ctx
        self._handover = handover

    # --- reading ------------------------------------------------------------------------

    def plan(self, lead_id: int, sdr_id: int) -> DemoPlan:
        """What the demo dialog shows: the lead, the AEs with a suggestion, their slots."""
        now = self._ctx.now()
        with self._ctx.store.read() as s:
            row = s.execute(summary_select().where(Lead.id == lead_id)).first()
            lead = s.get(Lead, lead_id)
            sdr = s.get(User, sdr_id)
            if row is None or lead is None:
                raise NotFoundError(_("Lead {lead_id} does not exist.").format(lead_id=lead_id))
            if sdr is None:
                raise NotFoundError(_("User {sdr_id} does not exist.").format(sdr_id=sdr_id))
            loads = q.ae_loads(s, now)
            suggested = suggest_ae([load for _user, load in loads])
            aes = tuple(
                AeChoice(
                    user.id,
                    user.name,
                    user.display_name,
                    user.email,
                    load.upcoming,
                    user.id == suggested,
                )
                for user, load in loads
            )
            demo = q.booked_for_lead(s, lead_id)
            plan_args: dict[str, Any] = {
                "lead": summary_from_row(row),
                "lead_email_valid": emails.is_valid_email(demo.lead.email if demo else lead.email),
                "sdr": user_info(sdr),
                "aes": aes,
                "suggested_ae_id": suggested,
                "slots": tuple(q.booked_slots(s, now)),
                "business_hours": self._business_hours(),
                "now": now,
                "demo": demo,
            }
        return DemoPlan(**plan_args, handover=self._qualification(lead_id))

    def get(self, demo_id: int) -> DemoInfo:
        with self._ctx.store.read() as s:
            return q.load_info(s, demo_id)

    def booked_for_lead(self, lead_id: int) -> DemoInfo | None:
        with self._ctx.store.read() as s:
            return q.booked_for_lead(s, lead_id)

    def list_demos(
        self,
        *,
        since: datetime | None = None,
        ae: str | None = None,
        status: DemoStatus | None = DemoStatus.BOOKED,
    ) -> list[DemoInfo]:
        """Demos in start order; ``ae`` is an AE's user name."""
        query = q.demo_select().order_by(Demo.starts_at, Demo.id)
        if since is not None:
            query = query.where(Demo.starts_at >= since)
        if status is not None:
            query = query.where(Demo.status == status)
        if ae is not None:
            with self._ctx.store.read() as s:
                if s.scalars(select(User.id).where(User.name == ae)).first() is None:
                    raise NotFoundError(_("There is no user called “{ae}”.").format(ae=ae))
            query = query.where(Demo.ae_id.in_(select(User.id).where(User.name == ae)))
        with self._ctx.store.read() as s:
            return [q.row_info(row) for row in s.execute(query)]

    def invite(self, demo_id: int) -> Invite:
        """The demo's latest invite again: the REQUEST, or the CANCEL once cancelled."""
        demo = self.get(demo_id)
        return build_invite(demo, self._qualification(demo.lead_id))

    # --- changing -------------------------------------------------------------------------

    def book(
        self,
        lead_id: int,
        request: DemoRequest,
        *,
        actor_id: int,
        expected_version: int | None = None,
    ) -> DemoResult:
        """Book the demo and promote the lead to SQL, in one transaction."""
        now = self._ctx.now()
        handover = self._qualification(lead_id)
        with race_named(self._ctx, lead_id), self._ctx.store.write() as s:
            lead = load_lead(s, lead_id, expected_version)
            sdr = organizer(s, actor_id, request.organizer_email)
            ae = account_executive(s, request.ae_id, request.ae_email)
            address = lead_email(s, lead, request.lead_email)
            demo = Demo(
                uid=f"{uuid.uuid4()}@sdrdesk",
                lead_id=lead.id,
                ae_id=ae.id,
                sdr_id=sdr.id,
                sequence=0,
                status=DemoStatus.BOOKED,
                created_at=now,
                lead_email=address,
                **self._fields(request, now),
            )
            self._check_overlaps(s, demo, ae, request)
            s.add(demo)
            s.flush()
            event = lifecycle.transition(
                s,
                lead,
                Action.BOOK_DEMO,
                actor_id=actor_id,
                at=now,
                data={
                    "demo_id": demo.id,
                    "ae": ae.name,
                    "starts_at": demo.starts_at.isoformat(),
                    "duration_minutes": demo.duration_minutes,
                    "uid": demo.uid,
                },
            )
            s.flush()
            outbox.emit(s, event, qualification=handover)
            info = q.load_info(s, demo.id)
            return DemoResult(info, build_invite(info, handover), event.id, lead.version)

    def reschedule(
        self,
        demo_id: int,
        request: DemoRequest,
        *,
        actor_id: int,
        expected_version: int | None = None,
    ) -> DemoResult:
        """Move or change a booked demo: an updated REQUEST, same UID, SEQUENCE + 1."""
        now = self._ctx.now()
        lead_id = self.get(demo_id).lead_id
        handover = self._qualification(lead_id)
        with race_named(self._ctx, lead_id, named=True), self._ctx.store.write() as s:
            demo = self._load_demo(s, demo_id, expected_version)
            before = q.load_info(s, demo_id)
            organizer(s, actor_id, request.organizer_email)
            ae = account_executive(s, request.ae_id, request.ae_email)
            lead = load_lead(s, demo.lead_id)
            fields = self._fields(request, now)
            fields["time_zone"] = demo.time_zone  # the organizer's zone stays
            fields["lead_email"] = lead_email(s, lead, request.lead_email, demo.lead_email)
            changed = [k for k, v in fields.items() if k != "updated_at" and getattr(demo, k) != v]
            if ae.id != demo.ae_id:
                changed.append("ae")
            if not changed:
                raise ValidationError(_("Nothing was changed: the demo stays as it is."))
            for key, value in fields.items():
                setattr(demo, key, value)
            demo.ae_id = ae.id
            demo.sequence += 1
            self._check_overlaps(s, demo, ae, request)
            data: dict[str, Any] = {
                "demo_id": demo.id,
                "starts_at": demo.starts_at.isoformat(),
                "ae": ae.name,
                "sequence": demo.sequence,
                "duration_minutes": demo.duration_minutes,
            }
            if "starts_at" in changed:
                kind = EventKind.DEMO_RESCHEDULED
                data["previous_starts_at"] = before.starts_at.isoformat()
            else:
                kind = EventKind.DEMO_UPDATED
                data["changes"] = sorted(changed)
            if "ae" in changed:
                data["previous_ae"] = before.ae.name
            event = lifecycle.record(s, demo.lead_id, kind, actor_id=actor_id, at=now, data=data)
            s.flush()
            outbox.emit(s, event)
            info = q.load_info(s, demo.id)
            extra: tuple[Invite, ...] = ()
            if "ae" in changed:
                # The AE who was replaced gets a CANCEL with the new sequence (RFC 5546 §2.1.5).
                gone = _replace_ae_view(info, before)
                extra = (build_invite(gone, None, method="CANCEL", attendees=[before.ae]),)
            invite = build_invite(info, handover)
            return DemoResult(info, invite, event.id, lead.version, extra)

    def cancel(
        self,
        demo_id: int,
        *,
        actor_id: int,
        reason: str,
        expected_version: int | None = None,
    ) -> DemoResult:
        """Cancel the demo (asks for a reason): METHOD:CANCEL, the lead goes back to SAL."""
        text = clean_note(reason, MAX_REASON_LENGTH, _("reason"))
        if not text:
            raise ValidationError(_("Give a reason for cancelling the demo."))
        now = self._ctx.now()
        lead_id = self.get(demo_id).lead_id
        handover = self._qualification(lead_id)
        with race_named(self._ctx, lead_id, named=True), self._ctx.store.write() as s:
            demo = self._load_demo(s, demo_id, expected_version)
            lead = load_lead(s, demo.lead_id)
            demo.status = DemoStatus.CANCELLED
            demo.cancel_reason = text
            demo.cancelled_at = now
            demo.updated_at = now
            demo.sequence += 1
            ae = s.get(User, demo.ae_id)
            event = lifecycle.transition(
                s,
                lead,
                Action.CANCEL_DEMO,
                actor_id=actor_id,
                comment=text,
                at=now,
                data={
                    "demo_id": demo.id,
                    "starts_at": demo.starts_at.isoformat(),
                    "ae": ae.name if ae else None,
                    "sequence": demo.sequence,
                },
            )
            s.flush()
            outbox.emit(s, event)
            info = q.load_info(s, demo.id)
            return DemoResult(info, build_invite(info, handover), event.id, lead.version)

    # --- helpers ----------------------------------------------------------------------------

    def _business_hours(self) -> tuple[int, int]:
        return (self._ctx.rules.calling_hours_start, self._ctx.rules.calling_hours_end)

    def _qualification(self, lead_id: int) -> QualificationSummary | None:
        return self._handover(lead_id) if self._handover is not None else None

    def _fields(self, request: DemoRequest, now: datetime) -> dict[str, Any]:
        zone_name = request.time_zone
        if zone_name is not None and zones.zone(zone_name) is None:
            raise ValidationError(
                _("“{zone_name}” is not a time zone.").format(zone_name=zone_name)
            )
        return {
            "starts_at": check_start(request.starts_at, now),
            "duration_minutes": check_duration(request.duration_minutes),
            "location": clean_location(request.location),
            "note": clean_note(request.note),
            "time_zone": zone_name,
            "include_handover": request.include_handover,
            "updated_at": now,
        }

    def _load_demo(self, s: Session, demo_id: int, expected_version: int | None) -> Demo:
        demo = s.get(Demo, demo_id)
        if demo is None:
            raise NotFoundError(_("Demo {demo_id} does not exist.").format(demo_id=demo_id))
        if expected_version is not None and demo.version != expected_version:
            raise explain_conflict(s, demo.lead_id, named=True)
        if demo.status is not DemoStatus.BOOKED:
            raise ValidationError(_("This demo was cancelled; book a new one instead."))
        return demo

    def _check_overlaps(self, s: Session, demo: Demo, ae: User, request: DemoRequest) -> None:
        """Refuse overlaps the SDR has not seen (someone booked the AE meanwhile)."""
        found = warnings_for(
            starts_at=demo.starts_at,
            duration_minutes=demo.duration_minutes,
            ae_id=ae.id,
            ae_name=ae.display_name,
            lead_zone=None,
            business_hours=self._business_hours(),
            slots=q.booked_slots(s, demo.starts_at, [ae.id]),
            exclude_demo_id=demo.id,
            display_zone=zones.zone(request.time_zone) or UTC,
        )
        unseen = [
            w
            for w in found
            if w.kind is WarningKind.OVERLAP and w.demo_id not in request.accepted_overlaps
        ]
        if unseen:
            raise OverlapError(
                _("{warning} Check the time, then save again to book anyway.").format(
                    warning=unseen[0].message
                ),
                unseen[0].demo_id,
            )


def _replace_ae_view(info: DemoInfo, before: DemoInfo) -> DemoInfo:
    return replace(info, ae=before.ae, note=None, include_handover=False)


def demo_service(ctx: ServiceContext) -> DemoService:
    """The demo service as the app and the CLI use it.

    The hand-over (grade, answers, notes) comes from the call feature.
    """
    return DemoService(ctx, handover=CallService(ctx).qualification_summary)
