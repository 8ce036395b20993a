"""80x24, the smallest terminal we support: every footer key is whole on the screen, with Quit
and Help among them (F1 lists the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from housing_tui.app import HousingApp
from housing_tui.calendar.clock import FixedClock
from tests.ui.helpers import prepare, settle

SMALL = (80, 24)


def footer_keys_shown_whole(pilot: Pilot) -> list[str]:
    """The keys of the footer that are drawn whole; fails if one is cut or hidden under another."""
    footer = pilot.app.screen.query_one(Footer)
    keys = list(footer.query(FooterKey))
    palette = [key for key in keys if key.has_class("-command-palette")]
    right_edge = palette[0].region.x if palette else footer.region.right
    shown = []
    for key in keys:
        if key in palette:
            continue
        drawn = key.region.intersection(footer.region)
        assert drawn == key.region and key.region.right <= right_edge, (
            f"footer key {key.key_display} {key.description!r} is cut at 80 columns"
        )
        shown.append(key.key)
    return shown


async def open_keys(pilot: Pilot, *keys: str) -> None:
    await settle(pilot)
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


@pytest.mark.parametrize(
    "keys",
    [
        pytest.param((), id="caseload"),
        pytest.param(("enter",), id="case"),
        pytest.param(("enter", "i"), id="interview"),
        pytest.param(("enter", "i", "f4"), id="interview-threat"),
    ],
)
async def test_every_footer_key_is_whole_and_quit_and_help_are_there(
    data_dir: Path, clock: FixedClock, keys: tuple[str, ...]
) -> None:
    prepare(data_dir, clock, demo_clients=20)
    app = HousingApp(data_dir, clock=clock)
    async with app.run_test(size=SMALL) as pilot:
        await open_keys(pilot, *keys)
        shown = footer_keys_shown_whole(pilot)
        assert "ctrl+q" in shown and "f1" in shown, shown
