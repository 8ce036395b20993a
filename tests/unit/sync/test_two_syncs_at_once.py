"""Two syncs at the same moment, in real processes: two laptops with thousands of offline
changes each against one store, and two windows of the app syncing the same laptop. Nothing is
lost, nothing applied twice, and no file in the store is ever overwritten."""

from __future__ import annotations

import multiprocessing
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from storage.sync.engine import status
from tests.unit.sync.laptops import (
    Laptop,
    Ledger,
    check_converged,
    store_files,
    sync_until_quiet,
    worker,
)

SPAWN = multiprocessing.get_context("spawn")


class StoreWatch:
    """Looks at every file in the store, again and again while the syncs run: a file, once
    there, never changes (it may go: a laptop's older acknowledgements)."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.first_seen: dict[str, str] = {}
        self.changed: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _look(self) -> None:
        for name, digest in store_files(self.store).items():
            if self.first_seen.setdefault(name, digest) != digest:
                self.changed.append(name)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._look()
            self._stop.wait(0.01)

    def __enter__(self) -> StoreWatch:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._look()


def run_together(jobs: list[tuple], store: Path) -> list[tuple]:
    """Each job (path, name, officer, shared, rounds) in a process of its own, each round's
    syncs started together; returns what each process reported."""
    barrier = SPAWN.Barrier(len(jobs))
    results = SPAWN.Queue()
    processes = [
        SPAWN.Process(
            target=worker,
            args=(str(path), str(store), name, officer, shared, rounds, barrier, results),
        )
        for path, name, officer, shared, rounds in jobs
    ]
    with StoreWatch(store) as watch:
        for process in processes:
            process.start()
        reports = [results.get(timeout=180) for _ in processes]
        for process in processes:
            process.join(timeout=60)
    assert [p.exitcode for p in processes] == [0] * len(processes)
    assert not watch.changed, f"files overwritten in the store: {watch.changed}"
    assert len(watch.first_seen) > 5
    return reports


def take(ledger: Ledger, report: tuple) -> None:
    _name, changes, typed, _summaries, error = report
    assert error is None, error
    for record, count in changes.items():
        ledger.changes[record] += count
    for key, by_laptop in typed.items():
        ledger.typed[key].update(by_laptop)


@pytest.fixture
def team(tmp_path: Path) -> Iterator[tuple[Laptop, Laptop, Path, Ledger, list[str]]]:
    store = tmp_path / "store"
    store.mkdir()
    ledger = Ledger()
    ann = Laptop.new("ann", tmp_path / "ann.sqlite3", ledger)
    ben = Laptop.new("ben", tmp_path / "ben.sqlite3", ledger)
    shared = ann.add_clients(ledger, 300)
    sync_until_quiet([ann, ben], store, rounds=2)
    check_converged([ann, ben], ledger, store)
    yield ann, ben, store, ledger, shared
    ann.close()
    ben.close()


OFFLINE_DAY = [("add", 700), ("edit", None), ("edit", None), ("edit own", None)]
"""About 2,000 changes: 700 new clients, the shared 300 edited twice, the new ones edited."""


def rounds_for(column: str, own_column: str) -> list[list[tuple]]:
    day = [(kind, n if kind == "add" else column) for kind, n in OFFLINE_DAY]
    day[-1] = ("edit own", own_column)
    return [day, [("add", 50), ("edit", column)], [("edit own", own_column)], []]


def test_two_laptops_syncing_at_the_same_moment(team) -> None:
    ann, ben, store, ledger, shared = team
    ann.close()
    ben.close()
    jobs = [
        (ann.path, "ann", ann.officer, shared, rounds_for("phone", "address")),
        (ben.path, "ben", ben.officer, shared, rounds_for("email", "postcode")),
    ]
    for report in run_together(jobs, store):
        take(ledger, report)
    assert sum(ledger.changes.values()) > 2 * 2_000
    ann.reopen()
    ben.reopen()
    sync_until_quiet([ann, ben], store)
    check_converged([ann, ben], ledger, store)


def test_two_windows_syncing_the_same_laptop_at_the_same_moment(team) -> None:
    ann, ben, store, ledger, shared = team
    ann.edit(ledger, shared, "phone")
    ann.add_clients(ledger, 700)
    ann.edit(ledger, shared, "address")
    ben.edit(ledger, shared, "email")
    ben.add_clients(ledger, 1_000)
    ben.edit(ledger, shared, "postcode")
    ben.sync(store)
    ann.close()
    window = (ann.path, "ann", ann.officer, shared, [[]])
    reports = run_together([window, window], store)
    for report in reports:
        take(ledger, report)
    ann.reopen()
    assert status(ann.db).unsent == 0
    sync_until_quiet([ann, ben], store)
    check_converged([ann, ben], ledger, store)
