"""Columns that only look like a lead field stay extra data."""

from __future__ import annotations

import pytest

from sdrdesk.domain.import_headers import header_table


@pytest.mark.parametrize(
    "header",
    [
        # status, stage, owner: not lead fields of ours
        "Lead Status",
        "Lead-Status",
        "Lifecycle Stage",
        "Lebenszyklusphase",
        "Person Status",
        "Status Reason",
        "Contact owner",
        "Kontaktinhaber",
        "Lead Owner",
        "Lead-Inhaber",
        "Person - Owner",
        "Owner",
        "Account Owner",
        # someone else's name, title, phone or e-mail
        "Lead Owner First Name",
        "Lead Owner Email Address",
        "Lead Owner Phone Number",
        "Manager's Name",
        "Name Assistent",
        "Previous Job Title",
        "Previous Company Name",
        # scores and grades that are not the lead score
        "Contact Accuracy Score",
        "Behavior Score",
        "Demographic Score",
        "Grade",
        "Likelihood to close",
        # other dates than the hand-off
        "Became a Lead Date",
        "Last Activity Date",
        "Acquisition Date",
        "(Do Not Modify) Modified On",
        "Updated At",
        "Konvertierungsdatum",
        # things next to a contact value
        "Email Domain",
        "Email Status",
        "E-Mail-Typ",
        "E-Mail: Angezeigter Name",
        "E-mail 1 - Label",
        "Phone 1 - Label",
        "primary_contact_primary_phone_type",
        "Company Name for Emails",
        # other systems' ids, and names that mean something else
        "ZoomInfo Company ID",
        "Apollo Account Id",
        "Account ID",
        "Lead - Title",
        "Topic",
        "Konto",
        "Campaign Source",  # Google Analytics' name for utm_source
        "Secteur",  # often the sales territory
        "Lead",
    ],
)
def test_columns_that_only_look_like_a_lead_field_stay_extra_data(header: str) -> None:
    assert header_table().lookup(header) is None
