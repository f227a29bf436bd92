"""Who works in sdrdesk: users made on first use, and their full names."""

from __future__ import annotations

import pytest

from sdrdesk.domain.errors import ValidationError
from sdrdesk.domain.users import Role
from sdrdesk.services.context import ServiceContext
from sdrdesk.services.users.service import UserService


def test_a_user_is_made_on_first_use_with_the_full_name_typed(ctx: ServiceContext) -> None:
    users = UserService(ctx)
    anna = users.ensure("anna", display_name="  Anna   Schmidt ")
    assert (anna.name, anna.display_name, anna.role) == ("anna", "Anna Schmidt", Role.SDR)
    assert users.ensure("anna", display_name="Someone Else") == anna  # ensure never renames
    assert users.ensure("ben").display_name == "ben"


def test_a_full_name_is_changed_and_stays_changed(ctx: ServiceContext) -> None:
    users = UserService(ctx)
    anna = users.ensure("anna", display_name="Anna Schmidt")
    renamed = users.rename(anna, "Anna Schmidt-Weiß")
    assert renamed.display_name == "Anna Schmidt-Weiß"
    assert users.get("anna").display_name == "Anna Schmidt-Weiß"
    assert users.rename(renamed, "   ") == renamed  # an empty full name changes nothing
    assert users.get("anna").display_name == "Anna Schmidt-Weiß"


def test_a_full_name_too_long_to_store_is_refused_and_nothing_changes(
    ctx: ServiceContext,
) -> None:
    users = UserService(ctx)
    anna = users.ensure("anna", display_name="Anna Schmidt")
    with pytest.raises(ValidationError, match="201 characters long; at most 200 fit"):
        users.rename(anna, "x" * 201)
    with pytest.raises(ValidationError, match="at most 200 fit"):
        users.ensure("carl", display_name="y" * 300)
    assert users.get("anna").display_name == "Anna Schmidt"
    assert users.find("carl") is None
