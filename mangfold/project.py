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

import yaml

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
    """Read what the CLI needs from mkdocs.yml, honouring !ENV as MkDocs does.

    Plain YAML rather than MkDocs' load_config: that imports every plugin and
    would double the time ``mangfold check`` takes; the build validates the
    whole file anyway.
    """
    config_file = root / CONFIG_NAME
    try:
        config = yaml.load(config_file.read_text(encoding="utf-8"), Loader=_ConfigLoader) or {}  # noqa: S506 - a SafeLoader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ContentError([Problem(CONFIG_NAME, f"cannot be read: {' '.join(str(exc).split())}")]) from None
    if not isinstance(config, dict):
        raise ContentError([Problem(CONFIG_NAME, "cannot be read: expected 'setting: value' lines")])
    data_dir = "data"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("mangfold"), dict):
            data_dir = plugin["mangfold"].get("data_dir") or data_dir
    return Project(
        root=root,
        docs_dir=(root / str(config.get("docs_dir") or "docs")).resolve(),
        data_dir=(root / str(data_dir)).resolve(),
        site_dir=(root / str(config.get("site_dir") or "site")).resolve(),
        extra_keys=frozenset(config.get("extra") or {}),
    )


class _ConfigLoader(yaml.SafeLoader):
    """YAML with MkDocs' !ENV tag (a variable, or a list of variables then a default)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        items = loader.construct_sequence(node, deep=True)
        names, default = items[:-1], items[-1] if items else None
    for name in names:
        if isinstance(name, str) and name in os.environ:
            return yaml.load(os.environ[name], Loader=yaml.SafeLoader) if os.environ[name] else ""
    return default


def _other_tag(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    return None  # !relative, !!python/name ...: not needed here


_ConfigLoader.add_constructor("!ENV", _env)
_ConfigLoader.add_multi_constructor("", _other_tag)
