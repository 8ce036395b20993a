"""Copies of a case's documents on disk. A document lives in the encrypted database
(`CaseDocument.docx`, and `body` its text); a copy to print or email is written only where the
officer chooses, when they choose (screens/save_copy.py), never into the data folder, which
holds only what the app needs and keeps encrypted.

Versions before this one wrote every document's copy, in plain text, into `documents/<case
ref>/` in the data folder: `old_copies` finds what is left of them, so that the officer can be
told and offered their removal, and a purge or erasure removes a case's (storage/retention.py).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

OLD_COPIES = "documents"
"""The folder in the data folder where earlier versions wrote a plain copy of each document."""


def suggested_copy_path(documents: Path, case_ref: str, file_name: str) -> Path:
    """Where a copy is offered to go: the officer's own Documents folder (`documents`), a
    folder per case, the document's file name."""
    return documents / case_ref / file_name


def copy_problem(typed: str, data_dir: Path) -> str | None:
    """What is wrong with `typed` as the file to write a copy to, for the officer; None if
    nothing is. Looks at the text only (no disk): the folder's links are followed when the
    copy is written (`inside_data_folder` again, on resolved paths)."""
    text = typed.strip()
    if not text:
        return "Type where to save the copy: a folder and a file name."
    path = Path(os.path.expanduser(text))
    if not path.is_absolute():
        return "Type the whole path, from the drive or your home folder (~/…)."
    if text.endswith(("/", os.sep)):
        return "That is a folder: add the file name after it."
    if inside_data_folder(Path(os.path.normpath(path)), Path(os.path.normpath(data_dir))):
        return (
            f"Not in the app's data folder ({data_dir}): it keeps only encrypted data. "
            "Choose another folder, such as your Documents folder."
        )
    return None


def inside_data_folder(path: Path, data_dir: Path) -> bool:
    """`path` is the data folder or anything under it (both absolute, made alike)."""
    return path == data_dir or data_dir in path.parents


def old_copies(data_dir: Path) -> list[Path]:
    """The plain copies earlier versions left in the data folder, oldest case folder first."""
    folder = data_dir / OLD_COPIES
    if not folder.is_dir():
        return []
    return sorted(path for path in folder.rglob("*") if path.is_file())


def old_copies_folder(data_dir: Path, case_ref: str) -> Path:
    """Where earlier versions wrote the plain copies of one case's documents."""
    return data_dir / OLD_COPIES / case_ref


class OldCopiesLeft(Exception):  # noqa: N818  (what the officer is told: some are left)
    """Some plain copies could not be removed; the message says which, and what to do."""


def remove_old_copies(data_dir: Path) -> int:
    """Delete the plain copies earlier versions left in the data folder (their text is in the
    database); returns how many files went. OldCopiesLeft if some could not be deleted (one
    open in a word processor, say): the rest are gone all the same."""
    folder = data_dir / OLD_COPIES
    copies = old_copies(data_dir)
    left: list[Path] = []
    for path in copies:
        try:
            path.unlink()
        except OSError:
            left.append(path)
    # The case folders, emptiest first; one still holding a copy left stays.
    for case_folder in sorted(folder.rglob("*"), reverse=True):
        with contextlib.suppress(OSError):
            case_folder.rmdir()
    with contextlib.suppress(OSError):
        folder.rmdir()
    if left:
        raise OldCopiesLeft(
            f"{len(left)} of the {len(copies)} plain copies in {folder} could not be removed "
            f"(the first: {left[0]}). Close any open in another program, then delete the "
            "folder, or sign in again to be asked again."
        )
    return len(copies)
