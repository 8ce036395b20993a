"""Where the documents produced for a case are written beside the database: one folder per
case, named by its reference. The database keeps each document's text as issued; the files are
copies to print, removed with the case when it is purged or erased (storage/retention.py)."""

from __future__ import annotations

from pathlib import Path


def documents_folder(data_dir: Path, case_ref: str) -> Path:
    """Where a case's documents are written, one folder per case."""
    return data_dir / "documents" / case_ref
