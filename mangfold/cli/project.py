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

from ..core import languages as site_languages, paths
from ..core.errors import ContentError, Msg, Problem
from ..core.languages import Languages

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
    languages: Languages | None = None
    components: tuple[str, ...] = ()      # the plugin's components: further component modules
    macros_module: Path | None = None     # the site's own mkdocs-macros module (file or package folder)
    custom_dir: Path | None = None        # the theme's custom_dir: the site's own templates

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
        raise ContentError([Problem(CONFIG_NAME, Msg("yaml_unreadable", {"reason": " ".join(str(exc).split())}))]) from None
    if not isinstance(config, dict):
        raise ContentError([Problem(CONFIG_NAME, Msg("config_shape"))])
    data_dir, module, settings, uses_macros = "data", "main", {}, False
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and isinstance(plugin.get("mangfold"), dict):
            settings = plugin["mangfold"]
            data_dir = settings.get("data_dir") or data_dir
        if plugin == "macros" or (isinstance(plugin, dict) and "macros" in plugin):
            uses_macros = True
        if isinstance(plugin, dict) and isinstance(plugin.get("macros"), dict):
            module = plugin["macros"].get("module_name") or module
    languages = site_languages.from_config(settings.get("languages"), CONFIG_NAME)
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
        languages=languages,
        components=tuple(str(c) for c in settings.get("components") or ()),
        macros_module=_module_path(root, module) if uses_macros else None,
        custom_dir=(root / str(theme["custom_dir"])).resolve() if theme.get("custom_dir") else None,
    )


def _extensions(listed: Any) -> tuple[tuple[str, dict[str, Any]], ...]:
    found = []
    for item in listed if isinstance(listed, list) else []:
        if isinstance(item, str):
            found.append((item, {}))
        elif isinstance(item, dict):
            found.extend((str(name), dict(options or {})) for name, options in item.items())
    return tuple(found)


def _module_path(root: Path, name: str) -> Path | None:
    """Where mkdocs-macros finds the module `name`: <root>/<name>.py or the package <root>/<name>/."""
    for candidate in (root / f"{name}.py", root / name / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


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


def open_site(project: Project, registry: Any = None) -> Any:
    """The project as a ``Site`` to draw components with, as a build would load it
    (for tests and tools; the MkDocs plugin loads the same parts itself, with caches).
    Raises ContentError for problems in the data, strings or front matter."""
    from .. import components
    from ..core import content_index, data as site_data, strings as site_strings
    from ..core.settings import owner_of
    from ..core.site import Site, templates

    registry = registry or components.default()
    data = site_data.load(project.data_dir, project.root, registry.kinds, project.languages, project.docs_dir)
    problems: list[Problem] = []
    strings = site_strings.load(project.data_dir / "strings", project.root, project.languages, problems)
    if problems:
        raise ContentError(problems)
    index = content_index.scan(project.docs_dir, data, project.root, project.languages, registry.page_kinds)
    theme = Path(__file__).resolve().parent.parent / "theme"
    owner, _ = owner_of(project.owner)
    folders = [project.custom_dir, theme] if project.custom_dir else [theme]
    return Site(project.root, project.languages, data, index, strings, templates(folders), owner=owner)
