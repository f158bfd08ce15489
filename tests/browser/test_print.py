"""Print: a tool page on A4 keeps its content and worksheet and drops the
site's header, menus, search and filters."""

from __future__ import annotations

import re

import pytest

from .harness import LocalServer

pytestmark = pytest.mark.browser

TOOL = "da/tools/gap-analysis/"
WORKSHEET = "Arbejdsark"  # the worksheet heading on Danish tool pages (docs/glossary.md)
CHROME = [
    ".md-header",
    ".mf-search-link",
    ".mf-lang",
    ".md-sidebar--primary",
    ".md-sidebar--secondary",
    ".md-footer",
]

IS_SHOWN = """(el) => {
  for (let e = el; e; e = e.parentElement) {
    const style = getComputedStyle(e);
    if (style.display === "none" || style.visibility === "hidden") return false;
  }
  return el.getClientRects().length > 0;
}"""


def shown(page, selector: str) -> list[bool]:
    return [page.locator(selector).nth(i).evaluate(IS_SHOWN) for i in range(page.locator(selector).count())]


def test_tool_page_prints_content_and_worksheet_without_site_chrome(server: LocalServer, open_page) -> None:
    _, watch = open_page()
    page = watch.page
    watch.visit(server.url(TOOL))
    assert all(shown(page, ".md-header")), "on screen the header shows"
    page.emulate_media(media="print")

    for selector in CHROME:
        found = shown(page, selector)
        assert found and not any(found), f"{selector} shows in print ({found})"
    assert all(shown(page, "article h1"))
    heading = page.locator(f"article h2:text-is('{WORKSHEET}')")
    assert heading.count() == 1 and heading.evaluate(IS_SHOWN), "the worksheet heading prints"
    table = heading.locator("xpath=following::table[1]")
    assert table.evaluate(IS_SHOWN), "the worksheet table prints"
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "the worksheet is cut off at the side"
    assert all(shown(page, ".mf-factbox")), "the tool's facts print"

    pdf = page.pdf(format="A4", print_background=False)
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert 1 <= pages <= 4, f"{pages} A4 pages"
    assert not watch.errors, watch.errors


def test_catalogue_prints_without_its_filters(server: LocalServer, open_page) -> None:
    _, watch = open_page()
    page = watch.page
    watch.visit(server.url("da/tools/"))
    assert all(shown(page, "[data-filters]")), "on screen the filters show"
    page.emulate_media(media="print")
    assert not any(shown(page, "[data-filters]"))
    assert not any(shown(page, ".md-header"))
    assert len(shown(page, ".mf-card")) >= 8 and all(shown(page, ".mf-card")), "every tool card prints"
