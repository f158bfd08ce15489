"""Load every data file under data/ once per build and validate it.

Which files and lists exist, and the schema of their entries, is declared
by the components (``DataKind``); they arrive here in load order, each
after the kinds it refers to. All problems in all files are collected
before the build stops, so an editor sees the whole list at once.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Protocol

from . import schema as s
from . import yamlfile
from .errors import ContentError, Msg, Problem
from .languages import Languages
from .paths import inside, shown as _shown


class Kind(Protocol):
    name: str
    file: str
    key: str
    entry: s.Record
    optional_file: bool


@dataclass
class SiteData:
    """Every entry by kind and id, in file order."""

    entries: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    # Kinds whose file could not be read at all: an id of theirs is not "unknown", just unchecked.
    unreadable: set[str] = field(default_factory=set)
    # Texts a language lacks (shown in another language's words): for check and `mangfold translations`.
    untranslated: list[s.Untranslated] = field(default_factory=list)

    def get(self, kind: str, entry_id: str) -> dict[str, Any]:
        return self.entries[kind][entry_id]


def load(data_dir: Path, root: Path, kinds: Iterable[Kind], languages: Languages, docs_dir: Path | None = None) -> SiteData:
    """Read and validate data_dir; raise ContentError listing every problem."""
    problems: list[Problem] = []
    data = SiteData()
    documents: dict[str, Any] = {}
    for kind in kinds:
        path = data_dir / kind.file
        shown = _shown(path, root)
        data.entries[kind.name] = {}
        if getattr(kind, "optional_file", False) and not path.exists() and not path.is_symlink():
            continue
        if kind.file not in documents:
            documents[kind.file] = _read(path, shown, problems, root)
        document = documents[kind.file]
        data.entries[kind.name] = {}
        if document is None:
            data.unreadable.add(kind.name)
            continue
        if not isinstance(document, dict) or kind.key not in document:
            problems.append(Problem(shown, Msg("data_no_list", {"key": kind.key}), line=getattr(document, "line", None)))
            data.unreadable.add(kind.name)
            continue
        items = document[kind.key]
        if items is None:
            continue  # `films:` with nothing under it yet
        if not isinstance(items, list):
            problems.append(Problem(shown, Msg("data_not_a_list", {"key": kind.key}), line=document.line_of(kind.key)))
            data.unreadable.add(kind.name)
            continue
        for index, item in enumerate(items):
            entry_name = _entry_name(kind.name, item, index)
            ctx = s.Context(shown, problems, data.entries, entry=entry_name, languages=languages,
                            untranslated=data.untranslated, docs_dir=docs_dir)
            value = kind.entry.check(item, ctx, "", getattr(item, "line", None))
            if not value or not value.get("id"):
                continue
            if value["id"] in data.entries[kind.name]:
                problems.append(Problem(shown, Msg("data_duplicate_id", {"id": value["id"]}), line=getattr(item, "line", None), entry=entry_name, field="id"))
                continue
            data.entries[kind.name][value["id"]] = value
    # A kind that refers to an unreadable kind lost entries to that: its ids are unchecked too.
    kinds = list(kinds)
    for kind in kinds:
        if s.refs(kind.entry) & data.unreadable:
            data.unreadable.add(kind.name)
    if problems:
        raise ContentError(without_follow_ups(problems, data), partial=data)
    return data


def without_follow_ups(problems: list[Problem], data: SiteData) -> list[Problem]:
    """Leave out "unknown tool id" when tools.yml itself could not be read: one cause, one line."""
    prefixes = tuple(f"unknown {s.singular(kind)} id" for kind in data.unreadable)
    return [p for p in problems if not (prefixes and p.plain.startswith(prefixes))]


# `mkdocs build --verbose` shows each read: the benchmark and a test count them
# to check that a build reads every data file once, never once per page.
log = logging.getLogger("mkdocs.plugins.mangfold.data")


def _read(path: Path, shown: str, problems: list[Problem], root: Path) -> Any:
    log.debug("mangfold: read data file %s", shown)
    if not path.exists():
        problems.append(Problem(shown, Msg("data_file_missing")))
        return None
    if not inside(path, root):
        problems.append(Problem(shown, Msg("link_outside_project", {"target": os.path.realpath(path)})))
        return None
    try:
        return yamlfile.load(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def _entry_name(kind: str, item: Any, index: int) -> Msg:
    name = Msg(f"kind_{s.singular(kind)}")
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return Msg("entry_named", {"kind": name, "id": item["id"]})
    return Msg("entry_numbered", {"kind": name, "number": index + 1})
