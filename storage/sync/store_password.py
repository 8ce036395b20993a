"""A PostgreSQL team store's password is kept in this laptop's encrypted database, never in
settings.json: settings.json holds the address without it, and the sync puts it back when it
connects. A settings.json written before this (address with its password) is cleaned at the
next sync (`housing_tui.settings.keep_store_password_apart`)."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url

from storage.database import Database
from storage.sync.location import POSTGRES_PREFIXES
from storage.tables import StorePassword


def keep_password_apart(db: Database, officer_id: str, location: str) -> str:
    """`location` without its password, which is saved in `db` (an address without one, or
    a folder, is returned as it is)."""
    url = _postgres(location)
    if url is None or url.password is None:
        return location
    bare = _without_password(url)
    with db.writing(officer_id) as session:
        kept = session.get(StorePassword, bare) or StorePassword(location=bare, password="")
        kept.password = str(url.password)
        session.add(kept)
    return bare


def with_password(db: Database, location: str) -> str:
    """The address to connect to: `location` with the password kept for it, if any."""
    url = _postgres(location)
    if url is None or url.password is not None:
        return location
    with db.reading() as session:
        kept = session.get(StorePassword, location)
    if kept is None:
        return location
    return url.set(password=kept.password).render_as_string(hide_password=False)


def _postgres(location: str) -> URL | None:
    return make_url(location) if location.startswith(POSTGRES_PREFIXES) else None


def _without_password(url: URL) -> str:
    # URL.set(password=None) leaves the password as it is; URL is a named tuple.
    return url._replace(password=None).render_as_string(hide_password=False)
