"""The read model's SQL that migrations use is a frozen copy (``frozen_facts``): a
migration builds what it built the day it was written. The newest copy must equal what
``db.readmodel`` generates today, so changing the read model forces a new migration."""

from __future__ import annotations

from sdrdesk.db import grademarks, readmodel, rollups
from sdrdesk.db.migrate import SCHEMA_HEAD
from sdrdesk.db.migrations import frozen_facts, frozen_grades, frozen_rollups


def test_the_newest_frozen_copy_is_what_the_read_model_generates() -> None:
    newest = frozen_facts.NEWEST
    assert newest.pg_refresh == readmodel.PG_FUNCTION
    assert newest.pg_new == readmodel.PG_NEW_FUNCTION
    delete, insert = readmodel.refresh_statements("l.id BETWEEN :low AND :high")
    assert (newest.range_delete, newest.range_insert) == (delete, insert)


def test_older_copies_stay_as_their_migration_wrote_them() -> None:
    # 0013 knew nothing of products; 0015 added them.
    assert "product" not in frozen_facts.V0013.pg_refresh
    assert "product" not in frozen_facts.V0013.range_insert
    assert "l.product" in frozen_facts.V0015.range_insert
    assert SCHEMA_HEAD >= "0018"


def test_the_newest_frozen_rollups_are_what_the_rollups_generate() -> None:
    newest = frozen_rollups.NEWEST
    assert newest.pg_refresh == rollups.PG_FUNCTION
    assert list(newest.range_statements) == rollups.sqlite_range_statements()


def test_the_newest_frozen_grade_marks_are_what_the_marks_generate() -> None:
    newest = frozen_grades.NEWEST
    assert newest.pg_refresh == grademarks.PG_FUNCTION
    assert list(newest.range_statements) == grademarks.sqlite_range_statements()
