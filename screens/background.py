"""Running storage calls off the UI thread and handing results back to a screen."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from textual.dom import DOMNode
from textual.worker import Worker, get_current_worker

from housing_tui.settings import SettingsError
from screens.workers import Work
from storage.errors import StorageError

T = TypeVar("T")


def in_background(
    node: DOMNode,
    call: Callable[[], T],
    done: Callable[[T], object],
    *,
    group: Work,
    failed: Callable[[str], object] | None = None,
    also_for_officer: tuple[type[Exception], ...] = (),
    notify: bool = True,
) -> Worker[None]:
    """Run `call` in a thread worker; `done(result)` then runs on the UI thread.

    A newer call in the same group cancels the older one, whose result is dropped, so a
    search typed quickly shows the results of the last keystroke only. A failure is shown to
    the officer and handed to `failed`, so that a form can keep what was typed and say why.
    `also_for_officer` names further errors whose message is written for the officer (the app
    shell's StartupError: screens do not import the shell). `notify=False` leaves telling
    the officer to `failed` alone (a door screen says it in its own words).
    """

    for_officer: tuple[type[Exception], ...] = (StorageError, SettingsError, *also_for_officer)

    def work() -> None:
        try:
            result = call()
        except for_officer as error:
            _report(node, str(error), failed, notify)
        except Exception as error:
            from housing_tui.error_log import record_unexpected

            # The details (which may hold SQL) go to the error log, not on the screen.
            _report(node, record_unexpected(error), failed, notify)
        else:
            if not get_current_worker().is_cancelled:
                node.app.call_from_thread(done, result)

    return node.run_worker(work, thread=True, group=group, exclusive=True, exit_on_error=False)


def _report(
    node: DOMNode, message: str, failed: Callable[[str], object] | None, notify: bool = True
) -> None:
    if notify or failed is None:
        node.app.call_from_thread(node.app.notify, message, severity="error", timeout=10)
    if failed:
        node.app.call_from_thread(failed, message)
