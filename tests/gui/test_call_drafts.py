"""Call drafts on disk: written whole, read back only for their lead, user and store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from sdrdesk.gui.call_drafts import CallDraft, CallDrafts

WHEN = datetime(2026, 3, 24, 14, 30, tzinfo=UTC)


def test_a_draft_comes_back_for_its_lead_and_user_only(tmp_path: Path) -> None:
    drafts = CallDrafts(tmp_path)
    draft = CallDraft(7, "anna", WHEN, "Ruft zurück — «Budget» 🙂", {"need_pain": ["manual"]})
    drafts.save(draft)
    assert drafts.load(7, "anna") == draft
    assert drafts.load(7, "ben") is None  # another user calling the lead starts afresh
    assert drafts.load(8, "anna") is None
    drafts.remove(7)
    assert drafts.load(7, "anna") is None
    drafts.remove(7)  # already gone: nothing to do


def test_each_store_has_its_own_drafts(tmp_path: Path) -> None:
    local = CallDrafts.for_store(tmp_path, "sqlite:////home/anna/sdrdesk.db")
    team = CallDrafts.for_store(tmp_path, "postgresql://anna@db/sdrdesk")
    local.save(CallDraft(5, "anna", WHEN, "local lead 5"))
    assert team.load(5, "anna") is None
    assert CallDrafts.for_store(tmp_path, "sqlite:////home/anna/sdrdesk.db").load(5, "anna")


def test_an_empty_draft_leaves_no_file_and_a_broken_one_is_skipped(tmp_path: Path) -> None:
    drafts = CallDrafts(tmp_path)
    drafts.save(CallDraft(3, "anna", WHEN, "notes"))
    drafts.save(CallDraft(3, "anna", WHEN, "  ", {}))  # everything deleted again
    assert not drafts.path(3).exists()
    drafts.path(4).write_text('{"lead_id": 4, "user": "anna", "writ', encoding="utf-8")
    assert drafts.load(4, "anna") is None  # cut off (the disk filled up): no crash
    assert [p.name for p in tmp_path.iterdir()] == ["call-4.json"]  # no temporary files


def test_a_draft_that_cannot_be_written_does_not_stop_the_call(tmp_path: Path) -> None:
    blocked = tmp_path / "drafts"
    blocked.write_text("a file where the folder should be", encoding="utf-8")
    CallDrafts(blocked).save(CallDraft(1, "anna", WHEN, "notes"))  # logged, not raised


def test_the_calls_a_user_left_unsaved_oldest_first(tmp_path: Path) -> None:
    drafts = CallDrafts(tmp_path)
    later = WHEN.replace(hour=16)
    drafts.save(CallDraft(2, "anna", later, "second", lead_name="Ben Jones"))
    drafts.save(CallDraft(9, "anna", WHEN, "first", lead_name="Ada Lovelace"))
    drafts.save(CallDraft(4, "ben", WHEN, "not anna's", lead_name="Grace Hopper"))
    (tmp_path / "call-5.json").write_text("{", encoding="utf-8")  # broken: skipped
    assert [d.lead_name for d in drafts.left_by("anna")] == ["Ada Lovelace", "Ben Jones"]
    assert CallDrafts(tmp_path / "missing").left_by("anna") == []
