"""Index the Markdown pages under content/ by their front matter.

Read once per build (the MkDocs plugin calls ``scan`` in ``on_files``), so
the case index, a tool's "used in" list and the language switcher never
open a file again. The folder decides a page's kind: the components
declare which folders have pages of their own (``<lang>/cases/*.md`` is a
local experience, ``<lang>/tools/<id>.md`` the page of the tool ``<id>``);
everything else is an ordinary page.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Protocol

from . import schema as s
from . import yamlfile
from .data import SiteData
from .errors import ContentError, Msg, Problem
from .languages import Languages
from .paths import links_out_of, shown as _shown

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
# Page templates an editor may choose; a template renders outside the
# content's checks, so it cannot be any template of the theme.
PAGE_TEMPLATES = ("search.html", "chooser.html")


def generic_fields(languages: Languages) -> dict[str, s.Type]:
    """Fields MkDocs, Material and Mangfold understand on any page."""
    return {
        "title": s.Str(),
        "description": s.Str(),
        "template": s.Choice(*PAGE_TEMPLATES),
        "render_macros": s.Bool(),
        "hide": s.ListOf(s.Choice("navigation", "toc", "footer", "path", "tags", "feedback")),
        "search": s.Record({"exclude": s.Bool()}, optional=("exclude",)),
        "source_language": s.Choice(*languages.codes),
        "source": s.Str(),
        # The source's own date; "undated" where the source gives none (said on the page).
        "source_date": s.DateOrUndated(),
        # When the page was last read against its sources and the other languages.
        "reviewed": s.Date(),
        # The language versions follow their own country's rules (e.g. an accessibility
        # statement), so they may be built differently: no drift warnings.
        "own_structure": s.Bool(),
    }


class PageKind(Protocol):
    name: str
    folder: str
    fields: dict[str, s.Type]
    required: tuple[str, ...]
    named_after: str | None


def schemas(page_kinds: Iterable[PageKind], languages: Languages) -> dict[str, s.Record]:
    """The front-matter schema of each kind of page ("page" for ordinary ones)."""
    generic = generic_fields(languages)
    result = {"page": s.Record(generic, optional=tuple(generic))}
    for kind in page_kinds:
        merged = {**generic, **kind.fields}
        result[kind.name] = s.Record(merged, optional=tuple(k for k in merged if k not in kind.required))
    return result


class FrontMatterCache:
    """Pages read and their front matter parsed, kept for one check or across the rebuilds of one `mkdocs serve`.

    Parsing every page's YAML was the larger part of a rebuild at a few
    hundred pages, and a check reads each page more than once. An edited
    file has a new modification time (or size) and is read again; what is
    kept is only read, never changed."""

    def __init__(self) -> None:
        self._pages: dict[Path, tuple[tuple[int, int], str, Any, int]] = {}

    def page(self, path: Path, shown: str) -> tuple[str, Any, int]:
        """The page's text, its front matter, and the line its body starts on."""
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        cached = self._pages.get(path)
        if cached is not None and cached[0] == stamp:
            return cached[1], cached[2], cached[3]
        text = yamlfile.read_text(path, shown)
        meta, body_line = read_front_matter(text, shown)
        self._pages[path] = (stamp, text, meta, body_line)
        return text, meta, body_line

    def read(self, path: Path, shown: str) -> Any:
        return self.page(path, shown)[1]


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
    _keys: tuple[int, dict[str, list[PageInfo]]] | None = field(default=None, repr=False, compare=False)

    def get(self, lang: str, key: str) -> PageInfo | None:
        return self.pages.get(f"{lang}/{key}")

    def of_kind(self, kind: str, lang: str) -> list[PageInfo]:
        return [p for p in self.pages.values() if p.kind == kind and p.lang == lang]

    def versions(self, key: str) -> dict[str, PageInfo]:
        """The page's existing language versions, by language code."""
        return {p.lang: p for p in self._by_key().get(key, ())}

    def _by_key(self) -> dict[str, list[PageInfo]]:
        if self._keys is None or self._keys[0] != len(self.pages):
            grouped: dict[str, list[PageInfo]] = {}
            for page in self.pages.values():
                grouped.setdefault(page.key, []).append(page)
            self._keys = (len(self.pages), grouped)
        return self._keys[1]

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
        raise ContentError([Problem(shown, Msg("front_matter_shape"), line=2)])
    return meta, text.count("\n", 0, match.end()) + 1


def kind_of(key: str, page_kinds: Iterable[PageKind]) -> str:
    """A page's kind from its path inside a language folder: 'cases/x.md' -> 'case'."""
    parts = PurePosixPath(key).parts
    if len(parts) == 2 and parts[1] != "index.md":
        return next((k.name for k in page_kinds if k.folder == parts[0]), "page")
    return "page"


def scan(docs_dir: Path, data: SiteData, root: Path, languages: Languages, page_kinds: Iterable[PageKind],
         cache: FrontMatterCache | None = None) -> ContentIndex:
    """Read and validate the front matter of every page; raise on problems."""
    page_kinds = list(page_kinds)
    cache = cache or FrontMatterCache()
    kinds_schema = schemas(page_kinds, languages)
    codes = languages.codes
    problems: list[Problem] = []
    index = ContentIndex()
    seen_urls: dict[str, str] = {}
    for top in sorted(docs_dir.iterdir()):
        if top.name not in ("index.md", "assets") and top.name not in codes and not top.name.startswith("."):
            stray = sorted(top.rglob("*.md")) if top.is_dir() else [top]
            for path in stray or [top]:
                move = Msg("index_move_into", {"folders": " or ".join(f"{docs_dir.name}/{c}/" for c in codes)}) if path.suffix == ".md" else ""
                problems.append(Problem(_shown(path, root), Msg("index_not_a_language", {"name": top.name, "codes": ", ".join(codes), "move": move})))
    outside = links_out_of(docs_dir)
    problems.extend(Problem(_shown(path, root), Msg("link_outside_folder", {"target": os.path.realpath(path), "folder": docs_dir.name}))
                    for path in outside)
    for path in sorted(docs_dir.rglob("*.md")):
        if any(path == link or link in path.parents for link in outside):
            continue
        src_uri = path.relative_to(docs_dir).as_posix()
        lang = languages.of_path(src_uri)
        if lang is None:
            continue
        shown = _shown(path, root)
        try:
            meta = cache.read(path, shown)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        key = src_uri.split("/", 1)[1]
        kind = kind_of(key, page_kinds)
        schema = kinds_schema[kind]
        if kind != "page" and not meta and getattr(meta, "line", 0) == 0:
            required = ", ".join(k for k in schema.fields if k not in schema.optional)
            problems.append(Problem(shown, Msg("index_no_front_matter", {"kind": kind, "fields": required})))
            continue
        ctx = s.Context(shown, problems, data.entries, entry=None, languages=languages)
        value = schema.check(meta, ctx, "", 1)
        if value is None:
            continue
        named_after = next((k.named_after for k in page_kinds if k.name == kind), None)
        if named_after and PurePosixPath(key).stem not in data.entries.get(named_after, {}):
            known = data.entries.get(named_after, {})
            problems.append(Problem(shown, Msg("index_named_after", {"unknown": s.unknown_id_message(named_after, PurePosixPath(key).stem, known),
                                                                      "kind": kind})))
        info = PageInfo(src_uri, lang, key, kind, value, path.stat().st_mtime)
        folded = info.url.lower()
        if folded in seen_urls:
            problems.append(Problem(shown, Msg("index_same_address", {"url": info.url, "other": seen_urls[folded]})))
        seen_urls[folded] = shown
        index.pages[src_uri] = info
    if problems:
        raise ContentError(problems)
    return index
