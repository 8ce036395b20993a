"""The error log: an unexpected error's details (traceback, SQL) go to a file in the data
folder for IT, and the officer reads one short line that says where they are."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LOG_FILE_NAME = "housing-tui.log"
_logger = logging.getLogger("housing_tui")
_logger.addHandler(logging.NullHandler())  # never Python's last resort: a traceback on stderr


class _ErrorLogFile(RotatingFileHandler):
    def handleError(self, record: logging.LogRecord) -> None:  # noqa: N802  (logging's name)
        # A log that cannot be written (a read-only folder) must not print a traceback over
        # the officer's screen instead; the officer's line still says what happened.
        pass


def keep_error_log_in(folder: Path) -> None:
    """Write unexpected errors to `folder`/housing-tui.log from now on (the app and every
    command call this once they know the data folder). The file is made at the first error."""
    for old in list(_logger.handlers):
        if isinstance(old, _ErrorLogFile):
            _logger.removeHandler(old)
            old.close()
    # Three files of 1 MB at most: a laptop's disk is never filled by a repeating error.
    handler = _ErrorLogFile(
        folder / LOG_FILE_NAME, maxBytes=1_000_000, backupCount=2, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    _logger.addHandler(handler)
    _logger.setLevel(logging.INFO)


def record_unexpected(error: BaseException) -> str:
    """Log `error` with its traceback; the line to show the officer."""
    _logger.error("Unexpected error", exc_info=error)
    files = [h.baseFilename for h in _logger.handlers if isinstance(h, _ErrorLogFile)]
    details = f": the details are in {files[0]}" if files else ""
    return f"Something went wrong that housing-tui did not expect. Please tell IT{details}."
