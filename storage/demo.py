"""Synthetic demo data for trying the app, tests and benchmarks.

Everything is made up and made to look it: addresses on "Demo Street", postcodes in the ZZ99
pseudo-area, phone numbers in Ofcom's range reserved for drama, emails at example.org.
"""

from __future__ import annotations

import json
import random
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from itertools import islice
from typing import Any

from sqlalchemy import insert, select, update
from sqlmodel import Session, col

from housing_tui.casework.clients import search_key
from housing_tui.casework.triage import TriageFacts, triage
from housing_tui.reference.codes import Channel, PresentingProblem, SafetyFlag
from housing_tui.reference.fields import age_on
from housing_tui.reference.policy import TriagePolicy
from storage.audit import AuditNote, append_events
from storage.database import Database
from storage.officers import create_officer
from storage.tables import Case, Client, Officer, SyncState

MAX_DEMO_CLIENTS = 100_000

FORENAMES = [
    "Aisha",
    "Alex",
    "Amir",
    "Anna",
    "Ben",
    "Bethany",
    "Callum",
    "Chloe",
    "Connor",
    "Daniel",
    "Demi",
    "Eden",
    "Elif",
    "Ellie",
    "Emma",
    "Ewan",
    "Faith",
    "Finley",
    "Grace",
    "Hannah",
    "Harvey",
    "Imran",
    "Isla",
    "Jack",
    "Jade",
    "Jamal",
    "Jordan",
    "Kai",
    "Kasia",
    "Kayleigh",
    "Leah",
    "Liam",
    "Lily",
    "Luca",
    "Maria",
    "Mason",
    "Maya",
    "Mohammed",
    "Nadia",
    "Niamh",
    "Noah",
    "Olivia",
    "Oscar",
    "Priya",
    "Reece",
    "Rhys",
    "Riley",
    "Rosa",
    "Ryan",
    "Sam",
    "Sara",
    "Shannon",
    "Sophie",
    "Taylor",
    "Tomasz",
    "Tyler",
    "Yusuf",
    "Zara",
    "Zoe",
]
SURNAMES = [
    "Abbott",
    "Ahmed",
    "Akhtar",
    "Allen",
    "Baker",
    "Barnes",
    "Bell",
    "Brooks",
    "Brown",
    "Carter",
    "Clarke",
    "Collins",
    "Cook",
    "Cooper",
    "Davies",
    "Dawson",
    "Edwards",
    "Ellis",
    "Evans",
    "Fisher",
    "Fletcher",
    "Foster",
    "Gray",
    "Green",
    "Hall",
    "Harris",
    "Hill",
    "Hughes",
    "Hussain",
    "Jackson",
    "James",
    "Jones",
    "Kaur",
    "Kelly",
    "Khan",
    "King",
    "Kowalski",
    "Lee",
    "Lewis",
    "Lloyd",
    "Marshall",
    "Mason",
    "Mills",
    "Mitchell",
    "Moore",
    "Morgan",
    "Murphy",
    "Nowak",
    "Osei",
    "Owen",
    "Palmer",
    "Parker",
    "Patel",
    "Phillips",
    "Price",
    "Roberts",
    "Robinson",
    "Rogers",
    "Scott",
    "Shah",
    "Simpson",
    "Singh",
    "Smith",
    "Taylor",
    "Thomas",
    "Thompson",
    "Turner",
    "Walker",
    "Ward",
    "Watson",
    "White",
    "Williams",
    "Wilson",
    "Wood",
    "Wright",
    "Young",
]


@dataclass(frozen=True)
class DemoSummary:
    clients: int
    cases: int
    officers: int


def load_demo_data(
    db: Database,
    *,
    clients: int,
    officer_id: str | None,
    today: date,
    policy: TriagePolicy,
    seed: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Add `clients` synthetic clients with one to three approaches each, spread over five
    years; recent ones open. Cases go to `officer_id` (if given) and three demo colleagues
    (the same three every time it is run on one data folder).

    Without a `seed` every run makes new people with new ids, so demo data loaded on two
    laptops (or twice on one) never collides; the same `seed` makes the same data, ids and all.

    Rows are inserted in bulk (one transaction) and stamped as the write path would; one audit
    event records the load, since an event per synthetic row would only bury real history.
    """
    if not 1 <= clients <= MAX_DEMO_CLIENTS:
        raise ValueError(f"demo data: between 1 and {MAX_DEMO_CLIENTS:,} clients")
    rng = random.Random(seed)  # None: seeded from the operating system's randomness
    colleagues = [_demo_officer(db, letter) for letter in "ABC"]
    # This laptop's officer gets half the cases, so their own caseload has something in it.
    officers = [officer_id] * 3 + colleagues if officer_id else colleagues
    author = officers[0]
    now = db.clock.now()
    stamp = _stamp(now, author)
    client_rows = (_client(rng, number, today, stamp) for number in range(clients))
    total_cases = 0
    with db.writing(author) as session:
        done = 0
        while batch := list(islice(client_rows, 5_000)):
            if seed is not None and _has_client(session, batch[0]["id"]):
                raise ValueError(
                    f"this data folder already has the demo data made with seed {seed}: "
                    "leave out the seed to add more demo clients"
                )
            session.execute(insert(Client), batch)
            # One to three approaches by each client, most of them recent.
            cases = [
                _case(rng, client, today, officers, policy, stamp)
                for client in batch
                for _ in range(rng.choices((1, 2, 3), weights=(70, 20, 10))[0])
            ]
            session.execute(insert(Case), cases)
            total_cases += len(cases)
            done += len(batch)
            if progress:
                progress(done, clients)
        # Bulk rows bypass the write path's ops: the next sync gives them theirs (sync/adopt.py).
        session.execute(update(SyncState).values(adopted=False))
        loaded = {"clients": clients, "cases": total_cases, "seed": seed}
        append_events(
            session.connection(), [_load_event(_uuid(rng, "audit_event"), author, loaded)], now
        )
    return DemoSummary(clients=clients, cases=total_cases, officers=len(colleagues))


def _stamp(now: datetime, author: str) -> dict[str, Any]:
    """The bookkeeping columns of every demo row, as the write path would stamp a new one."""
    return {
        "created_at": now,
        "updated_at": now,
        "created_by": author,
        "updated_by": author,
        "version": 1,
        "deleted_at": None,
    }


def _has_client(session: Session, client_id: str) -> bool:
    return (
        session.execute(select(col(Client.id)).where(col(Client.id) == client_id)).first()
        is not None
    )


def _load_event(record_id: str, author: str, loaded: dict[str, Any]) -> AuditNote:
    """The one audit event that records a load of demo data: how many clients and cases."""
    return AuditNote(author, "client", record_id, "demo_data", json.dumps(loaded))


def _demo_officer(db: Database, letter: str) -> str:
    """The id of demo colleague `letter`, made the first time demo data is loaded."""
    name = f"Demo Officer {letter}"
    with db.reading() as session:
        found = session.execute(
            select(col(Officer.id)).where(
                col(Officer.name) == name, col(Officer.deleted_at).is_(None)
            )
        ).scalar()
    return found or create_officer(db, name, f"D{letter}").id


_DEMO_IDS = uuid.UUID("5d1e0f4c-2b7a-4c1e-9f3d-8a6b0c2e4d71")


def _uuid(rng: random.Random, table: str) -> str:
    """A new id for a row of `table`. The table is part of it: with the same seed, a client on
    one laptop and a case on another, drawn at the same point, would otherwise share an id."""
    return str(uuid.uuid5(_DEMO_IDS, f"{table}:{rng.getrandbits(128)}"))


def _client(rng: random.Random, number: int, today: date, stamp: dict[str, Any]) -> dict[str, Any]:
    forenames, surname = rng.choice(FORENAMES), rng.choice(SURNAMES)
    born = today - timedelta(days=rng.randint(16 * 365 + 5, 85 * 365))
    letters = "ABDEFGHJLNPQRSTUWXYZ"  # the letters a postcode's inward code may use
    postcode = f"ZZ99 {rng.randint(1, 9)}{rng.choice(letters)}{rng.choice(letters)}"
    return {
        **stamp,
        "id": _uuid(rng, "client"),
        "forenames": forenames,
        "surname": surname,
        "date_of_birth": born,
        "ni_number": f"AA{number:06d}{'ABCD'[number % 4]}" if rng.random() < 0.7 else None,
        "phone": f"07700 900{rng.randint(0, 999):03d}" if rng.random() < 0.8 else None,
        "email": f"{forenames}.{surname}{number}@example.org".lower()
        if rng.random() < 0.5
        else None,
        "address": f"{rng.randint(1, 250)} Demo Street, Exampletown",
        "postcode": postcode,
        "surname_key": search_key(surname),
        "forenames_key": search_key(forenames),
        "postcode_key": search_key(postcode),
    }


def _case(
    rng: random.Random,
    client: dict[str, Any],
    today: date,
    officers: list[str],
    policy: TriagePolicy,
    stamp: dict[str, Any],
) -> dict[str, Any]:
    """An approach within the last five years, triaged as an officer would have; open if
    recent (and then with work due around today)."""
    age_days = int(rng.triangular(0, 5 * 365, 0))
    approached_on = today - timedelta(days=age_days)
    facts = _triage_facts(rng, age_on(client["date_of_birth"], approached_on), approached_on)
    result = triage(facts, today=approached_on, policy=policy)
    is_open = age_days < 120 and rng.random() < 0.8
    minutes = rng.randint(9 * 60, 16 * 60)
    approached_at = datetime.combine(approached_on, time(minutes // 60, minutes % 60), UTC)
    return {
        **stamp,
        "id": _uuid(rng, "case"),
        "client_id": client["id"],
        "officer_id": rng.choice(officers),
        "approached_at": approached_at,
        "channel": rng.choice(list(Channel)).value,
        "status": "open" if is_open else "closed",
        "urgency": result.urgency.urgency.value,
        "urgency_reason": result.urgency.reason,
        "presenting_problem": rng.choice(list(PresentingProblem)).value,
        "detail": None,
        "homeless_tonight": facts.homeless_tonight,
        "must_leave_on": facts.must_leave_on,
        "adults": facts.adults,
        "children": facts.children,
        "pregnant": facts.pregnant,
        # Open demo cases have work due around today, as a live caseload would.
        "next_action_on": today + timedelta(days=rng.randint(-3, 14)) if is_open else None,
        "closed_at": None if is_open else approached_at + timedelta(days=rng.randint(1, 90)),
        **{flag.value: flag in facts.flags for flag in SafetyFlag},
    }


def _triage_facts(rng: random.Random, age: int, approached_on: date) -> TriageFacts:
    """What a client of `age` told triage: a few safety flags that fit their age, some
    homeless tonight, most others with a date they must leave."""
    flags = frozenset(flag for flag in SafetyFlag if rng.random() < 0.05 and _plausible(flag, age))
    homeless_tonight = SafetyFlag.ROUGH_SLEEPING_TONIGHT in flags or rng.random() < 0.15
    must_leave = (
        None
        if homeless_tonight or rng.random() < 0.2
        else (approached_on + timedelta(days=rng.randint(1, 120)))
    )
    return TriageFacts(
        homeless_tonight=homeless_tonight,
        must_leave_on=must_leave,
        adults=rng.choice((1, 1, 1, 2, 2, 3)),
        children=rng.choice((0, 0, 0, 1, 2, 3)),
        pregnant=rng.random() < 0.05,
        flags=flags,
    )


def _plausible(flag: SafetyFlag, age: int) -> bool:
    """Demo flags that fit the client's age, so the demo never shows a 30-year-old as 16/17."""
    if flag is SafetyFlag.AGED_16_17:
        return age in (16, 17)
    if flag is SafetyFlag.CARE_LEAVER:
        return 18 <= age <= 25
    if flag is SafetyFlag.OVER_55_CARE_NEEDS:
        return age >= 55
    return True
