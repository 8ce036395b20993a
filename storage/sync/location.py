"""The shared location an officer gives (a folder on the network drive, or a PostgreSQL URL),
as the transport that reaches it."""

from __future__ import annotations

from pathlib import Path

from storage.sync.transport import Transport

POSTGRES_PREFIXES = ("postgresql://", "postgresql+psycopg://")


def open_transport(location: str) -> Transport:
    if location.startswith(POSTGRES_PREFIXES):
        from storage.sync.postgres import PostgresTransport

        url = location.replace("postgresql://", "postgresql+psycopg://", 1)
        return PostgresTransport(url)
    from storage.sync.folder import FolderTransport

    return FolderTransport(Path(location).expanduser())


def describe_location(location: str) -> str:
    """The location without a password, for messages and the status line."""
    if location.startswith(POSTGRES_PREFIXES):
        from sqlalchemy.engine import make_url

        return make_url(location).render_as_string(hide_password=True)
    return location
