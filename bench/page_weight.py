"""What a reader's browser downloads: a tool page, and a first search.

Serves a built site on 127.0.0.1, opens pages in Debian's Chromium through
Playwright (a fresh profile each time, so nothing comes from a cache), and
records every response. Sizes are gzip-compressed bytes (level 6, what a
static host sends); Pagefind's index files are compressed already and count
as they are.

    .venv/bin/python bench/page_weight.py --site site [--lang da] [--query ledelse]

Reports:
- tool page: every file it loads when it opens, and their compressed total;
- search: that the tool page loads nothing of search; what the search page
  loads before a query; what a first query adds; and whether any file of
  another language's index was fetched.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localserver import serve  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HTML_LANG = {"da": "da", "no": "nb", "sv": "sv"}
QUERIES = {"da": "ledelse", "no": "ledelse", "sv": "ledarskap"}
# Pagefind's per-language files: pagefind.<lang>_<hash>.pf_meta, wasm.<lang>.pagefind,
# index/<lang>_<hash>.pf_index, fragment/<lang>_<hash>.pf_fragment.
LANG_FILE = re.compile(r"/pagefind/(?:pagefind\.|wasm\.|index/|fragment/)([a-z]+)[._]")


@dataclass
class Loaded:
    path: str
    kind: str
    raw: int
    compressed: int


def _compressed(path: str, body: bytes) -> int:
    if "/pagefind/" in path and path.endswith((".pf_meta", ".pf_index", ".pf_fragment", ".pagefind")):
        return len(body)  # Pagefind gzips these itself
    if path.endswith((".png", ".jpg", ".jpeg", ".webp", ".woff2", ".gz")):
        return len(body)
    return len(gzip.compress(body, compresslevel=6))


def _collect(responses: list, base: str) -> list[Loaded]:
    loaded = []
    for response in responses:
        if response.status >= 300 and response.status < 400:
            continue
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 - a response without a body (e.g. aborted)
            body = b""
        url = response.url
        path = urlparse(url).path if url.startswith(base) else url
        loaded.append(Loaded(path, response.request.resource_type, len(body), _compressed(path, body)))
    return loaded


def _total(items: list[Loaded]) -> int:
    return sum(i.compressed for i in items)


def measure(site_dir: Path, tool_url: str = "da/tools/gap-analysis/", lang: str = "da", query: str | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    query = query or QUERIES.get(lang, "ledelse")
    result: dict = {}
    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # 1. A tool page, as a reader opens it.
            context = browser.new_context()
            page = context.new_page()
            responses: list = []
            page.on("response", lambda r: responses.append(r))
            page.goto(base + tool_url, wait_until="networkidle")
            page.wait_for_timeout(500)
            tool = _collect(responses, base)
            context.close()
            result["tool_page"] = {
                "url": "/" + tool_url,
                "files": [asdict(i) for i in tool],
                "compressed": _total(tool),
                "raw": sum(i.raw for i in tool),
                "search_files": [i.path for i in tool if "/pagefind/" in i.path],
            }

            # 2. The search page: what it loads when it opens, then for a first query.
            context = browser.new_context()
            page = context.new_page()
            responses = []
            page.on("response", lambda r: responses.append(r))
            page.goto(f"{base}{lang}/search/", wait_until="networkidle")
            page.wait_for_timeout(500)
            opened = _collect(responses, base)
            responses.clear()
            box = page.locator(".pagefind-ui__search-input")
            box.click()
            box.type(query, delay=60)
            page.wait_for_selector(".pagefind-ui__result", timeout=15000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(800)
            results = page.locator(".pagefind-ui__result").count()
            queried = _collect(responses, base)
            context.close()
        finally:
            browser.close()

    search_opened = [i for i in opened if "/pagefind/" in i.path]
    everything = search_opened + queried
    languages = sorted({m.group(1) for i in everything if (m := LANG_FILE.search(i.path))})
    result["search"] = {
        "lang": lang,
        "query": query,
        "results_shown": results,
        "on_open_files": [asdict(i) for i in search_opened],
        "on_open_compressed": _total(search_opened),
        "index_files_before_query": [i.path for i in search_opened if LANG_FILE.search(i.path)],
        "first_query_files": [asdict(i) for i in queried],
        "first_query_compressed": _total(queried),
        "search_compressed": _total(everything),
        "index_languages": languages,
        "only_reader_language": languages == [HTML_LANG[lang]],
    }
    return result


def report(result: dict) -> str:
    tool = result["tool_page"]
    search = result["search"]
    kb = lambda n: f"{n / 1024:.1f} KB"  # noqa: E731
    lines = [f"Tool page {tool['url']}: {len(tool['files'])} files, {kb(tool['compressed'])} compressed ({kb(tool['raw'])} uncompressed)"]
    for item in sorted(tool["files"], key=lambda i: -i["compressed"]):
        lines.append(f"    {kb(item['compressed']):>10}  {item['kind']:<10} {item['path']}")
    lines.append(f"  search files loaded by the tool page: {len(tool['search_files'])}")
    lines.append(f"Search page /{search['lang']}/search/ on open: {len(search['on_open_files'])} search files, {kb(search['on_open_compressed'])}; "
                 f"index files before a query: {len(search['index_files_before_query'])}")
    lines.append(f"First query '{search['query']}' ({search['results_shown']} results shown): {len(search['first_query_files'])} files, {kb(search['first_query_compressed'])}")
    for item in sorted(search["first_query_files"], key=lambda i: -i["compressed"]):
        lines.append(f"    {kb(item['compressed']):>10}  {item['path']}")
    lines.append(f"Search total (UI + engine + index + results): {kb(search['search_compressed'])}; index languages fetched: {', '.join(search['index_languages'])}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--tool", default="da/tools/gap-analysis/", help="tool page URL, relative to the site root")
    parser.add_argument("--lang", default="da", choices=sorted(HTML_LANG))
    parser.add_argument("--query")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args()
    result = measure(args.site, args.tool, args.lang, args.query)
    print(report(result))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
