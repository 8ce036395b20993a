"""Query benchmark: caseload pages, client search, the due list and the DHP budget on
100,000 demo clients.

    python benchmarks/queries.py             # 7 runs of each, table of medians (ms)
    python benchmarks/queries.py --runs 15
    python benchmarks/queries.py --fresh     # rebuild the cached database (~15-30 s)
    python benchmarks/queries.py --plans     # also print SQLite's plan for every statement
    python benchmarks/queries.py --json

The database (100,000 demo clients, ~140,000 cases, this laptop's officer owning half of
them) is built once and cached in /tmp/housing-tui-bench-queries (`--data-dir` to change);
it is rebuilt by itself when storage/demo.py or a migration changes.
Every tenth open case also gets an awarded DHP with two payments and a repayment plan with one
payment, so that the due list and the DHP budget have money to read.
Each figure is the median of `--runs` calls of the app's own repository functions
(`caseload_page`, `search_clients`, `cases_for_due` + `due_list`, `budget_for_year`, and the
caseload screen's page with its urgency and Due column), after
one warm-up call, taken round-robin so that noise
hits all alike. Baselines in the same run, through the same `Database.reading()` session:
a trivial `SELECT 1` (the floor: session and round-trip overhead) and a full
`SELECT count(*) FROM "case"` (a whole-table pass, for scale).

The "plan" column sums up SQLite's EXPLAIN QUERY PLAN for the statements each call ran:
`SCAN t` is a pass over a whole table (or a whole index), `t by a|b` ranges of t's indexes
on columns a, b (look-ups by primary key are left out), `sort` a temporary B-tree for
ORDER BY, i.e. every matching row is read and sorted before the page is cut. `--plans`
prints them in full.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from _common import REPO, arguments, demo_database, machine, median, say, table

DEFAULT_DIR = Path(tempfile.gettempdir()) / "housing-tui-bench-queries"
MARKER = "bench.json"


@dataclass
class Probe:
    label: str
    call: Callable[[], Any]
    result: str = ""
    times: list[float] = field(default_factory=list)
    plan: list[str] = field(default_factory=list)
    explained: list[tuple[str, Any, list[str]]] = field(default_factory=list)


def _source_hash() -> str:
    """Changes when the schema or the demo data generator does, so the cache is rebuilt."""
    digest = hashlib.sha256()
    sources = [
        REPO / "storage" / "demo.py",
        Path(__file__),
        *sorted((REPO / "storage" / "migrations" / "versions").glob("*.py")),
    ]
    for path in sources:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def prepare(data_dir: Path, *, clients: int, fresh: bool) -> dict[str, Any]:
    """The cached demo database, built if missing, if storage/demo.py or the migrations
    changed since, or if `fresh` is asked for."""
    marker = data_dir / MARKER
    wanted = {"clients": clients, "source": _source_hash()}
    if not fresh and marker.exists():
        built = json.loads(marker.read_text("utf-8"))
        if {key: built.get(key) for key in wanted} == wanted:
            say(
                f"Using cached database in {data_dir} "
                f"(built {built['built_on']}; --fresh to rebuild)"
            )
            return built
    if data_dir.exists():
        shutil.rmtree(data_dir)
    say(f"Building {clients:,} demo clients in {data_dir}…")
    started = time.perf_counter()

    def progress(done: int, total: int) -> None:
        print(f"\r{done:,} of {total:,} clients", end="", file=sys.stderr, flush=True)

    db, officer_id, summary = demo_database(data_dir, clients, progress=progress)
    _add_money(db, officer_id)
    db.close()
    say(f"\nBuilt in {time.perf_counter() - started:.1f} s")
    built = {
        **wanted,
        "officer_id": officer_id,
        "cases": summary.cases,
        "built_on": date.today().isoformat(),
    }
    marker.write_text(json.dumps(built, indent=2), "utf-8")
    return built


def _add_money(db: Any, officer_id: str) -> None:
    """An awarded DHP (two payments) and a repayment plan (one payment, so most are behind)
    on every tenth open case, dated in the 2026-27 financial year."""
    from decimal import Decimal

    from sqlmodel import select

    from storage.tables import Case, DhpApplication, DhpPayment, Repayment, RepaymentPlan

    with db.reading() as session:
        open_cases = session.exec(
            select(Case.id).where(Case.status == "open").order_by(Case.id)
        ).all()[::10]
    say(f"Adding DHP awards and repayment plans to {len(open_cases):,} open cases…")
    with db.writing(officer_id) as session:
        for number, case_id in enumerate(open_cases):
            month = 4 + number % 8  # April to November 2026
            award = DhpApplication(
                case_id=case_id,
                financial_year="2026-27",
                status="awarded",
                requested_on=date(2026, month, 1),
                weekly_shortfall=Decimal("30.00"),
                weeks=13,
                amount_requested=Decimal("390.00"),
                amount_awarded=Decimal("390.00"),
                decided_on=date(2026, month, 5),
            )
            plan = RepaymentPlan(
                case_id=case_id,
                kind="deposit",
                amount_owed=Decimal("750.00"),
                instalment=Decimal("15.00"),
                frequency="weekly",
                first_due_on=date(2026, month, 7),
                agreed_on=date(2026, month, 1),
            )
            session.add_all([award, plan])
            session.flush()
            session.add_all(
                [
                    DhpPayment(
                        application_id=award.id,
                        case_id=case_id,
                        paid_on=date(2026, month, 10 + day),
                        amount=Decimal("195.00"),
                    )
                    for day in (0, 10)
                ]
                + [
                    Repayment(
                        plan_id=plan.id,
                        case_id=case_id,
                        paid_on=date(2026, month, 7),
                        amount=Decimal("15.00"),
                    )
                ]
            )


def _plan_notes(plan: list[str]) -> str:
    """EXPLAIN QUERY PLAN lines, briefly: how each table is reached, and whether rows are sorted."""
    notes: list[str] = []
    by_index: dict[str, int] = {}  # table -> position of its "table by ix|ix" note
    for line in plan:
        words = line.split()
        if line.startswith("SCAN CONSTANT ROW"):
            note = "no table"
        elif words[:1] == ["SCAN"]:
            note = f"SCAN {words[1]}" + (f" (index {words[-1]})" if "INDEX" in words else "")
        elif words[:1] == ["SEARCH"] and "INDEX" in words:
            table_name, index = words[1], words[words.index("INDEX") + 1]
            if index.startswith("sqlite_autoindex"):
                continue  # look-ups by primary key, one per row
            index = index.removeprefix(f"ix_{table_name}_")
            if table_name in by_index:  # several indexes of one table (an OR of indexes)
                at = by_index[table_name]
                if index not in notes[at].split(" by ")[1].split("|"):
                    notes[at] += f"|{index}"
                continue
            by_index[table_name] = len(notes)
            note = f"{table_name} by {index}"
        elif "TEMP B-TREE" in line:
            note = "sort" if "ORDER BY" in line else "temp b-tree"
        else:
            continue
        if note not in notes:
            notes.append(note)
    return "; ".join(notes) or "-"


def main() -> int:
    parser = arguments(__doc__.split("\n\n")[0], clients=100_000, measured="query")
    parser.add_argument(
        "--data-dir",
        type=Path,
        default=DEFAULT_DIR,
        help=f"where the database is cached (default {DEFAULT_DIR})",
    )
    parser.add_argument("--fresh", action="store_true", help="rebuild the cached database")
    parser.add_argument(
        "--plans", action="store_true", help="print the full query plan of every statement"
    )
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1")

    built = prepare(args.data_dir, clients=args.clients, fresh=args.fresh)

    from sqlalchemy import Engine, event, text

    import storage.sync.capture  # noqa: F401  (registers the sync outbox on the write path)
    from housing_tui.calendar.clock import Clock
    from housing_tui.calendar.due import due_list
    from housing_tui.reference.policy import load_policy
    from storage.cases import CaseloadQuery, caseload_page
    from storage.clients import search_clients
    from storage.database import DATABASE_FILE_NAME, Database
    from storage.dhp import budget_for_year
    from storage.due import cases_for_due

    db = Database.open(args.data_dir / DATABASE_FILE_NAME)
    me = built["officer_id"]
    today = Clock().today()

    def scalar(sql: str) -> Callable[[], Any]:
        def run() -> Any:
            with db.reading() as session:
                return session.execute(text(sql)).scalar_one()

        return run

    def page(**query: Any) -> Callable[[], Any]:
        return lambda: caseload_page(db, CaseloadQuery(**query))

    def search(words: str) -> Callable[[], Any]:
        return lambda: search_clients(db, words, today=today)

    policy = load_policy(args.data_dir)

    def due(officer_id: str | None) -> Callable[[], Any]:
        return lambda: due_list(
            cases_for_due(db, officer_id=officer_id), today=today, policy=policy
        )

    def caseload_screen(officer_id: str | None) -> Callable[[], Any]:
        """A caseload page as the screen reads it: the page, then each open row's urgency and
        Due column from its interview's facts, in one read."""
        from screens.caseload import _from_the_interview

        def run() -> Any:
            def work() -> Any:
                found = caseload_page(db, CaseloadQuery(officer_id=officer_id, sort="urgency"))
                return found, _from_the_interview(db, found, today=today, policy=policy)

            return db.in_one_read(work)()

        return run

    probes = [
        Probe("baseline: SELECT 1 (session round trip)", scalar("SELECT 1")),
        Probe('baseline: SELECT count(*) FROM "case"', scalar('SELECT count(*) FROM "case"')),
        # count(*) with no WHERE only counts cells on index pages; this one reads every row.
        Probe(
            "reference: count of undeleted cases (reads every row)",
            scalar('SELECT count(*) FROM "case" WHERE deleted_at IS NULL'),
        ),
        Probe("caseload: mine, open, by urgency", page(officer_id=me, sort="urgency")),
        Probe("caseload: team, open, by urgency", page(officer_id=None, sort="urgency")),
        Probe("caseload: team, open, by client name", page(officer_id=None, sort="client")),
        Probe(
            "caseload: team, open, by age (approached)", page(officer_id=None, sort="approached")
        ),
        Probe("caseload: team, open, by next action", page(officer_id=None, sort="next_action")),
        Probe('caseload: team, open, filter "smi"', page(officer_id=None, text="smi")),
        Probe(
            "caseload: team incl. closed, offset 50,000",
            page(officer_id=None, include_closed=True, offset=50_000),
        ),
        Probe('search: "smith"', search("smith")),
        Probe('search: "s" (first keystroke)', search("s")),
        Probe('search: "smi zz99 1"', search("smi zz99 1")),
        Probe('search: "03/04/1990" (date of birth)', search("03/04/1990")),
        Probe('search: "AA0001" (NI prefix)', search("AA0001")),
        Probe("caseload: mine, page + Due column (screen)", caseload_screen(me)),
        Probe("due list: mine (every deadline of every open case)", due(me)),
        Probe("due list: team", due(None)),
        Probe(
            "DHP budget 2026-27 (by status and by month)",
            lambda: budget_for_year(db, "2026-27", policy.dhp.allocations.get("2026-27")),
        ),
    ]

    # One warm-up call of each, recording the statements it runs to explain them afterwards.
    statements: list[tuple[str, Any]] = []

    def record(
        _conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool
    ) -> None:
        statements.append((statement, parameters))

    say("Warm-up call of each, and query plans…")
    # Listening on the Engine class catches every engine the Database uses (reads and
    # writes may go through different ones); plans are asked of a plain sqlite3 connection.
    explainer = sqlite3.connect(args.data_dir / DATABASE_FILE_NAME)
    for probe in probes:
        statements.clear()
        event.listen(Engine, "before_cursor_execute", record)
        try:
            result = probe.call()
        finally:
            event.remove(Engine, "before_cursor_execute", record)
        probe.result = _describe(result)
        for statement, parameters in list(statements):
            rows = explainer.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            lines = [row[-1] for row in rows]
            probe.plan += lines
            probe.explained.append((" ".join(statement.split()), parameters, lines))
    explainer.close()

    for run in range(args.runs):
        say(f"Run {run + 1} of {args.runs}…")
        shift = run % len(probes)
        for probe in probes[shift:] + probes[:shift]:
            started = time.perf_counter()
            probe.call()
            probe.times.append(time.perf_counter() - started)
    db.close()

    floor = median(probes[0].times)
    scan = median(probes[1].times)
    results = {
        "machine": machine(),
        "runs": args.runs,
        "database": {key: built[key] for key in ("clients", "cases", "built_on")},
        "figures": [
            {
                "label": probe.label,
                "median_ms": round(median(probe.times) * 1000, 3),
                "min_ms": round(min(probe.times) * 1000, 3),
                "ratio_to_select_1": round(median(probe.times) / floor, 2),
                "ratio_to_count_cases": round(median(probe.times) / scan, 3),
                "result": probe.result,
                "plan": _plan_notes(probe.plan),
                "plan_lines": probe.plan,
            }
            for probe in probes
        ],
    }
    if args.json:
        print(json.dumps(results, indent=2))
        return 0

    print(f"Queries, median of {args.runs} runs (ms) — {machine()}")
    print(
        f"Database: {built['clients']:,} demo clients, {built['cases']:,} cases "
        f"(built {built['built_on']})"
    )
    print()
    rows = [
        (
            figure["label"],
            f"{figure['median_ms']:.2f}",
            f"{figure['min_ms']:.2f}",
            f"{figure['ratio_to_select_1']:.0f}x",
            f"{figure['ratio_to_count_cases']:.2f}x",
            figure["result"],
            figure["plan"],
        )
        for figure in results["figures"]
    ]
    print(
        table(
            ["query", "median ms", "min ms", "vs SELECT 1", "vs count(*)", "result", "plan"],
            rows,
            right={1, 2, 3, 4, 5},
        )
    )
    if args.plans:
        for probe in probes:
            print(f"\n== {probe.label}")
            for statement, parameters, lines in probe.explained:
                shown = repr(parameters)
                shown = shown if len(shown) < 200 else shown[:200] + "…"
                print(f"-- {statement}\n   parameters: {shown}")
                print("\n".join(f"   {line}" for line in lines))
    spread = max(statistics.pstdev(p.times) / median(p.times) for p in probes)
    print(f"\n(largest relative spread of any line: {spread:.0%} of its median)")
    return 0


def _describe(result: Any) -> str:
    """What a call returned, briefly: rows on the page and the total, or matches found."""
    if isinstance(result, int):
        return f"{result:,}"
    if isinstance(result, tuple) and len(result) == 2 and isinstance(result[0], list):
        found, more = result
        return f"{len(found)}{'+' if more else ''} clients"
    if hasattr(result, "rows") and hasattr(result, "total"):
        return f"{len(result.rows)} of {result.total:,}"
    if isinstance(result, list):
        return f"{len(result):,} items"
    if hasattr(result, "paid") and hasattr(result, "remaining"):
        return f"£{result.paid:,.0f} paid"
    return type(result).__name__


if __name__ == "__main__":
    sys.exit(main())
