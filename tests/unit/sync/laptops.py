"""Laptops for the sync robustness tests: real SQLite data files, a ledger of everything the
officers typed and how many changes each row had, and the checks every test ends with (both
databases sound, the store sound, the laptops identical, every change applied exactly once,
nothing typed lost).

Also runnable, for the tests that need a real second process or a real kill -9:

    python -m tests.unit.sync.laptops sync DATA_FILE STORE [BATCH_OPS]

prints "ready" once imported and opened, then "done <summary>" when the sync has finished.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import sqlalchemy as sa

from storage.database import Database
from storage.officers import create_officer
from storage.sync.engine import status
from storage.sync.folder import FolderTransport
from storage.sync.ops import ACK_MAGIC, DamagedBatch, decode_batch
from storage.tables import Client, SyncConflict
from tests.unit.sync.helpers import TEST_SEAL, sync

TYPED_COLUMNS = ("forenames", "surname", "phone", "email", "address", "postcode")


class Crash(Exception):  # noqa: N818 - it stands for the process dying, not an error
    """Stands for the laptop dying at that moment (power cut, lid shut, kill)."""


@dataclass
class Ledger:
    """What officers did, from the test's side: how many changes each row had (so its
    `version` on every laptop must be that), and the last value each laptop typed into each
    field since the laptops last agreed."""

    changes: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    typed: dict[tuple[str, str], dict[str, Any]] = field(default_factory=lambda: defaultdict(dict))
    agreed: dict[tuple[str, str], Any] = field(default_factory=dict)

    def changed(self, record: str) -> None:
        self.changes[record] += 1

    def type(self, laptop: str, record: str, column: str, value: Any) -> None:
        self.typed[(record, column)][laptop] = value


class Laptop:
    """One officer's laptop: its own data file and officer."""

    def __init__(self, name: str, path: Path, officer: str) -> None:
        self.name = name
        self.path = path
        self.officer = officer
        self.db = Database.open(path)
        self._counter = 0

    @classmethod
    def new(cls, name: str, path: Path, ledger: Ledger) -> Laptop:
        db = Database.open(path)
        officer = create_officer(db, f"Officer {name}", name[:2])
        ledger.changed(officer.id)
        db.close()
        return cls(name, path, officer.id)

    def copy_to(self, path: Path) -> Laptop:
        """The same laptop (same device, same data) in another file, for a fresh run."""
        self.db.close()
        shutil.copyfile(self.path, path)
        self.db = Database.open(self.path)
        return Laptop(self.name, path, self.officer)

    def reopen(self) -> None:
        """As after the app died: nothing in memory survives, only the file."""
        self.db.close()
        self.db = Database.open(self.path)

    def close(self) -> None:
        self.db.close()

    def sync(self, store: Path | Any, **options: Any):  # noqa: ANN201
        transport = FolderTransport(store) if isinstance(store, Path) else store
        return sync(self.db, transport, **options)

    # --- typing -----------------------------------------------------------------------

    def _value(self, column: str) -> str:
        self._counter += 1
        text = f"{self.name}{self._counter}"
        if column == "postcode":
            return f"Z{self._counter % 100:02d} {self.name[:1].upper()}{self._counter % 1000:03d}"[
                :8
            ]
        if column == "email":
            return f"{text}@example.org"
        return text

    def add_clients(self, ledger: Ledger, count: int) -> list[str]:
        """New clients, all saved in one go (one change each)."""
        rows = []
        with self.db.writing(self.officer) as session:
            for _ in range(count):
                row = Client(forenames=self._value("forenames"), surname=self._value("surname"))
                session.add(row)
                rows.append(row)
        for row in rows:
            ledger.changed(row.id)
            ledger.type(self.name, row.id, "forenames", row.forenames)
            ledger.type(self.name, row.id, "surname", row.surname)
        return [row.id for row in rows]

    def edit(self, ledger: Ledger, records: Iterable[str], column: str, *, each: bool = False):  # noqa: ANN201
        """Type a new value into `column` of each record: saved together, or `each` saved on
        its own (one transaction per record)."""
        records = list(records)
        groups = [[r] for r in records] if each else [records]
        for group in groups:
            typed = {}
            with self.db.writing(self.officer) as session:
                rows = {}
                for start in range(0, len(group), 500):
                    chunk = group[start : start + 500]
                    found = session.execute(sa.select(Client).where(Client.id.in_(chunk)))
                    rows.update((row.id, row) for row in found.scalars())
                for record in group:
                    value = self._value(column)
                    setattr(rows[record], column, value)
                    typed[record] = value
            for record, value in typed.items():
                ledger.changed(record)
                ledger.type(self.name, record, column, value)


# --- the checks ---------------------------------------------------------------------------


def synced_rows(db: Database) -> dict[str, list[tuple]]:
    from storage.sync.merge import synced_tables

    with db.engine.connect() as connection:
        return {
            name: [tuple(r) for r in connection.execute(sa.select(table).order_by(table.c.id))]
            for name, table in synced_tables().items()
        }


def integrity(path: Path) -> str:
    connection = sqlite3.connect(path)
    try:
        return connection.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        connection.close()


def store_files(store: Path) -> dict[str, str]:
    """Every finished file in the store (not a `.part` being written) and its SHA-256."""
    found = {}
    for path in store.rglob("*"):
        if path.is_file() and not path.name.endswith(".part"):
            try:
                found[str(path.relative_to(store))] = hashlib.sha256(path.read_bytes()).hexdigest()
            except FileNotFoundError:  # an old acknowledgement removed as we looked
                continue
    return found


def check_store(store: Path) -> list[str]:
    """Fails unless every file in the store is whole; returns the stray `.part` files."""
    strays = []
    team = json.loads((store / "team.json").read_bytes())
    assert set(team) >= {"format", "team_id"}
    for path in sorted(store.rglob("*")):
        if not path.is_file():
            continue
        where = str(path.relative_to(store))
        if path.name.endswith(".part"):
            strays.append(where)
        elif path.suffix == ".batch":
            try:
                batch = decode_batch(path.read_bytes(), TEST_SEAL)
            except DamagedBatch as error:
                raise AssertionError(f"{where} is damaged: {error}") from None
            first, last = (int(p) for p in path.name.split("-")[:2])
            assert (batch.device, batch.first_seq, batch.last_seq) == (
                path.parent.parent.name,
                first,
                last,
            ), where
        elif path.suffix == ".ack":
            header, applied, signed = TEST_SEAL.open(ACK_MAGIC, path.read_bytes())
            TEST_SEAL.verify(signed)
            assert header["device"] == path.parent.parent.name, where
            assert isinstance(json.loads(applied), dict), where
    return strays


def check_converged(
    laptops: list[Laptop], ledger: Ledger, store: Path | Any
) -> dict[str, list[tuple]]:
    """The checks every test ends with; afterwards the ledger takes what they agree on. A
    team folder's files are checked too (a PostgreSQL store checks its own rows)."""
    if isinstance(store, Path):
        check_store(store)
    for laptop in laptops:
        assert integrity(laptop.path) == "ok", laptop.name
        assert status(laptop.db).unsent == 0, f"{laptop.name} still has unsent changes"
    rows = [synced_rows(laptop.db) for laptop in laptops]
    for laptop, other in zip(laptops[1:], rows[1:], strict=True):
        for table in rows[0]:
            assert other[table] == rows[0][table], f"{laptop.name} differs in {table}"
    db = laptops[0].db
    with db.engine.connect() as connection:
        versions = dict(connection.execute(sa.text("SELECT id, version FROM client")).all())
        versions.update(connection.execute(sa.text("SELECT id, version FROM officer")).all())
        current = {
            (r.id, column): getattr(r, column)
            for r in connection.execute(sa.select(Client))
            for column in TYPED_COLUMNS
        }
        lost = defaultdict(set)
        for c in connection.execute(sa.select(SyncConflict)):
            lost[(c.record_id, c.column_name)].add(json.loads(c.losing_value))
    # Every change applied exactly once: a row's version is the number of changes made to it.
    assert set(versions) == set(ledger.changes)
    wrong = {r: (versions[r], n) for r, n in ledger.changes.items() if versions[r] != n}
    assert not wrong, f"{len(wrong)} rows with version != changes made: {list(wrong.items())[:5]}"
    # Nothing typed lost: the last value each laptop typed is the field's value, or (two
    # laptops typed into the same field without seeing each other) kept as a conflict.
    for key, by_laptop in ledger.typed.items():
        values = set(by_laptop.values())
        assert current[key] in values, (key, current[key], values)
        assert values - {current[key]} <= lost[key], (key, values, lost[key])
    for key, value in ledger.agreed.items():
        if key not in ledger.typed:
            assert current[key] == value, key
    for key in ledger.typed:
        ledger.agreed[key] = current[key]
    ledger.typed.clear()
    # Every laptop has applied everything every other laptop made.
    for laptop in laptops:
        with laptop.db.engine.connect() as connection:
            device, made = connection.execute(
                sa.text("SELECT device_id, next_seq - 1 FROM sync_state")
            ).one()
        for other in laptops:
            if other is not laptop:
                with other.db.engine.connect() as connection:
                    applied = connection.execute(
                        sa.text("SELECT through_seq FROM sync_applied WHERE device_id = :d"),
                        {"d": device},
                    ).scalar()
                assert applied == made, f"{other.name} applied {applied} of {laptop.name}'s {made}"
    return rows[0]


def sync_until_quiet(laptops: list[Laptop], store: Path, rounds: int = 3) -> None:
    """Everyone syncs, twice round (the second round brings what the first one sent)."""
    for _ in range(rounds):
        for laptop in laptops:
            laptop.sync(store)


def main(argv: list[str]) -> None:
    command, data_file, store, *rest = argv
    assert command == "sync"
    import storage.sync.engine as engine

    if rest:
        engine.BATCH_OPS = int(rest[0])
    db = Database.open(Path(data_file))
    print("ready", flush=True)
    summary = sync(db, FolderTransport(Path(store)))
    print("done", summary.describe(), flush=True)
    db.close()


if __name__ == "__main__":
    main(sys.argv[1:])


def worker(
    path: str,
    store: str,
    name: str,
    officer: str,
    shared: list[str],
    rounds: list[list[tuple]],
    barrier: Any,
    results: Any,
) -> None:
    """A laptop in a process of its own: each round it types (("add", n) new clients,
    ("edit", column) on the shared clients, ("edit own", column) on its own new ones), waits
    for the others at `barrier`, then syncs. Puts (name, changes, typed, summaries, error)."""
    laptop = Laptop(name, Path(path), officer)
    ledger = Ledger()
    own: list[str] = []
    summaries, error = [], None
    try:
        for steps in rounds:
            for step in steps:
                if step[0] == "add":
                    own += laptop.add_clients(ledger, step[1])
                elif step[0] == "edit":
                    laptop.edit(ledger, shared, step[1])
                else:
                    laptop.edit(ledger, own, step[1])
            barrier.wait(timeout=120)
            summaries.append(laptop.sync(Path(store)).describe())
    except Exception as exc:  # noqa: BLE001 - reported to the test, which fails with it
        error = f"{type(exc).__name__}: {exc}"
    finally:
        laptop.close()
    results.put((name, dict(ledger.changes), dict(ledger.typed), summaries, error))
