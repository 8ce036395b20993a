"""Moving a team from one store to another, such as from the network-drive folder to
PostgreSQL: everything the laptops need is copied, so after the move they sync with the new
store as if nothing had happened (same team id, same batches, same snapshot).

The copy only adds to the target, and it can be run again at any time: what the target
already holds is skipped, so a move cut off halfway, or run once more after the team synced
with the old store again, copies just what is new. Damaged batches are reported and not
copied; the batches of the same laptop after one are held back too, because a laptop applies
a laptop's batches only without a gap, and a gap that is hidden by later batches would never
be filled by running the move again once the damaged file is restored.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from storage.sync.ops import encode_batch
from storage.sync.sealing import TeamSeal
from storage.sync.transport import Damaged, Transport

if TYPE_CHECKING:
    from storage.sync.engine import Progress


@dataclass
class CopyReport:
    source: str
    target: str
    team_id: str
    batches_copied: int = 0
    batches_present: int = 0
    """Batches the target already held (an earlier run of the move)."""
    held_back: list[str] = field(default_factory=list)
    """Batches not copied because an earlier batch of the same laptop is missing or damaged."""
    damaged: list[Damaged] = field(default_factory=list)
    snapshot_copied: bool = False
    acknowledgements_copied: int = 0

    @property
    def complete(self) -> bool:
        """The target holds everything the source had: laptops may switch to it."""
        return not self.damaged and not self.held_back

    def describe(self) -> str:
        copied = [
            f"{self.batches_copied:,} batches" if self.batches_copied else "",
            "the latest snapshot" if self.snapshot_copied else "",
            f"{self.acknowledgements_copied} acknowledgements"
            if self.acknowledgements_copied
            else "",
        ]
        copied = [part for part in copied if part]
        if copied:
            lines = [f"Copied {', '.join(copied)} from {self.source} to {self.target}."]
        else:
            lines = [f"Nothing new to copy: {self.target} already holds all of {self.source}."]
        lines += [f"Damaged, not copied: {item.where}: {item.reason}." for item in self.damaged]
        if self.held_back:
            lines.append(
                f"Held back until the missing or damaged batch before them is restored: "
                f"{', '.join(self.held_back)}."
            )
        if not self.complete:
            lines.append(
                "Restore the damaged files from the drive's backup and run the move again "
                "before the laptops switch to the new store."
            )
        return "\n".join(lines)


def copy_store(
    source: Transport, target: Transport, seal: TeamSeal, progress: Progress | None = None
) -> CopyReport:
    """Copy the team in `source` to `target` (creating the store there with the same team
    id), never changing what the target already holds. Batches are opened and sealed again
    with `seal`: what is copied is signed by the laptop that moves the store."""
    report = progress or (lambda _what, _done, _total: None)
    report("Connecting", 0, 1)
    info = source.connect(team_id=None, create=False, seal=seal)
    target.connect(team_id=info.team_id, create=True, seal=seal)
    if info.newest_schema:
        target.record_schema(info.newest_schema)
    result = CopyReport(source.describe(), target.describe(), info.team_id)
    covered = _copy_snapshot(source, target, result)
    _copy_batches(source, target, seal, covered, result, report)
    _copy_acknowledgements(source, target, result)
    report("Done", 1, 1)
    return result


def _copy_snapshot(source: Transport, target: Transport, result: CopyReport) -> dict[str, int]:
    """Copy the source's latest snapshot unless the target has one covering as much; return
    what the target's latest snapshot now covers."""
    present = target.latest_snapshot()
    present_covers = present[0] if isinstance(present, tuple) else {}
    found = source.latest_snapshot()
    if isinstance(found, Damaged):
        result.damaged.append(found)
        return present_covers
    if found is None or (isinstance(present, tuple) and _covers(present_covers, found[0])):
        return present_covers
    covers, data = found
    target.publish_snapshot(covers, data)
    result.snapshot_copied = True
    return covers


def _copy_batches(
    source: Transport,
    target: Transport,
    seal: TeamSeal,
    covered: Mapping[str, int],
    result: CopyReport,
    report: Progress,
) -> None:
    """Every batch of the source, in each laptop's order. A batch is copied only if it
    follows on from what the target holds of its laptop, or from the snapshot (whose batches
    the source may have removed); the total is 0 because a store does not say how many
    batches it holds."""
    through: dict[str, int] = {}
    for done, item in enumerate(source.fetch({}, exclude=None), start=1):
        report("Copying batches", done, 0)
        if isinstance(item, Damaged):
            result.damaged.append(item)
            continue
        device = item.device
        if device not in through:
            through[device] = target.published_through(device)
        if item.last_seq <= through[device]:
            result.batches_present += 1
        elif item.first_seq > max(through[device], covered.get(device, 0)) + 1:
            result.held_back.append(item.name)
        else:
            target.publish(item, encode_batch(item, seal))
            through[device] = item.last_seq
            result.batches_copied += 1


def _copy_acknowledgements(source: Transport, target: Transport, result: CopyReport) -> None:
    """Each laptop's latest acknowledgement, unless the target's already says as much (a
    laptop's acknowledgements only grow, so an older one must not become its latest)."""
    present = {ack.device: ack.applied for ack in target.acknowledgements()}
    for ack in source.acknowledgements():
        if ack.device in present and _covers(present[ack.device], ack.applied):
            continue
        target.acknowledge(ack)
        result.acknowledgements_copied += 1


def _covers(seqs: Mapping[str, int], other: Mapping[str, int]) -> bool:
    """`seqs` reaches at least as far as `other` for every laptop."""
    return all(seqs.get(device, 0) >= seq for device, seq in other.items())
