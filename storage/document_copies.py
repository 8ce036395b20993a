"""Writing a copy of a document the case holds to a file the officer chose, audited as an
export (the .docx comes from the encrypted database; the copy is the officer's to print or
email). Where copies may go is in housing_tui/documents/copies.py."""

from __future__ import annotations

from pathlib import Path

from housing_tui.documents.copies import inside_data_folder
from storage.audit import EXPORT, record_event
from storage.database import Database
from storage.errors import StorageError
from storage.private_files import write_private
from storage.tables import CaseDocument


def write_document_copy(
    db: Database,
    *,
    officer_id: str,
    document_id: str,
    path: Path,
    data_dir: Path,
    replace: bool = False,
) -> bool:
    """Write document `document_id`'s .docx to `path` (its text, for a document issued
    before documents were .docx), 0600, folders made as needed, and record the export; False,
    writing nothing, when `path` exists and `replace` is not set. Refuses (StorageError) a path
    inside the data folder, links followed."""
    path = path.expanduser()
    if inside_data_folder(path.resolve(), data_dir.resolve()):
        raise StorageError(
            f"Not saved: {path} is in the app's data folder, which keeps only encrypted data. "
            "Choose another folder."
        )
    with db.reading() as session:
        document = session.get(CaseDocument, document_id)
        if document is None or document.deleted_at is not None:
            raise StorageError("That document is no longer on record.")
        content, case_id = document.docx or document.body, document.case_id
    if path.is_dir():
        raise StorageError(f"Not saved: {path} is a folder. Add a file name after it.")
    if path.exists() and not replace:
        return False
    # Recorded first, so that no copy leaves the app unrecorded.
    record_event(
        db,
        officer_id,
        EXPORT,
        table_name="case_document",
        record_id=document_id,
        details={"case_id": case_id, "file": str(path)},
    )
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_private(path, content)
    except OSError as error:
        raise StorageError(
            f"The copy could not be written to {path}: {error.strerror or error}. "
            "Check the folder exists and you may write in it, or choose another."
        ) from error
    return True
