"""Which of the words typed into a search or filter can change its result, so that any text,
even a pasted page, makes a query of a handful of conditions (SQLite refuses a query of a
thousand) that finds exactly what the condition for every word would.

Client search and the caseload's filter look for a word the same way: as the start of any of a
few fields every word is looked for in (surname, forenames, postcode), or of one other field
only some words are looked for in (the NI number, for a word shaped like one; the case
reference, for a word of three characters or more).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice, takewhile


@dataclass(frozen=True)
class Wanted:
    """The conditions a search needs: all of them must hold."""

    words: tuple[str, ...]
    """Keys each looked for as the start of any field (the other field too, where it applies)."""
    other_starts: str | None = None
    """A start the other field must have: the words sharing it are more than the common fields
    can hold, so only that field can match them all."""


def wanted(
    keys: Iterable[str], *, fields: int, other: Callable[[str], str | None]
) -> Wanted | None:
    """The conditions for search keys (`search_key` of each word); None when no row can match
    them all. `fields` is how many fields every key is looked for in; `other(key)` is what the
    other field must start with for the key, or None when the key is not looked for there. It
    must be the key or a start of it of a fixed length, in any case, as both searches' are:
    then a key's start is a start of its longer forms', and the keys left after the first step
    below have other starts that are the same or start no other."""
    ordered = sorted(set(keys))
    # A key that starts a longer one matches every row the longer one matches, unless the
    # longer one is looked for in the other field and it is not: leave it out.
    kept = [
        key
        for index, key in enumerate(ordered)
        if not any(
            other(key) is not None or other(longer) is None
            for longer in _longer_forms(ordered, index)
        )
    ]
    # What is left of each kind (looked for in the other field or not) starts no other key of
    # its kind, so two of a kind cannot share a field: each needs a field of its own, except
    # that those with the same other start may all match by the other field.
    common_only = [key for key in kept if other(key) is None]
    by_other_start: dict[str, list[str]] = {}
    for key in kept:
        if (start := other(key)) is not None:
            by_other_start.setdefault(start, []).append(key)
    in_other = sum(len(group) for group in by_other_start.values())
    largest = max((len(group) for group in by_other_start.values()), default=0)
    # A row's other field matches one group at most; every other key needs a common field.
    if len(common_only) > fields or in_other - largest > fields:
        return None
    words, other_starts = list(common_only), None
    for start, group in by_other_start.items():
        if len(group) > fields:
            other_starts = start  # too many for the common fields: only the other can match
        else:
            words += group
    return Wanted(tuple(sorted(words)), other_starts)


def _longer_forms(ordered: list[str], index: int) -> Iterator[str]:
    """The keys that start with `ordered[index]`: sorted, they come straight after it."""
    key = ordered[index]
    return takewhile(lambda later: later.startswith(key), islice(ordered, index + 1, None))
