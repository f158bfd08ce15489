"""The baseline: plain Material building the same pages, one language, no macros.

From a project copy (with its synthetic pages) this writes a separate MkDocs
project whose docs/ holds one Markdown file for every page the Mangfold build
renders: each language's own pages and, where a language lacks a page, a copy
of the version the fallback would show. Macro calls are removed and the
front matter keeps only the title. mkdocs.yml names the Material theme and
nothing else, so MkDocs' defaults apply (its search plugin included, as in
any plain site).
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from synth import LANGS, strip_macros

FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)

MKDOCS_YML = """\
site_name: Baseline
theme:
  name: material
"""


def _plain(text: str) -> str:
    match = FRONT_MATTER.match(text)
    body = text[match.end():] if match else text
    title = None
    if match:
        meta = yaml.safe_load(match.group(1) or "") or {}
        title = meta.get("title") if isinstance(meta, dict) else None
    head = f"---\ntitle: {yaml.safe_dump(str(title), allow_unicode=True).splitlines()[0]}\n---\n" if title else ""
    return head + strip_macros(body)


def make(project: Path, dest: Path) -> int:
    """Write the baseline project into dest; return its number of Markdown pages."""
    content = project / "content"
    docs = dest / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    (dest / "mkdocs.yml").write_text(MKDOCS_YML, encoding="utf-8")
    keys: dict[str, dict[str, Path]] = {}
    for lang in LANGS:
        folder = content / lang
        if not folder.is_dir():
            continue
        for path in folder.rglob("*.md"):
            keys.setdefault(path.relative_to(folder).as_posix(), {})[lang] = path
    written = 0
    for key, versions in keys.items():
        for lang in LANGS:
            source = versions.get(lang) or next(versions[code] for code in LANGS if code in versions)
            target = docs / lang / key
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(_plain(source.read_text(encoding="utf-8")), encoding="utf-8")
            written += 1
    root_index = content / "index.md"
    if root_index.exists():
        (docs / "index.md").write_text(_plain(root_index.read_text(encoding="utf-8")), encoding="utf-8")
        written += 1
    return written
