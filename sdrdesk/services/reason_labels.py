"""The labels of the reasons every store starts with, marked for the catalog.

The store keeps a reason's label in English as the set-up wrote it (migration 0001); it
is shown translated while it is still that label. A label the team wrote itself is
shown as written.
"""

from __future__ import annotations

from sdrdesk.i18n import N_, _

DEFAULT_LABELS: dict[str, str] = {
    "not_icp": N_("Not our target customer (industry, size or region)"),
    "wrong_persona": N_("Wrong person: no role in buying"),
    "student_private": N_("Student, job seeker or private person"),
    "competitor": N_("Competitor or vendor"),
    "existing_customer": N_("Existing customer: route to account management"),
    "duplicate": N_("Duplicate of another lead"),
    "bad_contact": N_("Contact data invalid or fake"),
    "spam": N_("Spam or test entry"),
    "other": N_("Other (explain in the comment)"),
    "no_budget": N_("No budget"),
    "no_need": N_("No need or pain we solve"),
    "no_authority": N_("No authority and no access to who decides"),
    "no_timeline": N_("No project in the next 12 months"),
    "chose_competitor": N_("Chose a competitor"),
    "not_interested": N_("Not interested"),
    "unresponsive": N_("Unresponsive after repeated attempts"),
}


def reason_label(code: str | None, label: str) -> str:
    """``label`` as a person reads it: translated while it is the set-up's label."""
    if code is not None and DEFAULT_LABELS.get(code) == label:
        return _(label)
    if code is None and label in DEFAULT_LABELS.values():
        return _(label)
    return label
