"""Operations and batches: what travels between laptops, and the self-validating bytes a batch
is written as.

An operation is one change to one row: for each column it changed, the new value, the value it
replaced and the operation that had set that value on the device that made the change (its
*base*; `None` if the field had never been set). A batch is a run of one device's operations,
numbered without gaps, with the device's view of everyone else (`seen`) so that a receiver
applies it only after everything it was made on top of (causal order).

Bytes on the store: a magic line, a header line of JSON that gives the body's length and a
SHA-256 of header and body, then the body (zlib-compressed JSON, encrypted with the team key
and signed by the laptop that wrote it: `storage.sync.sealing`). A file truncated anywhere, or
with a byte changed, fails `decode_batch` with `DamagedBatch`: it is reported and skipped,
never merged; whole bytes that do not open with the team key fail with `Refused`.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from storage.sync.sealing import Signed, TeamSeal

MAGIC = b"HOUSING-TUI-SYNC-BATCH 2\n"
"""The first line of every batch file (format 2: sealed)."""
SNAPSHOT_MAGIC = b"HOUSING-TUI-SYNC-SNAPSHOT 2\n"
"""The first line of every snapshot file; its header carries `covers` (see `compaction`)."""
ACK_MAGIC = b"HOUSING-TUI-SYNC-ACK 2\n"
"""The first line of every acknowledgement."""
PLAIN_MAGIC = b"HOUSING-TUI-SYNC-BATCH 1\n"
"""Batches from before the store was sealed (read once while a team upgrades: `engine`)."""
PLAIN_MAGICS = (PLAIN_MAGIC, b"HOUSING-TUI-SYNC-SNAPSHOT 1\n", b"HOUSING-TUI-SYNC-ACK 1\n")
"""The first lines of every kind of file from before sealing (`sync --reseal` removes them)."""


class DamagedBatch(ValueError):
    """Bytes that are not a whole, unchanged batch (truncated, half copied, altered)."""


@dataclass(frozen=True)
class FieldChange:
    new: Any
    old: Any
    base: str | None
    """The op id that had set `old` where the change was made, or None if never set."""


@dataclass(frozen=True)
class Op:
    device: str
    seq: int
    hlc: str
    """Hybrid logical clock (`Hlc.format`): orders changes across laptops, ties broken by device."""
    schema: int
    """The database schema revision of the app that made the change."""
    officer: str | None
    table: str
    record: str
    fields: dict[str, FieldChange]

    @property
    def id(self) -> str:
        return op_id(self.device, self.seq)

    def to_json(self) -> list[Any]:
        return [
            self.seq,
            self.hlc,
            self.schema,
            self.officer,
            self.table,
            self.record,
            {name: [c.new, c.old, c.base] for name, c in self.fields.items()},
        ]

    @classmethod
    def from_json(cls, device: str, raw: list[Any]) -> Op:
        seq, hlc, schema, officer, table, record, fields = raw
        return cls(
            device=device,
            seq=seq,
            hlc=hlc,
            schema=schema,
            officer=officer,
            table=table,
            record=record,
            fields={name: FieldChange(*change) for name, change in fields.items()},
        )


def op_id(device: str, seq: int) -> str:
    return f"{device}:{seq}"


@dataclass(frozen=True)
class Batch:
    team: str
    device: str
    first_seq: int
    last_seq: int
    schema: int
    """The newest schema among the ops (a receiver on an older app holds the batch)."""
    seen: dict[str, int]
    """For each other device, the last seq this device had applied when it wrote the batch."""
    ops: tuple[Op, ...] = field(default=())
    """Empty when only describing a batch whose bytes are made from the outbox as they are."""
    signed: Signed | None = field(default=None, compare=False, repr=False)
    """Its signature, checked before merging; None for a plain batch from before sealing."""

    def __post_init__(self) -> None:
        seqs = [op.seq for op in self.ops]
        # Without ops it is just the batch's description (what a store files it under).
        if seqs and seqs != list(range(self.first_seq, self.last_seq + 1)):
            raise ValueError("a batch holds its device's ops first_seq..last_seq with no gaps")

    @property
    def name(self) -> str:
        return f"{self.device} {self.first_seq}-{self.last_seq}"


def frame(magic: bytes, header: dict[str, Any], body: bytes) -> bytes:
    """Self-validating bytes: the magic line, a JSON header with the body's length and a
    SHA-256 of header and body, then the body."""
    header = {**header, "length": len(body)}
    header["sha256"] = _digest(header, body)
    return magic + json.dumps(header, sort_keys=True).encode() + b"\n" + body


def _digest(header: dict[str, Any], body: bytes) -> str:
    """The SHA-256 of the header (all but the digest, written the one way `frame` writes it)
    and the body: a changed byte in the header (a seq, the schema, what the sender had seen)
    is caught like one in the body."""
    described = json.dumps({k: v for k, v in header.items() if k != "sha256"}, sort_keys=True)
    return hashlib.sha256(described.encode() + b"\n" + body).hexdigest()


def unframe(magic: bytes, data: bytes) -> tuple[dict[str, Any], bytes]:
    """The header and body of `frame`d bytes; `DamagedBatch` if they are not whole."""
    if not data.startswith(magic):
        raise DamagedBatch("it does not start with the expected marker")
    end = data.find(b"\n", len(magic))
    if end < 0:
        raise DamagedBatch("its header is cut off")
    try:
        header = json.loads(data[len(magic) : end])
        length, digest = int(header["length"]), str(header["sha256"])
    except (ValueError, KeyError, TypeError) as error:
        raise DamagedBatch("its header cannot be read") from error
    body = data[end + 1 :]
    if len(body) != length:
        raise DamagedBatch(f"it holds {len(body):,} bytes of {length:,} (cut off or padded)")
    if _digest(header, body) != digest:
        raise DamagedBatch("its checksum does not match (the file was changed or badly copied)")
    return header, body


def encode_batch(batch: Batch, seal: TeamSeal, op_bodies: list[str] | None = None) -> bytes:
    """The batch's bytes, sealed. `op_bodies` may give its ops already as JSON (`Op.to_json`,
    as the outbox keeps them), which saves decoding and encoding them again when sending."""
    if op_bodies is None:
        op_bodies = [json.dumps(op.to_json(), separators=(",", ":")) for op in batch.ops]
    body = zlib.compress(("[" + ",".join(op_bodies) + "]").encode(), 6)
    return seal.seal(MAGIC, {"kind": "batch", **_described(batch)}, body)


def _described(batch: Batch) -> dict[str, Any]:
    return {
        "team": batch.team,
        "device": batch.device,
        "first_seq": batch.first_seq,
        "last_seq": batch.last_seq,
        "schema": batch.schema,
        "seen": batch.seen,
    }


def decode_batch(data: bytes, seal: TeamSeal) -> Batch:
    """The batch in `data`: `DamagedBatch` if not whole, `Refused` if not sealed with the team
    key. A plain batch from before sealing (`PLAIN_MAGIC`) is read as it is, unsigned."""
    if data.startswith(PLAIN_MAGIC):
        header, body = unframe(PLAIN_MAGIC, data)
        signed = None
    else:
        header, body, signed = seal.open(MAGIC, data)
        if header.get("kind") != "batch":
            raise DamagedBatch("it is not a batch")
    try:
        raw_ops = json.loads(zlib.decompress(body))
        device = header["device"]
        return Batch(
            team=header["team"],
            device=device,
            first_seq=header["first_seq"],
            last_seq=header["last_seq"],
            schema=header["schema"],
            seen={str(k): int(v) for k, v in header["seen"].items()},
            ops=tuple(Op.from_json(device, raw) for raw in raw_ops),
            signed=signed,
        )
    except (ValueError, KeyError, TypeError, zlib.error) as error:
        # The checksum matched, so the writer wrote this: a bug, not a bad copy. Still skipped.
        raise DamagedBatch(f"its contents cannot be read ({error})") from error


def batch_header(data: bytes) -> dict[str, Any]:
    """The header of a batch's bytes (sealed or plain), checked whole: what a store files it
    under. `DamagedBatch` if the bytes are not whole."""
    magic = PLAIN_MAGIC if data.startswith(PLAIN_MAGIC) else MAGIC
    return unframe(magic, data)[0]


@dataclass(frozen=True)
class Hlc:
    """A hybrid logical clock value: wall-clock milliseconds, and a counter for changes in the
    same millisecond or when another laptop's clock is ahead. Formatted so that string order is
    time order."""

    millis: int
    counter: int

    def format(self) -> str:
        return f"{self.millis:013d}-{self.counter:05d}"

    @classmethod
    def parse(cls, text: str | None) -> Hlc:
        if not text:
            return cls(0, 0)
        millis, counter = text.split("-")
        return cls(int(millis), int(counter))

    def tick(self, now: datetime) -> Hlc:
        """The next value for a local change made at `now` (the database's clock): a clock that
        stands still, or is behind, still orders changes by the counter."""
        millis = int(now.timestamp() * 1000)
        if millis > self.millis:
            return Hlc(millis, 0)
        return Hlc(self.millis, self.counter + 1)

    def witness(self, other: Hlc) -> Hlc:
        """After receiving a change stamped `other`: never fall behind it."""
        return max(self, other, key=lambda h: (h.millis, h.counter))
