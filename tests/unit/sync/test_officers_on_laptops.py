"""Officers on a laptop and revoked laptops (issue 16 item 4), on a real team folder and a real
PostgreSQL store: a batch sealed by an enrolled laptop but claiming an officer who has never
signed in on it is refused, reported, audited and never merged; an officer with no signing key
yet (from before this version) is judged as before until their first sign-in; a revoked
laptop's batches written after its revocation are refused."""

from __future__ import annotations

import base64
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

from housing_tui.reference.policy import Role, load_policy
from storage.accounts import add_account, add_officer
from storage.keys import public_text
from storage.sync.devices import revoke, team_seal
from storage.sync.engine import SYNC_REFUSED
from storage.sync.location import open_transport
from storage.sync.officer_laptops import record_id, statement
from storage.sync.ops import Batch, FieldChange, Hlc, Op, encode_batch
from storage.sync.sealing import TeamSeal, new_signing_key
from storage.tables import AuditEvent, Client, OfficerLaptop
from tests.ui.helpers import laptop, open_db, sign_in_on, signed_in
from tests.unit.sync.test_forged_batches import _forged, _store, _sync


def _officer(data_dir: Path, name: str, initials: str) -> str:
    """An officer added by the admin on `data_dir`; returns their one-time passphrase."""
    db = open_db(data_dir)
    try:
        security = load_policy(data_dir).security
        _, passphrase = add_officer(
            db,
            signed_in(data_dir),
            security.argon2,
            name=name,
            initials=initials,
            role=Role.OFFICER,
        )
    finally:
        db.close()
    return passphrase


def _publish(data_dir: Path, location: str, ops: list[Op], seal: TeamSeal | None = None) -> None:
    """Publish `ops` as one batch of a new device id, sealed by the laptop `data_dir` (its
    own enrolled key) unless another `seal` is given."""
    db = open_db(data_dir)
    seal = seal or team_seal(db, signed_in(data_dir).team_key)
    db.close()
    transport = open_transport(location)
    try:
        team = transport.connect(team_id=None, create=False, seal=seal).team_id
        device = ops[0].device
        batch = Batch(team, device, 1, len(ops), schema=1, seen={}, ops=tuple(ops))
        transport.publish(batch, encode_batch(batch, seal))
    finally:
        transport.close()


def _op(device: str, seq: int, officer: str, table: str, record: str, values: dict) -> Op:
    stamps = {"created_at": "2026-01-01T00:00:00+00:00", "updated_at": "2026-01-01T00:00:00+00:00"}
    return Op(
        device=device,
        seq=seq,
        hlc=Hlc(1_800_000_000_000 + seq, 0).format(),
        schema=1,
        officer=officer,
        table=table,
        record=record,
        fields={
            k: FieldChange(new=v, old=None, base=None) for k, v in {**values, **stamps}.items()
        },
    )


def _forge_on(data_dir: Path, location: str, officer: str, surname: str) -> str:
    """A client created in `officer`'s name, sealed by the laptop `data_dir`; its id."""
    db = open_db(data_dir)
    seal = team_seal(db, signed_in(data_dir).team_key)
    db.close()
    transport = open_transport(location)
    try:
        team = transport.connect(team_id=None, create=False, seal=seal).team_id
        return _forged(seal, transport, team, officer, surname)
    finally:
        transport.close()


def _clients(data_dir: Path, *records: str) -> list[Client | None]:
    db = open_db(data_dir)
    try:
        with db.reading() as session:
            return [session.get(Client, record) for record in records]
    finally:
        db.close()


def _refusals_audited(data_dir: Path) -> int:
    db = open_db(data_dir)
    try:
        with db.reading() as session:
            return session.execute(
                sa.select(sa.func.count()).where(AuditEvent.action == SYNC_REFUSED)
            ).scalar_one()
    finally:
        db.close()


@pytest.mark.parametrize("kind", ["folder", "postgresql"])
def test_a_batch_claiming_an_officer_not_on_its_laptop_is_refused(
    kind: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """Bea, signed in on laptop B (enrolled, with the team key), writes as Olu, who has only
    ever signed in on laptop A: refused everywhere. Her own changes arrive."""
    a = laptop(tmp_path / "a")
    olu_passphrase = _officer(a, "Olu Officer", "OO")
    bea_passphrase = _officer(a, "Bea Officer", "BO")
    sign_in_on(a, "OO", olu_passphrase)
    b = laptop(tmp_path / "b", joins=a)
    location = _store(kind, tmp_path, request)
    assert not _sync(a, location).refused
    assert not _sync(b, location).refused
    bea = sign_in_on(b, "BO", bea_passphrase)
    olu = signed_in(a, "OO", olu_passphrase).officer_id
    assert not _sync(b, location).refused
    assert not _sync(a, location).refused  # A knows Bea uses laptop B

    as_olu = _forge_on(b, location, olu, "Olu Wrote This")
    as_bea = _forge_on(b, location, bea.officer_id, "Bea Wrote This")
    # Her own statement that Olu uses laptop B, signed with her key: it does not hold.
    device, record = str(uuid.uuid4()), str(uuid.uuid4())
    db = open_db(b)
    laptop_b = team_seal(db, bea.team_key).signer
    laptop_key = base64.b64encode(team_seal(db, bea.team_key).public_keys[laptop_b]).decode()
    db.close()
    assert bea.signing_key is not None
    bea_key = public_text(bea.signing_key)
    said = {
        "officer_id": olu,
        "laptop_id": laptop_b,
        "laptop_key": laptop_key,
        "officer_key": bea_key,
        "signature": base64.b64encode(
            bea.signing_key.sign(statement(olu, laptop_b, laptop_key, bea_key))
        ).decode(),
        "signed_at": "2026-01-01T00:00:00+00:00",
    }
    client = {"forenames": "Forged", "surname": "Said Olu Was Here"}
    _publish(
        b,
        location,
        [
            _op(device, 1, olu, "officer_laptop", record_id(olu, laptop_b, bea_key), said),
            _op(device, 2, olu, "client", record, client),
        ],
    )

    summary = _sync(a, location)

    reasons = " | ".join(f"{d.where}: {d.reason}" for d in summary.refused)
    assert len(summary.refused) == 2, reasons
    assert f"claims officer {olu[:8]}, who has not signed in on laptop {laptop_b[:8]}" in reasons
    assert "not signed with their key for this laptop (forged)" in reasons
    assert "REFUSED" in summary.describe()
    assert _clients(a, as_olu, record) == [None, None]
    [arrived] = _clients(a, as_bea)
    assert arrived is not None and arrived.surname == "Bea Wrote This"
    assert _refusals_audited(a) == 2


def test_an_officer_without_a_key_yet_is_judged_as_before_until_they_have_one(
    tmp_path: Path,
) -> None:
    """The transition: an officer from before signing keys (no key on record) may be claimed
    from any enrolled laptop of the team, as before; from their first sign-in on, only from
    laptops they have signed in on (an admin setting their passphrase gives them one too)."""
    a = laptop(tmp_path / "a")
    b = laptop(tmp_path / "b", joins=a)
    location = str(tmp_path / "team-folder")
    Path(location).mkdir()
    db = open_db(a)
    nia = add_account(
        db, signed_in(a).officer_id, name="Nia Officer", initials="NO", role=Role.OFFICER
    )
    db.close()
    assert not _sync(a, location).refused
    assert not _sync(b, location).refused

    before = _forge_on(b, location, nia.id, "Before Her Key")
    assert not _sync(a, location).refused
    assert _clients(a, before)[0] is not None

    db = open_db(a)
    from storage.accounts import reset_passphrase

    passphrase = reset_passphrase(db, signed_in(a), load_policy(a).security.argon2, nia.id)
    db.close()
    sign_in_on(a, "NO", passphrase)
    assert not _sync(a, location).refused
    assert not _sync(b, location).refused
    after = _forge_on(b, location, nia.id, "After Her Key")
    [refused] = _sync(a, location).refused
    assert "who has not signed in on laptop" in refused.reason
    assert _clients(a, after) == [None]


def test_a_revoked_laptops_later_batches_are_refused(tmp_path: Path) -> None:
    """The admin revokes laptop B on A. What B wrote before (and A had merged) stays on every
    laptop; what B writes after is refused on a laptop that has the revocation (C)."""
    a = laptop(tmp_path / "a")
    b = laptop(tmp_path / "b", joins=a)
    c = laptop(tmp_path / "c", joins=a)
    location = str(tmp_path / "team-folder")
    Path(location).mkdir()
    for data_dir in (a, b, c):
        assert not _sync(data_dir, location).refused
    officer = signed_in(b).officer_id
    db = open_db(b)
    with db.writing(officer) as session:
        earlier = Client(forenames="Written", surname="Before")
        session.add(earlier)
    laptop_b = team_seal(db, signed_in(b).team_key).signer
    db.close()
    assert not _sync(b, location).refused
    assert not _sync(a, location).refused
    db = open_db(a)
    revoke(db, signed_in(a), laptop_b)
    db.close()
    assert not _sync(a, location).refused
    db = open_db(b)
    with db.writing(officer) as session:
        later = Client(forenames="Written", surname="After")
        session.add(later)
    db.close()
    _sync(b, location)

    summary = _sync(c, location)

    [refused] = summary.refused
    assert refused.reason == f"it was signed by laptop {laptop_b[:8]}, which an admin has revoked"
    before, after = _clients(c, earlier.id, later.id)
    assert before is not None and after is None
    assert _sync(a, location).refused  # and on the revoking laptop itself


def test_a_forged_key_change_for_another_officer_is_refused(tmp_path: Path) -> None:
    """Bea cannot give Olu a key of hers (and then say, with it, that he uses her laptop):
    only Olu (changing his passphrase) or an admin changes his key."""
    a = laptop(tmp_path / "a")
    olu_passphrase = _officer(a, "Olu Officer", "OO")
    bea_passphrase = _officer(a, "Bea Officer", "BO")
    sign_in_on(a, "OO", olu_passphrase)
    b = laptop(tmp_path / "b", joins=a)
    location = str(tmp_path / "team-folder")
    Path(location).mkdir()
    assert not _sync(a, location).refused
    assert not _sync(b, location).refused
    bea = sign_in_on(b, "BO", bea_passphrase)
    olu = signed_in(a, "OO", olu_passphrase).officer_id
    assert not _sync(b, location).refused
    assert not _sync(a, location).refused  # A knows Bea uses laptop B
    mine = new_signing_key()
    device = str(uuid.uuid4())
    _publish(
        b,
        location,
        [_op(device, 1, bea.officer_id, "officer", olu, {"signing_key": public_text(mine)})],
    )
    [refused] = _sync(a, location).refused
    assert "changes officer" in refused.reason and "signing key" in refused.reason
    db = open_db(a)
    with db.reading() as session:
        assert (
            session.execute(
                sa.select(sa.func.count())
                .select_from(OfficerLaptop)
                .where(OfficerLaptop.officer_id == olu)
            ).scalar_one()
            == 1
        )  # laptop A only
    db.close()
