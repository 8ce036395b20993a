"""A document as the app shows it: the escaped Markdown of its .docx
(`housing_tui.documents.rendering.preview`), read with links off, so that no text in a letter,
such as a client's name or an address, becomes a live link on the officer's screen."""

from __future__ import annotations

from markdown_it import MarkdownIt
from textual.widgets import Markdown


def _without_links() -> MarkdownIt:
    # "gfm-like" turns anything that looks like a web or email address into a link.
    return MarkdownIt("gfm-like", {"linkify": False})


def document_text(widget_id: str) -> Markdown:
    """The widget a document's text is shown in."""
    return Markdown(id=widget_id, parser_factory=_without_links)
