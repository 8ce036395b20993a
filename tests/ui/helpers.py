"""Helpers for Pilot tests: a prepared data folder, and waiting for workers instead of sleeping."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import sqlite3
import unicodedata
from datetime import UTC, date, datetime
from pathlib import Path

from textual import events
from textual.keys import _character_to_key, _get_unicode_name_from_key
from textual.message_pump import MessagePump
from textual.pilot import Pilot
from textual.worker import WorkerCancelled

from housing_tui.calendar.clock import Clock, FixedClock
from housing_tui.casework.duties import DutyKind
from housing_tui.reference.policy import POLICY_FILE_NAME, load_policy
from screens.interview import InterviewScreen
from screens.key_order import KeysInOrder
from storage.accounts import create_team, join_team, list_accounts, record_sign_in
from storage.database import DATABASE_FILE_NAME, Database
from storage.database_file import connect
from storage.demo import load_demo_data
from storage.interviews import save_answer
from storage.keys import KEYS_FILE_NAME, KeyRing, Unlocked, sign_in
from storage.plans import start_duty
from storage.rows import OfficerRow
from storage.tables import Case, Client
from tests.conftest import TEST_PASSPHRASE, TODAY_AT

CHEAP_ARGON2 = """
[security.argon2]
# Tests only: argon2id at its cheapest, so that each sign-in costs a millisecond.
time_cost = 1
memory_kib = 8
parallelism = 1
"""


def prepare(data_dir: Path, clock: FixedClock, *, demo_clients: int = 0) -> OfficerRow:
    """A data folder with a team whose first admin, Test Officer (TO), is its officer: keys,
    keys.json and an encrypted database, made as the first-run screen makes them (argon2id
    at its cheapest, from the folder's policy.toml). With demo data if asked."""
    (data_dir / POLICY_FILE_NAME).write_text(CHEAP_ARGON2, "utf-8")
    create_team(
        data_dir,
        name="Test Officer",
        initials="TO",
        passphrase=TEST_PASSPHRASE,
        security=load_policy(data_dir).security,
        clock=clock,
    )
    db = open_db(data_dir, clock)
    [officer] = [account.officer for account in list_accounts(db)]
    if demo_clients:
        load_demo_data(
            db,
            clients=demo_clients,
            officer_id=officer.id,
            today=clock.today(),
            seed=2026,  # the same people every run, for the snapshots
            policy=load_policy(data_dir).triage,
        )
    db.close()
    return officer


def laptop(directory: Path, *, joins: Path | None = None, clock: Clock | None = None) -> Path:
    """A laptop whose Test Officer can sign in: the first of a team, or one that `joins` the
    team of another (its admin enrolled it, on that laptop at `clock`'s time)."""
    directory.mkdir(parents=True, exist_ok=True)
    if joins is None:
        prepare(directory, FixedClock(TODAY_AT))
    else:
        accounts = KeyRing.load(joins / KEYS_FILE_NAME).accounts
        shutil.copy(joins / POLICY_FILE_NAME, directory / POLICY_FILE_NAME)  # the council's
        admins_db = open_db(joins, clock)
        try:
            join_team(directory, signed_in(joins), admins_db, accounts)
        finally:
            admins_db.close()
        sign_in_on(directory)  # Test Officer uses it, as any officer starts using a laptop
    return directory


def sign_in_on(data_dir: Path, initials: str = "TO", passphrase: str = TEST_PASSPHRASE) -> Unlocked:
    """Sign in as the sign-in screen does, with what follows once the database is open
    (`record_sign_in`: audited, and the officer's signed word that they use this laptop)."""
    account = KeyRing.load(data_dir / KEYS_FILE_NAME).find(initials)
    assert account is not None, f"no account {initials} in {data_dir}"
    security = load_policy(data_dir).security
    signed = sign_in(data_dir, account.officer_id, passphrase, security, TODAY_AT)
    db = open_db(data_dir)
    try:
        record_sign_in(db, signed, passphrase, security)
    finally:
        db.close()
    return signed.unlocked


def signed_in(data_dir: Path, initials: str = "TO", passphrase: str = TEST_PASSPHRASE) -> Unlocked:
    """The officer's keys, as signing in on the sign-in screen gives them (storage.keys): for
    `HousingApp(..., unlocked=)` in tests that are not about signing in."""
    account = KeyRing.load(data_dir / KEYS_FILE_NAME).find(initials)
    assert account is not None, f"no account {initials} in {data_dir}"
    security = load_policy(data_dir).security
    return sign_in(data_dir, account.officer_id, passphrase, security, TODAY_AT).unlocked


def open_db(data_dir: Path, clock: Clock | None = None) -> Database:
    """The app's database, as another window of the app would open it: on the tests' clock,
    with the database key Test Officer's passphrase unwraps (plain if the folder has no
    keys.json: a laptop from before accounts)."""
    key = _database_key(data_dir)
    return Database.open(
        data_dir / DATABASE_FILE_NAME, key=key, clock=clock or FixedClock(TODAY_AT)
    )


def raw_connection(data_dir: Path) -> sqlite3.Connection:
    """A DB-API connection to the app's database (encrypted, or plain as `open_db`), for
    tests that change it behind the app's back as another program would."""
    return connect(data_dir / DATABASE_FILE_NAME, _database_key(data_dir))


def _database_key(data_dir: Path) -> bytes | None:
    if not (data_dir / KEYS_FILE_NAME).exists():
        return None
    return signed_in(data_dir).database_key


async def settle(pilot: Pilot) -> None:
    """Wait until every worker has finished and the screen has caught up (workers may start
    more workers: a search starts a history lookup)."""
    for _ in range(20):
        await pilot.pause()
        if not any(worker.is_running for worker in pilot.app.workers):
            await pilot.pause()
            if not any(worker.is_running for worker in pilot.app.workers):
                return
        # A worker replaced by a newer one of its group (a section shown again) is cancelled.
        with contextlib.suppress(WorkerCancelled):
            try:
                await asyncio.wait_for(pilot.app.workers.wait_for_complete(), SETTLE_SECONDS)
            except TimeoutError:
                raise AssertionError(f"workers still running: {_running(pilot)}") from None
    raise AssertionError(f"workers did not settle: {_running(pilot)}")


SETTLE_SECONDS = 120
"""How long `settle` waits for the app's workers: far beyond any worker on a loaded machine, so
a worker that never ends fails its test, naming the worker, instead of hanging the run."""


def _running(pilot: Pilot) -> list[str]:
    return [f"{worker.group}: {worker.name}" for worker in pilot.app.workers if worker.is_running]


async def choose(pilot: Pilot, select_id: str, label_start: str) -> None:
    """Open a pick list with Enter, type the start of the label, Enter to choose."""
    pilot.app.screen.query_one(f"#{select_id}").focus()
    await pilot.press("enter")
    await type_quickly(pilot, label_start)
    await pilot.press("enter")
    await settle(pilot)


async def pick(pilot: Pilot, pick_id: str, typed: str) -> None:
    """Type a few letters into a pick list ("mum") and Tab out, as an officer does."""
    pilot.app.screen.query_one(f"#{pick_id}").focus()
    await type_quickly(pilot, typed)
    await pilot.press("tab")
    await settle(pilot)


async def type_into(pilot: Pilot, field_id: str, text: str) -> None:
    """Type into a field, as an officer would, without leaving it."""
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await pilot.press(*text)


async def type_quickly(pilot: Pilot, text: str) -> None:
    """Press the key for each character of `text`, one after another as a quick typist does,
    then wait once: for a list's type-to-search, where an officer types, not pastes (Pilot's
    own press waits after every key, see `paste`)."""
    await burst(pilot, *text)


async def burst(pilot: Pilot, *keys: str) -> None:
    """Press `keys` (as Pilot names them: "a", "tab", "ctrl+s") all in one go, as a remote
    desktop catching up sends them: every key is queued for the app before it handles the
    first. Then wait until the app has caught up."""
    app = pilot.app
    for key in keys:
        app.post_message(_key_event(key))
    await _handled(app)  # every key taken from the app's queue
    for _ in range(100):
        await settle(pilot)
        # And every key handled, by the screen it waited for.
        if not (isinstance(app, KeysInOrder) and app.typing_ahead):
            return
    raise AssertionError("the app did not catch up with the keys")


def _key_event(key: str) -> events.Key:
    """The event the terminal sends for a key, as Pilot makes it: a character's own name
    ("space", "colon") and the character a key types, if any."""
    if len(key) == 1:
        return events.Key(_character_to_key(key), key)
    try:
        character: str | None = unicodedata.lookup(_get_unicode_name_from_key(key))
    except KeyError:
        character = None
    return events.Key(key, character)


async def paste(pilot: Pilot, text: str) -> None:
    """Paste `text` into the focused field, as the terminal sends an officer's paste: one event
    for the whole text. For tests about what is entered, not about typing itself: Pilot waits
    at least 40 ms after every key it presses, and once for a paste."""
    await _handled(pilot.app)  # a focus() asked for just before is given in the app's turn
    field = pilot.app.focused
    assert field is not None, "nothing has the focus to paste into"
    pasted = events.Paste(text)
    # As the app forwards the terminal's paste to the focused widget: marked forwarded, so that
    # when a widget lets it bubble (TextArea does) the app does not hand it to the field again.
    pasted._set_forwarded()
    field.post_message(pasted)
    await _handled(field)
    await pilot.pause()  # and what the field told the screen (Changed) has been handled


async def paste_into(pilot: Pilot, field_id: str, text: str) -> None:
    """Paste into a field without leaving it (see `paste`)."""
    pilot.app.screen.query_one(f"#{field_id}").focus()
    await paste(pilot, text)


async def _handled(node: MessagePump) -> None:
    """Wait until `node` has handled every message sent to it so far (it takes them in order)."""
    done = asyncio.Event()
    node.call_later(done.set)
    await done.wait()


ANSWERS = {
    # A private tenant in arrears with a section 8 notice, on Housing Benefit with a shortfall.
    "tenure": "private_rented",
    "notice": "section_8",
    "section8_ground": "8",
    "notice_served_on": "2026-11-02",
    "notice_expires_on": "2026-11-30",
    "rent": "650.00 monthly",
    "housing_benefit": "520.00 monthly",
    "arrears_total": "1300.00",
    "homeless_tonight": "no",
}


def interviewed_case(
    data_dir: Path,
    officer_id: str,
    *,
    clock: Clock | None = None,
    born: date = date(1990, 1, 1),
    **case_fields,
) -> str:
    """A private tenant threatened with eviction, interviewed, owed the prevention duty from
    Mon 16 Nov 2026 (written at `clock`'s time), born on `born`. Returns the case id."""
    db = open_db(data_dir, clock)
    with db.writing(officer_id) as session:
        # Fixed ids: the case reference is on screen, and snapshots must not change run to run.
        client = Client(
            id="c11e0000-0000-4000-8000-000000000001",
            forenames="Testy",
            surname="Tenant",
            date_of_birth=born,
        )
        session.add(client)
        session.flush()
        case = Case(
            id="ca5e0000-0000-4000-8000-000000000001",
            client_id=client.id,
            officer_id=officer_id,
            approached_at=datetime(2026, 11, 16, 10, 0, tzinfo=UTC),
            channel="drop_in",
            urgency="threatened",
            presenting_problem="rent_arrears",
            next_action_on=date(2026, 12, 1),
            **case_fields,
        )
        session.add(case)
    for key, value in ANSWERS.items():
        save_answer(db, officer_id=officer_id, case_id=case.id, key=key, value=value)
    start_duty(
        db,
        officer_id=officer_id,
        case_id=case.id,
        kind=DutyKind.PREVENTION,
        started_on=date(2026, 11, 16),
    )
    db.close()
    return case.id


async def open_interview(pilot) -> str:
    """From the caseload: the first case, then its interview. Returns the case id."""
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    case_id = pilot.app.screen.case_id
    await pilot.press("i")
    await settle(pilot)
    await settle(pilot)
    assert isinstance(pilot.app.screen, InterviewScreen)
    return case_id
