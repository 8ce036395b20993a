"""The team store as a folder on the network drive.

No file is written by two devices and none is changed once it has its name: each device
writes a whole file under a temporary name in its own folder, flushes it to disk and renames
it to a name that has never existed (it carries a random part), so readers see a file whole
or not at all, and two laptops syncing at once never touch the same file. Layout:

    team.json                                   format and team id, created once
    schema/0006                                 a device has written with schema 0006
    devices/<device>/batches/<first>-<last>-<random>.batch
    devices/<device>/acks/<time>-<random>.ack  what that device has applied
    snapshots/<total>-<device>-<random>.snapshot
    devices/<device>/<random>.part              unfinished writes, removed by their device

`docs/sync.md` describes the files.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import time
import uuid
from collections.abc import Iterator, Mapping
from pathlib import Path

from storage.sync.ops import (
    PLAIN_MAGICS,
    SNAPSHOT_MAGIC,
    Batch,
    DamagedBatch,
    batch_header,
    decode_batch,
    unframe,
)
from storage.sync.sealing import Refused, TeamSeal
from storage.sync.transport import (
    STORE_FORMAT,
    Acknowledgement,
    Damaged,
    StoreInfo,
    StoreRefused,
    StoreUnreachable,
    open_ack,
    seal_ack,
)

TEAM_FILE = "team.json"
UNFINISHED_AFTER_SECONDS = 15 * 60
"""A temporary file this old was left by a sync that was cut off (none takes this long)."""
_BATCH_NAME = re.compile(r"^(\d{12})-(\d{12})-[0-9a-f]{16}\.batch$")
_SNAPSHOT_NAME = re.compile(r"^(\d{15})-[0-9a-f-]{36}-[0-9a-f]{16}\.snapshot$")
_ACK_NAME = re.compile(r"^(\d{20})-[0-9a-f]{16}\.ack$")


class FolderTransport:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self._seal: TeamSeal | None = None
        self._team_id = ""

    def describe(self) -> str:
        return f"the team folder {self.root}"

    # --- the store itself ---------------------------------------------------------------

    def connect(self, *, team_id: str | None, create: bool, seal: TeamSeal) -> StoreInfo:
        self._seal = seal
        team_file = self.root / TEAM_FILE
        try:
            if not self.root.is_dir():
                raise StoreUnreachable(
                    f"{self.root} cannot be reached: is the network drive connected?"
                )
            if not team_file.exists():
                # A new store only in an empty folder: among other files (a mistyped
                # location) it would scatter the team's files through someone else's.
                if not create or self._others_files():
                    raise StoreRefused(
                        f"{self.root} is not a team store (it has no {TEAM_FILE}). "
                        "Check the shared location in your sync settings."
                    )
                self._create(team_file, team_id or str(uuid.uuid4()))
            info = self._read_team(team_file)
            schemas = [int(p.name) for p in self._list(self.root / "schema") if p.name.isdigit()]
        except OSError as error:
            raise StoreUnreachable(f"{self.root} cannot be read ({error.strerror}).") from error
        if info["format"] > STORE_FORMAT:
            raise StoreRefused(
                f"{self.root} was written by a newer housing-tui (store format "
                f"{info['format']}); upgrade this app before syncing."
            )
        if team_id is not None and info["team_id"] != team_id:
            raise StoreRefused(
                f"{self.root} belongs to another team (team {info['team_id'][:8]}, this laptop "
                f"syncs with team {team_id[:8]}). Nothing was exchanged: check the location."
            )
        self._team_id = info["team_id"]
        return StoreInfo(info["team_id"], info["format"], max(schemas, default=0))

    def _create(self, team_file: Path, team_id: str) -> None:
        body = json.dumps(
            {"format": STORE_FORMAT, "team_id": team_id, "created": time.time()}, indent=2
        ).encode()
        # If another laptop created the store at the same moment, theirs is used.
        with contextlib.suppress(FileExistsError):
            self._write_new(team_file, body)

    def _others_files(self) -> bool:
        """The folder holds something besides temporary files and team.json (another laptop
        may be creating the store at this moment) and the system's clutter."""
        clutter = {TEAM_FILE, "desktop.ini", "thumbs.db"}
        return any(
            not p.name.startswith(".") and p.name.lower() not in clutter
            for p in self.root.iterdir()
        )

    def _read_team(self, team_file: Path) -> dict:
        try:
            info = json.loads(team_file.read_bytes())
            return {"format": int(info["format"]), "team_id": str(info["team_id"])}
        except (ValueError, KeyError, TypeError) as error:
            raise StoreRefused(
                f"{team_file} is damaged; restore it from the drive's backup before syncing."
            ) from error

    def record_schema(self, schema: int) -> None:
        marker = self.root / "schema" / f"{schema:04d}"
        if marker.exists():
            return
        with contextlib.suppress(FileExistsError):
            self._write_new(marker, b"")

    # --- batches ------------------------------------------------------------------------

    def published_through(self, device: str) -> int:
        return max(
            (last for _, last, _ in self._batches(device)),
            default=0,
        )

    def publish(self, batch: Batch, data: bytes) -> None:
        name = f"{batch.first_seq:012d}-{batch.last_seq:012d}-{secrets.token_hex(8)}.batch"
        self._write_new(self._device_dir(batch.device) / "batches" / name, data)

    def devices(self) -> set[str]:
        return {folder.name for folder in self._list(self.root / "devices") if folder.is_dir()}

    def fetch(
        self, applied: Mapping[str, int], *, exclude: str | None
    ) -> Iterator[Batch | Damaged]:
        for device_dir in sorted(self._list(self.root / "devices")):
            if device_dir.name != exclude:
                yield from self.device_batches(device_dir.name, applied.get(device_dir.name, 0))

    def device_batches(self, device: str, after: int) -> Iterator[Batch | Damaged]:
        for _first, last, path in sorted(self._batches(device)):
            if last > after:
                yield self._read_batch(device, path)

    def _read_batch(self, device: str, path: Path) -> Batch | Damaged:
        where = self._where(path)
        try:
            batch = decode_batch(self._read(path), self._sealed())
        except Refused as error:
            return Damaged(where, str(error), refused=True)
        except DamagedBatch as error:
            return Damaged(where, str(error))
        first, last = (int(part) for part in path.name.split("-")[:2])
        if (batch.device, batch.first_seq, batch.last_seq) != (device, first, last):
            return Damaged(where, "its contents do not match its name")
        return batch

    def _batches(self, device: str) -> list[tuple[int, int, Path]]:
        found = []
        for path in self._list(self._device_dir(device) / "batches"):
            match = _BATCH_NAME.match(path.name)
            if match:
                found.append((int(match[1]), int(match[2]), path))
        return found

    def damaged_own_batches(
        self, device: str, after: int, *, newest: int = 50
    ) -> list[tuple[int, int, Damaged]]:
        """This device's batches ending after `after` (what some device may still need; at
        most the `newest` of them, so the check stays cheap) that fail their checks."""
        found = []
        recent = sorted(b for b in self._batches(device) if b[1] > after)[-newest:]
        for first, last, path in recent:
            try:
                header = batch_header(self._read(path))
            except FileNotFoundError:
                continue
            except DamagedBatch as error:  # the checksum covers all; no need to decode
                found.append((first, last, Damaged(self._where(path), str(error))))
                continue
            if (header["device"], header["first_seq"], header["last_seq"]) != (
                device,
                first,
                last,
            ):
                reason = "its contents do not match its name"
                found.append((first, last, Damaged(self._where(path), reason)))
        return found

    def _where(self, path: Path) -> str:
        return f"{path.relative_to(self.root)}"

    def replace_damaged(self, batch: Batch, data: bytes, damaged: Damaged) -> None:
        self.publish(batch, data)
        (self.root / damaged.where).unlink(missing_ok=True)

    def forget(self, device: str, through_seq: int) -> int:
        gone = 0
        for _first, last, path in self._batches(device):
            if last <= through_seq:
                path.unlink(missing_ok=True)
                gone += 1
        return gone

    def remove_plain(self) -> int:
        """Remove every file from before the store was sealed (batches, acknowledgements,
        snapshots); returns how many went."""
        folders = [self.root / "snapshots"]
        for device_dir in self._list(self.root / "devices"):
            folders += [device_dir / "batches", device_dir / "acks"]
        gone = 0
        for folder in folders:
            for path in self._list(folder):
                try:
                    with path.open("rb") as file:
                        first = file.read(max(len(magic) for magic in PLAIN_MAGICS))
                except (FileNotFoundError, IsADirectoryError):
                    continue
                if first.startswith(PLAIN_MAGICS):
                    path.unlink(missing_ok=True)
                    gone += 1
        return gone

    # --- acknowledgements and snapshots -------------------------------------------------

    def acknowledge(self, ack: Acknowledgement) -> None:
        acks = self._device_dir(ack.device) / "acks"
        name = f"{time.time_ns():020d}-{secrets.token_hex(8)}.ack"
        self._write_new(acks / name, seal_ack(self._sealed(), self._team_id, ack))
        # Only this device's own older acknowledgements go: the newest says all they said.
        for path in self._list(acks):
            if path.name < name and _ACK_NAME.match(path.name):
                path.unlink(missing_ok=True)

    def acknowledgements(self) -> list[Acknowledgement]:
        found = []
        for device_dir in sorted(self._list(self.root / "devices")):
            names = sorted(
                p.name for p in self._list(device_dir / "acks") if _ACK_NAME.match(p.name)
            )
            for name in reversed(names):  # the newest readable one
                try:
                    data = self._read(device_dir / "acks" / name)
                except FileNotFoundError:
                    continue
                ack = open_ack(self._sealed(), self._team_id, device_dir.name, data)
                if ack is not None:
                    found.append(ack)
                    break
        return found

    def publish_snapshot(self, covers: Mapping[str, int], data: bytes) -> None:
        header, _ = unframe(SNAPSHOT_MAGIC, data)
        name = f"{sum(covers.values()):015d}-{header['device']}-{secrets.token_hex(8)}.snapshot"
        self._write_new(self.root / "snapshots" / name, data)

    def latest_snapshot(self) -> tuple[dict[str, int], bytes] | Damaged | None:
        names = sorted(
            (p.name for p in self._list(self.root / "snapshots") if _SNAPSHOT_NAME.match(p.name)),
            reverse=True,
        )
        damaged = None
        for name in names:
            data = self._read(self.root / "snapshots" / name)
            try:
                header, _ = unframe(SNAPSHOT_MAGIC, data)
            except DamagedBatch as error:
                damaged = damaged or Damaged(f"snapshots/{name}", str(error))
                continue
            return {k: int(v) for k, v in header["covers"].items()}, data
        return damaged

    def close(self) -> None:
        pass

    def _sealed(self) -> TeamSeal:
        if self._seal is None:
            raise RuntimeError("connect() first: it gives the keys to read and write with")
        return self._seal

    # --- files --------------------------------------------------------------------------

    def _device_dir(self, device: str) -> Path:
        return self.root / "devices" / device

    def _list(self, folder: Path) -> list[Path]:
        try:
            return list(folder.iterdir())
        except FileNotFoundError:
            return []
        except OSError as error:
            raise StoreUnreachable(f"{folder} cannot be read ({error.strerror}).") from error

    def _read(self, path: Path) -> bytes:
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise
        except OSError as error:
            raise StoreUnreachable(f"{path} cannot be read ({error.strerror}).") from error

    def _write_new(self, target: Path, data: bytes) -> None:
        """Write `data` durably to `target`, which must not exist (`FileExistsError` if it
        does): whole in a temporary file first, then renamed, so no reader sees half of it."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            partial = target.parent / f".{secrets.token_hex(8)}.part"
            with open(partial, "xb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            try:
                # A hard link fails if the target exists: an atomic "create if new". Shares
                # that cannot link fall back to a rename to a name nobody else can have chosen.
                os.link(partial, target)
            except FileExistsError:
                partial.unlink(missing_ok=True)
                raise
            except OSError:
                if target.exists():
                    partial.unlink(missing_ok=True)
                    raise FileExistsError(target) from None
                os.rename(partial, target)
            else:
                partial.unlink()
            _sync_folder(target.parent)
        except FileExistsError:
            raise
        except OSError as error:
            raise StoreUnreachable(
                f"Could not write to {target.parent} ({error.strerror}); nothing was lost, "
                "the next sync tries again."
            ) from error

    def remove_unfinished(self, device: str) -> None:
        """Remove this device's own temporary files left by a sync that was cut off. Only old
        ones: a young one may be another window of this laptop, syncing right now."""
        cutoff = time.time() - UNFINISHED_AFTER_SECONDS
        mine = self._device_dir(device)
        for folder in (mine, mine / "batches", mine / "acks"):
            for path in self._list(folder):
                if path.name.endswith(".part"):
                    with contextlib.suppress(FileNotFoundError):
                        if path.stat().st_mtime < cutoff:
                            path.unlink(missing_ok=True)


def _sync_folder(folder: Path) -> None:
    """Make the new name itself durable (POSIX; Windows has no directory handles to flush)."""
    if os.name != "posix":
        return
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
