"""Load every YAML file under data/ once per build and validate it.

The order matters: taxonomy first (phases, themes, audiences, countries),
then tools, contacts and films, then processes and activity plans, which
refer to tools. All problems in all files are collected before the build
stops, so an editor sees the whole list at once.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import ContentError, Problem
from .languages import CODES
from . import schema as s
from . import yamlfile
from .paths import inside, shown as _shown

RANGE = s.Record({"min": s.Int(1), "max": s.Int(1)}, post=lambda v, ctx, line: _check_range(v, ctx, line))


def _check_range(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("min") and value.get("max") and value["min"] > value["max"]:
        ctx.fail("max", f"must be at least min ({value['min']})", line)


LABELLED = s.Record({"id": s.ID, "label": s.Localized()})

TOOL = s.Record(
    {
        "id": s.ID,
        "phase": s.Ref("phases"),
        "themes": s.ListOf(s.Ref("themes"), 1),
        "audience": s.ListOf(s.Ref("audiences"), 1),
        "minutes": RANGE,
        "participants": RANGE,
        "worksheet": s.Str(hint="a file path under content/assets/, e.g. assets/worksheets/gap-analysis.pdf"),
    },
    optional=("worksheet",),
)

CONTACT = s.Record(
    {
        "id": s.ID,
        "name": s.Str(),
        "role": s.Localized(),
        "organisation": s.Str(),
        "country": s.Ref("countries"),
        "phone": s.PHONE,
        "email": s.EMAIL,
        "confirmed": s.Date(),
    },
    optional=("phone", "email", "confirmed"),
)

FILM = s.Record(
    {
        "id": s.ID,
        "title": s.Localized(),
        "description": s.Localized(),
        "organisation": s.Localized(),
        "year": s.Int(1900),
        "minutes": s.Int(1),
        "published": s.Localized(),
        "page_url": s.URL,
        "video_url": s.URL,
        "captions": s.Localized(),
        "transcript": s.Localized(),
    },
    optional=("minutes", "page_url", "video_url", "captions", "transcript"),
    post=lambda v, ctx, line: _check_film(v, ctx, line),
)


def _check_film(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("video_url") and not (value.get("captions") or value.get("transcript")):
        ctx.fail("captions", "a film with video_url needs captions or a transcript (WCAG 1.2)", line)


PROCESS_PHASE = s.Record(
    {
        "id": s.ID,
        "title": s.Localized(),
        "goal": s.Localized(),
        "activities": s.Localized(s.ListOf(s.Str(), 1)),
        "tools": s.ListOf(s.Ref("tools")),
    },
    optional=("tools",),
)
PROCESS = s.Record(
    {"id": s.ID, "title": s.Localized(), "summary": s.Localized(), "phases": s.ListOf(PROCESS_PHASE, 1)}
)

# hours: the project's own hours, where the source states them; note: other time or resources.
PLAN_ACTIVITY = s.Record({"code": s.Str(), "title": s.Localized(), "hours": s.Int(0), "note": s.Localized()}, optional=("hours", "note"))
PLAN_PHASE = s.Record({"id": s.ID, "title": s.Localized(), "activities": s.ListOf(PLAN_ACTIVITY, 1)})
PLAN = s.Record({"id": s.ID, "title": s.Localized(), "phases": s.ListOf(PLAN_PHASE, 1)})

# (file, top-level key, kind, entry schema), in load order.
FILES: tuple[tuple[str, str, str, s.Type], ...] = (
    ("taxonomy.yml", "phases", "phases", LABELLED),
    ("taxonomy.yml", "themes", "themes", LABELLED),
    ("taxonomy.yml", "audiences", "audiences", LABELLED),
    ("taxonomy.yml", "countries", "countries", LABELLED),
    ("tools.yml", "tools", "tools", TOOL),
    ("contacts.yml", "contacts", "contacts", CONTACT),
    ("films.yml", "films", "films", FILM),
    ("processes.yml", "processes", "processes", PROCESS),
    ("activity_plans.yml", "plans", "plans", PLAN),
)


@dataclass
class SiteData:
    """Every entry by kind and id, in file order, plus the interface strings."""

    entries: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    # Kinds whose file could not be read at all: an id of theirs is not "unknown", just unchecked.
    unreadable: set[str] = field(default_factory=set)

    def get(self, kind: str, entry_id: str) -> dict[str, Any]:
        return self.entries[kind][entry_id]


def load(data_dir: Path, root: Path | None = None) -> SiteData:
    """Read and validate data_dir; raise ContentError listing every problem."""
    root = root or data_dir.parent
    problems: list[Problem] = []
    data = SiteData()
    documents: dict[str, Any] = {}
    for file_name, key, kind, entry_schema in FILES:
        path = data_dir / file_name
        shown = _shown(path, root)
        if file_name not in documents:
            documents[file_name] = _read(path, shown, problems, root)
        document = documents[file_name]
        data.entries[kind] = {}
        if document is None:
            data.unreadable.add(kind)
            continue
        if not isinstance(document, dict) or key not in document:
            problems.append(Problem(shown, f"expected a top-level '{key}:' list", line=getattr(document, "line", None)))
            data.unreadable.add(kind)
            continue
        items = document[key]
        if not isinstance(items, list):
            problems.append(Problem(shown, f"'{key}' must be a list of entries", line=document.line_of(key)))
            data.unreadable.add(kind)
            continue
        for index, item in enumerate(items):
            entry_name = _entry_name(kind, item, index)
            ctx = s.Context(shown, problems, data.entries, entry=entry_name)
            value = entry_schema.check(item, ctx, "", getattr(item, "line", None))
            if not value or not value.get("id"):
                continue
            if value["id"] in data.entries[kind]:
                problems.append(Problem(shown, f"duplicate id '{value['id']}' (ids must be unique)", line=getattr(item, "line", None), entry=entry_name, field="id"))
                continue
            data.entries[kind][value["id"]] = value
    data.strings = _load_strings(data_dir / "strings", root, problems)
    if problems:
        raise ContentError(without_follow_ups(problems, data), partial=data)
    return data


def without_follow_ups(problems: list[Problem], data: SiteData) -> list[Problem]:
    """Leave out "unknown tool id" when tools.yml itself could not be read: one cause, one line."""
    prefixes = tuple(f"unknown {s.singular(kind)} id" for kind in data.unreadable)
    return [p for p in problems if not (prefixes and p.message.startswith(prefixes))]


# `mkdocs build --verbose` shows each read: the benchmark and a test count them
# to check that a build reads every data file once, never once per page.
log = logging.getLogger("mkdocs.plugins.mangfold.data")


def _read(path: Path, shown: str, problems: list[Problem], root: Path) -> Any:
    log.debug("mangfold: read data file %s", shown)
    if not path.exists():
        problems.append(Problem(shown, "file is missing"))
        return None
    if not inside(path, root):
        problems.append(Problem(shown, f"is a link to {os.path.realpath(path)}, outside the project; put the file itself here"))
        return None
    try:
        return yamlfile.load(path, shown)
    except ContentError as exc:
        problems.extend(exc.problems)
        return None


def _load_strings(folder: Path, root: Path, problems: list[Problem]) -> dict[str, dict[str, str]]:
    """Interface strings, one flat file per language; every key in every language."""
    strings: dict[str, dict[str, str]] = {}
    unreadable: set[str] = set()  # already reported: no "translation missing" for each of its keys
    for code in CODES:
        path = folder / f"{code}.yml"
        shown = _shown(path, root)
        document = _read(path, shown, problems, root)
        if document is None:
            strings[code] = {}
            unreadable.add(code)
            continue
        if not isinstance(document, dict):
            problems.append(Problem(shown, "expected key: text lines", line=getattr(document, "line", None)))
            strings[code] = {}
            unreadable.add(code)
            continue
        for key, text in document.items():
            if not isinstance(text, str) or not text.strip():
                problems.append(Problem(shown, "expected text", line=document.line_of(key), field=str(key)))
        strings[code] = {str(k): v for k, v in document.items() if isinstance(v, str)}
    every_key = set().union(*(set(v) for v in strings.values())) if strings else set()
    for code in (c for c in CODES if c not in unreadable):
        for key in sorted(every_key - set(strings.get(code, {}))):
            problems.append(Problem(_shown(folder / f"{code}.yml", root), "translation missing (other languages have it)", field=key))
    return strings


def _entry_name(kind: str, item: Any, index: int) -> str:
    singular = s.singular(kind)
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return f"{singular} '{item['id']}'"
    return f"{singular} #{index + 1}"
