"""One sync: send this laptop's new operations to the team store, then apply everyone else's.

The order of the steps, and what a crash at each one leaves behind (docs/sync.md):

1. connect: check the store's format and team (nothing written yet);
2. send: publish unsent ops as batches (a crash leaves at most a temporary file, or a batch
   the store has but this laptop has not noted: `published_through` finds it next time);
3. receive: apply each ready batch in its own local transaction (a crash rolls back only the
   batch being applied; the store still has it);
4. acknowledge what has been applied, and compact if due.

Every step can be repeated, so the next sync simply completes whatever was cut off.
"""

from __future__ import annotations

import gc
import json
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

import sqlalchemy as sa
from sqlmodel import col

from storage.account_mirror import mirror_accounts
from storage.audit import SYNC_RUN, AuditNote, append_events, this_device
from storage.database import Database
from storage.retention import remove_case_documents
from storage.sync.audit_sharing import is_audit_op, queue_own_rows
from storage.sync.capture import schema_revision
from storage.sync.checks import refusal
from storage.sync.devices import refresh
from storage.sync.identity import NewIdentity, take_new_identity_if_reused
from storage.sync.merge import Merge, applied_vector
from storage.sync.ops import Batch, encode_batch
from storage.sync.sealing import TeamSeal
from storage.sync.transport import Acknowledgement, Damaged, SyncError, Transport
from storage.tables import SyncOp, SyncSent, SyncState

SYNC_REFUSED = "sync-refused"
"""The audit action of a batch refused (forged, unsigned, or with values that do not fit)."""
BATCH_OPS = 5_000
"""Ops per batch: big enough that 10,000 changes are two files, small enough to retry cheaply."""

Progress = Callable[[str, int, int], None]
"""(what is happening, done, of how many)."""


@dataclass
class SyncSummary:
    location: str
    sent: int = 0
    received: int = 0
    rows: int = 0
    conflicts: int = 0
    snapshot_loaded: bool = False
    compacted: int = 0
    damaged: list[Damaged] = field(default_factory=list)
    refused: list[Damaged] = field(default_factory=list)
    """Batches not sealed by this team, not signed by an enrolled laptop, claiming an officer
    who is not the team's, or holding values that do not fit: never merged."""
    waiting_for_upgrade: int = 0
    """Batches from a newer version of the app, kept in the store until this one is upgraded."""
    waiting_for_others: int = 0
    """Batches that need another laptop's changes that are not in the store yet (or damaged)."""
    problems: list[str] = field(default_factory=list)
    new_identity: NewIdentity | None = None
    """Set when this laptop found its device id used by another copy of its data."""
    recovered: int = 0
    """Changes of this laptop's old identity (made since the backup it was restored from)."""

    def describe(self) -> str:
        parts = [f"sent {self.sent:,}", f"received {self.received:,}"]
        parts.append(f"{self.conflicts:,} conflict{'s' if self.conflicts != 1 else ''}")
        line = "Synced with " + self.location + ": " + ", ".join(parts) + "."
        if self.snapshot_loaded:
            line += " Started from the team's snapshot."
        if self.waiting_for_upgrade:
            line += (
                f" {self.waiting_for_upgrade:,} batch(es) come from a newer version of the app and "
                "wait, unapplied, until this one is upgraded: ask IT to upgrade housing-tui."
            )
        if self.damaged:
            line += (
                f" {len(self.damaged):,} damaged file(s) in the store were skipped (they are "
                "retried each sync): " + "; ".join(f"{d.where}: {d.reason}" for d in self.damaged)
            )
        if self.refused:
            line += (
                f" {len(self.refused):,} file(s) in the store were REFUSED and not merged (tell "
                "IT: someone may have written to the store who should not): "
                + "; ".join(f"{d.where}: {d.reason}" for d in self.refused)
            )
        if self.waiting_for_others:
            line += f" {self.waiting_for_others:,} batch(es) wait for changes not yet in the store."
        if self.new_identity:
            line += (
                " This laptop's data was restored from a backup or copied from another laptop: "
                f"it now syncs as a new device; {self.recovered:,} change(s) made on it since "
                f"then were fetched from the team store and {self.new_identity.resent:,} "
                "were sent again."
            )
        for problem in self.problems:
            line += f" {problem}."
        return line


@dataclass(frozen=True)
class SyncStatus:
    device_id: str | None
    team_id: str | None
    unsent: int
    last_sync_at: datetime | None
    last_summary: str


def prepare(db: Database) -> str:
    """Make sure this laptop has its sync row (device id); returns the device id."""
    with db.engine.begin() as connection:
        return this_device(connection)


def status(db: Database) -> SyncStatus:
    with db.engine.connect() as connection:
        state = connection.execute(sa.select(SyncState)).first()
        if state is None:
            return SyncStatus(None, None, 0, None, "")
        unsent = connection.execute(
            sa.select(sa.func.count()).where(col(SyncOp.seq) > state.sent_through)
        ).scalar_one()
        pending_adoption = 0 if state.adopted else _unadopted_count(connection)
    return SyncStatus(
        state.device_id,
        state.team_id,
        unsent + pending_adoption,
        state.last_sync_at,
        state.last_sync_summary,
    )


def sync(
    db: Database,
    transport: Transport,
    *,
    progress: Progress | None = None,
    compact: bool = False,
    officer_id: str | None = None,
    seal: TeamSeal,
) -> SyncSummary:
    """Send this laptop's changes and merge everyone else's, sealed and opened with `seal`
    (`storage.sync.devices.team_seal`); the run is audited as `officer_id`'s, with what was
    sent and received, and each refused batch with why."""
    report = progress or (lambda _what, _done, _total: None)
    device = prepare(db)
    summary = SyncSummary(location=transport.describe())
    with db.engine.connect() as connection:
        team = connection.execute(sa.select(col(SyncState.team_id))).scalar()
    report("Connecting", 0, 1)
    info = transport.connect(team_id=team, create=team is None, seal=seal)
    if team is None:
        with db.engine.begin() as connection:
            connection.execute(sa.update(SyncState).values(team_id=info.team_id))
    schema = schema_revision()
    transport.record_schema(schema)
    transport.remove_unfinished(device)
    _adopt(db)
    published = transport.published_through(device)
    summary.new_identity = take_new_identity_if_reused(db, transport, device, published)
    if summary.new_identity is not None:
        device, published = summary.new_identity.device, 0
    queue_own_rows(db, device)  # the audit trail travels in the batches (audit_sharing)
    summary.sent = _send(db, transport, seal, device, info.team_id, published, report)
    # Only batches from earlier syncs are checked: the ones just written are whole.
    _republish_damaged(db, transport, seal, device, info.team_id, published, summary)
    _receive(db, transport, seal, device, info.team_id, schema, summary, report)
    applied = _applied(db)
    transport.acknowledge(Acknowledgement(device, applied))
    if compact:
        from storage.sync.compaction import compact as compact_store

        summary.compacted = compact_store(db, transport, seal, device, info.team_id)
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(SyncState).values(
                last_sync_at=db.clock.now(), last_sync_summary=summary.describe()
            )
        )
        counts = {"sent": summary.sent, "received": summary.received, "rows": summary.rows}
        run = AuditNote(officer_id, "sync_state", device, SYNC_RUN, json.dumps(counts))
        refused = [
            AuditNote(
                officer_id,
                "sync_state",
                device,
                SYNC_REFUSED,
                json.dumps({"where": item.where, "reason": item.reason}),
            )
            for item in summary.refused
        ]
        append_events(connection, [run, *refused], db.clock.now())
    # Accounts that arrived (a new officer, a reset passphrase, a role) can sign in here now.
    mirror_accounts(db)
    report("Done", 1, 1)
    return summary


def _send(
    db: Database,
    transport: Transport,
    seal: TeamSeal,
    device: str,
    team: str,
    published: int,
    report: Progress,
) -> int:
    """Publish this laptop's ops after the later of the last one the store holds
    (`published`) and the last it noted as sent; returns how many were sent."""
    with db.engine.connect() as connection:
        sent_through = connection.execute(sa.select(col(SyncState.sent_through))).scalar() or 0
        start = max(published, sent_through)
        last = connection.execute(sa.select(sa.func.max(SyncOp.seq))).scalar() or 0
    sent = 0
    while start < last:
        with db.engine.connect() as connection:
            rows = connection.execute(
                sa.select(col(SyncOp.seq), col(SyncOp.schema_revision), col(SyncOp.body))
                .where(col(SyncOp.seq) > start)
                .order_by(col(SyncOp.seq))
                .limit(BATCH_OPS)
            ).all()
            seen = applied_vector(connection)
        batch = Batch(
            team=team,
            device=device,
            first_seq=rows[0].seq,
            last_seq=rows[-1].seq,
            schema=max(row.schema_revision for row in rows),
            seen=seen,
        )
        transport.publish(batch, encode_batch(batch, seal, [row.body for row in rows]))
        start = batch.last_seq
        sent += sum(1 for row in rows if not is_audit_op(row.body))
        _note_sent(db, start, batch)
        report("Sending", sent, sent + last - start)
    if published > sent_through:  # published by a sync that was cut off before noting it
        _note_sent(db, published)
    return sent


def _note_sent(db: Database, through: int, batch: Batch | None = None) -> None:
    """Note that the store holds this laptop's ops through `through` (and the batch just
    published, to write it again if its copy there is damaged). Only ever forward: a sync cut
    off after publishing, or another window syncing at the same moment, may have noted more."""
    with db.engine.begin() as connection:
        connection.execute(
            sa.update(SyncState)
            .where(col(SyncState.sent_through) < through)
            .values(sent_through=through)
        )
        if batch is not None:
            connection.execute(
                sa.insert(SyncSent.__table__).prefix_with("OR IGNORE"),
                {
                    "first_seq": batch.first_seq,
                    "last_seq": batch.last_seq,
                    "seen": json.dumps(batch.seen),
                },
            )


def _republish_damaged(
    db: Database,
    transport: Transport,
    seal: TeamSeal,
    device: str,
    team: str,
    through: int,
    summary: SyncSummary,
) -> None:
    """Write again, from the outbox, any of this laptop's recent batches (up to `through`:
    the ones this sync just wrote are whole) whose copy in the store is damaged (a bad copy on
    the share): the other laptops are waiting for them."""
    others = [a.applied.get(device, 0) for a in transport.acknowledgements() if a.device != device]
    for first, last, damage in transport.damaged_own_batches(device, min(others, default=0)):
        if last > through:
            continue
        with db.engine.connect() as connection:
            sent = connection.execute(
                sa.select(col(SyncSent.seen)).where(
                    col(SyncSent.first_seq) == first, col(SyncSent.last_seq) == last
                )
            ).scalar()
            rows = connection.execute(
                sa.select(col(SyncOp.schema_revision), col(SyncOp.body))
                .where(col(SyncOp.seq).between(first, last))
                .order_by(col(SyncOp.seq))
            ).all()
        if sent is None or len(rows) != last - first + 1:
            summary.problems.append(
                f"This laptop's file {damage.where} in the store is damaged ({damage.reason}) "
                "and cannot be written again from here: ask IT to restore it"
            )
            continue
        batch = Batch(
            team=team,
            device=device,
            first_seq=first,
            last_seq=last,
            schema=max(row.schema_revision for row in rows),
            seen=json.loads(sent),
        )
        transport.replace_damaged(
            batch, encode_batch(batch, seal, [row.body for row in rows]), damage
        )
        summary.problems.append(
            f"This laptop's file {damage.where} in the store was damaged ({damage.reason}); "
            "it has been written again"
        )


@contextmanager
def _no_cyclic_collection() -> Iterator[None]:
    # Decoding and merging thousands of ops makes many small objects that all live until the
    # batch is merged: the cyclic collector's passes over them took a quarter of the time and
    # freed nothing (measured with benchmarks/sync.py). Reference counting still frees as usual.
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


@_no_cyclic_collection()
def _receive(
    db: Database,
    transport: Transport,
    seal: TeamSeal,
    device: str,
    team: str,
    schema: int,
    summary: SyncSummary,
    report: Progress,
) -> None:
    applied = _applied(db)
    if not applied:
        from storage.sync.compaction import load_latest_snapshot

        summary.snapshot_loaded = load_latest_snapshot(db, transport, seal, device, summary)
        applied = _applied(db)
    pending: list[Batch] = []
    for count, item in enumerate(transport.fetch(applied, exclude=device), start=1):
        report("Reading the team store", count, 0)  # how many there are is not known
        if isinstance(item, Damaged):
            (summary.refused if item.refused else summary.damaged).append(item)
        elif item.team != team:  # copied in from another team's store
            summary.damaged.append(Damaged(item.name, "it belongs to another team's store"))
        else:
            pending.append(item)
    # Enrolments and revocations first, and again after each batch merged (it may be what
    # one was waiting for): nothing a revoked laptop signed is merged here once its
    # revocation could have been.
    enrolling = {id(b) for b in pending if _changes_devices(b)}
    pending.sort(key=lambda b: id(b) not in enrolling)
    total = sum(len(b.ops) for b in pending)
    done = 0
    progressed = True
    while pending and progressed:
        progressed = False
        for batch in list(pending):
            if batch.last_seq <= applied.get(batch.device, 0):
                pending.remove(batch)  # a copy of what another batch already brought
                continue
            if batch.schema > schema or not _ready(batch, applied, device):
                continue
            if batch.signed is not None and batch.signed.signer not in seal.public_keys:
                continue  # its laptop's enrolment may come in another batch of this sync
            try:
                with db.engine.begin() as connection:
                    if problem := refusal(batch, seal, connection):
                        summary.refused.append(Damaged(batch.name, problem, refused=True))
                        pending.remove(batch)
                        continue
                    merge = Merge(connection, now=db.clock.now())
                    counts = merge.apply_ops(batch.device, batch.ops)
                    merge.finish()
                remove_case_documents(db, merge.removed)
            except sa.exc.IntegrityError as error:
                # Rolled back whole: nothing of the batch is half-applied, and it stays in the
                # store to be merged by a version of the app that can.
                raise SyncError(
                    f"The changes in {batch.name} could not be merged here ({error.orig}). "
                    "Nothing was lost; the changes received before them are saved. Tell IT."
                ) from error
            applied = dict(merge.applied)
            if id(batch) in enrolling:
                refresh(seal, db)
            summary.received += counts.ops
            summary.rows += counts.rows
            summary.conflicts += counts.conflicts
            summary.problems.extend(counts.problems)
            if summary.new_identity and batch.device == summary.new_identity.old_device:
                summary.recovered += counts.ops
            pending.remove(batch)
            progressed = True
            done += len(batch.ops)
            report("Receiving", done, total)
            if enrolling & {id(b) for b in pending}:
                break
    for batch in list(pending):
        # Only if nothing else holds it back: a batch waiting for others is not judged yet.
        signer = batch.signed.signer if batch.signed is not None else None
        if (
            signer is not None
            and signer not in seal.public_keys
            and batch.schema <= schema
            and _ready(batch, applied, device)
        ):
            summary.refused.append(Damaged(batch.name, seal.not_believed(signer), refused=True))
            pending.remove(batch)
    summary.waiting_for_upgrade = sum(1 for b in pending if b.schema > schema)
    summary.waiting_for_others = len(pending) - summary.waiting_for_upgrade


def _changes_devices(batch: Batch) -> bool:
    """An enrolment or a revocation is among the batch's changes."""
    return any(op.table == "device" for op in batch.ops)


def _ready(batch: Batch, applied: dict[str, int], device: str) -> bool:
    """Everything the batch was made on top of is here, and it follows on from its device's
    last applied op (nothing missing in between)."""
    if batch.first_seq > applied.get(batch.device, 0) + 1:
        return False
    return all(
        other == device or other == batch.device or applied.get(other, 0) >= seq
        for other, seq in batch.seen.items()
    )


def _applied(db: Database) -> dict[str, int]:
    with db.engine.connect() as connection:
        return applied_vector(connection)


# --- rows written before sync existed -----------------------------------------------------


def _unadopted_count(connection: sa.Connection) -> int:
    from storage.sync.merge import synced_tables
    from storage.tables import SyncRegister

    total = 0
    for table in synced_tables().values():
        if table.name == "sync_conflict":
            continue
        total += connection.execute(
            sa.select(sa.func.count())
            .select_from(table)
            .where(~table.c.id.in_(sa.select(col(SyncRegister.record_id))))
        ).scalar_one()
    return total


def _adopt(db: Database) -> None:
    """Give every row that has no register (written before this version, or by the bulk demo
    loader) a creation op, once, so that it travels like everything else."""
    from storage.sync.adopt import adopt_unlogged_rows

    with db.engine.connect() as connection:
        if connection.execute(sa.select(col(SyncState.adopted))).scalar():
            return
    adopt_unlogged_rows(db)
