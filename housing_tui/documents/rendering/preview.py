"""The in-app preview of a rendered .docx: its paragraphs, headings, lists and tables as Markdown
for Textual's Markdown widget, every word of it escaped, so text that came from an officer or a
client (a name such as `# Heading` or `[Pay here](http://…)`) shows as typed: never a heading,
never a live link. The .docx is the document; this is how it reads on screen."""

from __future__ import annotations

import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

_HEADINGS = {"Title": "# ", "Heading 1": "## ", "Heading 2": "### ", "Heading 3": "#### "}
_BULLETS = ("List Bullet", "List Paragraph")
_CLOSE = "No Spacing"
"""Lines that belong together (an address): one block, a line each."""

_INLINE = re.compile(r"([\\`*_\[\]<>~&|!])")
"""Characters that start emphasis, code, links, images, HTML, entities or table cells."""
_LINE_START = re.compile(r"^(\s*)([#>+\-=:]|\d+(?=[.)]))")
"""What makes a line a heading, quote, list item or underline when it comes first."""
_URL = re.compile(r"(?i)(https?|ftp|mailto)(:)|\b(www)(\.)")
"""What the widget's linkify would make a live link of; escaped, it stays text."""


def escaped(text: str) -> str:
    """`text` as Markdown that shows exactly `text`: no formatting, heading, list or link."""
    text = _INLINE.sub(r"\\\1", text)
    text = _URL.sub(lambda m: f"{m[1] or m[3]}\\{m[2] or m[4]}", text)
    return _LINE_START.sub(_escape_start, text.strip())


def _escape_start(match: re.Match[str]) -> str:
    lead, marker = match[1], match[2]
    if marker.isdigit():
        return f"{lead}{marker}\\"  # "1." becomes "1\." : not a numbered list
    return f"{lead}\\{marker}"


def preview(docx: bytes) -> str:
    """The document `docx` as escaped Markdown, a block per paragraph, ending in a newline."""
    # Imported here, not at start-up: python-docx takes a moment to import.
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = Document(io.BytesIO(docx))
    blocks: list[str] = []
    close: list[str] = []
    for item in document.iter_inner_content():
        # Any other paragraph, even an empty one, ends a block of close lines.
        is_close = (
            isinstance(item, Paragraph) and item.style is not None and (item.style.name == _CLOSE)
        )
        if close and not is_close:
            blocks.append("  \n".join(close))
            close = []
        if isinstance(item, Table):
            blocks.append(_table(item))
            continue
        text = item.text.strip()
        if not text:
            continue
        if is_close:
            close.append(escaped(text))
            continue
        blocks.append(_paragraph(item, text))
    if close:
        blocks.append("  \n".join(close))
    return "\n\n".join(_joined_lists(blocks)).strip() + "\n"


def _paragraph(paragraph: Paragraph, text: str) -> str:
    style = paragraph.style.name if paragraph.style is not None else ""
    lines = [escaped(line) for line in text.splitlines() if line.strip()]
    if style in _HEADINGS:
        return _HEADINGS[style] + " ".join(lines)
    body = "  \n".join(lines)
    if style in _BULLETS:
        return "- " + body
    if all(run.bold for run in paragraph.runs if run.text.strip()):
        return f"**{body}**"
    return body


def _joined_lists(blocks: list[str]) -> list[str]:
    """Bullets next to each other in one list (no blank line between), as Markdown writes it."""
    joined: list[str] = []
    for block in blocks:
        if joined and block.startswith("- ") and joined[-1].split("\n")[-1].startswith("- "):
            joined[-1] += "\n" + block
        else:
            joined.append(block)
    return joined


def _table(table: Table) -> str:
    # A cell's lines on one line: a Markdown table row is one line.
    rows = [[escaped(" ".join(cell.text.split())) for cell in row.cells] for row in table.rows]
    if not rows:
        return ""
    lines = ["| " + " | ".join(row) + " |" for row in rows]
    lines.insert(1, "|" + "---|" * len(rows[0]))
    return "\n".join(lines)
