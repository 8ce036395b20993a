"""The team store as a PostgreSQL database, for councils that would rather run a server than
share a folder.

It keeps the folder's promise in SQL: rows are only ever inserted and read, never updated or
deleted, so the store can run as a role granted nothing but SELECT and INSERT, and two laptops
syncing at once cannot overwrite each other. A batch is kept as the same self-checking bytes
the folder holds (`storage.sync.ops`), so a row damaged by hand or by a bad restore is
reported and skipped, never merged. The tables (`storage.sync.postgres_tables`) are created
on first use, if absent.
"""

from __future__ import annotations

import base64
import json
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from sqlalchemy import create_engine, func, inspect, select, text, tuple_
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

from storage.sync.ops import SNAPSHOT_MAGIC, Batch, DamagedBatch, decode_batch, unframe
from storage.sync.postgres_tables import (
    ack_table,
    batch_table,
    metadata,
    schema_table,
    snapshot_table,
    team_table,
)
from storage.sync.sealing import Refused, TeamSeal
from storage.sync.transport import (
    STORE_FORMAT,
    Acknowledgement,
    Damaged,
    StoreInfo,
    StoreRefused,
    StoreUnreachable,
    SyncError,
    open_ack,
    seal_ack,
)

CONNECT_TIMEOUT = 10
"""Seconds to wait for the server (unless the URL says): an unreachable server is reported
promptly, not after the system's TCP timeout of minutes."""

_CREATE_LOCK = 0x486F7573696E67  # "Housing" in ASCII
"""Advisory lock key held while the tables and the team row are created, so two laptops
making the store at the same moment make it once."""

FETCH_PAGE = 64
"""Batches read in one query: a first sync streams the whole store without holding it all."""

_DEVICES = text(
    # A loose index scan: one index probe per device, not a read of every batch.
    """
    WITH RECURSIVE devices(device) AS (
        (SELECT device FROM team_store_batch WHERE team_id = :team ORDER BY device LIMIT 1)
        UNION ALL
        SELECT (SELECT b.device FROM team_store_batch b
                WHERE b.team_id = :team AND b.device > d.device ORDER BY b.device LIMIT 1)
        FROM devices d WHERE d.device IS NOT NULL
    )
    SELECT device FROM devices WHERE device IS NOT NULL
    """
)


class PostgresTransport:
    """A team store in a PostgreSQL database (`postgresql+psycopg://user@host:5432/db`)."""

    def __init__(self, url: str) -> None:
        parsed = make_url(url)
        self._where = (
            f"the PostgreSQL team store {parsed.database} on "
            f"{parsed.host or 'localhost'}:{parsed.port or 5432}"
        )
        options = {} if "connect_timeout" in parsed.query else {"connect_timeout": CONNECT_TIMEOUT}
        try:
            self._engine = create_engine(parsed, connect_args=options, pool_pre_ping=True)
        except ImportError as error:
            raise SyncError(
                "This copy of housing-tui cannot talk to PostgreSQL: install it with "
                "pip install 'housing-tui[postgres]'."
            ) from error
        self._team_id: str | None = None
        self._seal: TeamSeal | None = None

    def describe(self) -> str:
        return self._where

    # --- the store itself ---------------------------------------------------------------

    def connect(self, *, team_id: str | None, create: bool, seal: TeamSeal) -> StoreInfo:
        self._seal = seal
        with self._talking(), self._engine.begin() as connection:
            connection.execute(select(func.pg_advisory_xact_lock(_CREATE_LOCK)))
            if not inspect(connection).has_table(team_table.name):
                if not create:
                    raise StoreRefused(
                        f"{self._where} is not a team store yet (it has no "
                        f"{team_table.name} table). Check the server in your sync settings."
                    )
                # Only tables that are missing are created: a role that may not create tables
                # can use a store that exists.
                metadata.create_all(connection)
            rows: list[tuple[str, int]] = [
                (row.team_id, row.format)
                for row in connection.execute(select(team_table.c.team_id, team_table.c.format))
            ]
            if not rows:
                if not create:
                    raise StoreRefused(f"{self._where} holds no team yet.")
                new_team = team_id or str(uuid.uuid4())
                connection.execute(
                    team_table.insert().values(team_id=new_team, format=STORE_FORMAT)
                )
                rows = [(new_team, STORE_FORMAT)]
            teams = {row[0] for row in rows}
            if len(teams) > 1:
                raise StoreRefused(
                    f"{self._where} holds more than one team's store; ask the administrator "
                    "which database is your team's."
                )
            store_team = teams.pop()
            store_format = max(row[1] for row in rows)
            if store_format > STORE_FORMAT:
                raise StoreRefused(
                    f"{self._where} was written by a newer housing-tui (store format "
                    f"{store_format}); upgrade housing-tui on this laptop before syncing."
                )
            if team_id is not None and store_team != team_id:
                raise StoreRefused(
                    f"{self._where} belongs to another team (team {store_team[:8]}, this "
                    f"laptop syncs with team {team_id[:8]}). Nothing was exchanged: check the "
                    "server in your sync settings."
                )
            newest_schema = connection.execute(
                select(func.coalesce(func.max(schema_table.c.schema), 0)).where(
                    schema_table.c.team_id == store_team
                )
            ).scalar_one()
        self._team_id = store_team
        return StoreInfo(store_team, store_format, newest_schema)

    def record_schema(self, schema: int) -> None:
        statement = (
            insert(schema_table)
            .values(team_id=self._team(), schema=schema)
            .on_conflict_do_nothing(index_elements=["team_id", "schema"])
        )
        with self._talking(), self._engine.begin() as connection:
            connection.execute(statement)

    # --- batches ------------------------------------------------------------------------

    def published_through(self, device: str) -> int:
        query = select(func.coalesce(func.max(batch_table.c.last_seq), 0)).where(
            batch_table.c.team_id == self._team(), batch_table.c.device == device
        )
        with self._talking(), self._engine.connect() as connection:
            return connection.execute(query).scalar_one()

    def publish(self, batch: Batch, data: bytes) -> None:
        statement = (
            insert(batch_table)
            .values(
                team_id=self._team(),
                device=batch.device,
                first_seq=batch.first_seq,
                last_seq=batch.last_seq,
                schema=batch.schema,
                seen=json.dumps(batch.seen, sort_keys=True),
                data=data,
            )
            # The same batch published again (a sync cut off after its commit) is left as is.
            .on_conflict_do_nothing(constraint="team_store_batch_range")
        )
        with self._talking(), self._engine.begin() as connection:
            connection.execute(statement)

    def damaged_own_batches(self, device: str, after: int) -> list[tuple[int, int, Damaged]]:
        """None to write again: rows are never changed here, so a damaged one (a bad restore)
        cannot be replaced by its laptop. Readers report it; IT restores the database."""
        return []

    def replace_damaged(self, batch: Batch, data: bytes, damaged: Damaged) -> None:
        raise SyncError("The PostgreSQL store is insert-only: a damaged batch is not replaced.")

    def remove_unfinished(self, device: str) -> None:
        """Nothing: a batch is one row, inserted in one transaction, whole or not at all."""

    def devices(self) -> set[str]:
        acked = select(ack_table.c.device).where(ack_table.c.team_id == self._team()).distinct()
        with self._talking(), self._engine.connect() as connection:
            published = set(connection.scalars(_DEVICES, {"team": self._team()}))
            return published | set(connection.scalars(acked))

    def fetch(
        self, applied: Mapping[str, int], *, exclude: str | None
    ) -> Iterator[Batch | Damaged]:
        """Each device's batches in seq order (by last seq: a device's batches never overlap,
        so that is also first-seq order), read a page at a time."""
        team = self._team()
        with self._talking(), self._engine.connect() as connection:
            devices = sorted(connection.scalars(_DEVICES, {"team": team}))
        for device in devices:
            if device != exclude:
                yield from self.device_batches(device, applied.get(device, 0))

    def device_batches(self, device: str, after: int) -> Iterator[Batch | Damaged]:
        team = self._team()
        columns = batch_table.c
        cursor = (after, 0)
        while True:
            query = (
                select(columns.first_seq, columns.last_seq, columns.data)
                .where(
                    columns.team_id == team,
                    columns.device == device,
                    columns.last_seq > after,
                    tuple_(columns.last_seq, columns.first_seq) > tuple_(*cursor),
                )
                .order_by(columns.last_seq, columns.first_seq)
                .limit(FETCH_PAGE)
            )
            with self._talking(), self._engine.connect() as connection:
                page = connection.execute(query).all()
            for first, last, data in page:
                yield self._checked(device, first, last, data)
            if len(page) < FETCH_PAGE:
                return
            cursor = (page[-1].last_seq, page[-1].first_seq)

    def _checked(self, device: str, first: int, last: int, data: bytes) -> Batch | Damaged:
        where = f"batch {device} {first}-{last} in {self._where}"
        try:
            batch = decode_batch(data, self._sealed())
        except Refused as error:
            return Damaged(where, str(error), refused=True)
        except DamagedBatch as error:
            return Damaged(where, str(error))
        if (batch.team, batch.device, batch.first_seq, batch.last_seq) != (
            self._team_id,
            device,
            first,
            last,
        ):
            return Damaged(where, "its contents do not match its row")
        return batch

    def forget(self, device: str, through_seq: int) -> int:
        """Nothing: this store is insert-only, so it may run as a role that cannot delete."""
        return 0

    def remove_plain(self) -> int:
        """Nothing, as `forget`: the plain rows stay, but the sealed snapshot `sync --reseal`
        publishes covers them, so a laptop that starts from it never reads them."""
        return 0

    # --- acknowledgements and snapshots -------------------------------------------------

    def acknowledge(self, ack: Acknowledgement) -> None:
        team = self._team()
        latest = (
            select(ack_table.c.applied)
            .where(ack_table.c.team_id == team, ack_table.c.device == ack.device)
            .order_by(ack_table.c.id.desc())
            .limit(1)
        )
        with self._talking(), self._engine.begin() as connection:
            # A sync that applied nothing new adds no row: the table grows with progress,
            # not with every sync.
            newest = connection.scalar(latest)
            if newest is None or self._opened_ack(ack.device, newest) != ack:
                sealed = seal_ack(self._sealed(), team, ack)
                connection.execute(
                    ack_table.insert().values(
                        team_id=team,
                        device=ack.device,
                        applied=base64.b64encode(sealed).decode("ascii"),
                    )
                )

    def acknowledgements(self) -> list[Acknowledgement]:
        latest = (
            select(func.max(ack_table.c.id))
            .where(ack_table.c.team_id == self._team())
            .group_by(ack_table.c.device)
        )
        query = (
            select(ack_table.c.device, ack_table.c.applied)
            .where(ack_table.c.id.in_(latest))
            .order_by(ack_table.c.device)
        )
        with self._talking(), self._engine.connect() as connection:
            rows = connection.execute(query).all()
        opened = (self._opened_ack(device, applied) for device, applied in rows)
        return [ack for ack in opened if ack is not None]

    def _opened_ack(self, device: str, stored: str) -> Acknowledgement | None:
        # The column is text (from before sealing): the sealed bytes are kept in base64.
        try:
            data = base64.b64decode(stored.encode("ascii"), validate=True)
        except (ValueError, UnicodeEncodeError):
            return None  # a plain acknowledgement from before sealing: not believed
        return open_ack(self._sealed(), self._team(), device, data)

    def publish_snapshot(self, covers: Mapping[str, int], data: bytes) -> None:
        unframe(SNAPSHOT_MAGIC, data)  # never store a snapshot that is not whole
        statement = snapshot_table.insert().values(
            team_id=self._team(),
            covers=json.dumps(dict(covers), sort_keys=True),
            operations=sum(covers.values()),
            data=data,
        )
        with self._talking(), self._engine.begin() as connection:
            connection.execute(statement)

    def latest_snapshot(self) -> tuple[dict[str, int], bytes] | Damaged | None:
        """The whole snapshot covering the most operations; if every one is damaged, the
        first damage found (so it is reported), and None if there is no snapshot."""
        columns = snapshot_table.c
        candidates = (
            select(columns.id)
            .where(columns.team_id == self._team())
            .order_by(columns.operations.desc(), columns.id.desc())
        )
        damaged = None
        with self._talking(), self._engine.connect() as connection:
            for snapshot_id in connection.scalars(candidates).all():
                data = connection.scalar(select(columns.data).where(columns.id == snapshot_id))
                if data is None:
                    continue  # removed since listed: another laptop compacted the store
                try:
                    header, _ = unframe(SNAPSHOT_MAGIC, data)
                    covers = {str(k): int(v) for k, v in header["covers"].items()}
                except DamagedBatch as error:
                    reason = str(error)
                except (KeyError, AttributeError, TypeError, ValueError):
                    reason = "its header does not say what it covers"
                else:
                    return covers, data
                damaged = damaged or Damaged(f"snapshot {snapshot_id} in {self._where}", reason)
        return damaged

    def close(self) -> None:
        self._engine.dispose()

    # --- the connection -----------------------------------------------------------------

    def _sealed(self) -> TeamSeal:
        if self._seal is None:
            raise RuntimeError("connect() first: it gives the keys to read and write with")
        return self._seal

    def _team(self) -> str:
        if self._team_id is None:
            raise RuntimeError("connect() first: it checks whose store this is")
        return self._team_id

    @contextmanager
    def _talking(self) -> Iterator[None]:
        """Turn the driver's errors into ones an officer can act on."""
        try:
            yield
        except (OperationalError, InterfaceError) as error:
            raise StoreUnreachable(
                f"{self._where} cannot be reached: {_first_line(error)}. Nothing was lost; "
                "the next sync tries again."
            ) from error
        except DBAPIError as error:
            raise SyncError(
                f"{self._where} refused the request: {_first_line(error)}. Ask the "
                "administrator to check the database user's rights."
            ) from error


def _first_line(error: DBAPIError) -> str:
    """The server's own reason, without SQLAlchemy's statement dump and links."""
    lines = str(error.orig).strip().splitlines() or ["no reason given"]
    return lines[0].rstrip(".")
