"""Publishing: a site built for a subpath works entirely under that subpath.

The site is built once with SITE_URL=http://127.0.0.1:<port>/rolm/ and served
by a small server that knows only /rolm/ (like a host where the toolbox
lives under a path of an existing site): anything outside the prefix is a
404. A crawler starts at /rolm/ and follows every href and src of every HTML
page, every url() in the stylesheets, every sitemap entry, and the search
index through Pagefind's own client; every link must answer 200 and every
#fragment must exist on its page.

Also here: the sitemap and its language alternates, robots.txt, canonical
links, the 404 pages, the same build under ProperDocs, and the Pages workflow.
"""

from __future__ import annotations

import http.server
import json
import os
import posixpath
import re
import shutil
import socket
import subprocess
import threading
import xml.etree.ElementTree as ET
from collections import Counter, deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
import yaml

from browser.harness import send_page
from conftest import BIN, LANGS, ROOT, run_build

PREFIX = "/rolm/"
HTML_LANG = {"da": "da", "no": "nb", "sv": "sv"}
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
MAX_REQUESTS = 5000
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"


# --- the server: the build under /rolm/ and nothing else ----------------------

class PrefixHandler(http.server.SimpleHTTPRequestHandler):
    """Serves `directory` under PREFIX only. A missing page under
    /rolm/<lang>/ gets <lang>/404.html, any other missing page the root
    404.html (as the nginx example in docs/publishing.md does); set
    `per_language_404 = False` for GitHub Pages' behaviour (root 404.html
    everywhere). Outside the prefix: a bare 404."""

    per_language_404 = True

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep test output quiet
        pass

    def _inside(self) -> bool:
        return urlsplit(self.path).path.startswith(PREFIX)

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        if not self._inside():
            super().send_error(404, "outside the site's prefix")
            return
        super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if not self._inside():
            super().send_error(404, "outside the site's prefix")
            return
        super().do_HEAD()

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + urlsplit(path).path[len(PREFIX):])

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        if code != 404 or not self._inside():
            super().send_error(code, message, explain)
            return
        root = Path(self.directory)
        first = urlsplit(self.path).path[len(PREFIX):].split("/", 1)[0]
        page = root / first / "404.html" if self.per_language_404 and first in LANGS else root / "404.html"
        send_page(self, 404, (page if page.is_file() else root / "404.html").read_bytes())


@dataclass
class Served:
    root: Path
    base: str  # http://127.0.0.1:<port>/rolm/
    log: str
    httpd: http.server.ThreadingHTTPServer

    @property
    def origin(self) -> str:
        return self.base[: -len(PREFIX)]

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def pages(self) -> list[str]:
        """The URL of every HTML page the build wrote, 404 pages aside."""
        found = []
        for page in sorted(self.root.rglob("*.html")):
            rel = page.relative_to(self.root).as_posix()
            if rel.startswith("pagefind/") or rel.endswith("404.html"):
                continue
            found.append(self.url(rel[: -len("index.html")] if rel.endswith("index.html") else rel))
        return found


def start_server(root: Path, sock: socket.socket, *, per_language_404: bool = True) -> http.server.ThreadingHTTPServer:
    handler = type("Handler", (PrefixHandler,), {"per_language_404": per_language_404})

    def make(*args, **kwargs):  # type: ignore[no-untyped-def]
        return handler(*args, directory=str(root), **kwargs)

    httpd = http.server.ThreadingHTTPServer(sock.getsockname()[:2], make, bind_and_activate=False)
    httpd.socket.close()
    httpd.socket = sock
    httpd.server_activate()
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, name="publish-server", daemon=True).start()
    return httpd


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    # Take the port first: the build needs the final address in SITE_URL.
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    base = f"http://127.0.0.1:{sock.getsockname()[1]}{PREFIX}"
    out = tmp_path_factory.mktemp("publish") / "site"
    result = run_build(ROOT, out, SITE_URL=base)
    if not result.ok:
        sock.close()
        pytest.fail(f"the site does not build for {base}:\n{result.output}")
    httpd = start_server(out, sock)
    try:
        yield Served(out, base, result.output, httpd)
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- fetching and parsing -------------------------------------------------------

@dataclass
class Response:
    status: int
    url: str
    content_type: str
    body: bytes


def fetch(url: str) -> Response:
    try:
        with urlopen(url, timeout=10) as r:  # noqa: S310 - loopback only
            return Response(r.status, r.geturl(), r.headers.get("Content-Type", ""), r.read())
    except HTTPError as e:
        return Response(e.code, url, e.headers.get("Content-Type", ""), e.read())


class Links(HTMLParser):
    """Every URL an HTML page points to (with the tag and attribute), and its ids."""

    ATTRS = {"href", "src", "srcset", "action", "poster", "data"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.html_lang: str | None = None
        self.canonical: list[str] = []
        self.alternates: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "html":
            self.html_lang = a.get("lang")
        for key in ("id", "name") if tag in ("a",) else ("id",):
            if a.get(key):
                self.ids.add(a[key])
        rel = a.get("rel", "").split()
        if tag == "link" and "canonical" in rel:
            self.canonical.append(a.get("href", ""))
        if tag == "link" and "alternate" in rel and a.get("hreflang"):
            self.alternates.append((a["hreflang"], a.get("href", "")))
        for key, value in a.items():
            if key not in self.ATTRS or not value.strip():
                continue
            if key == "srcset":
                for part in value.split(","):
                    if part.strip():
                        self.refs.append((tag, key, part.split()[0]))
            else:
                self.refs.append((tag, key, value.strip()))

    handle_startendtag = handle_starttag


def parse_html(body: bytes) -> Links:
    parser = Links()
    parser.feed(body.decode("utf-8"))
    return parser


CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)")


def normalise(url: str) -> str:
    """What a browser requests: dot segments removed, fragment dropped."""
    url, _ = urldefrag(url)
    parts = urlsplit(url)
    path = parts.path
    if path:
        trailing = path.endswith(("/", "/.", "/.."))
        path = posixpath.normpath(path)
        if trailing and not path.endswith("/"):
            path += "/"
    return parts._replace(path=path).geturl()


# --- the crawl --------------------------------------------------------------------

@dataclass
class Crawl:
    served: Served
    responses: dict[str, Response] = field(default_factory=dict)
    parsed: dict[str, Links] = field(default_factory=dict)
    referrers: dict[str, set[str]] = field(default_factory=dict)
    fragments: list[tuple[str, str, str]] = field(default_factory=list)  # referrer, target page, fragment
    external: set[str] = field(default_factory=set)
    expected_404: set[str] = field(default_factory=set)
    search_results: dict[str, list[str]] = field(default_factory=dict)

    def broken(self) -> list[str]:
        problems = []
        for url, response in sorted(self.responses.items()):
            wanted = 404 if url in self.expected_404 else 200
            if response.status != wanted:
                refs = ", ".join(sorted(self.referrers.get(url, {"(start)"}))[:3])
                problems.append(f"{response.status} {url}  <- {refs}")
        for referrer, target, fragment in self.fragments:
            page = self.parsed.get(target)
            if page is not None and fragment not in page.ids:
                problems.append(f"missing #{fragment} on {target}  <- {referrer}")
        return problems

    def html_pages(self) -> list[str]:
        return [u for u, r in self.responses.items() if r.status == 200 and r.content_type.startswith("text/html")]


def crawl(served: Served, starts: list[str], expected_404: list[str]) -> Crawl:
    result = Crawl(served, expected_404=set(expected_404))
    queue: deque[str] = deque()

    def add(url: str, referrer: str) -> None:
        url = normalise(url)
        result.referrers.setdefault(url, set()).add(referrer)
        if url not in result.responses and url not in queue:
            queue.append(url)

    for url in starts + expected_404:
        add(url, "(start)")
    while queue:
        assert len(result.responses) < MAX_REQUESTS, "the crawl does not end: too many distinct URLs"
        url = queue.popleft()
        response = fetch(url)
        result.responses[url] = response
        if response.content_type.startswith("text/html"):
            page = parse_html(response.body)
            result.parsed[url] = page
            for _tag, _attr, ref in page.refs:
                follow(result, url, ref, add)
        elif response.content_type.startswith("text/css"):
            for ref in CSS_URL.findall(response.body.decode("utf-8")):
                follow(result, url, ref, add)
        elif url.endswith("sitemap.xml") and response.status == 200:
            for loc in ET.fromstring(response.body).iterfind(".//s:loc", SITEMAP_NS):
                add(loc.text or "", url)
        elif url.endswith("robots.txt") and response.status == 200:
            for line in response.body.decode("utf-8").splitlines():
                if line.lower().startswith("sitemap:"):
                    add(line.split(":", 1)[1].strip(), url)
    return result


def follow(result: Crawl, page: str, ref: str, add) -> None:  # type: ignore[no-untyped-def]
    if ref.startswith(("mailto:", "tel:", "data:", "javascript:", "blob:")):
        return
    target = urljoin(page, ref)
    if urlsplit(target).scheme not in ("http", "https"):
        return
    if not target.startswith(result.served.origin + "/"):
        result.external.add(target)
        return
    _, fragment = urldefrag(target)
    if fragment:
        result.fragments.append((page, normalise(target), unquote(fragment)))
    add(target, page)


PAGEFIND_SEARCH = r"""
// Pagefind's own client, run in Node against the served site: the same
// requests a reader's browser makes, with the language forced as <html lang> would.
const [base, copy, lang] = process.argv.slice(2);
const fs = await import("node:fs");
const response = await fetch(base + "pagefind/pagefind.js");
if (!response.ok) throw new Error("pagefind.js: HTTP " + response.status);
fs.writeFileSync(copy, await response.text());
globalThis.document = { currentScript: null, querySelector: () => ({ getAttribute: () => lang }) };
const pagefind = await import(copy);
await pagefind.options({ basePath: base + "pagefind/" });
const found = await pagefind.search(null);
const urls = [];
for (const result of found.results) { urls.push((await result.data()).url); }
console.log(JSON.stringify(urls));
"""


def search_everything(served: Served, lang: str, workdir: Path) -> list[str]:
    """Every page Pagefind finds in the `lang` index (html lang), as the URLs a reader would open."""
    node = shutil.which("node")
    assert node, "node is needed to run Pagefind's client (installed by scripts/setup-test-tools.sh)"
    script = workdir / "search.mjs"
    script.write_text(PAGEFIND_SEARCH, encoding="utf-8")
    result = subprocess.run(
        [node, str(script), served.base, str(workdir / f"pagefind-{lang}.mjs"), lang],
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, f"Pagefind search ({lang}) failed:\n{result.stderr[-2000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


MISSING = [f"{lang}/no/such/page/" for lang in LANGS] + ["not-a-language/deep/page/", "da/tools/no-such-tool/"]


@pytest.fixture(scope="module")
def crawled(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    work = tmp_path_factory.mktemp("search")
    starts = [served.url(), served.url("robots.txt"), served.url("sitemap.xml"), served.url("404.html")]
    starts += [served.url(f"{lang}/404.html") for lang in LANGS]
    entry = json.loads(fetch(served.url("pagefind/pagefind-entry.json")).body)
    starts += [served.url("pagefind/pagefind-entry.json"), served.url("pagefind/pagefind-ui.js"), served.url("pagefind/pagefind-ui.css")]
    for index in entry["languages"].values():
        starts += [served.url(f"pagefind/pagefind.{index['hash']}.pf_meta"), served.url(f"pagefind/wasm.{index['wasm']}.pagefind")]
    search_results = {lang: search_everything(served, HTML_LANG[lang], work) for lang in LANGS}
    for urls in search_results.values():
        starts += urls
    result = crawl(served, starts, [served.url(m) for m in MISSING])
    result.search_results = search_results
    firsts = (urlsplit(u).path[len(PREFIX):].split("/", 1)[0] for u in result.html_pages())
    by_lang = Counter(first if first in LANGS else "(root)" for first in firsts)
    print(f"\ncrawl under {served.base}: {len(result.responses)} URLs fetched, {len(result.html_pages())} HTML pages "
          f"({dict(sorted(by_lang.items()))}), {len(result.external)} external links not followed, "
          f"{len(result.broken())} broken")
    return result


# --- the tests ----------------------------------------------------------------------

def test_a_subpath_build_has_no_broken_link_in_any_language(crawled: Crawl, served: Served) -> None:
    broken = crawled.broken()
    assert not broken, f"{len(broken)} broken links under {PREFIX}:\n" + "\n".join(broken[:40])
    pages = crawled.html_pages()
    for lang in LANGS:
        mine = [u for u in pages if u.startswith(served.url(f"{lang}/"))]
        assert len(mine) >= 5, f"the crawl reached only {len(mine)} pages in {lang}"


def test_the_crawl_reached_every_page_and_left_nothing_outside_the_prefix(crawled: Crawl, served: Served) -> None:
    reached = set(crawled.responses)
    assert set(served.pages()) <= reached, sorted(set(served.pages()) - reached)
    outside = [u for u in reached if not u.startswith(served.base)]
    assert not outside, f"links that leave {PREFIX}: {outside[:10]}"


def test_every_link_from_a_page_is_relative_or_under_the_prefix(crawled: Crawl, served: Served) -> None:
    """Absolute paths must carry the subpath: '/da/' would leave the site."""
    bad = []
    for url, page in crawled.parsed.items():
        for tag, attr, ref in page.refs:
            if ref.startswith("/") and not ref.startswith("//") and not ref.startswith(PREFIX):
                bad.append(f"{url}: <{tag} {attr}={ref!r}>")
    assert not bad, "\n".join(bad[:20])


def test_search_finds_pages_in_each_language_under_the_prefix(crawled: Crawl, served: Served) -> None:
    for lang in LANGS:
        urls = crawled.search_results[lang]
        assert urls, f"Pagefind found nothing in the {HTML_LANG[lang]} index"
        stray = [u for u in urls if not u.startswith(served.url(f"{lang}/"))]
        assert not stray, f"{lang} search results outside {served.url(lang + '/')}: {stray[:5]}"
        dead = [u for u in urls if crawled.responses[normalise(u)].status != 200]
        assert not dead, f"{lang} search results that do not open: {dead}"


def test_the_crawler_catches_what_breaks_under_a_subpath(tmp_path: Path) -> None:
    """The checker itself: a root-absolute link, a missing file and a missing
    #fragment on a hand-made site are each reported; a good link is not."""
    root = tmp_path / "site"
    (root / "da").mkdir(parents=True)
    (root / "404.html").write_text("<p>404</p>", encoding="utf-8")
    (root / "index.html").write_text(
        '<a href="da/">ok</a> <a href="/da/">root-absolute</a> <img src="logo.svg"> <a href="da/#nowhere">frag</a>',
        encoding="utf-8",
    )
    (root / "da" / "index.html").write_text('<h1 id="top">da</h1><a href="../#">home</a>', encoding="utf-8")
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    httpd = start_server(root, sock)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}{PREFIX}"
    try:
        result = crawl(Served(root, base, "", httpd), [base], [])
    finally:
        httpd.shutdown()
        httpd.server_close()
    broken = "\n".join(result.broken())
    assert f"404 {base[: -len(PREFIX)]}/da/" in broken  # outside the prefix
    assert f"404 {base}logo.svg" in broken
    assert f"missing #nowhere on {base}da/" in broken
    assert result.responses[f"{base}da/"].status == 200
    assert len(result.broken()) == 3


def test_missing_pages_get_a_404_page_in_their_language(crawled: Crawl, served: Served) -> None:
    for lang in LANGS:
        response = crawled.responses[served.url(f"{lang}/no/such/page/")]
        assert response.status == 404
        page = crawled.parsed[served.url(f"{lang}/no/such/page/")]
        assert page.html_lang == HTML_LANG[lang]
        homes = {urljoin(served.url(f"{lang}/no/such/page/"), ref) for _, _, ref in page.refs}
        assert served.url(f"{lang}/") in homes and served.url(f"{lang}/search/") in homes
    root = crawled.parsed[served.url("not-a-language/deep/page/")]
    targets = {urljoin(served.url("not-a-language/deep/page/"), ref) for _, _, ref in root.refs}
    for lang in LANGS:
        assert {served.url(f"{lang}/"), served.url(f"{lang}/tools/"), served.url(f"{lang}/search/")} <= targets


def test_root_404_speaks_all_three_languages(served: Served) -> None:
    html = (served.root / "404.html").read_text(encoding="utf-8")
    from mangfold.cli import project as projects

    strings = projects.open_site(projects.load(ROOT)).strings
    for lang in LANGS:
        assert f'lang="{HTML_LANG[lang]}"' in html
        for key in ("not_found_title", "not_found_text", "not_found_home"):
            assert strings.t(lang, key) in html, f"{lang} {key} missing from 404.html"
    assert 'name="robots" content="noindex"' in html


def test_sitemap_lists_every_page_with_its_alternates(served: Served) -> None:
    tree = ET.fromstring(fetch(served.url("sitemap.xml")).body)
    entries: dict[str, dict[str, str]] = {}
    for url in tree.iterfind("s:url", SITEMAP_NS):
        loc = url.findtext("s:loc", namespaces=SITEMAP_NS)
        assert loc not in entries, f"{loc} listed twice"
        links = [(a.get("rel"), a.get("hreflang"), a.get("href")) for a in url.iterfind("x:link", SITEMAP_NS)]
        hreflangs = [h for _, h, _ in links]
        assert len(hreflangs) == len(set(hreflangs)), f"{loc}: repeated hreflang {hreflangs}"
        assert all(rel == "alternate" for rel, _, _ in links)
        entries[loc] = {h: href for _, h, href in links}
    assert set(entries) == set(served.pages()), (
        f"not in sitemap: {sorted(set(served.pages()) - set(entries))}; "
        f"in sitemap but not built: {sorted(set(entries) - set(served.pages()))}"
    )
    for loc, alternates in entries.items():
        if loc == served.url():
            assert alternates == {}, "the language chooser has no language versions"
            continue
        lang = loc[len(served.base):].split("/", 1)[0]
        assert lang in LANGS, loc
        assert set(alternates) == {"da", "nb", "sv", "x-default"}, f"{loc}: {sorted(alternates)}"
        assert alternates[HTML_LANG[lang]] == loc, f"{loc} does not list itself as its {lang} version"
        assert alternates["x-default"] == served.url()
        rest = loc[len(served.url(lang)):]
        for other in LANGS:
            href = alternates[HTML_LANG[other]]
            assert href == served.url(other) + rest, f"{loc}: {other} version is {href}"
            assert entries.get(href) == alternates, f"{loc} and {href} disagree about their versions"


def test_robots_txt_points_to_the_sitemap(served: Served) -> None:
    response = fetch(served.url("robots.txt"))
    assert response.status == 200
    lines = response.body.decode("utf-8").splitlines()
    assert f"Sitemap: {served.url('sitemap.xml')}" in lines
    assert "User-agent: *" in lines
    assert not any(line.strip().lower().startswith("disallow: /") for line in lines)


def test_every_page_has_its_canonical_address_under_site_url(crawled: Crawl, served: Served) -> None:
    for url in served.pages():
        page = crawled.parsed[url]
        assert page.canonical == [url], f"{url}: canonical {page.canonical}"


def test_404_pages_have_no_canonical_and_are_not_indexed(served: Served) -> None:
    for rel in ["404.html"] + [f"{lang}/404.html" for lang in LANGS]:
        page = (served.root / rel).read_text(encoding="utf-8")
        assert 'rel="canonical"' not in page, rel
        assert 'name="robots" content="noindex"' in page, rel
        assert "data-pagefind-body" not in page, rel


@pytest.mark.browser
def test_root_404_puts_the_readers_language_first(served: Served) -> None:
    """GitHub Pages serves the root 404.html everywhere: the script reads the
    address and moves that language to the top."""
    from playwright.sync_api import sync_playwright

    from browser.harness import launch

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    httpd = start_server(served.root, sock, per_language_404=False)
    base = f"http://127.0.0.1:{sock.getsockname()[1]}{PREFIX}"
    try:
        with sync_playwright() as playwright:
            browser = launch(playwright)
            page = browser.new_page()
            for lang, first in (("sv", "sv"), ("no", "nb"), ("da", "da")):
                response = page.goto(f"{base}{lang}/finnes/ikke/", wait_until="load")
                assert response is not None and response.status == 404
                assert page.eval_on_selector("[data-notfound] > li", "e => e.getAttribute('lang')") == first
                assert page.evaluate("document.documentElement.lang") == first
                href = page.eval_on_selector("[data-notfound] > li a", "e => e.href")
                assert href == f"{base}{lang}/"
                assert page.request.get(href).status == 200
            page.goto(f"{base}elsewhere/", wait_until="load")
            assert page.eval_on_selector("[data-notfound] > li", "e => e.getAttribute('lang')") == "da"
            assert page.eval_on_selector_all(".mf-notfound__item--current", "e => e.length") == 0
            browser.close()
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- ProperDocs builds the same site ------------------------------------------------

GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs_build(served: Served, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("properdocs") / "site"
    result = run_build(ROOT, out, runner="properdocs", SITE_URL=served.base)
    assert result.ok, f"properdocs does not build the site:\n{result.output}"
    return out


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


def test_properdocs_builds_the_same_pages(served: Served, properdocs_build: Path) -> None:
    assert (BIN / "properdocs").exists()
    mine, theirs = files_of(served.root), files_of(properdocs_build)
    pages = {p for p in mine if p.endswith(".html") and not p.startswith("pagefind/")}
    assert len(pages) > 20
    assert mine == theirs, f"only MkDocs: {sorted(mine - theirs)[:10]}; only ProperDocs: {sorted(theirs - mine)[:10]}"
    different = []
    # Every file, compared byte by byte (the generator tag aside; a .docx by its contents, its zip dates aside).
    for rel in sorted(p for p in mine if not p.startswith("pagefind/") and not p.endswith(".gz")):
        a = GENERATOR.sub(b"", (served.root / rel).read_bytes())
        b = GENERATOR.sub(b"", (properdocs_build / rel).read_bytes())
        if a != b and not (rel.endswith(".docx") and same_document(served.root / rel, properdocs_build / rel)):
            different.append(rel)
    assert not different, f"files that differ between MkDocs and ProperDocs (generator tag aside): {different[:10]}"


def same_document(a: Path, b: Path) -> bool:
    import zipfile

    with zipfile.ZipFile(a) as left, zipfile.ZipFile(b) as right:
        names = [n for n in left.namelist() if n != "docProps/core.xml"]
        return names == [n for n in right.namelist() if n != "docProps/core.xml"] and all(left.read(n) == right.read(n) for n in names)


# --- the GitHub Pages workflow --------------------------------------------------------

def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps_of(flow: dict) -> list[dict]:
    return [step for job in flow["jobs"].values() for step in job.get("steps", [])]


def test_workflow_runs_ci_builds_strict_and_deploys_with_the_pages_actions() -> None:
    flow = workflow()
    steps = steps_of(flow)
    runs = "\n".join(step.get("run", "") for step in steps)
    uses = [step.get("uses", "").split("@")[0] for step in steps]
    assert re.search(r"(^|\s)(bash )?\.ci/run\b", runs), "the workflow must run the same steps as .ci/run"
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert re.search(r"mkdocs build --strict", runs)
    assert "SITE_URL" in json.dumps(flow)
    for action in ("actions/checkout", "actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert action in uses, f"{action} missing"
    text = WORKFLOW.read_text(encoding="utf-8")
    for forbidden in ("gh-deploy", "ghp-import", "gh-pages", "git push"):
        assert forbidden not in text, f"no generated branch: found {forbidden!r}"
    deploy = [job for job in flow["jobs"].values() if any(s.get("uses", "").startswith("actions/deploy-pages") for s in job.get("steps", []))]
    assert len(deploy) == 1
    assert deploy[0]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy[0]["environment"]["name"] == "github-pages"
    # Only main deploys; pull requests are tested but never published.
    assert "github.ref == 'refs/heads/main'" in deploy[0].get("if", "")


def test_workflow_installs_from_the_pinned_files() -> None:
    runs = "\n".join(step.get("run", "") for step in steps_of(workflow()))
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "pip install --quiet -r requirements.lock" in makefile
    assert "npm ci" in (ROOT / "scripts" / "setup-test-tools.sh").read_text(encoding="utf-8")
    # The build step uses the venv that `make test` made from requirements.lock.
    assert ".venv/bin/mkdocs build --strict" in runs
    assert "pip install" not in runs, "install only through the Makefile (requirements.lock)"


def validate_workflow(path: Path) -> subprocess.CompletedProcess:
    tool = BIN / "check-jsonschema"
    assert tool.exists(), "check-jsonschema (requirements.lock) is not installed in the venv"
    return subprocess.run([str(tool), "--builtin-schema", "vendor.github-workflows", str(path)],
                          capture_output=True, text=True, timeout=120)


def test_workflow_validates_against_the_github_workflow_schema(tmp_path: Path) -> None:
    result = validate_workflow(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr
    # The check itself can fail: a misspelt key is caught.
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert validate_workflow(broken).returncode != 0
