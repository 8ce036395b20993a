"""Every key reaches the screen and field it was typed for, in the order it was typed.

Textual hands a key to the focused widget at once, but the bindings the key may have (Tab to
the next field, Space to tick a box, Enter to open a pick-list, F5 to a section) are only
looked up once the key has travelled from that widget through each of its parents up to the
app, a message queue at a time. Keys that arrive together (a quick typist, a paste, a remote
desktop catching up) overtake it: the text after a Tab lands in the field the Tab was leaving,
and keys typed while a screen is still opening go to the screen it replaces, or nowhere.

`KeysInOrder` hands the app's keys on one at a time: the next only once the last has been
through the widget and every parent (its binding, if any, run), and only once the screen that
will take it has opened (`keys_can_go`).
"""

from __future__ import annotations

from collections import deque
from functools import partial

from textual import events
from textual.app import App, ReturnType
from textual.dom import DOMNode
from textual.screen import Screen
from textual.timer import Timer

KEY_PATIENCE = 1.0
"""Seconds after which the next key goes on anyway if word that the last one was handled
never came because it was lost with a widget removed on its way (a section switched away).
While the widget the key is at is still there, a slow machine is only slow: keys wait."""
SCREEN_PATIENCE = 10.0
"""Seconds keys wait for a screen to open (the case database at start-up, a case read)
before going to it as it is: a screen whose reading failed says so, and is usable."""


SCREEN_LOOK_AGAIN = 0.02
"""Seconds between looks at whether the screen keys wait for has opened."""


class KeysInOrder(App[ReturnType]):
    """An app whose keys (and pastes) are handled one after another, each fully, in order."""

    def __init__(self) -> None:
        super().__init__()
        self._keys_waiting: deque[events.Key | events.Paste] = deque()
        self._key_in_hand = 0
        """Which key is being handled (0: none): word about an earlier one is ignored."""
        self._keys_handed = 0
        self._give_up: Timer | None = None
        self._key_at: DOMNode | App[ReturnType] | None = None
        """Where the key in hand was last seen on its way up (word is due from there)."""
        self._screen_ready: Screen[object] | None = None
        """The screen last seen open and ready for keys (None: to be seen again)."""
        self._screen_given_up: Screen[object] | None = None
        """The screen keys waited for too long: they go to it as it is from then on."""

    @property
    def typing_ahead(self) -> bool:
        """Keys typed are still waiting for, or being handled by, the screen."""
        return bool(self._keys_waiting or self._key_in_hand)

    def keys_can_go(self) -> bool:
        """The screen that will take the next key has opened (its fields are there and the
        first has the focus)."""
        return self.screen.is_mounted

    async def on_event(self, event: events.Event) -> None:
        # Only what the terminal sent: a key on its way up from a widget is not held again.
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._keys_waiting.append(event)
            if not self._key_in_hand:
                await self._hand_on_next()
            return
        await super().on_event(event)

    async def _hand_on_next(self, after: int = 0, *, waited: bool = False) -> None:
        """Hand on the next key waiting, once the one in hand (`after`) has been handled."""
        if after != self._key_in_hand:
            return  # word about a key already given up on
        if self._give_up is not None:
            self._give_up.stop()
        self._key_in_hand = 0
        if not self._keys_waiting:
            return
        self._keys_handed += 1
        ticket = self._key_in_hand = self._keys_handed
        screen = self.screen
        if (
            not waited
            and screen is not self._screen_given_up
            and (screen is not self._screen_ready or not self.keys_can_go())
        ):
            self._screen_ready = None
            self._give_up = self.set_timer(
                SCREEN_PATIENCE, partial(self._give_up_on, ticket, screen)
            )
            self._wait_for_screen(ticket)
            return
        self._give_up = self.set_timer(KEY_PATIENCE, partial(self._give_up_on, ticket))
        event = self._keys_waiting.popleft()
        taker = self.focused or self.screen
        await super().on_event(event)  # run by a priority binding, or handed to `taker`
        # Then what that asked for (a focus, a screen pushed) is done before the next key.
        self._after(taker if event.is_forwarded else self, ticket)

    def _wait_for_screen(self, ticket: int) -> None:
        """Until the screen has opened; then once more behind what it asked for as it did
        (its first field's focus, in the app's queue)."""
        if ticket != self._key_in_hand:
            return
        if self.keys_can_go():
            self._screen_ready = self.screen
            self.call_later(self._hand_on_next, ticket, waited=True)
        else:
            # Look again shortly: re-queuing at once would spin the event loop and starve the
            # worker opening the screen (the database at start-up) of the interpreter.
            self.set_timer(SCREEN_LOOK_AGAIN, partial(self._wait_for_screen, ticket))

    async def _give_up_on(self, ticket: int, screen: Screen[object] | None = None) -> None:
        """Go on without word of the last key, or without waiting longer for `screen`; but a
        key still on its way through widgets that are there is waited for (a loaded machine
        handles it late, and the next key must not overtake it)."""
        if ticket != self._key_in_hand:
            return
        at = self._key_at
        if screen is None and at is not None and at is not self and at.is_attached:
            self._give_up = self.set_timer(KEY_PATIENCE, partial(self._give_up_on, ticket))
            return
        self._screen_given_up = screen
        await self._hand_on_next(ticket, waited=screen is not None)

    def _after(self, node: DOMNode | App[ReturnType], ticket: int) -> None:
        """Once `node` has handled the key in hand (it takes its messages in order), follow
        the key to where it went on to: its parent, up to the app."""
        self._key_at = node
        if node is self or not node.call_later(self._followed, node, ticket):
            # The app has run the key's binding, if it came this far; or `node` is gone. The
            # next key waits until the app is idle: what the binding queued (a focus moved
            # by `Widget.focus`, which is deferred) happens before it.
            self.call_after_refresh(self._hand_on_next, ticket)

    def _followed(self, node: DOMNode, ticket: int) -> None:
        self._after(node.parent or self, ticket)
