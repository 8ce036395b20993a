"""Builds the shipped Word templates (`templates/*.docx`) from their wording
(`templates/wording/*.md`), so that wording is changed in a text file, without Word:

    python -m housing_tui.documents.build_templates

The wording files are a small line format, one Word paragraph per line (docs/letters.md):
`# `, `## `, `### ` the title and headings; `- ` a bullet; `> ` a line kept close to the next
(an address); `**…**` a bold paragraph; `| a | b |` a table row (the first row of a table is its
heading); `@letterhead` the council's letterhead; `@include <block>` the wording of
`templates/wording/blocks/<block>.md` (one block, such as the review rights, shared by several
documents, so their wording cannot drift apart); a line starting `{%p` or `{%tr` a docxtpl
paragraph or table-row tag. Placeholders are Jinja, `{{ client_name }}`, filled by docxtpl with
autoescape on, so what officers and clients typed is always text in the letter.

The files are built the same way every time (fixed dates in the document and the zip), so a
test checks the shipped files are exactly what this makes.
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from docx import Document
from docx.document import Document as WordDocument
from docx.shared import Pt

TEMPLATES = Path(__file__).parent / "templates"
WORDING = TEMPLATES / "wording"
BLOCKS = WORDING / "blocks"
"""Wording shared by several documents (`@include <block>`): not a template of its own."""
_INCLUDE = "@include "

LETTERHEAD = (
    "{%p if logo %}",
    "{{ logo }}",
    "{%p endif %}",
    "# {{ council_name }}",
    "{%p for line in council_address %}",
    "> {{ line }}",
    "{%p endfor %}",
    "> {{ council_contact_line }}",
)
"""The letterhead every document starts with: the council's logo if it has one (logo.png in
its templates folder), then its name, address and contact line from the policy file."""

_STYLES = {"# ": "Title", "## ": "Heading 1", "### ": "Heading 2", "- ": "List Bullet"}
_CLOSE = "No Spacing"
"""The style of lines that belong together, such as an address (no gap between them)."""
_FIXED_TIME = datetime(2026, 1, 1)
"""Stamped in every built file instead of now, so a build is the same bytes every time."""


def build(wording: str) -> bytes:
    """The .docx a wording file makes."""
    document = Document()
    document.styles["Normal"].font.name = "Arial"
    document.styles["Normal"].font.size = Pt(11)
    table_rows: list[str] = []
    for line in _expanded(wording.splitlines()):
        if line.startswith("|") or (table_rows and line.startswith("{%tr")):
            table_rows.append(line)
            continue
        if table_rows:
            _table(document, table_rows)
            table_rows = []
        _paragraph(document, line)
    if table_rows:
        _table(document, table_rows)
    properties = document.core_properties
    properties.author = properties.last_modified_by = "housing-tui"
    properties.title = ""
    properties.revision = 1
    properties.created = properties.modified = _FIXED_TIME
    saved = io.BytesIO()
    document.save(saved)
    return _fixed_zip(saved.getvalue())


def _expanded(lines: list[str]) -> list[str]:
    """The lines with the letterhead and included blocks in, blank lines dropped, except one
    after close lines (`> `): an empty paragraph, so an address stands apart from what follows
    it."""
    expanded: list[str] = []
    for line in lines:
        if line.strip() == "@letterhead":
            expanded.extend((*LETTERHEAD, ""))
        elif line.startswith(_INCLUDE):
            block = BLOCKS / f"{line[len(_INCLUDE) :].strip()}.md"
            expanded.extend(_expanded(block.read_text("utf-8").splitlines()))
        elif line.strip():
            expanded.append(line.rstrip())
        elif _ends_close_lines(expanded):
            expanded.append("")
    return expanded


def _ends_close_lines(lines: list[str]) -> bool:
    """The last paragraph is a close line (a tag after one, such as `{%p endfor %}`, is
    not a paragraph of the document)."""
    for line in reversed(lines):
        if line.startswith("{%p"):
            continue
        return line.startswith("> ")
    return False


def _paragraph(document: WordDocument, line: str) -> None:
    if line.startswith("{%p") or not line:
        document.add_paragraph(line)
        return
    if line.startswith("> "):
        document.add_paragraph(line[2:], style=_CLOSE)
        return
    for prefix, style in _STYLES.items():
        if line.startswith(prefix):
            document.add_paragraph(line[len(prefix) :], style=style)
            return
    if line.startswith("**") and line.endswith("**"):
        document.add_paragraph().add_run(line[2:-2]).bold = True
        return
    document.add_paragraph(line)


def _table(document: WordDocument, rows: list[str]) -> None:
    cells = [_cells(row) for row in rows if row.startswith("|")]
    width = max(len(row) for row in cells)
    table = document.add_table(rows=0, cols=width)
    table.style = "Table Grid"
    for number, row in enumerate(rows):
        # A {%tr …%} tag has a row of its own: docxtpl replaces the whole row with the tag.
        texts = [row] if row.startswith("{%tr") else _cells(row)
        added = table.add_row().cells
        for cell, text in zip(added, texts, strict=False):
            run = cell.paragraphs[0].add_run(text)
            run.bold = number == 0
    document.add_paragraph()


def _cells(row: str) -> list[str]:
    return [cell.strip() for cell in row.strip().strip("|").split("|")]


def _fixed_zip(data: bytes) -> bytes:
    """`data` re-zipped with every entry dated `_FIXED_TIME`, in the same order."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=_FIXED_TIME.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()


def built_templates() -> dict[str, bytes]:
    """Every shipped template as this script makes it, by name (the wording file's stem)."""
    return {path.stem: build(path.read_text("utf-8")) for path in sorted(WORDING.glob("*.md"))}


def main() -> int:
    for name, data in built_templates().items():
        target = TEMPLATES / f"{name}.docx"
        target.write_bytes(data)
        print(f"built {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
