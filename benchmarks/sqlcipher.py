"""SQLCipher against plain SQLite: what encryption at rest costs a write and a read, and a
new connection, through the app's own Database (WAL, synchronous=FULL, the audit trail and
the sync outbox on every write).

    python benchmarks/sqlcipher.py            # 7 runs, table of medians
    python benchmarks/sqlcipher.py --json

Each run opens one plain and one encrypted database (raw 256-bit key, no KDF per connection,
cipher_memory_security off), round-robin, and times: saving one client (one transaction);
reading one client by id in a read transaction; opening a new connection and reading one row.
Also shown: the argon2id sign-in cost at the shipped policy (hash check + officer key).
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from pathlib import Path

from _common import arguments, machine, median, say, table

WRITES = 200
READS = 1000


def _measure(db, officer_id: str) -> dict[str, float]:  # noqa: ANN001
    from sqlalchemy import text

    from storage.tables import Client

    ids = []
    started = time.perf_counter()
    for n in range(WRITES):
        with db.writing(officer_id) as session:
            client = Client(forenames="Bench", surname=f"Person{n}", ni_number="QQ123456C")
            session.add(client)
        ids.append(client.id)
    write = (time.perf_counter() - started) / WRITES
    started = time.perf_counter()
    for n in range(READS):
        with db.reading() as session:
            session.get(Client, ids[n % len(ids)])
    read = (time.perf_counter() - started) / READS
    started = time.perf_counter()
    for _ in range(20):
        with db.engine.connect() as connection:
            connection.exec_driver_sql("SELECT 1").scalar()
            connection.invalidate()  # a new DB-API connection next time (key, pragmas)
    connect = (time.perf_counter() - started) / 20
    with db.engine.connect() as connection:
        connection.execute(text("SELECT count(*) FROM client")).scalar_one()
    return {"write": write, "read": read, "connect": connect}


def main() -> int:
    parser = arguments(__doc__.split("\n\n")[0], clients=0, measured="measurement")
    args = parser.parse_args()
    import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
    from housing_tui.calendar.clock import Clock
    from housing_tui.reference.policy import Role, load_policy
    from storage.database import DATABASE_FILE_NAME, Database
    from storage.keys import credentials_for, new_key, sign_in
    from storage.officers import create_officer

    figures: dict[str, list[float]] = {}
    for run in range(args.runs):
        say(f"Run {run + 1} of {args.runs}…")
        for kind in ("plain", "sqlcipher") if run % 2 == 0 else ("sqlcipher", "plain"):
            folder = Path(tempfile.mkdtemp(prefix=f"housing-tui-{kind}-"))
            try:
                key = new_key() if kind == "sqlcipher" else None
                db = Database.open(folder / DATABASE_FILE_NAME, key=key, clock=Clock())
                officer = create_officer(db, "Bench Officer", "BO")
                for name, value in _measure(db, officer.id).items():
                    figures.setdefault(f"{kind}_{name}", []).append(value)
                db.close()
            finally:
                shutil.rmtree(folder, ignore_errors=True)
    # The sign-in's argon2id at the shipped policy: hash check plus officer key.
    security = load_policy().security
    folder = Path(tempfile.mkdtemp(prefix="housing-tui-argon2-"))
    try:
        from storage.keys import Account, KeyRing

        made = credentials_for("bench", "bench passphrase", new_key(), security.argon2)
        account = Account(
            officer_id="bench",
            name="Bench",
            initials="BO",
            role=Role.ADMIN,
            active=True,
            passphrase_hash=made.passphrase_hash,
            key_salt=made.key_salt,
            key_cost=made.key_cost,
            wrapped_team_key=made.wrapped_team_key,
            must_change_passphrase=False,
        )
        KeyRing(None, (account,)).save(folder / "keys.json")
        for _ in range(max(3, args.runs // 2)):
            started = time.perf_counter()
            sign_in(folder, "bench", "bench passphrase", security, Clock().now())
            figures.setdefault("sign_in_argon2", []).append(time.perf_counter() - started)
    finally:
        shutil.rmtree(folder, ignore_errors=True)

    results = {"machine": machine(), **{k: median(v) for k, v in figures.items()}}
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    rows = []
    for what in ("write", "read", "connect"):
        plain, cipher = results[f"plain_{what}"], results[f"sqlcipher_{what}"]
        rows.append(
            [what, f"{plain * 1000:.2f} ms", f"{cipher * 1000:.2f} ms", f"{cipher / plain:.2f}x"]
        )
    print(f"Machine: {results['machine']}")
    print(table(["per", "plain SQLite", "SQLCipher", "ratio"], rows))
    print(
        f"Sign-in (argon2id hash check + officer key, shipped policy): "
        f"{results['sign_in_argon2'] * 1000:.0f} ms"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
