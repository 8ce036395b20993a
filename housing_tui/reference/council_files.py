"""Reading a council's own files (policy.toml, prevention_options.toml, letter templates) in
the encodings Windows editors save them in."""

from __future__ import annotations

import codecs
from pathlib import Path


def read_council_text(path: Path) -> str:
    """The text of `path`: UTF-8 with or without the byte-order mark Notepad writes, or UTF-16
    with its byte-order mark (Notepad's "Unicode"). UnicodeDecodeError for anything else."""
    data = path.read_bytes()
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    return data.decode("utf-8-sig")
