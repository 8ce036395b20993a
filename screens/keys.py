"""Save keys that wait for the typing before them."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from textual.screen import Screen

Action = TypeVar("Action", bound=Callable[..., Any])


def after_typing(action: Action) -> Action:
    """Make a screen's save action (bound to a priority key such as Ctrl+S) run only once the
    focused field has taken every key typed before it.

    A priority binding is handled as the key arrives, ahead of the keys still queued for the
    focused field: without this, a quick typist's last characters ("cheque 123456" saved as
    "ch") would be missing from what is saved.
    """

    @functools.wraps(action)
    def deferred(screen: Screen, *args: Any) -> None:
        if screen.focused is None:
            action(screen, *args)
        else:
            screen.focused.call_later(action, screen, *args)

    return deferred  # type: ignore[return-value]
