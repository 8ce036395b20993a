"""A laptop whose data folder is put back from a backup (or copied onto another laptop) keeps
syncing: it takes a new device identity, gets back what it made after the backup, and sends
what it has made since. It used to number its new changes with seqs the store already held,
so they were never sent, and the changes lost with the restore never came back."""

from __future__ import annotations

import shutil
from pathlib import Path

from storage.sync.engine import status
from storage.sync.postgres import PostgresTransport
from tests.unit.sync.laptops import Laptop, Ledger, check_converged, sync_until_quiet


def _restore(laptop: Laptop, backup: Path) -> None:
    """Put the data file back as it was when `backup` was taken (the app closed)."""
    laptop.db.close()
    shutil.copyfile(backup, laptop.path)
    laptop.reopen()


def _backup(laptop: Laptop, to: Path) -> Path:
    laptop.db.close()
    shutil.copyfile(laptop.path, to)
    laptop.reopen()
    return to


def _client_names(laptop: Laptop) -> set[str]:
    import sqlalchemy as sa

    from storage.tables import Client

    with laptop.db.engine.connect() as connection:
        return set(connection.execute(sa.select(Client.forenames)).scalars())


def _restore_scenario(ann: Laptop, ben: Laptop, store, ledger: Ledger, tmp_path: Path) -> None:
    """Ann's laptop is backed up, adds and edits, syncs, then is restored from the backup and
    does more; each laptop must end with everything either of them made, each change applied
    once (`check_converged` counts them)."""
    shared = ann.add_clients(ledger, 2)
    sync_until_quiet([ann, ben], store, rounds=2)
    backup = _backup(ann, tmp_path / "backup.sqlite3")
    ann.add_clients(ledger, 1)  # made after the backup, synced, then lost with the restore
    ann.edit(ledger, shared[:1], "phone")
    ann.sync(store)
    lost_name = _client_names(ann) - _client_names(ben)
    ben.edit(ledger, shared[1:], "email")
    ben.sync(store)

    _restore(ann, backup)
    ann.add_clients(ledger, 2)
    ann.edit(ledger, shared[:1], "phone")  # the same field as the lost edit
    assert status(ann.db).unsent == 3

    summary = ann.sync(store)
    text = summary.describe()
    assert "restored from a backup or copied from another laptop" in text, text
    assert "3 were sent again" in text, text
    assert summary.recovered == 2, text  # the lost new client and the lost phone edit
    assert status(ann.db).unsent == 0
    assert lost_name <= _client_names(ann)  # the client made after the backup is back
    sync_until_quiet([ann, ben], store, rounds=2)
    for laptop in (ann, ben):
        assert len(_client_names(laptop)) == 2 + 1 + 2
    check_converged([ann, ben], ledger, store)
    # Syncing on finds nothing amiss: the new identity is Ann's alone.
    for laptop in (ann, ben):
        assert laptop.sync(store).new_identity is None


def test_a_laptop_restored_from_a_backup_keeps_syncing(laptops, tmp_path: Path) -> None:
    ann, ben, store, ledger = laptops
    _restore_scenario(ann, ben, store, ledger, tmp_path)


def test_a_laptop_restored_from_a_backup_keeps_syncing_through_postgresql(
    tmp_path: Path, postgres_url: str
) -> None:
    ledger = Ledger()
    ann = Laptop.new("ann", tmp_path / "ann.sqlite3", ledger)
    ben = Laptop.new("ben", tmp_path / "ben.sqlite3", ledger)
    store = PostgresTransport(postgres_url)
    try:
        sync_until_quiet([ann, ben], store, rounds=2)
        _restore_scenario(ann, ben, store, ledger, tmp_path)
    finally:
        store.close()
        ann.close()
        ben.close()


def test_a_copied_laptop_and_its_original_both_keep_syncing(laptops, tmp_path: Path) -> None:
    """A data folder copied onto a second laptop (a cloned disk image): both go on working
    with the same device id. Whichever syncs second takes a new identity."""
    ann, ben, store, ledger = laptops
    copy = ann.copy_to(tmp_path / "ann-copy.sqlite3")
    copy.name = "copy"
    ann.add_clients(ledger, 2)
    copy.add_clients(ledger, 3)
    ann.sync(store)
    summary = copy.sync(store)
    assert summary.new_identity is not None and summary.new_identity.resent == 3
    assert summary.recovered == 2
    sync_until_quiet([ann, ben, copy], store, rounds=2)
    for laptop in (ann, ben, copy):
        assert len(_client_names(laptop)) == 2 + 3
    check_converged([ann, ben, copy], ledger, store)
    copy.close()
