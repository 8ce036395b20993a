"""Alembic migrations, run from code at start-up (no alembic.ini needed).

Alembic itself is imported only when the database is behind: at every ordinary start the
database is already at HEAD, and importing Alembic to learn that costs start-up time.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS_DIR = Path(__file__).parent

HEAD = "0021"
"""The newest revision in versions/; a test fails if a migration is added without updating it."""


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["engine"] = engine
    return config


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except OperationalError:
        return None  # a new, empty database: no alembic_version table yet


def known_revisions() -> frozenset[str]:
    """Every revision in versions/ (each file's name starts with its revision id)."""
    return frozenset(
        path.name.split("_", 1)[0] for path in (MIGRATIONS_DIR / "versions").glob("*_*.py")
    )


def upgrade_to_head(engine: Engine) -> None:
    if current_revision(engine) != HEAD:
        upgrade_to(engine, "head")


def upgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

    command.upgrade(alembic_config(engine), revision)


def downgrade_to(engine: Engine, revision: str) -> None:
    from alembic import command

    command.downgrade(alembic_config(engine), revision)
