"""The database: engine and sessions on a local SQLite file, migrations at open, and the one
write path that stamps every change and writes its audit event in the same transaction."""

from __future__ import annotations

import base64
import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, TypeVar

import sqlalchemy as sa
from sqlalchemy import URL, Connection, Engine, event, inspect
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.orm import sessionmaker
from sqlalchemy.pool import QueuePool
from sqlmodel import Session, create_engine

from housing_tui.calendar.clock import Clock
from storage.audit import AuditNote, append_events

# Named in the cheap module, so that start-up can look for the file without SQLAlchemy.
from storage.database_file import DATABASE_FILE_NAME as DATABASE_FILE_NAME
from storage.errors import DatabaseBusy, StorageError
from storage.tables import AuditEvent, Client, Record
from storage.types import Pence, UTCDateTime

T = TypeVar("T")

Writes = list[tuple[Record, dict[str, list[Any]] | None]]
"""The rows one flush wrote, each with its audited changes ({column: [old, new]}), or None for
a new row."""
WriteCapture = Callable[[Session, Writes, str | None, datetime], None]
"""Called inside every flush with (session, writes, officer id, the time they were stamped)."""

_capture: WriteCapture | None = None


def capture_writes_with(capture: WriteCapture) -> None:
    """Hand every write to `capture` too, in the same transaction. storage.sync registers its
    outbox here when imported (storage/sync/capture.py): sync is built on this module, so this
    module never imports it back."""
    global _capture
    _capture = capture


class Database:
    """A local SQLite database. Open with `Database.open(path)`; read with `reading()`,
    change with `writing(officer_id)`; never hold a session across screens. A screen loads
    its data with `in_one_read(call)`: all of it from one moment.

    Every time it writes (row stamps, soft deletes, sync bookkeeping) comes from `clock`, the
    app's, so that a test's fixed clock is the only "now" its data ever sees."""

    def __init__(self, path: Path, engine: Engine, read_only_engine: Engine, clock: Clock) -> None:
        self.path = path
        self.engine = engine
        self.clock = clock
        self._read_only_engine = read_only_engine
        self._sessions = sessionmaker(engine, class_=AuditedSession, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            read_only_engine, class_=AuditedSession, expire_on_commit=False
        )
        self._open_read = threading.local()
        """`.session`: the read session open on this thread, which nested reads share."""

    @classmethod
    def open(cls, path: Path, *, key: bytes | None = None, clock: Clock | None = None) -> Database:
        """Open (creating if need be) the database file and bring its schema up to date;
        changes are stamped with `clock`'s time (the real clock if none is given).

        `key` is the database key (storage.keys): the file is SQLCipher, opened with the raw
        256-bit key. `key=None` is a PLAIN SQLite file: for tests of storage alone and for
        `--plain`, never the app's default."""
        from storage.database_file import check_data_folder, check_database_file
        from storage.local_disk import refusal_for
        from storage.migrations import upgrade_to_head
        from storage.private_files import create_private_file

        if refusal := refusal_for(path.parent):
            raise StorageError(refusal)
        check_data_folder(path.parent)
        if path.exists():
            check_database_file(path, key)
        else:
            create_private_file(path)  # 0600 from the start: SQLite gives -wal/-shm its mode
        engine = _engine(path, key)
        try:
            upgrade_to_head(engine)
        except DBAPIError as error:
            engine.dispose()
            raise StorageError(
                f"{path} cannot be opened as the case database ({error.orig}). "
                "Nothing has been changed; ask IT to restore it from the last backup or sync."
            ) from error
        _record_app_version(engine)
        # Reads go through connections SQLite itself refuses to write with.
        read_only = _engine(path, key, read_only=True)
        event.listen(read_only, "connect", _no_driver_transactions)
        event.listen(read_only, "begin", _begin_read_transaction)
        return cls(path, engine, read_only, clock or Clock())

    def close(self) -> None:
        self.engine.dispose()
        self._read_only_engine.dispose()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A session for queries, on a read-only connection, in one read transaction: every
        query in it sees the database as it was at the first, whatever is committed meanwhile
        (a sync landing, another window saving). Inside another `reading()` on the same thread
        it is that one's session, so that loaders called together read one moment."""
        shared = getattr(self._open_read, "session", None)
        if shared is not None:
            yield shared
            return
        with self._read_sessions() as session:
            session.info["read_only"] = True
            self._open_read.session = session
            try:
                yield session
            finally:
                self._open_read.session = None
                # Detach first: a rollback would expire what was read and make it unusable.
                session.expunge_all()
                session.rollback()

    def in_one_read(self, call: Callable[[], T]) -> Callable[[], T]:
        """`call`, doing all its reading in one read transaction: for a screen's data, which
        several loaders read, so that a sync committing between two of them cannot show a
        case as it never was (opened in one state, its interview or plan in another)."""

        def read() -> T:
            with self.reading():
                return call()

        return read

    @contextmanager
    def writing(self, officer_id: str) -> Iterator[Session]:
        """A transaction on behalf of an officer: committed whole at the end, or not at all.
        Raises DatabaseBusy, having written nothing, while another program holds the lock."""
        try:
            with self._sessions() as session:
                session.info["officer_id"] = officer_id
                session.info["clock"] = self.clock
                with session.begin():
                    yield session
        except OperationalError as error:
            if _is_busy(error):
                raise DatabaseBusy from error
            raise


def _record_app_version(engine: Engine) -> None:
    """Keep the newest app version that has opened the database in its header, for an older
    version to name when it refuses it (storage/database_file.py)."""
    from housing_tui import __version__
    from storage.database_file import version_in_header

    ours = version_in_header(__version__)
    with engine.connect() as connection:
        if connection.exec_driver_sql("PRAGMA user_version").scalar_one() < ours:
            connection.exec_driver_sql(f"PRAGMA user_version = {ours}")
            connection.commit()


def _engine(path: Path, key: bytes | None, *, read_only: bool = False) -> Engine:
    """An engine on the file: SQLCipher with the raw key (`PRAGMA key = "x'...'"`, no KDF per
    connection: that would cost 160-190 ms each), or plain SQLite when `key` is None."""
    database = f"file:{path.resolve().as_posix()}" if read_only else str(path)
    query = {"mode": "ro", "uri": "true"} if read_only else {}
    url = URL.create(
        "sqlite+pysqlcipher" if key is not None else "sqlite",
        # The dialect sends `PRAGMA key="<password>"` first on every connection.
        password=f"x'{key.hex()}'" if key is not None else None,
        database=database,
        query=query,
    )
    engine = create_engine(
        url,
        connect_args={"check_same_thread": False},
        # The pysqlcipher dialect would keep one connection per thread; like plain SQLite
        # files, a pool of connections any worker thread may take.
        poolclass=QueuePool,
    )
    if key is not None:
        event.listen(engine, "connect", _configure_sqlcipher)
    event.listen(engine, "connect", _configure_sqlite)
    return engine


def _configure_sqlcipher(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # SQLCipher writes its own errors to stderr, over the officer's screen: ours say it.
    cursor.execute("PRAGMA cipher_log_level = NONE")
    # Wiping freed memory costs about 50% on each connection here (benchmarks/sqlcipher.py);
    # the keys stay in this process's memory anyway while the app is open.
    cursor.execute("PRAGMA cipher_memory_security = OFF")
    cursor.close()


def _configure_sqlite(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    # WAL lets the UI read while a worker writes; FULL sync means a committed field survives
    # a power cut; foreign keys are off in SQLite unless asked for.
    if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _no_driver_transactions(connection: Any, _record: Any) -> None:
    # Python's sqlite3 starts no transaction before a SELECT, so each query of a read would
    # see its own moment. It is told to leave transactions alone; `begin` starts them.
    connection.isolation_level = None


def _begin_read_transaction(connection: Connection) -> None:
    # The snapshot is taken at the first read after BEGIN and held until the rollback that
    # ends every read (WAL: a commit elsewhere meanwhile is not seen).
    connection.exec_driver_sql("BEGIN")


_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def _is_busy(error: OperationalError) -> bool:
    """SQLite gave up waiting for a lock (after busy_timeout, or at once when a read must
    become a write after another program's commit): the same write can succeed later."""
    code = getattr(error.orig, "sqlite_errorcode", None)
    return code is not None and code & 0xFF in (_SQLITE_BUSY, _SQLITE_LOCKED)


class AuditedSession(Session):
    """A session whose every flush stamps the rows it writes and audits each (storage/audit.py)."""


@event.listens_for(AuditedSession, "before_flush")
def _stamp_and_audit(session: Session, _context: Any, _instances: Any) -> None:
    if session.info.get("read_only"):
        raise StorageError("A read-only session tried to write.")
    if session.deleted:
        raise StorageError("Rows are never deleted: set deleted_at (soft delete) instead.")
    officer_id = session.info.get("officer_id")
    now = session.info["clock"].now()
    events: list[AuditNote] = []
    writes: Writes = []
    for row in list(session.new):
        if isinstance(row, AuditEvent):
            raise StorageError("Audit events are written by storage.audit, in its chain.")
        if isinstance(row, Record):
            row.created_at = row.updated_at = now
            row.created_by = row.updated_by = officer_id
            row.version = 1
            _refresh_search_keys(row)
            changes = {
                column: [None, jsonable(getattr(row, column))]
                for column in _data_columns(row)
                if getattr(row, column) is not None
            }
            events.append(_audit(row, "create", changes, officer_id))
            writes.append((row, None))
    for row in list(session.dirty):
        if not isinstance(row, Record) or not session.is_modified(row):
            continue
        if isinstance(row, AuditEvent):
            raise StorageError("Audit events are never changed.")
        _refresh_search_keys(row)
        changes = _changes(row)
        if not changes:
            continue
        action = "delete" if "deleted_at" in changes and row.deleted_at is not None else "update"
        row.version += 1
        row.updated_at = now
        row.updated_by = officer_id
        events.append(_audit(row, action, changes, officer_id))
        writes.append((row, changes))
    # The same changes, as operations for the next sync. Without the outbox a write would
    # never reach the other laptops: refuse it rather than lose it.
    if _capture is None:
        raise RuntimeError(
            "No sync capture is registered: import storage.sync.capture before writing."
        )
    # The audit rows first: appending takes the write lock and makes this laptop's sync row
    # if need be, which the capture then finds.
    append_events(session.connection(), events, now)
    _capture(session, writes, officer_id, now)


# Not audited: the stamps themselves, and search keys derived from audited columns.
_NOT_AUDITED = frozenset(
    {"id", "created_at", "created_by", "updated_at", "updated_by", "version"}
    | {"surname_key", "forenames_key", "postcode_key"}
)


def _data_columns(row: Record) -> list[str]:
    return [
        column.key for column in inspect(row).mapper.column_attrs if column.key not in _NOT_AUDITED
    ]


def _changes(row: Record) -> dict[str, list[Any]]:
    state = inspect(row)
    changes = {}
    for column in _data_columns(row):
        history = state.attrs[column].history
        if history.has_changes():
            old = history.deleted[0] if history.deleted else None
            new = history.added[0] if history.added else None
            if old != new:
                changes[column] = [jsonable(old), jsonable(new)]
    return changes


def _audit(row: Record, action: str, changes: dict[str, Any], officer_id: str | None) -> AuditNote:
    # A document's .docx is in the trail as its size and digest, not its bytes again.
    changes = {
        column: [_digest(value) for value in values]
        if isinstance(getattr(row, column), bytes)
        else values
        for column, values in changes.items()
    }
    return AuditNote(
        officer_id, row.__tablename__, row.id, action, json.dumps(changes, sort_keys=True)
    )


def jsonable(value: Any) -> Any:
    """`value` as JSON carries it (ops, snapshots): a document's .docx bytes as base64."""
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def column_value(column: sa.Column) -> Callable[[Any], Any]:
    """A converter from JSON (as `jsonable` makes it: ops, the audit trail) to what the column
    type takes."""
    kind = column.type
    if isinstance(kind, UTCDateTime):
        return lambda v: None if v is None else datetime.fromisoformat(v).astimezone(UTC)
    if isinstance(kind, sa.Date):
        return lambda v: None if v is None else date.fromisoformat(v)
    if isinstance(kind, Pence):
        return lambda v: None if v is None else Decimal(v)
    if isinstance(kind, sa.Boolean):
        return lambda v: None if v is None else bool(v)
    if isinstance(kind, sa.LargeBinary):
        return lambda v: None if v is None else base64.b64decode(v)
    return lambda v: v


def _digest(encoded: str | None) -> str | None:
    if encoded is None:
        return None
    data = base64.b64decode(encoded)
    return f"{len(data):,} bytes, sha256 {hashlib.sha256(data).hexdigest()}"


def _refresh_search_keys(row: Record) -> None:
    if isinstance(row, Client):
        for name, key in client_search_keys(row.surname, row.forenames, row.postcode).items():
            setattr(row, name, key)


def client_search_keys(
    surname: str | None, forenames: str | None, postcode: str | None
) -> dict[str, str]:
    """A client's search-key columns, worked out from the fields they are kept in step with
    (here for the write path, and for rows that arrive by sync)."""
    from housing_tui.casework.clients import search_key

    return {
        "surname_key": search_key(surname or ""),
        "forenames_key": search_key(forenames or ""),
        "postcode_key": search_key(postcode or ""),
    }
