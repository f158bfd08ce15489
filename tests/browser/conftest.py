"""Browser fixtures.

- ``server``: the session-built ``site`` served on 127.0.0.1 at a free port.
- ``browser``: one headless Debian Chromium for all tests in this folder.
- ``open_page(width)``: a fresh context and page, with a ``Watch`` that
  records every request, console error and page error.
- ``sweep``: every built page (and a missing address, to see the 404 page as
  readers do) visited once at 1280 px and once at 360 px, with axe-core run on
  each. Several tests assert on this one sweep, so the slow part runs once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Request, sync_playwright

from conftest import ROOT, Site

from .harness import WIDTHS, LocalServer, launch, serve

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Not a page of the site: the server answers with the root 404.html, as GitHub Pages does.
MISSING = "da/no-such-page/"

AXE_RUN = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return result.violations.map(v => ({
    rule: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").replace(/\\s+/g, " ").slice(0, 160)),
  }));
}"""


@dataclass
class Watch:
    """Records what a page does; `label` says which visit an event belongs to."""

    page: Page
    label: str = ""
    requests: list[tuple[str, str]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("request", self._request)
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append((self.label, f"pageerror: {error}")))

    def _request(self, request: Request) -> None:
        self.requests.append((self.label, request.url))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location.get("url", "") if message.location else ""
            self.errors.append((self.label, f"console: {message.text} ({where})"))

    def visit(self, url: str, label: str | None = None) -> None:
        self.label = label if label is not None else url
        self.page.goto(url, wait_until="load")


def site_urls(site: Site) -> list[str]:
    """Every page the build wrote (the root chooser and 404 pages included), by URL path."""
    return [site.url_of(page) for page in site.pages()]


def run_axe(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(AXE_RUN, AXE_TAGS)


def off_host(server: LocalServer, url: str) -> bool:
    """True for a request that leaves the site's own origin (data:/blob: never leave)."""
    if url.startswith(("data:", "blob:", "about:")):
        return False
    return not (url == server.origin or url.startswith(server.origin + "/"))


@pytest.fixture(scope="session")
def server(site: Site) -> Iterator[LocalServer]:
    with serve(site.root) as running:
        yield running


# Package scope: one browser for all tests in this folder, closed when they are
# done. A Playwright sync session left open would make any later test that starts
# its own (tests/test_publish.py does) fail with "Sync API inside the asyncio loop".
@pytest.fixture(scope="package")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser: Browser) -> Iterator[Callable[..., tuple[BrowserContext, Watch]]]:
    """Factory: open_page("phone") -> (context, watch); closed after the test."""
    contexts: list[BrowserContext] = []

    def make(width: str = "desktop", **options: object) -> tuple[BrowserContext, Watch]:
        context = browser.new_context(viewport=WIDTHS[width], **options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        return context, Watch(context.new_page())

    yield make
    for context in contexts:
        context.close()


@dataclass
class Visit:
    width: str
    url: str
    status: int | None
    violations: list[dict]


@dataclass
class Sweep:
    server: LocalServer
    visits: list[Visit]
    requests: list[tuple[str, str, str]]  # width, page, requested URL
    errors: list[tuple[str, str, str]]  # width, page, message
    cookies: dict[str, list[dict]]  # width -> cookies in that context afterwards

    @property
    def pages(self) -> set[str]:
        return {v.url for v in self.visits}


@pytest.fixture(scope="package")
def sweep(site: Site, server: LocalServer) -> Sweep:
    urls = site_urls(site) + [MISSING]
    # One thread per width, each with its own Playwright and Chromium (a sync
    # Playwright belongs to the thread that started it): the two widths' axe runs
    # then share the machine's cores instead of waiting for each other.
    with ThreadPoolExecutor(max_workers=len(WIDTHS)) as pool:
        done = list(pool.map(lambda width: _sweep_width(server, urls, width), WIDTHS))
    visits = [visit for part in done for visit in part.visits]
    requests = [request for part in done for request in part.requests]
    errors = [error for part in done for error in part.errors]
    cookies = {width: found for part in done for width, found in part.cookies.items()}
    return Sweep(server, visits, requests, errors, cookies)


def _sweep_width(server: LocalServer, urls: list[str], width: str) -> Sweep:
    """Every address at one width, in a Chromium of this thread's own."""
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        context = chromium.new_context(viewport=WIDTHS[width])
        watch = Watch(context.new_page())
        visits = []
        for url in urls:
            watch.label = url
            response = watch.page.goto(server.url(url), wait_until="load")
            visits.append(Visit(width, url, response.status if response else None, run_axe(watch.page)))
        part = Sweep(server, visits, [(width, label, req) for label, req in watch.requests],
                     [(width, label, message) for label, message in watch.errors], {width: context.cookies()})
        context.close()
        chromium.close()
    return part
