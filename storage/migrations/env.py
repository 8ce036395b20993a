"""Alembic environment: uses the engine handed over in `config.attributes` (see __init__)."""

from alembic import context
from sqlmodel import SQLModel

import storage.tables  # noqa: F401  (registers the tables on SQLModel.metadata)

engine = context.config.attributes["engine"]
with engine.begin() as connection:
    # Batch mode: SQLite cannot ALTER most things, so Alembic copies the table instead.
    context.configure(
        connection=connection, target_metadata=SQLModel.metadata, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()
