"""A sync cut off at any moment loses nothing and applies nothing twice.

The laptop "dies" at every step of a sync in turn: each call to the team store (before it and
after it returns), each SQL statement and each commit of the local database, and the moment
between writing a batch's temporary file and giving it its name. After each, the laptop starts
again from its data file alone, the officer types a little more, and everyone syncs normally.
Then both data files and the store must be sound, the laptops identical, every change applied
exactly once and nothing typed lost. A real `kill -9` of a sync process does the same at
moments the test does not choose.
"""

from __future__ import annotations

import copy
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

import storage.sync.engine as engine
from storage.sync.engine import status
from storage.sync.folder import UNFINISHED_AFTER_SECONDS, FolderTransport
from tests.unit.sync.laptops import (
    Crash,
    Laptop,
    Ledger,
    check_converged,
    check_store,
    sync_until_quiet,
)

REPO = Path(__file__).resolve().parents[3]


class FaultPlan:
    """Counts the moments a sync passes through and raises `Crash` at the chosen one."""

    def __init__(self, crash_at: int) -> None:
        self.crash_at = crash_at
        self.passed: list[str] = []

    def point(self, where: str) -> None:
        self.passed.append(where)
        if len(self.passed) == self.crash_at:
            raise Crash(f"moment {self.crash_at}: {where}")


class CrashingTransport:
    """The team folder, with a moment before and after every call (and every batch fetched)."""

    def __init__(self, inner: FolderTransport, plan: FaultPlan) -> None:
        self.inner = inner
        self.plan = plan

    def describe(self) -> str:
        return self.inner.describe()

    def _call(self, name: str, *args: Any, **kwargs: Any) -> Any:
        self.plan.point(f"before {name}")
        result = getattr(self.inner, name)(*args, **kwargs)
        self.plan.point(f"after {name}")
        return result

    def connect(self, **kwargs: Any) -> Any:
        return self._call("connect", **kwargs)

    def record_schema(self, schema: int) -> None:
        self._call("record_schema", schema)

    def remove_unfinished(self, device: str) -> None:
        self._call("remove_unfinished", device)

    def published_through(self, device: str) -> int:
        return self._call("published_through", device)

    def publish(self, batch: Any, data: bytes) -> None:
        self._call("publish", batch, data)

    def fetch(self, applied: Any, *, exclude: str | None) -> Iterator[Any]:
        self.plan.point("before fetch")
        for item in self.inner.fetch(applied, exclude=exclude):
            self.plan.point("fetched a batch")
            yield item
        self.plan.point("after fetch")

    def device_batches(self, device: str, after: int) -> Iterator[Any]:
        self.plan.point("before device_batches")
        for item in self.inner.device_batches(device, after):
            self.plan.point("fetched a batch")
            yield item
        self.plan.point("after device_batches")

    def acknowledge(self, ack: Any) -> None:
        self._call("acknowledge", ack)

    def acknowledgements(self) -> Any:
        return self._call("acknowledgements")

    def publish_snapshot(self, covers: Any, data: bytes) -> None:
        self._call("publish_snapshot", covers, data)

    def latest_snapshot(self) -> Any:
        return self._call("latest_snapshot")

    def forget(self, device: str, through_seq: int) -> int:
        return self._call("forget", device, through_seq)

    def devices(self) -> set[str]:
        return self._call("devices")

    def damaged_own_batches(self, device: str, after: int) -> Any:
        return self._call("damaged_own_batches", device, after)

    def replace_damaged(self, batch: Any, data: bytes, damaged: Any) -> None:
        self._call("replace_damaged", batch, data, damaged)

    def close(self) -> None:
        self.inner.close()


def crashing_sync(laptop: Laptop, store: Path, plan: FaultPlan) -> None:
    """`laptop` syncs with `store`, dying at the plan's moment (if the sync gets that far)."""
    db_engine = laptop.db.engine

    def statement(*_args: Any) -> None:
        plan.point("SQL statement")

    def commit(*_args: Any) -> None:
        plan.point("commit")

    real_link = os.link

    def link(source: Any, target: Any, *args: Any, **kwargs: Any) -> None:
        plan.point(f"link {Path(target).parent.name}/")
        real_link(source, target, *args, **kwargs)

    event.listen(db_engine, "after_execute", statement)
    event.listen(db_engine, "commit", commit)
    os.link = link
    try:
        laptop.sync(CrashingTransport(FolderTransport(store), plan))
    finally:
        os.link = real_link
        event.remove(db_engine, "after_execute", statement)
        event.remove(db_engine, "commit", commit)


@dataclass
class Scene:
    ann: Laptop
    ben: Laptop
    store: Path
    ledger: Ledger
    shared: list[str]

    def copy_to(self, folder: Path) -> Scene:
        folder.mkdir()
        shutil.copytree(self.store, folder / "store")
        return Scene(
            self.ann.copy_to(folder / "ann.sqlite3"),
            self.ben.copy_to(folder / "ben.sqlite3"),
            folder / "store",
            copy.deepcopy(self.ledger),
            self.shared,
        )

    def close(self) -> None:
        self.ann.close()
        self.ben.close()


@pytest.fixture(scope="module")
def small_batches() -> Iterator[None]:
    saved = engine.BATCH_OPS
    engine.BATCH_OPS = 3  # several batches each way, each applied in its own transaction
    yield
    engine.BATCH_OPS = saved


@pytest.fixture(scope="module")
def scene(tmp_path_factory: pytest.TempPathFactory, small_batches: None) -> Iterator[Scene]:
    """Ann and Ben have synced once; then both worked offline (on the same clients too, one
    field typed by both), and Ben has synced since: Ann's next sync sends and receives."""
    folder = tmp_path_factory.mktemp("scene")
    store = folder / "store"
    store.mkdir()
    ledger = Ledger()
    ann = Laptop.new("ann", folder / "ann.sqlite3", ledger)
    ben = Laptop.new("ben", folder / "ben.sqlite3", ledger)
    shared = ann.add_clients(ledger, 4)
    sync_until_quiet([ann, ben], store, rounds=2)
    check_converged([ann, ben], ledger, store)

    ann.edit(ledger, shared[:2], "phone", each=True)
    ann.add_clients(ledger, 2)
    ann.edit(ledger, shared[3:], "surname")
    ben.edit(ledger, shared[:3], "email")
    ben.add_clients(ledger, 3)
    ben.edit(ledger, shared[3:], "surname")
    ben.edit(ledger, shared[1:2], "address", each=True)
    ben.sync(store)
    made = Scene(ann, ben, store, ledger, shared)
    yield made
    made.close()


def recover(scene: Scene) -> None:
    """After the crash: the app starts again, the officer types more, everyone syncs."""
    scene.ann.reopen()
    scene.ann.edit(scene.ledger, scene.shared[1:3], "phone")
    scene.ann.add_clients(scene.ledger, 1)
    check_store(scene.store)
    # Later: a temporary file that old was left by the crash, not by a sync still running.
    for part in scene.store.rglob("*.part"):
        os.utime(part, (0, time.time() - UNFINISHED_AFTER_SECONDS - 60))
    scene.ann.sync(scene.store)
    assert status(scene.ann.db).unsent == 0, "a sync that finished left changes unsent"
    sync_until_quiet([scene.ben, scene.ann], scene.store)
    check_converged([scene.ann, scene.ben], scene.ledger, scene.store)
    strays = check_store(scene.store)
    device = status(scene.ann.db).device_id
    assert not [s for s in strays if s.startswith(f"devices/{device}/batches")], strays


def test_a_sync_cut_off_at_any_moment_is_completed_by_the_next(
    scene: Scene, tmp_path: Path
) -> None:
    moments: list[str] = []
    crash_at = 0
    while True:
        crash_at += 1
        run = scene.copy_to(tmp_path / f"crash-{crash_at}")
        plan = FaultPlan(crash_at)
        try:
            crashing_sync(run.ann, run.store, plan)
        except Crash:
            moments.append(plan.passed[-1])
            recover(run)
            run.close()
            continue
        run.close()
        break
    # Every kind of moment was reached, including inside the merging of received batches.
    kinds = set(moments)
    for kind in (
        "before connect",
        "after connect",
        "before record_schema",
        "before remove_unfinished",
        "before published_through",
        "before publish",
        "after publish",
        "fetched a batch",
        "after fetch",
        "before acknowledge",
        "after acknowledge",
        "SQL statement",
        "commit",
        "link batches/",
        "link acks/",
    ):
        assert kind in kinds, f"never crashed at {kind!r} (only {sorted(kinds)})"
    assert moments.count("before publish") >= 2 and moments.count("commit") >= 6
    assert crash_at > 60


def test_a_sync_that_cannot_link_falls_back_to_renaming(
    scene: Scene, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Shares that cannot make hard links: the batch is renamed into place instead."""
    run = scene.copy_to(tmp_path / "no-links")

    def refuse(*_args: Any, **_kwargs: Any) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", refuse)
    run.ann.sync(run.store)
    monkeypatch.undo()
    recover(run)
    run.close()


# --- a real kill -9 ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def busy_scene(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Scene]:
    """Ann has 1,500 changes to send and Ben's 1,500 are waiting in the store for her."""
    folder = tmp_path_factory.mktemp("busy")
    store = folder / "store"
    store.mkdir()
    ledger = Ledger()
    ann = Laptop.new("ann", folder / "ann.sqlite3", ledger)
    ben = Laptop.new("ben", folder / "ben.sqlite3", ledger)
    shared = ann.add_clients(ledger, 500)
    sync_until_quiet([ann, ben], store, rounds=2)
    check_converged([ann, ben], ledger, store)
    ann.edit(ledger, shared, "phone")
    ann.add_clients(ledger, 500)
    ann.edit(ledger, shared, "surname")
    ben.edit(ledger, shared, "email")
    ben.edit(ledger, shared, "surname")
    ben.add_clients(ledger, 500)
    ben.sync(store)
    made = Scene(ann, ben, store, ledger, shared)
    yield made
    made.close()


def start_sync(laptop: Laptop, store: Path) -> tuple[subprocess.Popen, float]:
    """A sync in a process of its own; returns it once it is about to start syncing."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.unit.sync.laptops", "sync", str(laptop.path), str(store)]
        + ["400"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert process.stdout.readline().strip() == "ready"
    return process, time.monotonic()


def test_a_sync_killed_at_any_moment_is_completed_by_the_next(
    busy_scene: Scene, tmp_path: Path
) -> None:
    # How long an uninterrupted sync takes here, to spread the kills across it.
    run = busy_scene.copy_to(tmp_path / "whole")
    run.ann.close()
    process, started = start_sync(run.ann, run.store)
    assert process.stdout.readline().startswith("done")
    took = time.monotonic() - started
    assert process.wait() == 0
    run.ben.close()

    killed_while_syncing = 0
    for tenth in (1, 4, 7):
        run = busy_scene.copy_to(tmp_path / f"kill-{tenth}")
        run.ann.close()  # the app whose sync dies is the only one using the file
        process, started = start_sync(run.ann, run.store)
        time.sleep(max(0.0, started + took * tenth / 10 - time.monotonic()))
        process.send_signal(signal.SIGKILL)
        process.wait()
        killed_while_syncing += process.stdout.read() == ""
        process.stdout.close()
        recover(run)
        run.close()
    assert killed_while_syncing >= 2, "the kills came after the sync had finished"
