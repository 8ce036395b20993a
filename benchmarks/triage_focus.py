"""Ctrl+N benchmark: from "Find a client" to the triage form taking the focus.

    python benchmarks/triage_focus.py            # 7 runs of each, table of medians
    python benchmarks/triage_focus.py --runs 15  # more runs on a noisy machine
    python benchmarks/triage_focus.py --json     # machine-readable results on stdout

Keys typed meanwhile are kept in order (screens/key_order.py), so this is about how quick the
form feels, not about losing keys. Each run starts the app headless at 80x24 in this process
on a data folder with demo clients, opens "Find a client", types a name, lets the search
settle, then sends Ctrl+N as the terminal would and times until a field of the triage form has
the focus (polled every millisecond).

Measured in the same run, round-robin so that noise hits both alike:

* bare Textual app: a screen with one field, where Ctrl+N pushes a screen of six fields that
  focuses its first on mount. The baseline.
* housing-tui: the caseload, `n`, "sam carter", then Ctrl+N to the triage form.
"""

from __future__ import annotations

import asyncio
import json
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from _common import arguments, demo_database, machine, median, say, table
from textual import events
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Input

SIZE = (80, 24)


class _Form(Screen[None]):
    def compose(self) -> ComposeResult:
        for number in range(6):
            yield Input(id=f"field{number}")

    def on_mount(self) -> None:
        self.query_one(Input).focus()


class _Bare(App[None]):
    BINDINGS = [Binding("ctrl+n", "form")]

    def compose(self) -> ComposeResult:
        yield Input(id="search")

    def action_form(self) -> None:
        self.push_screen(_Form())


async def _until(condition: Callable[[], bool]) -> None:
    deadline = time.perf_counter() + 30
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the form never took the focus")
        await asyncio.sleep(0.001)


async def _time_ctrl_n(app: App, ready: Callable, focused: Callable[[], bool]) -> float:
    async with app.run_test(size=SIZE) as pilot:
        await ready(pilot)
        start = time.perf_counter()
        app.post_message(events.Key("ctrl+n", None))
        await _until(focused)
        return time.perf_counter() - start


async def bare() -> float:
    app = _Bare()

    async def ready(pilot) -> None:
        await pilot.pause()

    return await _time_ctrl_n(
        app, ready, lambda: isinstance(app.screen, _Form) and app.focused is not None
    )


async def housing(data_dir: Path) -> float:
    from housing_tui.app import HousingApp
    from screens.triage import TriageScreen
    from tests.ui.helpers import settle

    app = HousingApp(data_dir)

    async def ready(pilot) -> None:
        await settle(pilot)
        await pilot.press("n", *"sam carter")
        await settle(pilot)

    return await _time_ctrl_n(
        app,
        ready,
        lambda: isinstance(app.screen, TriageScreen) and isinstance(app.focused, Input),
    )


def main() -> None:
    parser = arguments(__doc__.splitlines()[0], clients=2_000, measured="Ctrl+N")
    options = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="triage-focus-"))
    try:
        say(f"{options.clients:,} demo clients...")
        demo_database(folder, options.clients)[0].close()
        lines: dict[str, tuple[str, Callable[[], Awaitable[float]]]] = {
            "bare": ("bare Textual app: Ctrl+N to a form focused", bare),
            "triage": ("housing-tui: Ctrl+N to the triage form focused", lambda: housing(folder)),
        }
        asyncio.run(lines["triage"][1]())  # unmeasured warm-up: imports, OS file cache
        times: dict[str, list[float]] = {key: [] for key in lines}
        for run in range(options.runs):
            say(f"run {run + 1} of {options.runs}")
            for key, (_, measure) in lines.items():
                times[key].append(asyncio.run(measure()))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    base = median(times["bare"])
    results = {
        key: {"median_s": median(values), "min_s": min(values), "ratio": median(values) / base}
        for key, values in times.items()
    }
    if options.json:
        print(json.dumps({"machine": machine(), "runs": options.runs, "results": results}))
        return
    print(machine())
    rows = [
        [
            what,
            f"{results[key]['median_s'] * 1000:.0f} ms",
            f"{results[key]['min_s'] * 1000:.0f} ms",
            f"{results[key]['ratio']:.2f}x",
        ]
        for key, (what, _) in lines.items()
    ]
    print(table(["What", "Median", "Min", "x bare"], rows))


if __name__ == "__main__":
    main()
