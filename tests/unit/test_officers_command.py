"""`housing-tui officers` through real subprocesses: an admin adds an officer (a one-time
passphrase they must change), resets a passphrase, sets a role; an officer may not; and
every reserved action that exists today refuses an officer with who can do it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from housing_tui.calendar.clock import FixedClock
from housing_tui.casework.roles import may, refusal, who_can
from housing_tui.reference.policy import ReservedAction, Role, load_policy
from storage.accounts import list_accounts
from storage.keys import SignInRefused, sign_in
from tests.conftest import TEST_PASSPHRASE, TODAY_AT
from tests.ui.helpers import open_db, prepare


def _run(folder: Path, passphrase: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "housing_tui", "--data-dir", str(folder), *args],
        input=passphrase + "\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _one_time(output: str) -> str:
    found = re.search(r"one-time passphrase(?: is)?: ([a-z0-9-]+)", output)
    assert found, output
    return found[1]


def _account(folder: Path, initials: str):
    db = open_db(folder)
    try:
        return next(a for a in list_accounts(db) if a.officer.initials == initials)
    finally:
        db.close()


def test_an_admin_adds_resets_and_sets_roles_from_the_command_line(
    data_dir: Path, clock: FixedClock
) -> None:
    prepare(data_dir, clock)
    security = load_policy(data_dir).security
    added = _run(data_dir, TEST_PASSPHRASE, "officers", "add", "Olu Other", "oo", "--as", "TO")
    assert added.returncode == 0, added.stderr
    first = _one_time(added.stdout)
    olu = _account(data_dir, "OO")
    assert olu.officer.role is Role.OFFICER and olu.must_change_passphrase
    assert (
        sign_in(data_dir, olu.officer.id, first, security, TODAY_AT).unlocked.role is Role.OFFICER
    )

    # An officer may not manage officers: refused, saying who can, nothing changed.
    refused = _run(data_dir, first, "officers", "set-role", "OO", "admin", "--as", "OO")
    assert refused.returncode == 2
    assert "Only an admin may add officers, reset passphrases and set roles." in refused.stderr
    assert _account(data_dir, "OO").officer.role is Role.OFFICER

    made = _run(data_dir, TEST_PASSPHRASE, "officers", "set-role", "OO", "principal", "--as", "TO")
    assert made.returncode == 0, made.stderr
    assert _account(data_dir, "OO").officer.role is Role.PRINCIPAL

    reset = _run(data_dir, TEST_PASSPHRASE, "officers", "reset-passphrase", "OO", "--as", "TO")
    assert reset.returncode == 0, reset.stderr
    second = _one_time(reset.stdout)
    assert second != first
    with pytest.raises(SignInRefused, match="not Olu Other \\(OO\\)'s passphrase"):
        sign_in(data_dir, olu.officer.id, first, security, TODAY_AT)
    later = TODAY_AT.replace(minute=59)  # after the wait the wrong try set
    assert sign_in(data_dir, olu.officer.id, second, security, later).unlocked.role is (
        Role.PRINCIPAL
    )

    listed = _run(data_dir, TEST_PASSPHRASE, "officers", "list", "--as", "TO")
    assert re.search(r"OO +Olu Other +principal officer +must change passphrase", listed.stdout)


def test_an_officer_is_refused_an_export_and_told_who_can(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    prepare(data_dir, clock)
    added = _run(data_dir, TEST_PASSPHRASE, "officers", "add", "Olu Other", "OO", "--as", "TO")
    out = tmp_path / "clients.csv"
    refused = _run(
        data_dir, _one_time(added.stdout), "export", "clients", "--csv", str(out), "--as", "OO"
    )
    assert refused.returncode == 2
    assert "Only a principal officer or an admin may export" in refused.stderr
    assert not out.exists()
    refused = _run(
        data_dir,
        _one_time(added.stdout),
        "audit",
        "--officer",
        "x",
        "--csv",
        str(out),
        "--as",
        "OO",
    )
    assert refused.returncode == 2 and not out.exists()


def test_an_officer_is_refused_purges_erasures_and_subject_access(
    data_dir: Path, clock: FixedClock, tmp_path: Path
) -> None:
    prepare(data_dir, clock)
    added = _run(data_dir, TEST_PASSPHRASE, "officers", "add", "Olu Other", "OO", "--as", "TO")
    one_time = _one_time(added.stdout)
    purge = _run(data_dir, one_time, "retention", "--purge", "--yes", "--as", "OO")
    assert purge.returncode == 1
    assert "Only an admin may list or purge records past their retention date" in purge.stderr
    erase = _run(data_dir, one_time, "erase", "x", "--reason", "r", "--yes", "--as", "OO")
    assert erase.returncode == 1 and "Only an admin may erase a person's records" in erase.stderr
    out = tmp_path / "request"
    access = _run(data_dir, one_time, "subject-access", "x", "--out", str(out), "--as", "OO")
    assert access.returncode == 1 and not out.exists()
    assert "Only a principal officer or an admin may export everything held" in access.stderr


@pytest.mark.parametrize("action", list(ReservedAction))
def test_every_reserved_action_refuses_an_officer_saying_who_can(action: ReservedAction) -> None:
    security = load_policy().security
    assert not may(Role.OFFICER, action, security)
    told = refusal(Role.OFFICER, action, security)
    assert told is not None and told.startswith(who_can(action, security))
    assert "principal officer" in told or "admin" in told
    # The principal's actions are the principal's; managing officers and removing records
    # are the admin's.
    assert may(Role.PRINCIPAL, action, security) is (
        action
        not in {
            ReservedAction.MANAGE_OFFICERS,
            ReservedAction.PURGE_RECORDS,
            ReservedAction.ERASE_CLIENT,
        }
    )
    assert may(Role.ADMIN, action, security) is (
        action
        not in {
            ReservedAction.SIGN_OFF_DECISION,
            ReservedAction.APPROVE_TARGET_HARDENING_OVER_LIMIT,
            ReservedAction.OVERRIDE_BED_AND_BREAKFAST_BLOCK,
        }
    )
