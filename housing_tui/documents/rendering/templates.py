"""Loading the Word templates: the shipped ones in `housing_tui/documents/templates/`, each
replaced by a council's .docx of the same name in `templates/` in its data directory, and the
council's logo (`logo.png` or `logo.jpg` there) for the letterhead. Every placeholder is
checked so a letter is never sent half filled.

Markdown templates (`.md`) were how a council changed wording before documents became .docx:
one left in the folder is no longer used, and `Templates.problems()` says so, naming it."""

from __future__ import annotations

import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from housing_tui.documents.rendering.kinds import PLACEHOLDERS, TEMPLATE_NAMES, TEMPLATES_FOLDER

if TYPE_CHECKING:
    # Imported when a document is made, not at start-up: they take a third of a second.
    import jinja2
    from docxtpl import DocxTemplate

LOGO_NAMES = ("logo.png", "logo.jpg", "logo.jpeg")
"""The council's logo, in its templates folder: printed at the top of every document."""
LOGO_HEIGHT_MM = 20


class TemplateError(ValueError):
    """A template cannot be used; the message names the file and the placeholder."""

    def __init__(self, message: str, *, source: str, placeholder: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        """The file, as the message names it."""
        self.placeholder = placeholder


@dataclass(frozen=True)
class Templates:
    """The Word template for every document: the shipped one or the council's own."""

    files: Mapping[str, bytes]
    """Each template's .docx bytes, by name."""
    sources: Mapping[str, str]
    """Where each came from, for error messages: the council's file or the shipped one."""
    logo: bytes | None = None
    """The council's logo image, if it has one."""
    ignored: tuple[str, ...] = field(default=())
    """Files in the council's templates folder that are not used, with why."""

    def placeholders(self, name: str) -> frozenset[str]:
        """The placeholder names template `name` uses. TemplateError if it cannot be read."""
        return self._used(name, self._template(name))

    def render(self, name: str, values: Mapping[str, object]) -> bytes:
        """Template `name` with every placeholder filled from `values`, as .docx bytes.

        Values are inserted as text (autoescaped), never as Word markup. Raises
        TemplateError, naming the file, for a placeholder the code does not fill or a tag
        Word's editing broke: all or nothing, never a half-filled letter.
        """
        import jinja2
        from docx.shared import Mm
        from docxtpl import InlineImage

        template = self._template(name)
        _check(self.sources[name], self._used(name, template), frozenset(values) | {"logo"})
        context = {key: _as_text(value) for key, value in values.items()}
        context["logo"] = (
            InlineImage(template, io.BytesIO(self.logo), height=Mm(LOGO_HEIGHT_MM))
            if self.logo
            else ""
        )
        try:
            template.render(context, _environment(), autoescape=True)
        except jinja2.TemplateError as error:
            raise _broken(self.sources[name], error) from error
        saved = io.BytesIO()
        template.save(saved)
        return saved.getvalue()

    def problems(self) -> list[str]:
        """Every problem with the templates, for a set-up check: empty when all can be used."""
        found = []
        for name in TEMPLATE_NAMES:
            try:
                _check(self.sources[name], self.placeholders(name), PLACEHOLDERS[name])
            except TemplateError as error:
                found.append(str(error))
        found.extend(self.ignored)
        return found

    def _used(self, name: str, template: DocxTemplate) -> frozenset[str]:
        import jinja2

        try:
            return frozenset(template.get_undeclared_template_variables(_environment()))
        except jinja2.TemplateError as error:
            raise _broken(self.sources[name], error) from error

    def _template(self, name: str) -> DocxTemplate:
        from docxtpl import DocxTemplate

        if name not in self.files:
            raise ValueError(f"no template called {name!r}; the names are {TEMPLATE_NAMES}")
        try:
            template = DocxTemplate(io.BytesIO(self.files[name]))
            template.init_docx()
            return template
        except Exception as error:  # a damaged .docx raises whatever the zip or XML reader does
            raise TemplateError(
                f"{self.sources[name]}: cannot be opened as a Word document ({error}). "
                "Save it again from Word as .docx, or remove it to use the shipped one.",
                source=self.sources[name],
            ) from error


@cache
def _environment() -> jinja2.Environment:
    """Autoescape, so a value is text in the document's XML; StrictUndefined, so a placeholder
    the code does not fill stops the document instead of leaving a gap."""
    import jinja2

    return jinja2.Environment(undefined=jinja2.StrictUndefined, autoescape=True)


_NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
"""Control characters a .docx cannot hold (XML 1.0), nor docxtpl's \\a (a new paragraph)."""


def _as_text(value: object) -> object:
    """`value` with every string in it fit for a Word document's text."""
    if isinstance(value, str):
        return _NOT_IN_XML.sub("", value)
    if isinstance(value, list | tuple):
        return [_as_text(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _as_text(item) for key, item in value.items()}
    return value


def load_templates(data_dir: Path | None = None) -> Templates:
    """The shipped templates, each replaced by the council's file of the same name in
    `data_dir / "templates"` if there is one (e.g. `relief_duty_end.docx`), and the council's
    logo from there if it has one.

    Raises TemplateError for a council file that cannot be read. Placeholders are checked
    when a document is rendered, and by `Templates.problems()`.
    """
    shipped = resources.files("housing_tui.documents").joinpath(TEMPLATES_FOLDER)
    files: dict[str, bytes] = {}
    sources: dict[str, str] = {}
    for name in TEMPLATE_NAMES:
        files[name] = shipped.joinpath(f"{name}.docx").read_bytes()
        sources[name] = f"the shipped template {name}.docx"
    ignored: list[str] = []
    logo: bytes | None = None
    folder = data_dir / TEMPLATES_FOLDER if data_dir is not None else None
    if folder is not None and folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.name.lower() in LOGO_NAMES and logo is None:
                logo = _read(path)
                if not _is_image(logo):
                    logo = None
                    ignored.append(
                        f"{path}: cannot be read as a PNG or JPEG image, so documents have no "
                        "logo. Save the logo again as PNG under this name."
                    )
            elif path.suffix == ".docx" and path.stem in TEMPLATE_NAMES:
                files[path.stem] = _read(path)
                sources[path.stem] = str(path)
            else:
                ignored.append(_not_used(path))
    return Templates(files=files, sources=sources, logo=logo, ignored=tuple(ignored))


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise TemplateError(
            f"{path}: cannot be read ({error.strerror or error})", source=str(path)
        ) from error


def _is_image(data: bytes) -> bool:
    from docx.image.image import Image

    try:
        Image.from_blob(data)
    except Exception:  # python-docx raises what its image readers meet in a damaged file
        return False
    return True


def _not_used(path: Path) -> str:
    names = ", ".join(f"{name}.docx" for name in TEMPLATE_NAMES)
    if path.suffix == ".md" and (path.stem in TEMPLATE_NAMES or path.stem == "letterhead"):
        return (
            f"{path}: a Markdown template, no longer used: documents are Word files now. Put "
            "your wording in a copy of the shipped .docx of the same name (see docs/letters.md) "
            "and delete this file."
        )
    return f"{path}: not a template this app uses, so it is ignored (the names are {names})"


def _check(source: str, used: frozenset[str], allowed: frozenset[str]) -> None:
    for name in sorted(used - allowed):
        raise TemplateError(
            f"{source}: unknown placeholder {{{{ {name} }}}}. This document can use: "
            + ", ".join(f"{{{{ {known} }}}}" for known in sorted(allowed)),
            source=source,
            placeholder=name,
        )


def _broken(source: str, error: jinja2.TemplateError) -> TemplateError:
    import jinja2

    if isinstance(error, jinja2.UndefinedError):
        return TemplateError(f"{source}: {error.message}", source=source)
    return TemplateError(
        f"{source}: a placeholder or tag is broken ({error.message}). Each placeholder is "
        "{{ name }} and each tag {%p … %}, typed in one go: Word may split one that was "
        "edited, so retype it.",
        source=source,
    )
