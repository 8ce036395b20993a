"""The groups background work runs in, named once so that every file means the same group.

A newer call in a group cancels the older one on the same screen (screens/background.py), so
a group is one kind of work whose newest call is the only one wanted: the latest search, the
latest load of a screen. Quitting waits for the groups that write (`WRITES`).
"""

from __future__ import annotations

from enum import StrEnum


class Work(StrEnum):
    STORAGE = "storage"
    """Opening the data folder and the database; loading the demo clients."""
    SAVING = "saving"
    """Every change the forms write, one at a time (screens/saving.py)."""
    SYNC = "sync"
    SYNC_SETTINGS = "sync-settings"
    """Writing this laptop's sync settings file."""
    SYNC_LOCATION = "sync-location"
    """Checking the team store typed in the sync settings."""
    SEARCH = "search"
    HISTORY = "history"
    """A client's earlier cases, or an answer's earlier values."""
    DUPLICATES = "duplicates"
    """People already on record who may be the one being triaged."""
    CASELOAD = "caseload"
    CASE = "case"
    INTERVIEW = "interview"
    RENDER = "render"
    """Building the interview section shown."""
    OPTIONS = "options"
    PLAN = "plan"
    LETTERS = "letters"
    LETTER_DRAFT = "letter-draft"
    """Drawing a letter (the one shown on the letters screen, or a decision letter to produce):
    a .docx takes a moment to make."""
    DHP = "dhp-load"
    DHP_BUDGET = "dhp-budget"
    DEPOSIT = "deposit-load"
    REPAYMENTS = "repayments"
    HARDENING = "hardening"
    """Target hardening on a case."""
    ACCOMMODATION = "accommodation"
    PLACEMENTS = "placements"
    DUE = "due"
    CONFLICTS = "conflicts"
    AUDIT = "audit"
    """Reading a client's audit trail."""
    SIGN_IN = "sign-in"
    """Checking a passphrase and opening the keys and the database (sign-in, unlock)."""
    OFFICERS = "officers"
    """Reading and changing the team's accounts (the Officers screen)."""
    LAPTOPS = "laptops"
    """Reading and revoking the team's laptops (the Laptops screen)."""
    AUDIT_CHECK = "audit-check"
    """Checking the audit trail's chains at start-up."""
    COPY = "copy"
    """Writing a copy of a document where the officer chose (screens/save_copy.py)."""
    TEMPLATES = "templates"
    """Checking the council's letter templates once, at sign-in."""
    OLD_COPIES = "old-copies"
    """Finding, and removing if the officer says so, plain copies earlier versions left."""


WRITES = frozenset({Work.STORAGE, Work.SYNC_SETTINGS, Work.COPY, Work.OLD_COPIES})
"""Groups that write outside app.saves (opening the database, the settings file, copies of
documents): quitting waits for them."""
