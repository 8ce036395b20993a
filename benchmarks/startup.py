"""Start-up benchmark: how long until the first screen shows, and until the caseload is filled.

    python benchmarks/startup.py            # 7 runs of each, table of medians
    python benchmarks/startup.py --runs 15  # more runs on a noisy machine
    python benchmarks/startup.py --json     # machine-readable results on stdout

Every measurement is a fresh `python -c ...` process (imports cold, as for an officer starting
the app), run headless at 100x30. The time is wall time from just before the process is
spawned to the moment the child reports the event (it writes `time.time()` to its stdout).

Measured in the same run, round-robin so that noise hits all alike:

* bare Textual app: an App that composes `Static("hello")`; event = its `on_ready` (first
  frame). This is the baseline the first-screen target is quoted against.
* housing-tui first screen: `HousingApp` on a data dir with this laptop's officer and
  ~5,000 open cases of theirs; event = the app's `on_ready` (first screen painted, which
  should not wait for the database to open).
* housing-tui caseload filled: same app; event = the first `CaseloadScreen.Shown` message.
* diagnostic: the same first screen with the database never opened, to show whether the first
  paint waits on storage (it should not: both lines should be about equal).
* reference lines: `python -c "import sqlmodel"` and a bare `python -c` (interpreter start).

Targets (from the issue): first screen <= 1.2x the bare Textual app; caseload filled <= 1.3 s
with 5,000 cases in the database.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from _common import REPO, arguments, demo_database, machine, median, say, table

BENCH_PASSPHRASE = "bench officer's passphrase"
FIRST_SCREEN_TARGET_RATIO = 1.2
CASELOAD_TARGET_SECONDS = 1.3
CHILD_TIMEOUT_SECONDS = 60
ISSUE_BARE_APP_SECONDS = 0.4
"""The bare Textual app on the issue's 2-core machine; the 1.3 s target was set there, so the
caseload figure is also shown scaled to it (an estimate: start-up is CPU-bound Python)."""

# Each child writes "EVENT <time.time()> [detail]" straight to file descriptor 1: Textual
# captures print() while an app runs, so sys.stdout is not used.
_EMIT = """
import os, sys, time
def emit(detail=""):
    os.write(1, f"EVENT {time.time():.6f} {detail}\\n".encode())
"""

BARE_APP = (
    _EMIT
    + """
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("hello")

    def on_ready(self):
        emit()
        self.exit()

Bare().run(headless=True, size=(100, 30))
"""
)

FIRST_SCREEN = (
    _EMIT
    + """
from pathlib import Path
from housing_tui.app import HousingApp

class Bench(HousingApp):
    def on_ready(self):
        emit(",".join(m for m in ("sqlalchemy", "sqlmodel", "alembic") if m in sys.modules)
             or "-")
        self.exit()

Bench(Path(sys.argv[1])).run(headless=True, size=(100, 30))
"""
)

# Diagnostic: the same first screen with the database never opened (HousingApp.on_mount is
# replaced, not overridden: Textual would also call the base class's handler). If this is much
# faster than FIRST_SCREEN, the first paint is waiting on storage.
FIRST_SCREEN_NO_STORAGE = (
    _EMIT
    + """
from pathlib import Path
from housing_tui.app import HousingApp
from screens.caseload import CaseloadScreen

HousingApp.on_mount = lambda self: self.push_screen(CaseloadScreen())

class Bench(HousingApp):
    def on_ready(self):
        emit()
        self.exit()

Bench(Path(sys.argv[1])).run(headless=True, size=(100, 30))
"""
)

SIGN_IN_SHOWN = (
    _EMIT
    + """
from pathlib import Path
from housing_tui.app import HousingApp

class Bench(HousingApp):
    def _door_found(self, door):
        super()._door_found(door)
        self.call_after_refresh(lambda: (emit(), self.exit()))

Bench(Path(sys.argv[1])).run(headless=True, size=(100, 30))
"""
)

# Signs in as soon as the sign-in screen shows (as if the passphrase were typed at once and
# Enter pressed): the detail is the caseload's total and the seconds from Enter to it.
CASELOAD_FILLED = (
    _EMIT
    + f"""
from pathlib import Path
from housing_tui.app import HousingApp

class Bench(HousingApp):
    _seen = False

    def _door_found(self, door):
        super()._door_found(door)
        [me] = [a for a in door.keys.accounts if a.initials == "BO"]
        def enter():
            self._entered = time.time()
            passphrase = {BENCH_PASSPHRASE!r}
            self.screen.try_in_background(lambda: self._sign_in(me.officer_id, passphrase))
        self.call_after_refresh(enter)

    def on_caseload_screen_shown(self, message):
        if not self._seen:
            self._seen = True
            emit(f"{{message.total}} {{time.time() - self._entered:.6f}}")
            self.exit()

Bench(Path(sys.argv[1])).run(headless=True, size=(100, 30))
"""
)

IMPORT_SQLMODEL = (
    _EMIT
    + """
import sqlmodel
emit()
"""
)

PYTHON_ONLY = (
    _EMIT
    + """
emit()
"""
)


@dataclass
class Scenario:
    key: str
    label: str
    script: str
    times: list[float] = field(default_factory=list)
    details: list[str] = field(default_factory=list)


def run_child(script: str, data_dir: Path) -> tuple[float, str]:
    """Seconds from spawn to the child's EVENT line, and the detail it reported."""
    started = time.time()
    child = subprocess.Popen(
        [sys.executable, "-c", script, str(data_dir)],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        out, err = child.communicate(timeout=CHILD_TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        child.kill()
        out, err = child.communicate()
        raise SystemExit(
            f"child timed out after {CHILD_TIMEOUT_SECONDS} s:\n{err.decode()[-2000:]}"
        ) from None
    for line in out.decode(errors="replace").splitlines():
        if line.startswith("EVENT "):
            _, stamp, *detail = line.split(" ", 2)
            return float(stamp) - started, (detail[0] if detail else "").strip()
    raise SystemExit(
        f"child exited ({child.returncode}) without reporting its event:\n"
        f"{err.decode(errors='replace')[-3000:]}"
    )


def prepare(data_dir: Path, *, clients: int, cases: int) -> dict[str, int]:
    """A data dir with this laptop's officer, who has exactly `cases` open cases."""
    from sqlalchemy import text

    import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)

    db, officer_id, _ = demo_database(data_dir, clients)
    # Benchmark set-up only (not the app): the newest `cases` cases that are not a colleague's
    # open ones become this officer's open cases; any other open case of theirs goes to a
    # colleague, so the count is exact.
    with db.engine.begin() as connection:
        total_cases = connection.execute(text('SELECT count(*) FROM "case"')).scalar_one()
        colleague = connection.execute(
            text("SELECT id FROM officer WHERE initials = 'DA'")
        ).scalar_one()
        # Colleagues keep their own open cases, so the team caseload is bigger than mine.
        connection.execute(
            text(
                'CREATE TEMP TABLE chosen AS SELECT id FROM "case" '
                "WHERE NOT (status = 'open' AND officer_id != :me) "
                "ORDER BY approached_at DESC, id LIMIT :n"
            ),
            {"me": officer_id, "n": cases},
        )
        if connection.execute(text("SELECT count(*) FROM chosen")).scalar_one() < cases:
            raise SystemExit(
                f"too few cases ({total_cases:,}) for --cases {cases:,}: raise --clients"
            )
        connection.execute(
            text(
                "UPDATE \"case\" SET officer_id = :me, status = 'open', closed_at = NULL, "
                "next_action_on = date('now', printf('%+d days', abs(random()) % 18 - 3)) "
                "WHERE id IN (SELECT id FROM chosen)"
            ),
            {"me": officer_id},
        )
        connection.execute(
            text(
                'UPDATE "case" SET officer_id = :other WHERE officer_id = :me '
                "AND status = 'open' AND id NOT IN (SELECT id FROM chosen)"
            ),
            {"me": officer_id, "other": colleague},
        )
        connection.execute(text("DROP TABLE chosen"))
        officer_id_for_team = officer_id
        counts = {
            "clients": connection.execute(text("SELECT count(*) FROM client")).scalar_one(),
            "cases": total_cases,
            "team_open_cases": connection.execute(
                text("SELECT count(*) FROM \"case\" WHERE status = 'open'")
            ).scalar_one(),
            "officer_open_cases": connection.execute(
                text("SELECT count(*) FROM \"case\" WHERE status = 'open' AND officer_id = :me"),
                {"me": officer_id},
            ).scalar_one(),
        }
    db.close()
    # The bench officer becomes the team's admin (the shipped argon2id cost), and the
    # database is encrypted, as on an officer's laptop after the upgrade.
    from housing_tui.calendar.clock import Clock
    from housing_tui.reference.policy import load_policy
    from housing_tui.startup import open_data_folder
    from storage.accounts import create_team

    unlocked = create_team(
        data_dir,
        name="",
        initials="",
        passphrase=BENCH_PASSPHRASE,
        security=load_policy(data_dir).security,
        clock=Clock(),
        officer_id=officer_id_for_team,
    )
    open_data_folder(data_dir, unlocked).db.close()
    return counts


def main() -> int:
    parser = arguments(__doc__.split("\n\n")[0], clients=10_000, measured="measurement")
    parser.add_argument(
        "--cases",
        type=int,
        default=5_000,
        help="open cases in the officer's own caseload (default 5,000)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the prepared data dir")
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    data_dir = Path(tempfile.mkdtemp(prefix="housing-tui-startup-"))
    try:
        say(f"Preparing {data_dir} ({args.clients:,} demo clients)…")
        counts = prepare(data_dir, clients=args.clients, cases=args.cases)
        say(
            f"Officer's open cases: {counts['officer_open_cases']:,} "
            f"(team open {counts['team_open_cases']:,}, cases {counts['cases']:,}, "
            f"clients {counts['clients']:,})"
        )
        scenarios = [
            Scenario("bare_app", "bare Textual app, first frame (baseline)", BARE_APP),
            Scenario("first_screen", "housing-tui first screen (on_ready)", FIRST_SCREEN),
            Scenario(
                "first_screen_no_storage",
                "diagnostic: first screen, database never opened",
                FIRST_SCREEN_NO_STORAGE,
            ),
            Scenario("sign_in_shown", "housing-tui sign-in screen shown", SIGN_IN_SHOWN),
            Scenario(
                "caseload_filled",
                "signed in at once, caseload filled (first Shown)",
                CASELOAD_FILLED,
            ),
            Scenario("import_sqlmodel", 'reference: python -c "import sqlmodel"', IMPORT_SQLMODEL),
            Scenario("python_start", "reference: python -c (interpreter only)", PYTHON_ONLY),
        ]
        say("Warm-up run of each (compiles .pyc, fills the OS file cache; not counted)…")
        for scenario in scenarios:
            run_child(scenario.script, data_dir)
        for run in range(args.runs):
            say(f"Run {run + 1} of {args.runs}…")
            # Rotate the order each round so that no scenario always follows the same one.
            for scenario in scenarios[run % len(scenarios) :] + scenarios[: run % len(scenarios)]:
                seconds, detail = run_child(scenario.script, data_dir)
                scenario.times.append(seconds)
                scenario.details.append(detail)
    finally:
        if args.keep:
            say(f"Kept {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)

    by_key = {scenario.key: scenario for scenario in scenarios}
    base = median(by_key["bare_app"].times)
    first = median(by_key["first_screen"].times)
    filled = median(by_key["caseload_filled"].times)
    shown_totals = sorted({int(d.split()[0]) for d in by_key["caseload_filled"].details})
    sign_in_to_caseload = median([float(d.split()[1]) for d in by_key["caseload_filled"].details])
    sign_in_shown = median(by_key["sign_in_shown"].times)
    loaded_at_first_screen = sorted(set(by_key["first_screen"].details))
    results = {
        "machine": machine(),
        "runs": args.runs,
        "data": counts,
        "caseload_total_shown": shown_totals,
        "modules_loaded_at_first_screen": loaded_at_first_screen,
        "figures": {
            scenario.key: {
                "label": scenario.label,
                "median_s": round(median(scenario.times), 4),
                "min_s": round(min(scenario.times), 4),
                "ratio_to_bare_app": round(median(scenario.times) / base, 3),
                "all_s": [round(t, 4) for t in scenario.times],
            }
            for scenario in scenarios
        },
        "targets": {
            "first_screen_ratio": round(first / base, 3),
            "first_screen_ratio_target": FIRST_SCREEN_TARGET_RATIO,
            "first_screen_met": first / base <= FIRST_SCREEN_TARGET_RATIO,
            "sign_in_screen_s": round(sign_in_shown, 4),
            "sign_in_screen_ratio_to_bare_app": round(sign_in_shown / base, 3),
            "sign_in_to_caseload_s": round(sign_in_to_caseload, 4),
            "caseload_filled_s": round(filled, 4),
            "caseload_filled_target_s": CASELOAD_TARGET_SECONDS,
            "caseload_filled_met": filled <= CASELOAD_TARGET_SECONDS,
            "caseload_filled_ratio_to_bare_app": round(filled / base, 3),
            "caseload_filled_scaled_to_issue_machine_s": round(
                filled / base * ISSUE_BARE_APP_SECONDS, 3
            ),
        },
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0

    rows = [
        (s.label, f"{median(s.times):.3f}", f"{min(s.times):.3f}", f"{median(s.times) / base:.2f}x")
        for s in scenarios
    ]
    print(f"Start-up, {args.runs} runs each, wall time from spawn to event (s) — {machine()}")
    print(
        f"Data: officer has {counts['officer_open_cases']:,} open cases "
        f"(team {counts['team_open_cases']:,} open; {counts['cases']:,} cases, "
        f"{counts['clients']:,} clients); caseload total shown: "
        f"{', '.join(f'{t:,}' for t in shown_totals)}"
    )
    print()
    print(table(["measurement", "median s", "min s", "vs bare app"], rows))
    print()
    first_met = first / base <= FIRST_SCREEN_TARGET_RATIO
    filled_met = filled <= CASELOAD_TARGET_SECONDS
    verdict = {True: "MET", False: "NOT MET"}
    print(
        f"first screen / bare app: {first / base:.2f}x   "
        f"(target <= {FIRST_SCREEN_TARGET_RATIO}x)   {verdict[first_met]}"
    )
    print(f"sign-in screen / bare app: {sign_in_shown / base:.2f}x ({sign_in_shown:.3f} s)")
    print(
        f"Enter on the passphrase to caseload filled: {sign_in_to_caseload:.3f} s "
        "(argon2id twice, SQLCipher open, audit)"
    )
    print(
        f"caseload filled:         {filled:.3f} s  "
        f"(target <= {CASELOAD_TARGET_SECONDS} s)   {verdict[filled_met]}"
    )
    print(
        f"  scaled to the issue's machine (bare app {ISSUE_BARE_APP_SECONDS} s there): "
        f"{filled / base:.2f}x -> about {filled / base * ISSUE_BARE_APP_SECONDS:.2f} s "
        f"(1.3 s there is {CASELOAD_TARGET_SECONDS / ISSUE_BARE_APP_SECONDS:.2f}x; estimate)"
    )
    print(
        "SQLAlchemy-family modules in sys.modules at first screen (the storage worker "
        f"imports them alongside): {'; '.join(loaded_at_first_screen)}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
