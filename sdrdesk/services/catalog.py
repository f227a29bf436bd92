"""Every service of one store, as the composition root hands them to the window.

``app.py`` builds one ``Services`` for the store it opened and gives it to the window;
the window and its controllers take their services from it and construct none. Each
service is built on first use, from its capability's face: the queue and the users
come with the window's first rows, the ORM-backed rest (triage, calls, demos, …) once
those rows are on screen, so start-up does not pay for what it does not show.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

from sdrdesk.services.context import ServiceContext

if TYPE_CHECKING:
    from sdrdesk.services.calls import CallService
    from sdrdesk.services.demos import DemoService
    from sdrdesk.services.feedback import FeedbackService
    from sdrdesk.services.imports import ImportService
    from sdrdesk.services.leads import (
        AssignmentService,
        ClaimService,
        CorrectionService,
        LeadService,
        NoteService,
        TriageService,
    )
    from sdrdesk.services.myday import MyDayService
    from sdrdesk.services.privacy import PrivacyService
    from sdrdesk.services.queue import QueueService
    from sdrdesk.services.reasons import ReasonService
    from sdrdesk.services.reports import ReportService
    from sdrdesk.services.sample_data import SampleDataService
    from sdrdesk.services.sessions import SessionService
    from sdrdesk.services.sync import SyncService
    from sdrdesk.services.users import UserService
    from sdrdesk.services.webhooks import DeliverySettings, DispatcherHandle, WebhookService


class Services:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    @cached_property
    def queue(self) -> QueueService:
        from sdrdesk.services.queue import QueueService

        return QueueService(self.ctx)

    @cached_property
    def users(self) -> UserService:
        from sdrdesk.services.users import UserService

        return UserService(self.ctx)

    @cached_property
    def leads(self) -> LeadService:
        from sdrdesk.services.leads import LeadService

        return LeadService(self.ctx)

    @cached_property
    def triage(self) -> TriageService:
        from sdrdesk.services.leads import TriageService

        return TriageService(self.ctx)

    @cached_property
    def notes(self) -> NoteService:
        from sdrdesk.services.leads import NoteService

        return NoteService(self.ctx)

    @cached_property
    def corrections(self) -> CorrectionService:
        from sdrdesk.services.leads import CorrectionService

        return CorrectionService(self.ctx)

    @cached_property
    def claims(self) -> ClaimService:
        from sdrdesk.services.leads import ClaimService

        return ClaimService(self.ctx)

    @cached_property
    def assignment(self) -> AssignmentService:
        from sdrdesk.services.leads import AssignmentService

        return AssignmentService(self.ctx)

    @cached_property
    def reasons(self) -> ReasonService:
        from sdrdesk.services.reasons import ReasonService

        return ReasonService(self.ctx)

    @cached_property
    def calls(self) -> CallService:
        from sdrdesk.services.calls import CallService

        return CallService(self.ctx)

    @cached_property
    def demos(self) -> DemoService:
        from sdrdesk.services.demos import demo_service

        return demo_service(self.ctx)

    @cached_property
    def imports(self) -> ImportService:
        from sdrdesk.services.imports import ImportService

        return ImportService(self.ctx)

    @cached_property
    def sync(self) -> SyncService:
        from sdrdesk.services.sync import SyncService

        return SyncService(self.ctx)

    @cached_property
    def reports(self) -> ReportService:
        from sdrdesk.services.reports import ReportService

        return ReportService(self.ctx)

    @cached_property
    def feedback(self) -> FeedbackService:
        from sdrdesk.services.feedback import FeedbackService

        return FeedbackService(self.ctx)

    @cached_property
    def sample_data(self) -> SampleDataService:
        from sdrdesk.services.sample_data import SampleDataService

        return SampleDataService(self.ctx)

    @cached_property
    def privacy(self) -> PrivacyService:
        from sdrdesk.services.privacy import PrivacyService

        return PrivacyService(self.ctx)

    @cached_property
    def webhooks(self) -> WebhookService:
        from sdrdesk.services.webhooks import WebhookService

        return WebhookService(self.ctx)

    def start_webhook_dispatcher(self, settings: DeliverySettings) -> DispatcherHandle:
        """Send webhooks from this process until ``handle.stop()`` (the desktop's own
        dispatcher, when no ``sdrdesk intake serve`` runs)."""
        from sdrdesk.services.webhooks import start_dispatcher

        return start_dispatcher(self.ctx, settings)

    @cached_property
    def myday(self) -> MyDayService:
        from sdrdesk.services.myday import MyDayService

        return MyDayService(self.ctx)

    @cached_property
    def sessions(self) -> SessionService:
        from sdrdesk.services.sessions import SessionService

        return SessionService(self.ctx)
