"""``mangfold check``: every problem a build would stop on, without building.

It runs the build's own validation, so check and build cannot disagree:

- ``macros.data.load``: data/*.yml against their schemas, ids between files;
- ``macros.content_index.scan``: every page's front matter against its kind's
  schema, language folders, duplicate addresses;
- ``macros.calls.parse`` and ``check`` over every page body, as the plugin
  does before mkdocs-macros renders it: macro syntax, unknown names, ids.

and adds what a build only reports without a line number, or not at all:

- links between pages and to files (``[x](../tools/gap-analysis.md)``), with
  the line; MkDocs' strict build fails on them too, but names no line;
- each page's language versions: a page missing in a language is a warning,
  since the site shows another language's text with a notice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import importlib
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import unquote

import markdown as python_markdown

from .. import components
from ..core import content_index, data as site_data, html_policy, pages as editor_pages, yamlfile
from ..core.data import SiteData
from ..core.errors import ContentError, LanguageName, Msg, Problem
from ..core.settings import owner_of
from . import site_macros
from .project import CONFIG_NAME, Project
from .scaffold import HINT_MARK

FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1", re.DOTALL)
INLINE_LINK = re.compile(r"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(<[^>]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^)]*\)))?\s*\)")
REFERENCE = re.compile(r"^[ \t]{0,3}\[[^\]]+\]:[ \t]*(<[^>]*>|\S+)", re.MULTILINE)
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    pages: int = 0
    entries: int = 0

    @property
    def ok(self) -> bool:
        return not self.problems


def run(project: Project) -> Report:
    report = Report()
    _, owner_problem = owner_of(project.owner)
    if owner_problem:
        report.problems.append(Problem(CONFIG_NAME, owner_problem))
    registry = components.Registry.discover(
        [*components.builtin_modules(), *(importlib.import_module(name) for name in project.components)])
    data = _load_data(project, registry, report)
    _strings(project, report)
    pages_read = content_index.FrontMatterCache()  # each page read and parsed once, for every check below
    _scan(project, registry, data, report, pages_read)
    found = sorted(project.docs_dir.rglob("*.md"))
    report.pages = len(found)
    keys = _keys(project)
    converter = _converter(project)
    blocks = _blocks(project, registry, report)
    for path in found:
        _check_page(project, path, data, keys, report, converter, blocks, pages_read)
    _check_versions(project, keys, report)
    _check_drift(project, report, pages_read)
    today = dt.date.today()
    for kind in registry.kinds:
        if kind.warnings is not None:
            shown = project.shown(project.data_dir / kind.file)
            for problem in kind.warnings(data.entries.get(kind.name, {}), shown, today):
                report.warnings.append(warning(problem))
    for gap in data.untranslated:
        report.warnings.append(warning(Problem(gap.file, Msg("check_text_missing", {"language": _name(project, gap.lang), "code": gap.lang}),
                                               line=gap.line, entry=gap.entry, field=gap.field)))
    report.problems = sorted(_unique(report.problems), key=_place)
    report.warnings = sorted(_unique(report.warnings), key=_place)
    return report


def _load_data(project: Project, registry: components.Registry, report: Report) -> SiteData:
    try:
        data = site_data.load(project.data_dir, project.root, registry.kinds, project.languages, project.docs_dir)
    except ContentError as exc:
        report.problems.extend(exc.problems)
        data = exc.partial if isinstance(exc.partial, SiteData) else SiteData()
    report.entries = sum(len(v) for v in data.entries.values())
    return data


def _strings(project: Project, report: Report) -> None:
    from ..core import strings

    loaded = strings.load(project.data_dir / "strings", project.root, project.languages, report.problems)
    for code, borrowed in loaded.borrowed.items():
        report.warnings.append(warning(Problem(project.shown(project.data_dir / "strings" / f"{code}.yml"), Msg("check_strings_borrowed", {
            "count": len(borrowed), "language": _name(project, code), "fallback": LanguageName(str(project.languages[code].strings_fallback)),
            "keys": ", ".join(sorted(borrowed)[:5]) + (", …" if len(borrowed) > 5 else "")}))))


def _scan(project: Project, registry: components.Registry, data: SiteData, report: Report,
          pages_read: content_index.FrontMatterCache) -> None:
    try:
        content_index.scan(project.docs_dir, data, project.root, project.languages, registry.page_kinds, pages_read)
    except ContentError as exc:
        report.problems.extend(site_data.without_follow_ups(exc.problems, data))


def _blocks(project: Project, registry: components.Registry, report: Report) -> dict[str, Any]:
    """What an editor may call: the components, and the site's own macros."""
    blocks: dict[str, Any] = dict(registry.components)
    shown = project.shown(project.macros_module) if project.macros_module else ""
    macros, problems = site_macros.load(project.macros_module, project.root, shown)
    report.problems.extend(problems)
    for name, function in macros.items():
        blocks.setdefault(name, editor_pages.SiteMacro(name, function))
    return blocks


def _keys(project: Project) -> dict[str, set[str]]:
    """Every page key (path inside a language folder) and the languages it exists in."""
    keys: dict[str, set[str]] = {}
    for code in project.languages.codes:
        folder = project.docs_dir / code
        if folder.is_dir():
            for path in folder.rglob("*.md"):
                keys.setdefault(path.relative_to(folder).as_posix(), set()).add(code)
    return keys


def _converter(project: Project) -> python_markdown.Markdown | None:
    """Markdown with mkdocs.yml's extensions, to judge each page's HTML as the build does."""
    try:
        return python_markdown.Markdown(extensions=[name for name, _ in project.markdown_extensions],
                                        extension_configs={name: options for name, options in project.markdown_extensions if options})
    except Exception:  # a broken extension list: the build itself reports it
        return None


def _check_page(project: Project, path: Path, data: SiteData, keys: dict[str, set[str]], report: Report,
                converter: python_markdown.Markdown | None, blocks: dict[str, Any],
                pages_read: content_index.FrontMatterCache) -> None:
    shown = project.shown(path)
    try:
        text, meta, body_line = pages_read.page(path, shown)
    except ContentError:
        return  # already reported by content_index.scan (same reader)
    body = text.split("\n", body_line - 1)[-1] if body_line > 1 else text
    try:
        parsed = editor_pages.read(body, shown, body_line, blocks, data, meta.get("render_macros") is not False)
    except ContentError as exc:
        report.problems.extend(site_data.without_follow_ups(exc.problems, data))
        parsed = None
    if converter is not None and parsed is not None:
        # The calls' own HTML is the components', not the editor's: a slot word stands in for each.
        editor_markdown = "".join(p if isinstance(p, str) else "mfslot" for p in parsed.pieces)
        converter.reset()
        report.problems.extend(html_policy.problems(converter.convert(editor_markdown), shown, body, body_line))
    hint = body.find(f"<!-- {HINT_MARK}")
    if hint >= 0:
        report.warnings.append(warning(Problem(shown, Msg("check_hints_left"), line=body_line + body.count("\n", 0, hint))))
    src_uri = path.relative_to(project.docs_dir).as_posix()
    for is_warning, problem in _links(project, src_uri, body, body_line, shown, keys):
        (report.warnings if is_warning else report.problems).append(warning(problem) if is_warning else problem)


def _without_code(body: str) -> str:
    """The body with fenced blocks and code spans blanked out (newlines kept)."""
    lines = body.split("\n")
    fence: str | None = None
    for i, line in enumerate(lines):
        match = FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            lines[i] = ""
        elif fence is not None:
            if line.strip().startswith(fence):
                fence = None
            lines[i] = ""
    text = "\n".join(lines)
    return CODE_SPAN.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)


def _links(project: Project, src_uri: str, body: str, body_line: int, shown: str,
           keys: dict[str, set[str]]) -> list[tuple[bool, Problem]]:
    """Each link's problem, and whether it is only a warning."""
    text = _without_code(body)
    found = [(m.start(), m.group(1)) for m in INLINE_LINK.finditer(text)]
    found += [(m.start(), m.group(1)) for m in REFERENCE.finditer(text)]
    problems = []
    for offset, raw in sorted(found):
        line = body_line + text.count("\n", 0, offset)
        target = raw[1:-1] if raw.startswith("<") else raw
        judged = _link_problem(project, src_uri, target, keys)
        if judged is not None:
            is_warning, message = judged
            problems.append((is_warning, Problem(shown, message, line=line, entry=Msg("check_link", {"target": target}))))
    return problems


def _link_problem(project: Project, src_uri: str, target: str, keys: dict[str, set[str]]) -> tuple[bool, Msg] | None:
    """What is wrong with a link from the page src_uri (and whether it is only a warning), or None."""
    if not target or target.startswith("#") or target.startswith("//") or SCHEME.match(target):
        return None  # same page, or another site (http:, https:, mailto:, tel:)
    if "{{" in target or "{%" in target:
        return None  # made by a macro
    path = unquote(target.split("#", 1)[0].split("?", 1)[0])
    if path.startswith("/"):
        return True, Msg("check_link_absolute")
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(src_uri), path))
    if resolved.startswith("../") or resolved == "..":
        return False, Msg("check_link_outside", {"folder": project.docs_dir.name})
    if path.endswith("/") or not PurePosixPath(resolved).suffix:
        candidates = [f"{resolved}.md", f"{resolved}/index.md"]
        better = next((c for c in candidates if _page_exists(project, c, keys)), None)
        tip = f"'{posixpath.relpath(better, posixpath.dirname(src_uri) or '.')}'" if better else Msg("check_link_the_md_file")
        return False, Msg("check_link_web_address", {"tip": tip})
    if resolved.endswith(".md"):
        if _page_exists(project, resolved, keys):
            return None
        return False, _missing(project, src_uri, resolved, keys)
    if (project.docs_dir / resolved).is_file():
        return None
    return False, Msg("check_link_no_file", {"path": f"{project.docs_dir.name}/{resolved}"})


def _page_exists(project: Project, resolved: str, keys: dict[str, set[str]]) -> bool:
    if (project.docs_dir / resolved).is_file():
        return True
    # A page written in another language exists in every language (as a fallback).
    lang = project.languages.of_path(resolved)
    return lang is not None and bool(keys.get(resolved.split("/", 1)[1]))


def _missing(project: Project, src_uri: str, resolved: str, keys: dict[str, set[str]]) -> Msg:
    lang = project.languages.of_path(resolved)
    key = resolved.split("/", 1)[1] if lang else resolved
    # A link that left the language folder (one ../ too many) most likely meant a page in the page's own language.
    lang = lang or project.languages.of_path(src_uri)
    folder = posixpath.dirname(key)
    siblings = {posixpath.basename(k): k for k in keys if posixpath.dirname(k) == folder and not k.endswith("index.md")}
    near = difflib.get_close_matches(posixpath.basename(key), list(siblings), n=1, cutoff=0.6)
    tip: Msg | str = ""
    if near:
        target = f"{lang}/{siblings[near[0]]}" if lang else siblings[near[0]]
        tip = Msg("tip_did_you_mean_one", {"name": posixpath.relpath(target, posixpath.dirname(src_uri) or ".")})
    return Msg("check_link_no_page", {"path": f"{project.docs_dir.name}/{resolved}", "tip": tip})


def _check_versions(project: Project, keys: dict[str, set[str]], report: Report) -> None:
    for key in sorted(keys):
        present = keys[key]
        for code in project.languages.codes:
            if code in present:
                continue
            source = project.languages.pick(code, present)
            report.warnings.append(warning(Problem(f"{project.docs_dir.name}/{code}/{key}", Msg("check_page_missing", {
                "language": _name(project, code), "code": code, "source": _name(project, source),
                "source_file": f"{project.docs_dir.name}/{source}/{key}"}))))


def _check_drift(project: Project, report: Report, pages_read: content_index.FrontMatterCache) -> None:
    """A warning where language versions of a page differ in structure (steps, sections, tags)."""
    from .translations import drift

    for found in drift(project, pages_read):
        counts = ", ".join(f"{code} {_short(value)}" for code, value in found.values.items())
        first = next(iter(found.values))
        report.warnings.append(warning(Problem(f"{project.docs_dir.name}/{first}/{found.key}",
                                               Msg("check_drift", {"what": found.what, "counts": counts}))))


def _short(value: object) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(map(str, value)) + "]"
    return str(value)


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[str] = set()
    result = []
    for problem in problems:
        if str(problem) not in seen:
            seen.add(str(problem))
            result.append(problem)
    return result


def _name(project: Project, code: str) -> LanguageName:
    """A site language, named in the language the message is said in."""
    return LanguageName(code, project.languages[code].html_lang)


def warning(problem: Problem) -> Problem:
    """A problem that does not fail the check: said as "warning: ..."."""
    return Problem(problem.file, Msg("check_warning", {"message": problem.message}), line=problem.line,
                   entry=problem.entry, field=problem.field)


def _place(problem: Problem) -> tuple[str, int]:
    return (problem.file, problem.line or 0)
