"""Where a Mangfold project's parts are, read from its own mkdocs.yml.

The CLI and ``mangfold check`` find content/, data/ and site/ the way the
build does (``docs_dir``, the mangfold plugin's ``data_dir``, ``site_dir``,
``extra:``), so a project that moves a folder moves it for both.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from macros.errors import ContentError, Problem

CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    data_dir: Path
    site_dir: Path
    extra_keys: frozenset[str]

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project root."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)


def find_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above `start` that holds mkdocs.yml."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def load(root: Path) -> Project:
    """Read mkdocs.yml with MkDocs' own loader (so !ENV works as in a build)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    config_file = root / CONFIG_NAME
    try:
        with _silenced():
            config = load_config(str(config_file))
    except ConfigurationError as exc:
        raise ContentError([Problem(CONFIG_NAME, f"cannot be read: {exc}")]) from None
    except Exception as exc:  # a YAML error in mkdocs.yml
        raise ContentError([Problem(CONFIG_NAME, f"cannot be read: {' '.join(str(exc).split())}")]) from None
    plugin: Any = config.plugins.get("mangfold")
    data_dir = plugin.config.data_dir if plugin is not None else "data"
    return Project(
        root=root,
        docs_dir=Path(config.docs_dir),
        data_dir=root / data_dir,
        site_dir=Path(config.site_dir),
        extra_keys=frozenset(config.extra or {}),
    )


class _silenced:
    """Keep MkDocs' config log lines (INFO, theme notices) out of the CLI's output."""

    def __enter__(self) -> None:
        import logging

        self.logger = logging.getLogger("mkdocs")
        self.level = self.logger.level
        self.logger.setLevel(logging.ERROR)

    def __exit__(self, *exc: object) -> None:
        self.logger.setLevel(self.level)
