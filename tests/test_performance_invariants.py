"""What keeps the build fast as the site grows, checked without timing anything.

The timings live in bench/ (bench/run.py): a timed assertion would fail on a
busy machine for no fault of the code. These tests check the properties the
timings rest on: data read once per build, the case list made once per
language rather than once per tool page, and `mkdocs serve --dirty` rendering
only what an edit changed, but everything when front matter changed.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

from conftest import ROOT, build_env
from mangfold import components
from mangfold.cli import project as projects
from mangfold.core import content_index

DATA_READ = re.compile(r"mangfold: read data file (\S+)")


def test_every_data_file_is_read_once_per_build(project_copy: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--verbose", "--site-dir", str(project_copy / "site")],
        cwd=project_copy, capture_output=True, text=True, timeout=600,
        env=build_env(MANGFOLD_SEARCH_INDEX="false"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    reads = DATA_READ.findall(result.stdout + result.stderr)
    pages = len(list((project_copy / "site").rglob("index.html")))
    assert {"data/tools.yml", "data/taxonomy.yml", "data/strings/da.yml"} <= set(reads)
    assert pages > 5 * len(reads), "the site should have many more pages than data files"
    assert len(reads) == len(set(reads)), f"a data file read more than once per build: {sorted(reads)}"


class CountingPages(dict):
    """The content index's pages, counting how often all of them are walked."""

    walks = 0

    def values(self):  # type: ignore[override]
        CountingPages.walks += 1
        return super().values()


def test_case_list_is_made_once_per_language_not_once_per_tool_page() -> None:
    from mangfold.components import cases, tools as tool_blocks

    site = projects.open_site(projects.load(ROOT))
    site.index.pages = CountingPages(site.index.pages)
    site.index._keys = None
    CountingPages.walks = 0
    tools = list(site.data.entries["tools"])
    assert len(tools) > 3
    for lang in ("da", "no", "sv"):
        for tool in tools:
            tool_blocks.tool_facts(site.page(lang, f"{lang}/tools/{tool}/"), tool)
        cases.case_list(site.page(lang, f"{lang}/cases/"))
    # Once per language for its cases, once for the index of pages by key.
    assert CountingPages.walks <= 3 + 1, f"all pages walked {CountingPages.walks} times for {3 * len(tools)} fact boxes"


def test_front_matter_edited_between_scans_is_read_again(project_copy: Path) -> None:
    project = projects.load(project_copy)
    site = projects.open_site(project)
    cache = content_index.FrontMatterCache()  # kept between scans, as under `mkdocs serve`

    def scan():
        return content_index.scan(project.docs_dir, site.data, project.root, project.languages,
                                  components.default().page_kinds, cache)

    page = next((project_copy / "content" / "da" / "tools").glob("[a-z]*-*.md"))
    key = f"da/tools/{page.name}"
    before = scan().pages[key].meta["title"]
    page.write_text(page.read_text(encoding="utf-8").replace(f"title: {before}", "title: Ny titel", 1), encoding="utf-8")
    after = scan().pages[key].meta["title"]
    assert after == "Ny titel" != before


# Drives MkDocs as `mkdocs serve --dirty` does (one process, the plugin kept
# across rebuilds, build(dirty=True) after each save), without a server.
SERVE_DIRTY = textwrap.dedent('''
    import json, sys, time
    from pathlib import Path
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    site = Path(sys.argv[1])
    case = Path("content/da/cases") / sys.argv[2]
    def rebuild(startup=False):
        config = load_config("mkdocs.yml", site_dir=str(site), strict=False)
        if startup:
            config.plugins.on_startup(command="serve", dirty=True)
        config.site_url = "http://127.0.0.1:8000/"
        build(config, serve_url=config.site_url, dirty=True)
        return config
    def stamps():
        return {str(p.relative_to(site)): p.stat().st_mtime_ns for p in site.rglob("index.html")}

    first = rebuild(startup=True)
    plugin = first.plugins["mangfold"]
    plugin.wait_for_search_index(timeout=300)
    out = {"search_index": (site / "pagefind" / "pagefind-entry.json").exists()}

    time.sleep(0.05)
    before = stamps()
    case.write_text(case.read_text(encoding="utf-8") + "\\nEn ny sætning i brødteksten.\\n", encoding="utf-8")
    rebuild()
    after = stamps()
    out["body_edit_rendered"] = sorted(k for k in after if after[k] != before.get(k))

    time.sleep(0.05)
    before = after
    text = case.read_text(encoding="utf-8")
    case.write_text(text.replace("title: ", "title: Omdøbt ", 1), encoding="utf-8")
    rebuild()
    after = stamps()
    out["title_edit_rendered"] = len([k for k in after if after[k] != before.get(k)])
    out["pages"] = len(after)
    out["case_index"] = (site / "da" / "cases" / "index.html").read_text(encoding="utf-8")
    first.plugins.on_shutdown()
    print("RESULT" + json.dumps(out))
''')


def test_serve_dirty_renders_the_edited_page_alone_and_everything_after_a_front_matter_edit(project_copy: Path) -> None:
    case = next(p.name for p in sorted((project_copy / "content" / "da" / "cases").glob("*.md")) if p.name != "index.md")
    result = subprocess.run(
        [sys.executable, "-c", SERVE_DIRTY, str(project_copy / "served"), case],
        cwd=project_copy, capture_output=True, text=True, timeout=600,
        env=build_env(),
    )
    assert "RESULT" in result.stdout, result.stdout[-3000:] + result.stderr[-3000:]
    out = __import__("json").loads(result.stdout.split("RESULT", 1)[1])
    slug = case[: -len(".md")]
    assert out["search_index"], "under serve Pagefind runs in the background, but it still runs"
    # The edited page, and the other languages' fallback copies of it if it has any; nothing else.
    assert f"da/cases/{slug}/index.html" in out["body_edit_rendered"]
    assert all(path.endswith(f"cases/{slug}/index.html") for path in out["body_edit_rendered"]), out["body_edit_rendered"]
    # A new title shows on other pages (the case index), so every page is rendered again.
    assert out["title_edit_rendered"] == out["pages"]
    assert "Omdøbt " in out["case_index"]
