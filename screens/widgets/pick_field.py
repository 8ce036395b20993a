"""A pick list the officer types into: the choices the typed words find (in the officer's own
words: "dv", "selling", "s8") show under it, best first, and leaving the field takes the one
highlighted. So a choice is a few letters and Tab, where a drop-down is Enter, a search and
Enter again; Down shows every choice; Escape puts back what was chosen before.

Its `value` is the chosen choice's code (None for none), the one highlighted while the list
is open: a form saved straight after typing "dv" saves what the list shows first. `Changed` says
so at each change, the highlight's too (a live panel follows it); `Chosen` once the list closes
on a different choice than it last closed on (a form that saves each answer as it is made, like
the interview, saves that, not every choice the highlight passed on the way).

A chosen label longer than the field (at 80 columns, "Accommodation secured for 6+ months:
stayed in existing accommodation") is shown whole on a line under it while the list is closed;
the field itself shows the label's start, whatever was typed to find it. The open list's rows
wrap (OptionList's own), so a long choice is read whole while choosing too.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from textual import events, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static
from textual.widgets.input import Selection
from textual.widgets.option_list import Option

from housing_tui.reference.pick_lists import Choice, find
from screens.widgets.one_line_input import OneLineInput

FIND_HINT = "type to find…"
"""What an empty pick list shows."""
SHOWN_AT_ONCE = 6
"""Rows of the list under the field; more choices scroll."""


class _Picked(Message):
    """What a pick list holds now: its `value`, and which list (`control`, as Select's)."""

    def __init__(self, pick: PickField, value: str | None) -> None:
        super().__init__()
        self.pick = pick
        self.value = value

    @property
    def control(self) -> PickField:
        return self.pick


class PickField(Vertical):
    """Type to find a choice; Up/Down to move, Enter or Tab to take it."""

    DEFAULT_CSS = f"""
    PickField {{ height: auto; width: 1fr; }}
    PickField > OptionList {{
        height: auto; max-height: {SHOWN_AT_ONCE}; display: none; margin-left: 1;
    }}
    PickField.-open > OptionList {{ display: block; }}
    PickField > .pick-whole {{ display: none; height: auto; color: $text-muted; }}
    PickField.-cut > .pick-whole {{ display: block; }}
    PickField.-open > .pick-whole {{ display: none; }}
    """

    BINDINGS = [
        Binding("down", "move(1)", "Next choice", show=False, id="pick.next"),
        Binding("up", "move(-1)", "Previous choice", show=False, id="pick.previous"),
        Binding("pagedown", f"page({SHOWN_AT_ONCE})", show=False, id="pick.page_down"),
        Binding("pageup", f"page(-{SHOWN_AT_ONCE})", show=False, id="pick.page_up"),
        Binding("escape", "put_back", "Put back", show=False, id="pick.put_back"),
    ]

    class Changed(_Picked):
        """The chosen code changed (None: nothing chosen), the highlight's too."""

    class Chosen(_Picked):
        """The list closed on a different code than it last closed on (None: cleared)."""

    def __init__(
        self,
        choices: Sequence[Choice],
        *,
        value: str | None = None,
        placeholder: str = FIND_HINT,
        id: str,  # noqa: A002  (Textual's name)
    ) -> None:
        super().__init__(id=id)
        if value and value not in {choice.code for choice in choices}:
            # A saved code no longer on the list (a council changed its H-CLIC file) is still
            # shown, so the form can say it must be chosen again.
            choices = [*choices, Choice(value, f"Unknown code {value!r}")]
        self.choices = tuple(choices)
        self._value = value
        self._before = value
        """What was chosen when the list opened: Escape puts it back."""
        self._settled = value
        """What the list last closed on: `Chosen` is posted when that changes."""
        self._shown: list[Choice] = []
        # Empty until mounted (`on_mount`): a label given here would reach `_typed` as typing,
        # and open the list on it.
        self._input = OneLineInput(placeholder=placeholder, compact=True, what=id)
        self._list = OptionList(compact=True)
        self._list.can_focus = False  # Tab goes to the next field; the keys stay in the input
        self._whole = Static("", classes="pick-whole", markup=False)
        """The chosen label whole, under a field too narrow for it."""

    def compose(self) -> ComposeResult:
        yield self._input
        yield self._list
        yield self._whole

    def on_mount(self) -> None:
        self._show_chosen()

    # -- what is chosen ---------------------------------------------------------------------

    @property
    def value(self) -> str | None:
        return self._value

    @value.setter
    def value(self, code: str | None) -> None:
        self._choose(code)
        self._close()
        self._show_chosen()

    @property
    def is_open(self) -> bool:
        return self.has_class("-open")

    def _label(self, code: str | None) -> str:
        return next((choice.label for choice in self.choices if choice.code == code), "")

    def _choose(self, code: str | None) -> None:
        if code != self._value:
            self._value = code
            self.post_message(self.Changed(self, code))

    def _show_chosen(self) -> None:
        """The field shows the chosen label (what was typed to find it is done with), from its
        start: the view does not stay wherever the typing had scrolled it to. The whole label
        is selected, so that typing again starts a new search."""
        label = self._label(self._value)
        with self._input.prevent(Input.Changed):
            self._input.value = label
        self._input.selection = Selection(len(label), 0)
        self._show_whole()

    def _show_whole(self) -> None:
        """Show the chosen label whole under the field if the field cannot (the field's width
        is known once laid out: `on_resize` asks again)."""
        label = self._label(self._value)
        width = self._input.content_size.width
        cut = bool(width) and self._input.value == label and cell_len(label) > width
        if cut:
            self._whole.update(label)
        self.set_class(cut, "-cut")

    def on_resize(self) -> None:
        self._show_whole()

    # -- the list under the field -----------------------------------------------------------

    def _open(self, typed: str) -> None:
        if not self.is_open:
            self._before = self._value
        self._shown = find(typed, self.choices)
        self._list.clear_options()
        self.add_class("-open")
        self.refresh_bindings()
        if not self._shown:
            self._list.add_option(
                Option(f"Nothing found for “{typed}”: Down shows every choice", disabled=True)
            )
            self._choose(None)
            return
        self._list.add_options(Option(choice.label) for choice in self._shown)
        # The whole list opens on what is chosen; a search, on the best it found.
        codes = [choice.code for choice in self._shown]
        index = codes.index(self._value) if not typed and self._value in codes else 0
        self._list.highlighted = index
        self._choose(codes[index])

    def _close(self) -> None:
        """Close the list on what is chosen now."""
        self.remove_class("-open")
        self.refresh_bindings()
        self._shown = []
        if self._value != self._settled:
            self._settled = self._value
            self.post_message(self.Chosen(self, self._value))
        self._show_whole()

    def _take_highlighted(self) -> None:
        """Close the list with the highlighted choice taken; the field shows its label. With
        nothing found, what was typed stays in the field for the officer to put right."""
        found = bool(self._shown)
        self._close()
        if found or not self._input.value.strip():
            self._show_chosen()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()  # the form hears of a choice (Changed), not of the letters that find it
        if event.value.strip():
            self._open(event.value)
        else:
            self._choose(None)
            self._close()

    @on(Input.Submitted)
    def _enter(self, event: Input.Submitted) -> None:
        """Enter opens the list; in an open list it takes the highlighted choice and goes on."""
        event.stop()
        if not self.is_open:
            self._open("")
            return
        self._take_highlighted()
        self.screen.focus_next()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._list.highlighted = event.option_index
        self._choose(self._shown[event.option_index].code)
        self._take_highlighted()
        self._input.focus()

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

    def _on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.is_open:
            self._take_highlighted()

    def action_move(self, by: int) -> None:
        if not self.is_open:
            self._open("")
            return
        if not self._shown:
            raise SkipAction
        index = max(0, min(len(self._shown) - 1, (self._list.highlighted or 0) + by))
        self._list.highlighted = index
        self._choose(self._shown[index].code)

    def action_page(self, by: int) -> None:
        """Page Down/Up move a page through an open list; a closed list leaves them to the
        form (which scrolls its result panel with them)."""
        if not self.is_open:
            raise SkipAction
        self.action_move(by)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A closed list's Escape and page keys are the form's: the footer shows the form's."""
        return self.is_open if action in ("put_back", "page") else True

    def action_put_back(self) -> None:
        """Escape: close the list with what was chosen before; a closed list leaves Escape to
        the form (which asks before discarding)."""
        if not self.is_open:
            raise SkipAction
        self._choose(self._before)
        self._close()
        self._show_chosen()

    def focus(self, scroll_visible: bool = True) -> PickField:
        """Focus goes to the field typed into (a form sends it to a pick list by its id)."""
        self._input.focus(scroll_visible)
        return self


def field_key(widget: Widget | None) -> str | None:
    """The form key of the field `widget` is: its id, or a pick list's for the line typed into
    (which has none of its own, so that `#key` finds the pick list)."""
    if widget is None:
        return None
    if isinstance(widget.parent, PickField):
        return widget.parent.id
    return widget.id
