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

from macros import paths
from macros.errors import ContentError, Problem
from macros.schema import EMAIL_PATTERN

CONFIG_NAME = "mkdocs.yml"


@dataclass(frozen=True)
class Project:
    root: Path
    docs_dir: Path
    data_dir: Path
    site_dir: Path
    owner: dict[str, str]
    # mkdocs.yml's markdown_extensions, as (name, options): check converts pages as the build does.
    markdown_extensions: tuple[tuple[str, dict[str, Any]], ...] = ()
    # Folders the build reads besides docs_dir and data_dir: the theme's custom_dir, the site's macros module.
    source_dirs: tuple[Path, ...] = ()

    @property
    def config_file(self) -> Path:
        return self.root / CONFIG_NAME

    def shown(self, path: Path) -> str:
        """A path as messages show it: relative to the project root."""
        return paths.shown(path, self.root)


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
    data_dir, module = "data", "main"
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("mangfold"), dict):
            data_dir = plugin["mangfold"].get("data_dir") or data_dir
        if isinstance(plugin, dict) and isinstance(plugin.get("macros"), dict):
            module = plugin["macros"].get("module_name") or module
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    sources = [root / str(theme["custom_dir"])] if theme.get("custom_dir") else []
    sources += [root / str(module), root / ".git"]
    return Project(
        root=root,
        docs_dir=(root / str(config.get("docs_dir") or "docs")).resolve(),
        data_dir=(root / str(data_dir)).resolve(),
        site_dir=(root / str(config.get("site_dir") or "site")).resolve(),
        owner=dict((config.get("extra") or {}).get("owner") or {}) if isinstance(config.get("extra"), dict) else {},
        markdown_extensions=_extensions(config.get("markdown_extensions") or []),
        source_dirs=tuple(path.resolve() for path in sources),
    )


def owner_of(owner: Any) -> tuple[dict[str, str], str | None]:
    """extra.owner (who answers for the site) as name and e-mail, and what is wrong with it.

    It reaches every language's privacy and accessibility page, from
    mkdocs.yml or the environment (MANGFOLD_OWNER_NAME, MANGFOLD_OWNER_EMAIL)."""
    owner = owner if isinstance(owner, dict) else {}
    name, email = str(owner.get("name") or "").strip(), str(owner.get("email") or "").strip()
    if not EMAIL_PATTERN.match(email):
        return {"name": name, "email": ""}, (f"extra.owner.email (or MANGFOLD_OWNER_EMAIL): expected an e-mail address "
                                             f"like redaktion@example.dk, got {email!r}")
    return {"name": name, "email": email}, None


def site_dir_problem(site_dir: Path, root: Path, sources: list[Path], setting: str = "site_dir") -> str | None:
    """Why the build may not write to `site_dir`, or None.

    A build empties its site folder first and replaces it at the end: it must
    not be the project, hold the project, or be or lie in a folder the build
    reads (content, data, theme, macros, .git)."""
    site, top = site_dir.resolve(), root.resolve()
    if site == top or top.is_relative_to(site):
        return (f"{setting} '{site_dir}' {'is' if site == top else 'holds'} the project folder: building there would "
                "replace the sources with the site; choose a folder of its own, e.g. site")
    for source in sources:
        source = source.resolve()
        if site == source or site.is_relative_to(source) or source.is_relative_to(site):
            return (f"{setting} '{site_dir}' {'is' if site == source else 'overlaps'} {_named(source, top)}, which the build "
                    "reads: building there would delete it; choose a folder of its own, e.g. site")
    return None


def _named(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)


def _extensions(listed: Any) -> tuple[tuple[str, dict[str, Any]], ...]:
    found = []
    for item in listed if isinstance(listed, list) else []:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict):
            found.extend((str(name), dict(options or {})) for name, options in item.items())
    return tuple(found)


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
