"""A row's field registers: for each field, the op that set its current value.

Stored compactly, because a row has many fields and few ops: the distinct ops once, as
[hlc, device, seq, officer], and each field as an index into them. A case created and edited
twice keeps three ops and thirty small numbers, not thirty copies of a device id.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

Register = list[Any]
"""[hlc, device, seq, officer]: the op that set a field."""


class Registers:
    __slots__ = ("fields", "ops")

    def __init__(self, raw: dict[str, Any] | None = None) -> None:
        self.ops: list[Register] = list(raw["o"]) if raw else []
        self.fields: dict[str, int] = dict(raw["f"]) if raw else {}

    @classmethod
    def loads(cls, text: str | None) -> Registers:
        return cls(json.loads(text) if text else None)

    def get(self, column: str) -> Register | None:
        index = self.fields.get(column)
        return None if index is None else self.ops[index]

    def set(self, column: str, register: Register) -> None:
        if not self.ops or self.ops[-1] != register:
            self.ops.append(register)
        self.fields[column] = len(self.ops) - 1

    def items(self) -> Iterator[tuple[str, Register]]:
        for column, index in self.fields.items():
            yield column, self.ops[index]

    def raw(self) -> dict[str, Any]:
        """The stored form, keeping only the ops some field still names."""
        used = sorted(set(self.fields.values()))
        renumber = {old: new for new, old in enumerate(used)}
        return {
            "o": [self.ops[index] for index in used],
            "f": {column: renumber[index] for column, index in self.fields.items()},
        }

    def dumps(self) -> str:
        return json.dumps(self.raw(), separators=(",", ":"))


def op_of(register: Register) -> str:
    """The op id ("device:seq") a register names."""
    return f"{register[1]}:{register[2]}"
