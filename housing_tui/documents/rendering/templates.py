"""Loading the templates: the shipped ones in `housing_tui/documents/templates/`, each replaced by
a council's file of the same name in `templates/` in its data directory, every placeholder
checked so a letter is never sent half filled."""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from housing_tui.reference.council_files import read_council_text

if TYPE_CHECKING:
    pass
from housing_tui.documents.rendering.kinds import PLACEHOLDERS, TEMPLATE_NAMES, TEMPLATES_FOLDER


class TemplateError(ValueError):
    """A template cannot be used; the message names the file and the placeholder."""

    def __init__(self, message: str, *, source: str, placeholder: str | None = None) -> None:
        super().__init__(message)
        self.source = source
        """The file, as the message names it."""
        self.placeholder = placeholder


@dataclass(frozen=True)
class Templates:
    """The template text for every document: the shipped wording or the council's own."""

    texts: Mapping[str, str]
    sources: Mapping[str, str]
    """Where each text came from, for error messages: the council's file or the shipped one."""
    ignored: tuple[str, ...] = field(default=())
    """Files in the council's templates folder that are not a template name, so not used."""

    def placeholders(self, name: str) -> frozenset[str]:
        """The placeholder names template `name` uses (valid ones only)."""
        return frozenset(string.Template(self._text(name)).get_identifiers())

    def render(self, name: str, values: Mapping[str, str]) -> str:
        """Template `name` with every placeholder filled from `values`.

        Raises TemplateError, naming the file, for a `$` that starts no placeholder or a
        placeholder not in `values`: all or nothing, never a half-filled letter.
        """
        template = string.Template(self._text(name))
        _check(template, self.sources[name], frozenset(values))
        return template.substitute(values)

    def problems(self) -> list[str]:
        """Every problem with the templates, for a set-up check: empty when all can be used."""
        found = []
        for name in TEMPLATE_NAMES:
            try:
                _check(string.Template(self._text(name)), self.sources[name], PLACEHOLDERS[name])
            except TemplateError as error:
                found.append(str(error))
        found.extend(
            f"{file}: not a template this app uses, so it is ignored "
            f"(the names are {', '.join(n + '.md' for n in TEMPLATE_NAMES)})"
            for file in self.ignored
        )
        return found

    def _text(self, name: str) -> str:
        if name not in self.texts:
            raise ValueError(f"no template called {name!r}; the names are {TEMPLATE_NAMES}")
        return self.texts[name]


def load_templates(data_dir: Path | None = None) -> Templates:
    """The shipped templates, each replaced by the council's file of the same name in
    `data_dir / "templates"` if there is one (e.g. `letterhead.md` for its own letterhead).

    Raises TemplateError for a council file that cannot be read as UTF-8 text. Placeholders
    are checked when a document is rendered, and by `Templates.problems()`.
    """
    shipped = resources.files("housing_tui.documents").joinpath(TEMPLATES_FOLDER)
    texts: dict[str, str] = {}
    sources: dict[str, str] = {}
    for name in TEMPLATE_NAMES:
        texts[name] = shipped.joinpath(f"{name}.md").read_text("utf-8")
        sources[name] = f"the shipped template {name}.md"
    ignored: list[str] = []
    folder = data_dir / TEMPLATES_FOLDER if data_dir is not None else None
    if folder is not None and folder.is_dir():
        for path in sorted(folder.iterdir()):
            if path.name.startswith(".") or not path.is_file():
                continue
            if path.suffix != ".md" or path.stem not in TEMPLATE_NAMES:
                ignored.append(str(path))
                continue
            try:
                texts[path.stem] = read_council_text(path)
            except (OSError, UnicodeDecodeError) as error:
                raise TemplateError(
                    f"{path}: cannot be read as UTF-8 text ({error})", source=str(path)
                ) from error
            sources[path.stem] = str(path)
    return Templates(texts=texts, sources=sources, ignored=tuple(ignored))


def _check(template: string.Template, source: str, allowed: frozenset[str]) -> None:
    for match in template.pattern.finditer(template.template):
        if match.group("invalid") is None:
            continue
        # The match starts at the "$"; show it with what follows, up to a space.
        start = match.start()
        line = template.template.count("\n", 0, start) + 1
        mistake = template.template[start : start + 20].split(maxsplit=1)[0]
        raise TemplateError(
            f"{source}, line {line}: {mistake!r} is not a placeholder. A placeholder is $ and a "
            "name, such as $client_name; write $$ for a dollar sign.",
            source=source,
            placeholder=mistake,
        )
    for name in template.get_identifiers():
        if name not in allowed:
            raise TemplateError(
                f"{source}: unknown placeholder ${name}. This document can use: "
                + ", ".join(f"${known}" for known in sorted(allowed)),
                source=source,
                placeholder=name,
            )
