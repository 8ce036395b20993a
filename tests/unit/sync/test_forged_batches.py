"""Forged batches (issue 16 item 4), made with the project's own modules as an attacker who
has the team key (an officer) would make them, on a real team folder and a real PostgreSQL
store: refused, reported, audited, never merged. And the store holds no readable name."""

from __future__ import annotations

import json
import uuid
import zlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from storage.sync.devices import team_seal
from storage.sync.engine import SYNC_REFUSED
from storage.sync.engine import sync as engine_sync
from storage.sync.folder import FolderTransport
from storage.sync.location import open_transport
from storage.sync.ops import PLAIN_MAGIC, Batch, FieldChange, Hlc, Op, encode_batch, frame
from storage.sync.sealing import TeamSeal, new_signing_key
from storage.sync.transport import Transport
from storage.tables import AuditEvent, Client
from tests.ui.helpers import laptop, open_db, signed_in

NI_NUMBER = "QQ123456C"


def _store(kind: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    if kind == "folder":
        folder = tmp_path / "team-folder"
        folder.mkdir()
        return str(folder)
    return request.getfixturevalue("postgres_url")


def _sync(data_dir: Path, location: str):  # noqa: ANN202
    db = open_db(data_dir)
    transport = open_transport(location)
    try:
        seal = team_seal(db, signed_in(data_dir).team_key)
        return engine_sync(db, transport, seal=seal, officer_id=signed_in(data_dir).officer_id)
    finally:
        transport.close()
        db.close()


def _forged(
    seal: TeamSeal | None, transport: Transport, team: str, officer: str, surname: str
) -> str:
    """Publish a batch of a new device id creating a client; returns the client's id. With
    no `seal`, plain, as the app wrote batches before sealing (format 1)."""
    device, record = str(uuid.uuid4()), str(uuid.uuid4())
    values = {
        "forenames": "Forged",
        "surname": surname,
        "created_at": "2026-01-01T00:00:00+00:00",
        "updated_at": "2026-01-01T00:00:00+00:00",
    }
    op = Op(
        device=device,
        seq=1,
        hlc=Hlc(1_800_000_000_000, 0).format(),
        schema=1,
        officer=officer,
        table="client",
        record=record,
        fields={k: FieldChange(new=v, old=None, base=None) for k, v in values.items()},
    )
    batch = Batch(team, device, 1, 1, schema=1, seen={}, ops=(op,))
    transport.publish(batch, encode_batch(batch, seal) if seal else _plain(batch))
    return record


def _plain(batch: Batch) -> bytes:
    """A batch's bytes as the app wrote them before sealing (its encode_batch then)."""
    body = zlib.compress(json.dumps([op.to_json() for op in batch.ops]).encode(), 6)
    header = {
        "team": batch.team,
        "device": batch.device,
        "first_seq": batch.first_seq,
        "last_seq": batch.last_seq,
        "schema": batch.schema,
        "seen": batch.seen,
    }
    return frame(PLAIN_MAGIC, header, body)


@pytest.mark.parametrize("kind", ["folder", "postgresql"])
def test_forged_batches_are_refused_reported_and_never_merged(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    first = laptop(tmp_path / "a")
    second = laptop(tmp_path / "b", joins=first)
    location = _store(kind, tmp_path, request)
    db = open_db(first)
    admin = signed_in(first)
    with db.writing(admin.officer_id) as session:
        session.add(Client(forenames="Real", surname="Person", ni_number=NI_NUMBER))
    enrolled = team_seal(db, admin.team_key)
    db.close()
    assert not _sync(first, location).refused
    assert not _sync(second, location).refused

    transport = open_transport(location)
    try:
        team = transport.connect(team_id=None, create=False, seal=enrolled).team_id
        # An officer's team key, but a laptop nobody enrolled.
        stranger = TeamSeal(admin.team_key, str(uuid.uuid4()), new_signing_key(), {})
        unknown = _forged(stranger, transport, team, admin.officer_id, "Unknown")
        # An enrolled laptop's id, signed with another key.
        impostor = TeamSeal(admin.team_key, enrolled.signer, new_signing_key(), {})
        bad_signature = _forged(impostor, transport, team, admin.officer_id, "Impostor")
        # An enrolled laptop's own key, claiming an officer who is not the team's.
        nobody = _forged(enrolled, transport, team, str(uuid.uuid4()), "Nobody")
        # A surname with a line break and Markdown, as the real admin.
        markdown = _forged(enrolled, transport, team, admin.officer_id, "Evil\n# **Heading**")
    finally:
        transport.close()

    summary = _sync(second, location)
    reasons = " | ".join(f"{d.where}: {d.reason}" for d in summary.refused)
    assert len(summary.refused) == 4, reasons
    assert "not enrolled" in reasons
    assert "signature is not laptop" in reasons
    assert "not an officer of the team" in reasons
    assert "control characters" in reasons
    assert "REFUSED" in summary.describe()
    db = open_db(second)
    with db.reading() as session:
        for record in (unknown, bad_signature, nobody, markdown):
            assert session.get(Client, record) is None
        refused = session.execute(
            sa.select(sa.func.count()).where(AuditEvent.action == SYNC_REFUSED)
        ).scalar_one()
        assert refused == 4
        # The rest of the sync went on: the real client arrived.
        real = session.execute(sa.select(Client).where(Client.surname == "Person")).scalar_one()
        assert real.ni_number == NI_NUMBER
    db.close()


def test_the_team_folder_holds_no_name_or_ni_number(tmp_path: Path) -> None:
    first = laptop(tmp_path / "a")
    folder = tmp_path / "team-folder"
    folder.mkdir()
    db = open_db(first)
    with db.writing(signed_in(first).officer_id) as session:
        session.add(Client(forenames="Rosalind", surname="Quartermaine", ni_number=NI_NUMBER))
    db.close()
    _sync(first, str(folder))
    db = open_db(first)
    engine_sync(
        db, FolderTransport(folder), seal=team_seal(db, signed_in(first).team_key), compact=True
    )
    db.close()
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert any(p.suffix == ".snapshot" for p in files)
    for path in files:
        data = path.read_bytes()
        for secret in (b"Quartermaine", b"Rosalind", NI_NUMBER.encode(), b"Test Officer"):
            assert secret not in data, f"{secret!r} readable in {path}"


def test_a_plain_batch_from_before_sealing_is_refused_with_what_to_do(tmp_path: Path) -> None:
    """Unsigned, it could be anyone's who can write to the share: refused (one line saying
    what the team does), never merged, and the sealed batches still arrive."""
    first = laptop(tmp_path / "a")
    second = laptop(tmp_path / "b", joins=first)
    (tmp_path / "team-folder").mkdir()
    location = str(tmp_path / "team-folder")
    assert not _sync(first, location).refused
    db = open_db(first)
    admin = signed_in(first)
    with db.writing(admin.officer_id) as session:
        session.add(Client(forenames="Sealed", surname="Arrives"))
    enrolled = team_seal(db, admin.team_key)
    db.close()
    assert not _sync(first, location).refused
    transport = open_transport(location)
    try:
        team = transport.connect(team_id=None, create=False, seal=enrolled).team_id
        plain = _forged(None, transport, team, admin.officer_id, "Plain")
    finally:
        transport.close()

    summary = _sync(second, location)

    [refused] = summary.refused
    assert "written before the team store was sealed" in refused.reason
    assert "housing-tui sync --reseal" in refused.reason
    assert "\n" not in refused.reason
    db = open_db(second)
    try:
        with db.reading() as session:
            assert session.get(Client, plain) is None
            assert session.exec(sa.select(Client).where(Client.surname == "Arrives")).first()
    finally:
        db.close()
