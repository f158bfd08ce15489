"""``mangfold translations``: which page exists in which language, and which is outdated.

A page is the same relative path in each language folder (``cases/x.md``).
For each page this lists the languages it is written in and those it is
missing in (the site shows another language's text there, with a notice),
and which translations are older than their source.

The *source* of a page is its version in the language its front matter names
in ``source_language`` if that version exists, otherwise the version that was
written first. A translation is *outdated* when the source changed after the
translation last did. "Changed" is the time of the last git commit that
touched the file (a file with uncommitted changes, or outside git: the time it
was last saved); "written first" is the first commit that added it.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from ..core import content_index, yamlfile
from ..core.errors import ContentError

from .project import Project


@dataclass
class Version:
    lang: str
    path: Path
    changed: float   # last change (commit time, or mtime when uncommitted)
    created: float   # first commit that added it (or mtime)
    source_language: str | None


@dataclass
class PageStatus:
    key: str
    versions: dict[str, Version]
    source: str
    missing: list[str] = field(default_factory=list)
    outdated: list[str] = field(default_factory=list)


def report(project: Project) -> list[PageStatus]:
    times = FileTimes(project.root)
    pages: dict[str, dict[str, Version]] = {}
    codes = project.languages.codes
    for code in codes:
        folder = project.docs_dir / code
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.md")):
            key = path.relative_to(folder).as_posix()
            changed, created = times.of(path)
            pages.setdefault(key, {})[code] = Version(code, path, changed, created, _source_language(path, codes))
    result = []
    for key in sorted(pages):
        versions = pages[key]
        named = {v.source_language for v in versions.values()} - {None}
        source = next((c for c in codes if c in named and c in versions), None)
        if source is None:
            source = min(versions.values(), key=lambda v: (v.created, codes.index(v.lang))).lang
        status = PageStatus(key, versions, source)
        status.missing = [c for c in codes if c not in versions]
        status.outdated = [
            c for c, v in versions.items() if c != source and v.changed < versions[source].changed
        ]
        result.append(status)
    return result


def _source_language(path: Path, codes: tuple[str, ...]) -> str | None:
    try:
        meta, _ = content_index.read_front_matter(yamlfile.read_text(path, path.name), path.name)
    except ContentError:
        return None
    value = meta.get("source_language")
    return value if value in codes else None


class FileTimes:
    """Last-change and first-commit time of files, from one `git log` (mtime outside git)."""

    def __init__(self, root: Path) -> None:
        self.changed: dict[Path, float] = {}
        self.created: dict[Path, float] = {}
        self.dirty: set[Path] = set()
        self.in_git = False
        try:
            top = subprocess.run(["git", "-C", str(root), "rev-parse", "--show-toplevel"],
                                 capture_output=True, text=True, check=True).stdout.strip()
        except (OSError, subprocess.CalledProcessError):
            return
        self.in_git = True
        top_path = Path(top).resolve()
        log = subprocess.run(["git", "-C", top, "log", "--format=%x00%ct", "--name-only", "--no-renames", "--", str(root.resolve())],
                             capture_output=True, text=True).stdout
        when = 0.0
        for line in log.splitlines():
            if line.startswith("\x00"):
                when = float(line[1:])
            elif line.strip():
                path = top_path / line.strip()
                self.changed.setdefault(path, when)  # newest commit comes first
                self.created[path] = when            # the last one seen is the oldest
        status = subprocess.run(["git", "-C", top, "status", "--porcelain", "-z", "--no-renames", "--untracked-files=all", "--", str(root.resolve())],
                                capture_output=True, text=True).stdout
        for item in status.split("\x00"):
            if len(item) > 3:
                self.dirty.add(top_path / item[3:])

    def of(self, path: Path) -> tuple[float, float]:
        path = path.resolve()
        mtime = path.stat().st_mtime
        if not self.in_git or path in self.dirty or path not in self.changed:
            return mtime, self.created.get(path, mtime)
        return self.changed[path], self.created[path]


def when(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds).strftime("%Y-%m-%d %H:%M:%S")


def data_gaps(project: Project) -> list:
    """Texts in data/ that a language lacks (the site shows another language's there)."""
    from .. import components
    from ..core import data as site_data

    try:
        data = site_data.load(project.data_dir, project.root, components.default().kinds, project.languages, project.docs_dir)
    except ContentError as exc:
        data = exc.partial if isinstance(exc.partial, site_data.SiteData) else site_data.SiteData()
    return list(data.untranslated)


@dataclass
class Drift:
    """Where one language's version of a page is built differently from another's."""

    key: str
    what: str                   # "sections", "numbered steps", "building blocks", or a front-matter field
    values: dict[str, object]   # language -> what it has


HEADING = re.compile(r"^##\s+\S", re.MULTILINE)
STEP = re.compile(r"^\s{0,3}\d+[.)]\s+\S", re.MULTILINE)
BLOCK = re.compile(r"\{\{\s*([a-z_]+\([^}]*\))\s*\}\}")
# Front-matter fields that must be the same in every language (text fields are translated; these are facts).
SAME_FIELDS = ("themes", "tools", "contacts", "films", "country", "year", "source_date", "template")


def drift(project: Project, pages_read: content_index.FrontMatterCache | None = None) -> list[Drift]:
    """Structural differences between the language versions of each page."""
    pages_read = pages_read or content_index.FrontMatterCache()
    pages: dict[str, dict[str, tuple[dict, str]]] = {}
    for code in project.languages.codes:
        folder = project.docs_dir / code
        for path in sorted(folder.rglob("*.md")) if folder.is_dir() else []:
            try:
                text, meta, body_line = pages_read.page(path, project.shown(path))
            except (ContentError, OSError):
                continue
            body = text.split("\n", body_line - 1)[-1] if body_line > 1 else text
            pages.setdefault(path.relative_to(folder).as_posix(), {})[code] = (dict(meta), _without_code(body))
    found = []
    for key in sorted(pages):
        versions = pages[key]
        if len(versions) < 2 or any(meta.get("own_structure") is True for meta, _ in versions.values()):
            continue  # own_structure: the versions follow each country's rules (an accessibility statement)
        measures: dict[str, dict[str, object]] = {
            "sections": {c: len(HEADING.findall(body)) for c, (_, body) in versions.items()},
            "numbered steps": {c: len(STEP.findall(body)) for c, (_, body) in versions.items()},
            "building blocks": {c: sorted(" ".join(b.split()) for b in BLOCK.findall(body)) for c, (_, body) in versions.items()},
        }
        for name in SAME_FIELDS:
            values = {c: _plain(meta.get(name)) for c, (meta, _) in versions.items()}
            if any(v is not None for v in values.values()):
                measures[name] = values
        for what, values in measures.items():
            if len({repr(v) for v in values.values()}) > 1:
                found.append(Drift(key, what, values))
    return found


def _plain(value: object) -> object:
    if isinstance(value, list):
        return sorted(str(v) for v in value)
    return value.isoformat() if hasattr(value, "isoformat") else value


def _without_code(body: str) -> str:
    """The body without fenced code (a numbered line in a code example is not a step)."""
    return re.sub(r"^(`{3,}|~{3,}).*?^\1", "", body, flags=re.MULTILINE | re.DOTALL)
