"""`housing-tui sync`: two laptops exchange a client through a team folder, status says what
waits and when the last sync was, and a wrong or missing store is refused with a reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from housing_tui.cli import main
from housing_tui.settings import LocalSettings
from storage.tables import Client
from tests.ui.helpers import laptop, open_db, signed_in


def _laptop_with_a_client(directory: Path, surname: str) -> str:
    db = open_db(laptop(directory))
    try:
        officer = signed_in(directory)
        with db.writing(officer.officer_id) as session:
            client = Client(forenames="Alex", surname=surname, postcode="ZZ99 1AB")
            session.add(client)
        return client.id
    finally:
        db.close()


def _surname(directory: Path, client_id: str) -> str | None:
    db = open_db(directory)
    try:
        with db.reading() as session:
            client = session.get(Client, client_id)
            return client.surname if client else None
    finally:
        db.close()


def test_two_laptops_exchange_a_client_through_the_team_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_typed: None
) -> None:
    store, a, b = tmp_path / "store", tmp_path / "a", tmp_path / "b"
    store.mkdir()
    client_id = _laptop_with_a_client(a, "Testperson")
    laptop(b, joins=a)

    assert main(["sync", "--data-dir", str(a), "--status"]) == 0
    status = capsys.readouterr().out
    # The admin's account (made, then given its passphrase), this laptop's enrolment at first
    # run, the admin's signed word that they use it, b's enrolment by its admin here, and the
    # client: six changes, nothing sent yet.
    assert "Waiting to be sent: 6 change(s)" in status
    assert "Last sync: never" in status

    assert main(["sync", "--data-dir", str(a), "--shared", str(store), "--remember"]) == 0
    assert "sent 6, received 0, 0 conflicts" in capsys.readouterr().out
    assert LocalSettings.load(a).sync_location == str(store)

    assert main(["sync", "--data-dir", str(b), "--shared", str(store)]) == 0
    # b sends the officer's signed word that they use b (signed in there when it joined).
    assert "sent 1, received 6" in capsys.readouterr().out
    assert _surname(b, client_id) == "Testperson"
    assert LocalSettings.load(b).sync_location is None  # no --remember

    # The remembered store is used without --shared.
    assert main(["sync", "--data-dir", str(a)]) == 0
    assert main(["sync", "--data-dir", str(a), "--status"]) == 0
    status = capsys.readouterr().out
    assert "Waiting to be sent: 0 change(s)" in status
    assert f"Team store: {store}" in status
    assert "Last sync: never" not in status


def test_no_team_store_set_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_typed: None
) -> None:
    laptop(tmp_path / "a")
    assert main(["sync", "--data-dir", str(tmp_path / "a")]) == 2
    assert "No team store is set" in capsys.readouterr().err


def test_a_store_of_another_team_is_refused_and_nothing_is_exchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_typed: None
) -> None:
    ours, theirs = tmp_path / "ours", tmp_path / "theirs"
    ours.mkdir()
    theirs.mkdir()
    _laptop_with_a_client(tmp_path / "a", "Ours")
    other_id = _laptop_with_a_client(tmp_path / "c", "Theirs")
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--shared", str(ours)]) == 0
    assert main(["sync", "--data-dir", str(tmp_path / "c"), "--shared", str(theirs)]) == 0
    capsys.readouterr()
    files_before = sorted(p.relative_to(theirs) for p in theirs.rglob("*"))

    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--shared", str(theirs)]) == 1
    assert "belongs to another team" in capsys.readouterr().err
    assert sorted(p.relative_to(theirs) for p in theirs.rglob("*")) == files_before
    assert _surname(tmp_path / "a", other_id) is None


def test_an_unreachable_store_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], passphrase_typed: None
) -> None:
    laptop(tmp_path / "a")
    missing = tmp_path / "drive-not-mapped"
    assert main(["sync", "--data-dir", str(tmp_path / "a"), "--shared", str(missing)]) == 1
    assert "is the network drive connected?" in capsys.readouterr().err
