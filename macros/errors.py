"""One error type for bad content, so every problem reads the same way.

A message always names the file, and where known the line, the entry and the
field: ``data/tools.yml:14: tool 'gap-analysis', field 'phase': expected one
of ...``. The CLI prints these one per line; the MkDocs plugin raises them as
a ``PluginError`` so the build stops with that line and no traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    file: str
    message: str
    line: int | None = None
    entry: str | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = self.file + (f":{self.line}" if self.line else "")
        what = []
        if self.entry:
            what.append(self.entry)
        if self.field:
            what.append(f"field '{self.field}'")
        prefix = f"{where}: " + (", ".join(what) + ": " if what else "")
        return prefix + self.message


class ContentError(Exception):
    """Raised with every problem found, so an editor fixes them in one go."""

    def __init__(self, problems: list[Problem], partial: object = None):
        self.problems = problems
        self.partial = partial  # what could be read despite the problems (mangfold check goes on with it)
        super().__init__("\n".join(str(p) for p in problems))
