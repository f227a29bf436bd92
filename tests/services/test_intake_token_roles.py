"""Who may add and revoke intake tokens: a token lets a marketing tool write leads into
the team's queue, so once the team has a manager only managers hand them out (on a team
database its grants say the same); an SDR alone on their own file needs no manager."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import PermissionDeniedError
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.intake import TokenService
from sdrdesk.services.results import UserInfo


def test_an_sdr_alone_on_their_store_adds_and_revokes_a_token(
    ctx: ServiceContext, sdr: UserInfo
) -> None:
    tokens = TokenService(ctx)
    new = tokens.add("Website", actor_id=sdr.id)
    assert tokens.revoke(str(new.info.id), actor_id=sdr.id).revoked_at is not None


def test_once_the_team_has_a_manager_only_managers_hand_out_tokens(
    ctx: ServiceContext, sdr: UserInfo, manager: UserInfo
) -> None:
    tokens = TokenService(ctx)
    with pytest.raises(PermissionDeniedError, match="Only a manager may add intake tokens"):
        tokens.add("Website", actor_id=sdr.id)
    assert tokens.list() == []  # nothing was written
    new = tokens.add("Website", actor_id=manager.id)
    with pytest.raises(PermissionDeniedError, match="Only a manager may revoke intake tokens"):
        tokens.revoke(str(new.info.id), actor_id=sdr.id)
    assert tokens.list()[0].revoked_at is None
    assert tokens.revoke(str(new.info.id), actor_id=manager.id).revoked_at is not None
