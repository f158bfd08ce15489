"""The toolbox's building blocks, each declared once, in the module that draws it.

A module in this package declares what it adds:

- a ``DataKind``: a list in a data file (``data/tools.yml: tools:``) with
  the schema of one entry;
- a ``PageKind``: a content folder whose pages have front matter of their
  own (``<lang>/cases/*.md``), and the fact box drawn on top of each;
- building blocks: functions marked ``@component(...)``, named as editors
  call them, taking the page (``Render``) first and then the editor's
  values. ``ids=`` says which values are ids of which data kind, so
  ``mangfold check`` can test them before anything is drawn;
- ``STYLESHEETS``: its CSS files in the theme folder, added to every page;
- files written after the build: functions marked ``@after_build``, called
  with the ``Site`` and the built site's folder (e.g. downloads per language).

``Registry.discover`` collects all of it from the modules it is given:
adding a component is its module (or a function in one), its template in
``mangfold/theme/components/``, its strings and its test. Nothing here
imports MkDocs.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
from dataclasses import dataclass, field
from types import ModuleType
from typing import Any, Callable, Iterable, Mapping

from ..core import schema as s


@dataclass(frozen=True)
class DataKind:
    """A list of entries in a data file: `key:` in data/`file`."""

    name: str          # "tools": what references (Ref("tools")) and ids= name
    file: str          # "tools.yml"
    key: str           # the file's top-level key, "tools"
    entry: s.Record    # one entry's schema
    # Warnings for mangfold check (never failing the build): (entries by id, file shown, today) -> problems.
    warnings: Callable[..., list[Any]] | None = None
    # A site may leave the file out (a component it does not use): no entries, no problem.
    optional_file: bool = False


@dataclass(frozen=True)
class PageKind:
    """Pages in <lang>/<folder>/ (not its index.md), with fields of their own."""

    name: str                      # "case"
    folder: str                    # "cases"
    fields: dict[str, s.Type]      # besides the fields every page may have
    required: tuple[str, ...]
    named_after: str | None = None  # a data kind: the file name must be one of its ids (tools/<id>.md)
    facts: Callable[..., Any] | None = None  # (Render, PageInfo) -> Markup, drawn on top of the page


@dataclass(frozen=True)
class Component:
    name: str
    draw: Callable[..., Any]
    ids: Mapping[str, str] = field(default_factory=dict)  # parameter -> data kind
    dates: tuple[str, ...] = ()                           # parameters that are YYYY-MM-DD dates

    @functools.cached_property
    def signature(self) -> inspect.Signature:
        """What an editor passes: the function's parameters after the page."""
        full = inspect.signature(self.draw, eval_str=True)
        return full.replace(parameters=list(full.parameters.values())[1:])

    def call(self, render: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self.draw(render, *args, **kwargs)


def after_build(write: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a function to call once the site is built: write(site, site_dir)."""
    write.__mangfold_after_build__ = True  # type: ignore[attr-defined]
    return write


def component(*, ids: Mapping[str, str] | None = None, dates: tuple[str, ...] = (), name: str | None = None):
    """Mark a function as a building block editors may call as {{ name(...) }}."""
    def mark(draw: Callable[..., Any]) -> Callable[..., Any]:
        draw.__mangfold_component__ = Component(name or draw.__name__, draw, dict(ids or {}), dates)  # type: ignore[attr-defined]
        return draw
    return mark


@dataclass(frozen=True)
class Registry:
    kinds: tuple[DataKind, ...]            # in load order: a kind after the kinds it refers to
    page_kinds: tuple[PageKind, ...]
    components: Mapping[str, Component]
    stylesheets: tuple[str, ...] = ()
    after_build: tuple[Callable[..., Any], ...] = ()

    @classmethod
    def discover(cls, modules: Iterable[ModuleType]) -> "Registry":
        kinds: dict[str, DataKind] = {}
        pages: dict[str, PageKind] = {}
        components: dict[str, Component] = {}
        stylesheets: list[str] = []
        writers: list[Callable[..., Any]] = []
        for module in modules:
            stylesheets.extend(s for s in getattr(module, "STYLESHEETS", ()) if s not in stylesheets)
            for value in vars(module).values():
                if isinstance(value, DataKind):
                    kinds.setdefault(value.name, value)
                elif isinstance(value, PageKind):
                    pages.setdefault(value.name, value)
                elif callable(value) and hasattr(value, "__mangfold_component__"):
                    spec: Component = value.__mangfold_component__
                    if spec.name in components and components[spec.name].draw is not value:
                        raise ValueError(f"two building blocks are called {spec.name}")
                    components[spec.name] = spec
                if callable(value) and getattr(value, "__mangfold_after_build__", False) and value not in writers \
                        and getattr(value, "__module__", None) == module.__name__:
                    writers.append(value)
        return cls(tuple(_load_order(kinds)), tuple(pages.values()), components, tuple(stylesheets), tuple(writers))

    def kind(self, name: str) -> DataKind:
        return next(k for k in self.kinds if k.name == name)

    def page_kind(self, folder: str) -> PageKind | None:
        return next((p for p in self.page_kinds if p.folder == folder), None)


def builtin_modules() -> list[ModuleType]:
    """Every module of this package, in name order; a module named _x is a helper, imported only by its user
    (the .docx writer pulls in python-docx and lxml, which `mangfold check` should not pay for)."""
    return [importlib.import_module(f"{__name__}.{info.name}")
            for info in sorted(pkgutil.iter_modules(__path__), key=lambda i: i.name) if not info.name.startswith("_")]


def default() -> Registry:
    return Registry.discover(builtin_modules())


def _load_order(kinds: dict[str, DataKind]) -> list[DataKind]:
    """Kinds sorted so each comes after every kind its schema refers to."""
    done: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in done or name not in kinds:
            return
        if name in path:
            raise ValueError(f"data kinds refer to each other in a circle: {' -> '.join((*path, name))}")
        for ref in sorted(s.refs(kinds[name].entry) - {name}):
            visit(ref, (*path, name))
        done.append(name)

    for name in kinds:
        visit(name, ())
    return [kinds[n] for n in done]
