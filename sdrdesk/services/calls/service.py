"""Calls: start one (what the workspace needs), log it (one transaction), read results.

Logging a call is one user action and one transaction: the attempt row, the lead's
attempt count and callback, the first call's SAL → working transition, a do-not-call
mark, the scored qualification, an override of the recommendation and the decision
(nurture, disqualify) all land together or not at all.
"""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from sqlalchemy.orm import Session

from sdrdesk.db import lifecycle
from sdrdesk.db.models import CallAttempt, Lead, Qualification
from sdrdesk.domain import phones, zones
from sdrdesk.domain.call_outcomes import Outcome, OutcomeList
from sdrdesk.domain.call_script import CallScript, Decision
from sdrdesk.domain.callbacks import suggest_callback
from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.events import EventKind
from sdrdesk.domain.lifecycle import Action, ReasonStage, Status
from sdrdesk.domain.qualification import (
    Recommendation,
    check_answers,
)
from sdrdesk.i18n import _
from sdrdesk.services.calls import history as call_history
from sdrdesk.services.calls import scripts as qualifying
from sdrdesk.services.calls.results import CallLog, CallResult, CallSetup, DecisionInput
from sdrdesk.services.conflicts import load_lead, race_named
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.lead_rows import summary_from_row, summary_select
from sdrdesk.services.reasons import ReasonService
from sdrdesk.services.results import AttemptInfo, QualificationSummary
from sdrdesk.services.webhooks import outbox

CALLABLE = (Status.SAL, Status.WORKING, Status.NURTURE)


class CallService:
    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx
        self.scripts = qualifying.ScriptSource(ctx.rules.call_script_file)
        # A product's own script (``call_script`` of its entry in the products file).
        self.product_scripts = {
            p.name: qualifying.ScriptSource(p.call_script)
            for p in ctx.products.products
            if p.call_script
        }

    def script_for(self, product: str | None) -> tuple[CallScript, str | None]:
        """(script, warning) of a lead of ``product``: the product's own script, else
        the team's; a broken file gives the team's and says why."""
        found = self._ctx.products.find(product)
        source = self.product_scripts.get(found.name) if found else None
        if source is not None:
            script, warning = source.get()
            if warning is None:
                return script, None
            fallback, _warning = self.scripts.get()
            return fallback, warning
        return self.scripts.get()

    def outcomes(self) -> OutcomeList:
        return call_history.default_outcomes()

    # --- starting a call ----------------------------------------------------------------

    def start(self, lead_id: int) -> CallSetup:
        """What the workspace needs; refuses leads that may not be called."""
        reasons = ReasonService(self._ctx).list_reasons(ReasonStage.DISQUALIFY)
        now = self._ctx.now()
        with self._ctx.store.read() as s:
            row = s.execute(summary_select().where(Lead.id == lead_id)).first()
            lead = s.get(Lead, lead_id)
            if row is None or lead is None:
                raise ValidationError(
                    _("Lead {lead_id} does not exist (any more).").format(lead_id=lead_id)
                )
            summary = summary_from_row(row)
            _check_callable(lead, summary.name)
            script, warning = self.script_for(lead.product)
            product_label = self._ctx.products.label_of(lead.product)
            answers, continuing = qualifying.continue_with(
                script, call_history.latest_qualification(s, lead_id)
            )
            attempts = call_history.attempt_infos(s, lead_id)
            phone = phones.format_phone(lead.phone_e164, lead.country) or lead.phone_raw
            tel = phones.tel_uri(lead.phone_e164, lead.phone_ext)
            zone_name = lead.time_zone if zones.zone(lead.time_zone) else None
        rules = self._ctx.rules
        hours = (rules.calling_hours_start, rules.calling_hours_end)
        return CallSetup(
            lead=summary,
            phone_display=phone,
            tel_uri=tel,
            script=script,
            script_warning=warning,
            outcomes=self.outcomes(),
            answers=answers,
            continuing=continuing,
            attempts=tuple(attempts),
            reasons=tuple(reasons),
            started_at=now,
            zone=zone_name,
            calling_hours=hours,
            suggested_callback=suggest_callback(now, _zone(zone_name), *hours),
            product_label=product_label,
        )

    # --- logging a call -------------------------------------------------------------------

    def log_attempt(self, log: CallLog, *, actor_id: int) -> CallResult:
        outcome = self.outcomes().get(log.outcome)
        now = self._ctx.now()
        callback_at = log.callback_at if outcome.callback else None
        if outcome.callback and callback_at is None:
            raise ValidationError(_("Choose when to call back."))
        if callback_at is not None and callback_at <= now:
            raise ValidationError(_("The callback time has already passed; choose a later one."))
        answers = check_answers(log.script, log.answers)
        with race_named(self._ctx, log.lead_id), self._ctx.store.write() as s:
            lead = load_lead(s, log.lead_id, log.expected_version)
            _check_callable(lead, lead.full_name or _("Lead {id}").format(id=lead.id))
            if lead.status is Status.NURTURE:
                lifecycle.transition(s, lead, Action.REACTIVATE, actor_id=actor_id, at=now)
            if lead.status is Status.SAL:
                lifecycle.transition(s, lead, Action.START_WORKING, actor_id=actor_id, at=now)
            number = lead.attempt_count + 1
            qual, assessment, given, changed = qualifying.qualify(
                s, lead.id, log.script, answers, actor_id, now
            )
            recommendation = self.outcomes().recommend(
                outcome, number, assessment.recommendation if assessment else None
            )
            _check_decision(log.decision, recommendation)
            attempt = CallAttempt(
                lead_id=lead.id,
                caller_id=actor_id,
                started_at=log.started_at,
                duration_seconds=max(0, int(log.duration_seconds)),
                outcome=outcome.code,
                connected=outcome.connected,
                notes=log.notes.strip() or None,
                script_id=log.script.id if qual else None,
                script_version=log.script.version if qual else None,
                answers=given,
                answer_lines=qualifying.answer_lines_for(log.script, given),
                callback_at=callback_at,
                decision=_decided(log.decision),
                qualification_id=qual.id if qual else None,
            )
            s.add(attempt)
            s.flush()
            lead.attempt_count = number
            lead.last_attempt_at = log.started_at
            lead.callback_due_at = callback_at
            self._record_call(s, lead, attempt, outcome, number, actor_id)
            if assessment is not None and changed:
                lead.grade = assessment.grade
                qualifying.record_qualified(s, lead.id, log.script, assessment, actor_id, now)
            if log.decision is not None:
                self._decide(s, lead, qual, log.decision, recommendation, actor_id)
            s.flush()
            return CallResult(
                lead_id=lead.id,
                attempt_id=attempt.id,
                attempt_number=number,
                version=lead.version,
                status=lead.status,
                grade=lead.grade,
                complete=bool(assessment and assessment.complete),
                recommendation=recommendation,
                decision=log.decision.decision if log.decision else None,
                do_not_call=lead.do_not_call,
                callback_at=lead.callback_due_at,
            )

    def _record_call(
        self,
        s: Session,
        lead: Lead,
        attempt: CallAttempt,
        outcome: Outcome,
        number: int,
        actor: int,
    ) -> None:
        now = self._ctx.now()
        lifecycle.record(
            s,
            lead.id,
            EventKind.CALL_LOGGED,
            actor_id=actor,
            at=now,
            data={
                "attempt_id": attempt.id,
                "outcome": outcome.code,
                "connected": outcome.connected,
                "duration_seconds": attempt.duration_seconds,
                "callback_at": attempt.callback_at.isoformat() if attempt.callback_at else None,
                "attempt_number": number,
                "decision": attempt.decision,
            },
        )
        if outcome.do_not_call and not lead.do_not_call:
            lead.do_not_call = True
            lead.do_not_call_reason = outcome.label
            lead.callback_due_at = None
            lifecycle.record(
                s,
                lead.id,
                EventKind.DO_NOT_CALL,
                actor_id=actor,
                at=now,
                data={"reason": outcome.label, "outcome": outcome.code},
            )

    def _decide(
        self,
        s: Session,
        lead: Lead,
        qual: Qualification | None,
        decision: DecisionInput,
        recommendation: Recommendation | None,
        actor: int,
    ) -> None:
        now = self._ctx.now()
        overridden = recommendation is not None and decision.decision is not recommendation.decision
        if overridden:
            assert recommendation is not None
            lifecycle.record(
                s,
                lead.id,
                EventKind.RECOMMENDATION_OVERRIDDEN,
                actor_id=actor,
                at=now,
                data={
                    "recommendation": recommendation.decision.value,
                    "decision": decision.decision.value if decision.decision else LATER,
                    "reason": (decision.override_reason or "").strip(),
                },
            )
        if decision.decision is Decision.NURTURE:
            when = decision.recontact_at
            if when is None or when <= now:
                raise ValidationError(
                    _("Choose a re-contact date in the future to nurture this lead.")
                )
            decided = lifecycle.transition(
                s,
                lead,
                Action.NURTURE,
                actor_id=actor,
                at=now,
                data={"recontact_at": when.isoformat()},
            )
            lead.recontact_at = when
            lead.callback_due_at = when
        elif decision.decision is Decision.DISQUALIFY:
            decided = lifecycle.transition(
                s,
                lead,
                Action.DISQUALIFY,
                actor_id=actor,
                at=now,
                reason_code=decision.reason_code,
                comment=decision.comment,
            )
            lead.callback_due_at = None
        if decision.decision in (Decision.NURTURE, Decision.DISQUALIFY):
            s.flush()
            outbox.emit(s, decided)
        if qual is not None:
            qual.decision = decision.decision.value if decision.decision else None
            qual.override_reason = (decision.override_reason or "").strip() or None
            if not overridden:
                qual.override_reason = None

    # --- reading --------------------------------------------------------------------------

    def history(self, lead_id: int) -> list[AttemptInfo]:
        with self._ctx.store.read() as s:
            return call_history.attempt_infos(s, lead_id)

    def recent(self, limit: int = 50) -> list[AttemptInfo]:
        with self._ctx.store.read() as s:
            return call_history.attempt_infos(s, limit=limit)

    def qualification_summary(self, lead_id: int) -> QualificationSummary | None:
        """The lead's latest qualification (answers, scores, grade, notes), for the AE."""
        with self._ctx.store.read() as s:
            return call_history.qualification_summary(s, lead_id)


# --- helpers ------------------------------------------------------------------------------


def _zone(name: str | None) -> tzinfo:
    """The lead's zone; unknown zones fall back to the SDR's own clock."""
    found = zones.zone(name)
    if found is not None:
        return found
    return datetime.now(UTC).astimezone().tzinfo or UTC


def _check_callable(lead: Lead, name: str) -> None:
    if lead.status is Status.MQL:
        raise ValidationError(
            _("Accept {name} first (A): only accepted leads are called.").format(name=name)
        )
    if lead.status not in CALLABLE:
        raise ValidationError(
            _("{name} is {label}; the lead is not called any more.").format(
                name=name, label=lead.status.label
            )
        )
    if lead.do_not_call:
        message = (
            _("{name} is marked do not call ({reason}); it is not dialled again.")
            if lead.do_not_call_reason
            else _("{name} is marked do not call; it is not dialled again.")
        )
        raise ValidationError(message.format(name=name, reason=lead.do_not_call_reason))


# An override's decision when the SDR chose "Decide later" against a recommendation.
LATER = "later"


def _decided(decision: DecisionInput | None) -> str | None:
    return decision.decision.value if decision is not None and decision.decision else None


def _label(decision: Decision | None) -> str:
    return decision.label if decision is not None else _("Decide later")


def _check_decision(decision: DecisionInput | None, rec: Recommendation | None) -> None:
    if decision is None:
        return
    overridden = rec is not None and decision.decision is not rec.decision
    if overridden and not (decision.override_reason or "").strip():
        assert rec is not None
        raise ValidationError(
            _(
                "sdrdesk recommends “{recommended}”; say why you chose “{chosen}” "
                "instead (it is kept with the lead)."
            ).format(recommended=rec.decision.label, chosen=_label(decision.decision))
        )
    if decision.decision is Decision.DISQUALIFY and not decision.reason_code:
        raise ValidationError(_("Choose a reason to disqualify this lead."))
