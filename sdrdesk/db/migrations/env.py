"""Alembic environment: runs on the connection that ``sdrdesk.db.migrate`` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection

from sdrdesk.db import models
from sdrdesk.db.base import Base
from sdrdesk.db.search import include_object

models.load_all()  # every table, for comparisons
config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
        transaction_per_migration=False,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("sdrdesk migrations run through sdrdesk.db.migrate, not the alembic CLI")
run_migrations(connection)
