"""Finding a choice in a pick list by what the officer types, in their own words.

A pick list is a list of `Choice`s (a code, its label, and the words officers use for it,
from `officer_words.toml` beside this module). `find` keeps the choices that every typed word
starts a word of, best first: the label beginning with what was typed, then the label's
words, then the officer's words, in the list's own order within each; a typing slip ("parnet")
still finds its word, by `rapidfuzz`, when nothing else does.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rapidfuzz import fuzz, process

WORDS_FILE_NAME = "officer_words.toml"

SLIP_SCORE = 80
"""How alike (0-100) a typed word and a known word must be to count as a typing slip."""
SLIP_MIN_LENGTH = 4
"""Shorter words are not read as slips: "dv" must not find "da"."""

_WORD = re.compile(r"[a-z0-9]+")


def words_of(text: str) -> tuple[str, ...]:
    """The words of `text`, lower case, without punctuation ("Drop-in" -> drop, in)."""
    return tuple(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Choice:
    """One choice of a pick list: what is stored, what is shown, and the words that find it."""

    code: str
    label: str
    words: tuple[str, ...] = ()

    @property
    def label_words(self) -> tuple[str, ...]:
        return words_of(self.label)

    @property
    def officer_words(self) -> frozenset[str]:
        return frozenset(word for phrase in self.words for word in words_of(phrase))


def find(typed: str, choices: Sequence[Choice]) -> list[Choice]:
    """The choices `typed` finds, best first; every choice for nothing typed."""
    wanted = words_of(typed)
    if not wanted:
        return list(choices)
    ranked = [
        (rank, order)
        for order, choice in enumerate(choices)
        if (rank := _rank(wanted, choice)) is not None
    ]
    if not ranked:
        ranked = [(3, order) for order, choice in enumerate(choices) if _slipped(wanted, choice)]
    return [choices[order] for _, order in sorted(ranked)]


def _rank(wanted: tuple[str, ...], choice: Choice) -> int | None:
    """0: the label starts with the typed words; 1: each starts a word of the label; 2: each
    starts a word of the label or of the officer's words; None: not found."""
    label = choice.label_words
    if " ".join(label).startswith(" ".join(wanted)):
        return 0
    if _all_start(wanted, label):
        return 1
    if _all_start(wanted, (*label, *choice.officer_words)):
        return 2
    return None


def _all_start(wanted: Iterable[str], known: Iterable[str]) -> bool:
    known = tuple(known)
    return all(any(word.startswith(part) for word in known) for part in wanted)


def _slipped(wanted: tuple[str, ...], choice: Choice) -> bool:
    """Every typed word is a known word of the choice, or close to one (a typing slip)."""
    known = (*choice.label_words, *choice.officer_words)
    return all(
        _all_start((part,), known)
        or (
            len(part) >= SLIP_MIN_LENGTH
            and process.extractOne(part, known, scorer=fuzz.ratio, score_cutoff=SLIP_SCORE)
            is not None
        )
        for part in wanted
    )


def choices_for(list_name: str, labelled: Iterable[tuple[str, str]]) -> list[Choice]:
    """The choices of pick list `list_name` from its (label, code) pairs, with the officer's
    words for each."""
    words = officer_words().get(list_name, {})
    return [Choice(code, label, tuple(words.get(code, ()))) for label, code in labelled]


@cache
def officer_words() -> dict[str, dict[str, list[str]]]:
    """The shipped officer's words, by pick list and code."""
    text = resources.files("housing_tui.reference").joinpath(WORDS_FILE_NAME).read_text("utf-8")
    return tomllib.loads(text)
