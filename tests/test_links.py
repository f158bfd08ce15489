"""No broken internal link or anchor anywhere in the built site.

Every built HTML page (the root chooser and the 404 pages too) is parsed with
html.parser; every href and src that stays on the site is resolved the way a
browser would, and must name a file that exists, and an id that exists on
that page when it has a #fragment. A 404 page is shown at whatever address
was missing, so its links must not be relative at all.
"""

from __future__ import annotations

import os
import re
from collections import defaultdict
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from conftest import Site

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")  # mkdocs.yml's default
BASE = urlsplit(SITE_URL).path or "/"
ORIGIN = "http://site.invalid"  # stands in for the host while resolving
LINK_ATTRIBUTES = {
    "a": ("href",), "area": ("href",), "link": ("href",), "img": ("src",), "script": ("src",),
    "iframe": ("src",), "source": ("src",), "video": ("src", "poster"), "audio": ("src",),
    "form": ("action",), "use": ("href",),
}
NOT_LINKS = ("mailto:", "tel:", "javascript:", "data:", "sms:")


class Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[tuple[str, str, int]] = []  # tag, value, line

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if found.get("id"):
            self.ids.add(found["id"])
        if tag == "a" and found.get("name"):
            self.ids.add(found["name"])
        for attribute in LINK_ATTRIBUTES.get(tag, ()):
            value = found.get(attribute)
            if value is not None and not (tag == "link" and found.get("rel") in ("preconnect", "dns-prefetch")):
                self.links.append((tag, value.strip(), self.getpos()[0]))


@cache
def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def served_path(site: Site, page: Path) -> str:
    """The address a page is served at: /da/tools/ for da/tools/index.html."""
    return BASE + site.url_of(page)


def is_not_found_page(site: Site, page: Path) -> bool:
    return page.name == "404.html"


def target_file(site: Site, path: str) -> Path | None:
    """The file a site path is served from, or None when it is outside the site."""
    if not path.startswith(BASE):
        return None
    rel = unquote(path[len(BASE):])
    target = site.root / rel
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    return target


def internal(value: str, here: str) -> str | None:
    """The resolved URL of a link that stays on the site, else None."""
    if not value or value.startswith(NOT_LINKS):
        return None
    if value.startswith(SITE_URL):
        value = BASE + value[len(SITE_URL):]
    parts = urlsplit(value)
    if parts.scheme or parts.netloc:
        return None  # another site; not followed here
    return urljoin(ORIGIN + here, value)[len(ORIGIN):]


def check_site(site: Site) -> tuple[list[str], int, int]:
    problems: list[str] = []
    checked = external = 0
    for page in site.pages():
        here = served_path(site, page)
        for tag, value, line in parse(page).links:
            resolved = internal(value, here)
            if resolved is None:
                external += value.startswith(("http://", "https://", "//"))
                continue
            checked += 1
            where = f"/{site.url_of(page)}:{line} <{tag}> {value!r}"
            if is_not_found_page(site, page) and not value.startswith(("/", "#", SITE_URL)):
                problems.append(f"{where}: relative link on a 404 page breaks at deeper addresses")
                continue
            parts = urlsplit(resolved)
            target = target_file(site, parts.path) if parts.path else page
            if target is None or not target.is_file():
                problems.append(f"{where}: no file for {parts.path}")
                continue
            fragment = unquote(parts.fragment)
            if fragment and (target.suffix != ".html" or fragment not in parse(target).ids):
                problems.append(f"{where}: no id {fragment!r} in /{site.url_of(target)}")
    return problems, checked, external


def test_no_broken_internal_link_or_anchor(site: Site) -> None:
    pages = site.pages()
    assert site.root / "index.html" in pages and site.root / "404.html" in pages
    problems, checked, _ = check_site(site)
    assert checked > 20 * len(pages), f"only {checked} links checked on {len(pages)} pages"
    grouped: dict[str, list[str]] = defaultdict(list)
    for problem in problems:
        where, _, what = problem.partition(": ")
        grouped[what].append(where)
    report = "\n".join(f"{what}\n    {' | '.join(wheres[:5])}{' ...' if len(wheres) > 5 else ''}" for what, wheres in grouped.items())
    print(f"links: {checked} internal links checked on {len(pages)} pages, {len(problems)} broken")
    assert not problems, f"{len(problems)} broken links of {checked} on {len(pages)} pages:\n{report}"


def test_sitemap_lists_only_pages_that_exist(site: Site) -> None:
    sitemap = site.root / "sitemap.xml"
    if not sitemap.is_file():
        pytest.skip("no sitemap.xml in this build")
    urls = re.findall(r"<loc>([^<]+)</loc>|href=\"([^\"]+)\"", sitemap.read_text(encoding="utf-8"))
    urls = [a or b for a, b in urls]
    assert urls
    missing = []
    for url in urls:
        target = target_file(site, BASE + url[len(SITE_URL):]) if url.startswith(SITE_URL) else None
        if target is None or not target.is_file():
            missing.append(url)
    assert not missing, missing


def test_the_checker_finds_a_broken_link_and_anchor(site: Site, tmp_path: Path) -> None:
    """The check itself can fail: a copy of the site with one bad link and one bad anchor."""
    import shutil

    copy = Site(tmp_path / "site", site.log)
    shutil.copytree(site.root, copy.root, ignore=shutil.ignore_patterns("pagefind"))
    page = copy.root / "da" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("</article>", '<a href="tools/no-such-tool/">x</a><a href="tools/#no-such-id">y</a></article>', 1), encoding="utf-8")
    parse.cache_clear()
    problems, _, _ = check_site(copy)
    parse.cache_clear()
    assert any("no file for /da/tools/no-such-tool/" in p for p in problems), problems
    assert any("no id 'no-such-id'" in p for p in problems), problems
