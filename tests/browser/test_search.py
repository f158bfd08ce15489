"""Search per language: a word typed in an inflected form finds pages that use
another form of it (Pagefind's stemmer), and only pages in the reader's
language."""

from __future__ import annotations

import re

import pytest

from conftest import Site

from .harness import LocalServer

pytestmark = pytest.mark.browser

# (language folder, typed form, stem): the typed form is inflected, and the
# stem is how other pages in that language write the word.
WORDS = [
    ("da", "værktøjerne", "værktøj"),
    ("no", "verktøyene", "verktøy"),
    ("sv", "verktygen", "verktyg"),
]

ALL_RESULTS = """async (term) => {
  const pagefind = await import("/pagefind/pagefind.js");
  const search = await pagefind.search(term);
  const data = await Promise.all(search.results.map(r => r.data()));
  return data.map(d => d.url);
}"""


def text_of(site: Site, url: str) -> str:
    html = site.html(url.lstrip("/"))
    return re.sub(r"<[^>]+>", " ", html).lower()


@pytest.mark.parametrize(("code", "typed", "stem"), WORDS)
def test_search_finds_other_forms_and_only_pages_in_its_language(
    site: Site, server: LocalServer, open_page, code: str, typed: str, stem: str
) -> None:
    _, watch = open_page()
    page = watch.page
    watch.visit(server.url(f"{code}/search/"))
    box = page.locator(".pagefind-ui__search-input")
    box.click()
    page.keyboard.type(typed, delay=20)
    page.locator(".pagefind-ui__result").first.wait_for(timeout=15_000)
    shown = page.eval_on_selector_all(".pagefind-ui__result-link", "links => links.map(a => a.getAttribute('href'))")
    assert shown, "no results shown"
    # Every result, not only the first page of them that the interface shows.
    every = page.evaluate(ALL_RESULTS, typed)
    assert {url.split("#")[0] for url in shown} <= set(every)
    wrong = [url for url in every + shown if not url.startswith(f"/{code}/")]
    assert not wrong, f"results from other languages for {typed!r}: {wrong}"
    # Stemming: some result does not contain the typed form, only another form of it.
    other_forms = [url for url in every if typed not in text_of(site, url) and stem in text_of(site, url)]
    assert other_forms, f"every result for {typed!r} contains it literally: no sign of stemming ({every})"
    assert not watch.errors, watch.errors
