"""Index the Markdown pages under content/ by their front matter.

Read once per build (the MkDocs plugin calls ``scan`` in ``on_files``), so
the case index, a tool's "used in" list and the language switcher never
open a file again. The folder decides a page's kind: ``<lang>/cases/*.md``
is a local experience, ``<lang>/tools/<id>.md`` the method page of the tool
``<id>`` in data/tools.yml; everything else is an ordinary page.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from . import schema as s
from .data import SiteData
from .errors import ContentError, Problem
from .languages import CODES, language_of
from . import yamlfile
from .paths import inside, links_out_of, shown as _shown

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

# Keys MkDocs, Material and mkdocs-macros understand on any page.
GENERIC: dict[str, s.Type] = {
    "title": s.Str(),
    "description": s.Str(),
    # Only the page templates the site has; a template renders outside the
    # content's checks, so an editor cannot pick an arbitrary one.
    "template": s.Choice("search.html", "chooser.html"),
    "render_macros": s.Bool(),
    "hide": s.ListOf(s.Choice("navigation", "toc", "footer", "path", "tags", "feedback")),
    "search": s.Record({"exclude": s.Bool()}, optional=("exclude",)),
    "source_language": s.Choice(*CODES),
    "source": s.Str(),
    "source_date": s.Date(),
}


def _schema(fields: dict[str, s.Type], required: tuple[str, ...]) -> s.Record:
    merged = {**GENERIC, **fields}
    return s.Record(merged, optional=tuple(k for k in merged if k not in required))


SCHEMAS: dict[str, s.Record] = {
    "case": _schema(
        {
            "summary": s.Str(),
            "organisation": s.Str(),
            "country": s.Ref("countries"),
            "year": s.Int(1900),
            "themes": s.ListOf(s.Ref("themes"), 1),
            "tools": s.ListOf(s.Ref("tools")),
            "contacts": s.ListOf(s.Ref("contacts")),
            "films": s.ListOf(s.Ref("films")),
        },
        required=("title", "summary", "organisation", "country", "themes", "source_language"),
    ),
    "tool": _schema({"purpose": s.Str()}, required=("title", "purpose")),
    "page": _schema({}, required=()),
}

ROOT_ALLOWED = {"index.md", "assets"}


@dataclass
class PageInfo:
    src_uri: str      # da/cases/foo.md
    lang: str         # da
    key: str          # cases/foo.md: the same in every language
    kind: str         # case | tool | page
    meta: dict[str, Any]
    mtime: float

    @property
    def slug(self) -> str:
        return PurePosixPath(self.key).stem

    @property
    def url(self) -> str:
        """Site-relative URL with directory URLs: da/cases/foo/."""
        path = PurePosixPath(self.src_uri)
        if path.stem in ("index", "README"):
            parent = path.parent.as_posix()
            return "" if parent == "." else parent + "/"
        return path.with_suffix("").as_posix() + "/"


@dataclass
class ContentIndex:
    pages: dict[str, PageInfo] = field(default_factory=dict)  # by src_uri

    def get(self, lang: str, key: str) -> PageInfo | None:
        return self.pages.get(f"{lang}/{key}")

    def of_kind(self, kind: str, lang: str) -> list[PageInfo]:
        return [p for p in self.pages.values() if p.kind == kind and p.lang == lang]

    def versions(self, key: str) -> dict[str, PageInfo]:
        """The page's existing language versions, by language code."""
        return {code: self.pages[f"{code}/{key}"] for code in CODES if f"{code}/{key}" in self.pages}

    def keys(self) -> list[str]:
        return sorted({p.key for p in self.pages.values()})


def read_front_matter(text: str, shown: str) -> tuple[dict[str, Any], int]:
    """The page's front matter as a mapping, and the line its body starts on."""
    match = FRONT_MATTER.match(text)
    if not match:
        return yamlfile.LineDict(), 1
    meta = yamlfile.parse(match.group(1) or "", shown, line_offset=1)
    if meta is None:
        meta = yamlfile.LineDict()
        meta.line = 2  # there, but empty (a page without any has line 0)
    if not isinstance(meta, dict):
        raise ContentError([Problem(shown, "front matter must be 'field: value' lines between two '---' lines", line=2)])
    return meta, text.count("\n", 0, match.end()) + 1


def kind_of(key: str) -> str:
    parts = PurePosixPath(key).parts
    if len(parts) == 2 and parts[0] == "cases" and parts[1] != "index.md":
        return "case"
    if len(parts) == 2 and parts[0] == "tools" and parts[1] != "index.md":
        return "tool"
    return "page"


# Parsed front matter by file, for as long as the process lives. `mkdocs serve`
# scans every page again on each save, and parsing all that YAML was the larger
# part of a rebuild at a few hundred pages. An edited file has a new modification
# time (or size) and is parsed again; the parsed mapping is only read, never changed.
_parsed: dict[Path, tuple[tuple[int, int], Any]] = {}


def _front_matter(path: Path, shown: str) -> Any:
    stat = path.stat()
    stamp = (stat.st_mtime_ns, stat.st_size)
    cached = _parsed.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    meta, _ = read_front_matter(yamlfile.read_text(path, shown), shown)
    _parsed[path] = (stamp, meta)
    return meta


def scan(docs_dir: Path, data: SiteData, root: Path | None = None) -> ContentIndex:
    """Read and validate the front matter of every page; raise on problems."""
    root = root or docs_dir.parent
    problems: list[Problem] = []
    index = ContentIndex()
    seen_urls: dict[str, str] = {}
    for top in sorted(docs_dir.iterdir()):
        if top.name not in ROOT_ALLOWED and top.name not in CODES and not top.name.startswith("."):
            message = f"'{top.name}' is not a site language folder (expected {', '.join(CODES)})"
            stray = sorted(top.rglob("*.md")) if top.is_dir() else [top]
            for path in stray or [top]:
                problems.append(Problem(_shown(path, root), message + (f"; move it into {' or '.join(f'{docs_dir.name}/{c}/' for c in CODES)}" if path.suffix == ".md" else "")))
    outside = links_out_of(docs_dir)
    problems.extend(Problem(_shown(path, root), f"is a link to {os.path.realpath(path)}, outside {docs_dir.name}/; "
                            "links are not followed out of it: put the file itself here") for path in outside)
    for path in sorted(docs_dir.rglob("*.md")):
        if any(path == link or link in path.parents for link in outside):
            continue
        src_uri = path.relative_to(docs_dir).as_posix()
        lang = language_of(src_uri)
        if lang is None:
            continue
        shown = _shown(path, root)
        try:
            meta = _front_matter(path, shown)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        key = src_uri.split("/", 1)[1]
        kind = kind_of(key)
        if kind != "page" and not meta and getattr(meta, "line", 0) == 0:
            required = ", ".join(k for k in SCHEMAS[kind].fields if k not in SCHEMAS[kind].optional)
            problems.append(Problem(shown, f"has no front matter: a {kind} page starts with its fields ({required}) between "
                                    f"two '---' lines; 'mangfold new {kind}' writes them for you"))
            continue
        ctx = s.Context(shown, problems, data.entries, entry=None)
        value = SCHEMAS[kind].check(meta, ctx, "", 1)
        if value is None:
            continue
        if kind == "tool" and PurePosixPath(key).stem not in data.entries.get("tools", {}):
            problems.append(Problem(shown, s.unknown_id_message("tools", PurePosixPath(key).stem, data.entries.get("tools", {})) + "; a tool page is named after its id in data/tools.yml"))
        info = PageInfo(src_uri, lang, key, kind, value, path.stat().st_mtime)
        folded = info.url.lower()
        if folded in seen_urls:
            problems.append(Problem(shown, f"has the same address /{info.url} as {seen_urls[folded]}; rename one of them"))
        seen_urls[folded] = shown
        index.pages[src_uri] = info
    for tool_id, tool in data.entries.get("tools", {}).items():
        sheet = tool.get("worksheet")
        if sheet and not inside(docs_dir / sheet, docs_dir):
            problems.append(Problem("data/tools.yml", f"'{sheet}' is outside {docs_dir.name}/; give a path inside it, e.g. assets/worksheets/{tool_id}.docx",
                                    entry=f"tool '{tool_id}'", field="worksheet"))
        elif sheet and not (docs_dir / sheet).is_file():
            problems.append(Problem("data/tools.yml", f"no such file {docs_dir.name}/{sheet}; put the worksheet there or correct the path",
                                    entry=f"tool '{tool_id}'", field="worksheet"))
    if problems:
        raise ContentError(problems)
    return index
