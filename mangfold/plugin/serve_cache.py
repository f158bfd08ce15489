"""What `mkdocs serve` may reuse between rebuilds, and what it must redo.

MkDocs rebuilds everything on each save. While an editor writes, most of
that work repeats: data/ has not changed, templates have not changed, and
only the saved page's text is new. This module tells which is which.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import jinja2
from mkdocs.structure.files import Files


def stamps(*tops: Path) -> list[tuple[str, int, int]]:
    """Path, modification time and size of every file in or at `tops`."""
    return sorted(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for top in tops if top.exists()
        for path in ([top] if top.is_file() else top.rglob("*")) if path.is_file() and (stat := path.stat())
    )


class CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between rebuilds (MkDocs makes a new Jinja
    environment for each). Jinja compares each template's source checksum,
    so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class DirtyPages:
    """Which pages a ``--dirty`` rebuild renders.

    MkDocs alone renders only the pages whose own file changed: right for an
    edit to a page's text, the common case while writing. But other pages
    show a page's front matter (case lists, fact boxes, the navigation) and
    every page shows data/ and the templates: when any of those changed, or a
    page came or went, all are rendered. A fallback page is as fresh as the
    page whose text it shows.
    """

    def __init__(self) -> None:
        self._last_seen: tuple | None = None

    def mark(self, files: Files, watched: list[Path], front_matter: dict[str, Any], fallbacks: dict[str, str]) -> None:
        """`fallbacks`: the src_uri of each fallback page -> the page whose text it shows."""
        seen = (stamps(*watched), front_matter)
        everything = seen != self._last_seen
        self._last_seen = seen
        for file in files.documentation_pages():
            source = fallbacks.get(file.src_uri)
            if everything:
                changed = True
            elif source is not None:
                source_file = files.get_file_from_path(source)
                changed = source_file is None or source_file.is_modified()
            else:
                continue
            # Decided now: once the source page is written, asking it again would say "unchanged".
            file.is_modified = (lambda value: lambda: value)(changed)  # type: ignore[method-assign]
