"""A lead's product on a team database (migration 0017): an SDR corrects it as their own
login, with its ``lead_edited`` event; without one the database refuses the change."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.leads import ClaimService, CorrectionService, LeadService
from tests.db.conftest import TeamLogins
from tests.factories import add_lead

pytestmark = pytest.mark.postgres_only


def test_an_sdr_corrects_the_product_of_their_lead(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada", product="starter")
    anna = team.anna
    ClaimService(anna.ctx).claim(lead, actor_id=anna.user.id)
    done = CorrectionService(anna.ctx).edit(lead, {"product": "Enterprise"}, actor_id=anna.user.id)
    assert done.changes == {"product": {"before": "starter", "after": "enterprise"}}
    assert team.owner_sql("SELECT product FROM leads WHERE id = :i", i=lead) == [("enterprise",)]
    assert team.owner_sql("SELECT product FROM lead_facts WHERE lead_id = :i", i=lead) == [
        ("enterprise",)
    ]
    CorrectionService(anna.ctx).undo(done.event_id, actor_id=anna.user.id)
    assert LeadService(team.owner).get(lead).product == "starter"


def test_the_product_never_changes_without_its_correction(team: TeamLogins) -> None:
    lead = add_lead(team.owner, first_name="Ada", product="starter")
    ClaimService(team.anna.ctx).claim(lead, actor_id=team.anna.user.id)
    with pytest.raises(PermissionDeniedError, match="changes only with its correction"):
        team.anna.sql("UPDATE leads SET product = 'enterprise' WHERE id = :i", i=lead)
    with pytest.raises(PermissionDeniedError, match="may not change"):
        team.mara.sql("UPDATE leads SET product = 'enterprise' WHERE id = :i", i=lead)
    assert team.owner_sql("SELECT product FROM leads WHERE id = :i", i=lead) == [("starter",)]
