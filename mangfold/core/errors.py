"""One error type for bad content, so every problem reads the same way.

A message always names the file, and where known the line, the entry and the
field: ``data/tools.yml:14: tool 'gap-analysis', field 'phase': expected one
of ...``. The CLI prints these one per line; the MkDocs plugin raises them as
a ``PluginError`` so the build stops with that line and no traceback.

A message is either plain text or a ``Msg``: a key in the editor messages
(``mangfold/strings/editor/<lang>.yml``) with its values, written out in
the editor's language when printed (English by ``str()``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

# Writes a Msg out: (key, values) -> text. The default is English.
Speaker = Callable[["Msg"], str]


@dataclass(frozen=True)
class Msg:
    key: str
    values: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        from .messages import english

        return english().say(self)


@dataclass(frozen=True)
class LanguageName:
    """A language in a message, named in the language the message is said in ("Norwegian", "norsk")."""

    code: str
    html_lang: str = ""


def text(message: str | Msg, speak: Speaker | None = None) -> str:
    if isinstance(message, Msg):
        return speak(message) if speak else str(message)
    return message


@dataclass(frozen=True)
class Problem:
    file: str
    message: str | Msg
    line: int | None = None
    entry: str | Msg | None = None
    field: str | None = None

    def __str__(self) -> str:
        return self.render()

    def render(self, speak: Speaker | None = None) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = []
        if self.entry:
            what.append(text(self.entry, speak))
        if self.field:
            what.append(text(Msg("field", {"name": self.field}), speak))
        prefix = f"{where}: " + (", ".join(what) + ": " if what else "")
        return prefix + text(self.message, speak)

    @property
    def plain(self) -> str:
        """The message alone, in English (for code that reads messages)."""
        return text(self.message)


class ContentError(Exception):
    """Raised with every problem found, so an editor fixes them in one go."""

    def __init__(self, problems: list[Problem], partial: object = None):
        self.problems = problems
        self.partial = partial  # what could be read despite the problems (mangfold check goes on with it)
        super().__init__("\n".join(str(p) for p in problems))
