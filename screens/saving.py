"""Saving to the case database, for every form and the interview: one change at a time, in
the order the officer made them; tried again while another program holds the database (a
first sync holds it for many seconds); marked saved only once committed; and what is still
waiting known to the app, so that closing waits for it or says plainly what it is.

A change the database refuses for a reason (a rule broken, the case gone) is not tried
again: the reason is shown where the change was typed, and the form keeps what was typed
(screens/forms.py: a dialog therefore saves before it closes).
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.worker import get_current_worker

from screens.background import in_background
from screens.workers import Work
from storage.errors import DatabaseBusy

if TYPE_CHECKING:
    from textual.app import App
    from textual.dom import DOMNode

NOT_SAVED_YET = (
    "Not saved yet: still waiting for the case database (busy with another program, such as "
    "a sync, or a slow disk). Trying until it is saved…"
)
"""Said after PATIENCE, when it is not yet known which: SQLite itself waits up to its
busy_timeout before saying the database is busy."""

PATIENCE = 0.5
"""Seconds a save may take before the officer is told it is not saved yet."""

FIRST_PAUSE, LONGEST_PAUSE = 0.2, 2.0
"""Seconds between tries while the database is busy, doubling; each try itself waits up to
SQLite's busy_timeout for the lock."""

_NOT_WRITTEN = object()
"""A save given up because a newer one of the same thing replaced it, or the app closed."""


@dataclass(eq=False)
class _Save:
    what: str
    call: Callable[[], Any]
    done: Callable[[Any], object] | None
    owner: DOMNode | None
    shown: Callable[[str | None], object] | None
    key: str | None
    waiting: bool = False
    """The officer has been told it is not saved yet."""
    superseded: bool = False
    refused_as: str = "Not saved"


class Saves:
    """The app's saves (app.saves), written one after another in a thread worker."""

    def __init__(self, app: App) -> None:
        self.app = app
        self._queue: deque[_Save] = deque()
        """The save being written first, then those waiting for it."""
        self._idle = asyncio.Event()
        self._idle.set()
        self._then: list[Callable[[], object]] = []

    def save(
        self,
        what: str,
        call: Callable[[], Any],
        done: Callable[[Any], object] | None = None,
        *,
        owner: DOMNode | None = None,
        shown: Callable[[str | None], object] | None = None,
        key: str | None = None,
        refused_as: str = "Not saved",
    ) -> None:
        """Write with `call` (a storage function) in the background, then `done(result)`.

        `what` names the change for the officer ("the answer to Rent"). `shown(message)`, while
        `owner` is on screen, puts where the change was typed: NOT_SAVED_YET while it waits
        for the database, why it was refused (after `refused_as`), or None once committed;
        without it the officer is told in a notification. A newer save with the same `key`
        replaces one not yet made.
        """
        new = _Save(what, call, done, owner, shown, key, refused_as=refused_as)
        if key is not None:
            head = self._queue[0] if self._queue else None
            if head is not None and head.key == key:
                head.superseded = True  # being written: stops at its next try if still busy
            self._queue = deque(s for s in self._queue if s is head or s.key != key)
        self._queue.append(new)
        self._idle.clear()
        self.app.set_timer(PATIENCE, partial(self._still_waiting, new))
        if len(self._queue) == 1:
            self._start()

    def underway(self, key: str) -> bool:
        """A save of `key` is being made or waits its turn."""
        return any(save.key == key for save in self._queue)

    @property
    def unsaved(self) -> list[str]:
        """What is not saved yet, in the officer's words."""
        return [save.what for save in self._queue if not save.superseded]

    async def finished(self, *, within: float) -> bool:
        """Wait up to `within` seconds for every save to be made; whether they were."""
        try:
            await asyncio.wait_for(self._idle.wait(), within)
        except TimeoutError:
            return False
        return True

    def when_finished(self, then: Callable[[], object]) -> None:
        """Call `then` once nothing is waiting to be saved (now, if nothing is)."""
        if self._idle.is_set():
            then()
        else:
            self._then.append(then)

    # -- one save at a time -----------------------------------------------------------------

    def _start(self) -> None:
        save = self._queue[0]
        in_background(
            self.app,
            partial(self._write, save),
            partial(self._written, save),
            group=Work.SAVING,
            failed=partial(self._refused, save),
        )

    @staticmethod
    def _write(save: _Save) -> Any:
        """In the worker thread: try until committed, pausing while the database is busy."""
        pause = FIRST_PAUSE
        while True:
            try:
                return save.call()
            except DatabaseBusy:
                if save.superseded or get_current_worker().is_cancelled:
                    return _NOT_WRITTEN
                time.sleep(pause)
                pause = min(pause * 2, LONGEST_PAUSE)

    def _written(self, save: _Save, result: Any) -> None:
        self._queue.popleft()
        if result is not _NOT_WRITTEN:
            if not self._show(save, None) and save.waiting:
                self.app.notify(f"Saved now: {save.what}.", markup=False)
            if save.done:
                save.done(result)
        self._next()

    def _refused(self, save: _Save, message: str) -> None:
        # in_background has told the officer why; the form shows it beside what was typed.
        self._queue.popleft()
        self._show(save, f"{save.refused_as}: {message}")
        self._next()

    def _next(self) -> None:
        if self._queue:
            self._start()
            return
        self._idle.set()
        then, self._then = self._then, []
        for call in then:
            call()

    def _still_waiting(self, save: _Save) -> None:
        if save in self._queue and not save.waiting:
            save.waiting = True
            if not self._show(save, NOT_SAVED_YET):
                self.app.notify(
                    f"{NOT_SAVED_YET} ({save.what})", severity="warning", timeout=8, markup=False
                )

    def _show(self, save: _Save, message: str | None) -> bool:
        """Tell the form; False when it is no longer on screen to be told."""
        if save.shown is None or (save.owner is not None and not save.owner.is_attached):
            return False
        save.shown(message)
        return True
