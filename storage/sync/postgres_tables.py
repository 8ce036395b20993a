"""The PostgreSQL team store's tables (`storage.sync.postgres` reads and inserts their rows):

    team_store_team      team id and store format, one row made when the store is created
    team_store_schema    a device has written with this schema
    team_store_batch     one row a batch: device, seq range, schema, seen, the batch's bytes
    team_store_ack       one row an acknowledgement; the newest row of a device counts
    team_store_snapshot  one row a snapshot: what it covers and its bytes

The tables live in their own `MetaData`, not `SQLModel.metadata`, which describes the
laptop's own SQLite database and is compared against its migrations.
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    DateTime,
    Identity,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    PrimaryKeyConstraint,
    Table,
    Text,
    UniqueConstraint,
    func,
)

metadata = MetaData()

team_table = Table(
    "team_store_team",
    metadata,
    Column("team_id", Text, nullable=False),
    Column("format", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    # A later store format is recorded by inserting a row, never by changing this one.
    PrimaryKeyConstraint("team_id", "format"),
)

schema_table = Table(
    "team_store_schema",
    metadata,
    Column("team_id", Text, nullable=False),
    Column("schema", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    PrimaryKeyConstraint("team_id", "schema"),
)

batch_table = Table(
    "team_store_batch",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("team_id", Text, nullable=False),
    Column("device", Text, nullable=False),
    Column("first_seq", BigInteger, nullable=False),
    Column("last_seq", BigInteger, nullable=False),
    Column("schema", Integer, nullable=False),
    Column("seen", Text, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    UniqueConstraint("team_id", "device", "first_seq", "last_seq", name="team_store_batch_range"),
    # What `fetch` and `published_through` ask: one device's batches after a seq, in order.
    Index("team_store_batch_after", "team_id", "device", "last_seq", "first_seq"),
)

ack_table = Table(
    "team_store_ack",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("team_id", Text, nullable=False),
    Column("device", Text, nullable=False),
    Column("applied", Text, nullable=False),
    Column("acknowledged_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("team_store_ack_latest", "team_id", "device", "id"),
)

snapshot_table = Table(
    "team_store_snapshot",
    metadata,
    Column("id", BigInteger, Identity(), primary_key=True),
    Column("team_id", Text, nullable=False),
    Column("covers", Text, nullable=False),
    Column("operations", BigInteger, nullable=False),
    Column("data", LargeBinary, nullable=False),
    Column("published_at", DateTime(timezone=True), nullable=False, server_default=func.now()),
    Index("team_store_snapshot_most", "team_id", "operations", "id"),
)
