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


def location_problem(location: str) -> str | None:
    """What is wrong with a team store location as typed, or None. Looks at the disk (a
    network drive may be slow to answer), so it runs in a worker."""
    if not location:
        return "Type the team store: a folder, or a postgresql+psycopg:// address."
    if location.startswith(POSTGRES_PREFIXES):
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            url = make_url(location)
        except ArgumentError:
            return "This PostgreSQL address cannot be read: check it with IT."
        return None if url.host and url.database else "The address needs a server and a database."
    if "://" in location:
        return "A team store is a folder, or a postgresql+psycopg:// address."
    folder = Path(location).expanduser()
    try:
        if not folder.exists():
            return f"There is no folder {folder}: is the network drive connected?"
        if not folder.is_dir():
            return f"{folder} is a file, not a folder."
    except OSError as error:
        return f"{folder} cannot be read ({error.strerror})."
    return None


def tidy_location(location: str) -> str:
    """A folder as a full path (the app may be started from anywhere); an address as typed."""
    if location.startswith(POSTGRES_PREFIXES):
        return location
    return str(Path(location).expanduser().absolute())
