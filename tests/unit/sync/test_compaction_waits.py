"""Compaction waits for every device the store has ever seen: one that published but never
acknowledged anything (switched off mid-sync, then away for months) holds it up."""

from __future__ import annotations

import uuid
from pathlib import Path

from storage.sync.engine import status
from storage.sync.folder import FolderTransport
from storage.sync.ops import Batch, encode_batch
from tests.unit.sync.helpers import TEST_SEAL
from tests.unit.sync.laptops import Laptop, Ledger, sync_until_quiet


def _own_batches(store: Path, laptop: Laptop) -> list[Path]:
    device = status(laptop.db).device_id
    return sorted((store / "devices" / device / "batches").glob("*.batch"))


def test_a_device_that_never_acknowledged_holds_up_compaction(tmp_path: Path) -> None:
    store = tmp_path / "store"
    store.mkdir()
    ledger = Ledger()
    ann = Laptop.new("ann", tmp_path / "ann.sqlite3", ledger)
    ben = Laptop.new("ben", tmp_path / "ben.sqlite3", ledger)
    ann.add_clients(ledger, 2)
    sync_until_quiet([ann, ben], store)
    transport = FolderTransport(store)
    info = transport.connect(team_id=None, create=False, seal=TEST_SEAL)
    # A third laptop's folder with nothing but an empty-handed batch and no acknowledgement.
    silent = str(uuid.uuid4())
    stub = Batch(team=info.team_id, device=silent, first_seq=1, last_seq=0, schema=1, seen={})
    transport.publish(stub, encode_batch(stub, TEST_SEAL))
    before = _own_batches(store, ann)
    assert before

    summary = ann.sync(store, compact=True)
    assert summary.compacted == 0
    assert _own_batches(store, ann) == before

    # Without it, everyone known has acknowledged Ann's batches: they go.
    for path in (store / "devices" / silent).rglob("*"):
        if path.is_file():
            path.unlink()
    for folder in sorted((store / "devices" / silent).rglob("*"), reverse=True):
        folder.rmdir()
    (store / "devices" / silent).rmdir()
    sync_until_quiet([ben, ann], store)
    assert ann.sync(store, compact=True).compacted == len(before)
    assert _own_batches(store, ann) == []
    ann.close()
    ben.close()
