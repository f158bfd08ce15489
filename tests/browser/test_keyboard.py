"""Keyboard alone: catalogue filters, the language switcher, the phone menu.

Every step is a key press; the mouse is never used."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from .conftest import run_axe
from .harness import LocalServer

pytestmark = pytest.mark.browser

FOCUSED = """() => {
  const e = document.activeElement;
  return {tag: e.tagName, name: e.getAttribute("name"), value: e.value || "", type: e.getAttribute("type") || "",
          text: (e.textContent || "").trim(), cls: e.className || "", href: e.getAttribute("href") || "",
          role: e.getAttribute("role") || "", wide: e.scrollWidth > e.clientWidth,
          visible: !!(e.offsetWidth || e.offsetHeight) && e.getBoundingClientRect().right > 0
                   && getComputedStyle(e).visibility === "visible"};
}"""


def tab_until(page: Page, wanted, limit: int = 60) -> dict:
    """Press Tab until `wanted(focused)` holds; return the focused element's facts."""
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        seen.append(f"{focused['tag']}:{focused['text'][:20] or focused['name']}")
        if wanted(focused):
            return focused
    raise AssertionError(f"never reached by Tab; focus went through: {', '.join(seen)}")


def assert_no_axe_violations(page: Page, state: str) -> None:
    found = [f"{v['rule']}: {t}" for v in run_axe(page) for t in v["targets"]]
    assert not found, f"axe, {state} on {page.url}:\n" + "\n".join(found)


def visible_cards(page: Page) -> list[dict]:
    return page.evaluate("""() => Array.from(document.querySelectorAll("[data-catalogue] .mf-card"))
      .filter(c => c.offsetParent !== null).map(c => ({tool: c.dataset.tool, phase: c.dataset.phase}))""")


def status_text(page: Page) -> str:
    return page.locator("[data-catalogue] [role=status]").inner_text().strip()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_catalogue_filters_work_with_the_keyboard(server: LocalServer, open_page, width: str) -> None:
    _, watch = open_page(width)
    page = watch.page
    watch.visit(server.url("da/tools/"))
    all_cards = visible_cards(page)
    phases = {card["phase"] for card in all_cards}
    assert len(all_cards) >= 8 and len(phases) >= 2, all_cards
    count_before = status_text(page)

    # On a phone the facets fold behind one control, so the first tools show on the first screen.
    folded = page.locator("[data-filter-more]")
    assert folded.evaluate("d => d.open") is (width == "desktop")
    if width == "phone":
        first_card = page.locator("[data-catalogue] .mf-card").first.bounding_box()
        assert first_card and first_card["y"] < page.viewport_size["height"], f"the first tool starts at y={first_card}"
        tab_until(page, lambda f: f["tag"] == "SUMMARY" and f["text"].startswith("Filtr"))
        page.keyboard.press("Enter")
        assert folded.evaluate("d => d.open") is True

    box = tab_until(page, lambda f: f["tag"] == "INPUT" and f["type"] == "checkbox" and f["name"] == "phase")
    assert box["visible"], "the focused checkbox is not visible"
    page.keyboard.press("Space")
    phase = box["value"]
    page.wait_for_function("() => location.search.includes('phase=')")

    assert page.evaluate("() => document.activeElement.checked") is True
    shown = visible_cards(page)
    assert shown and {card["phase"] for card in shown} == {phase}, shown
    assert len(shown) == sum(card["phase"] == phase for card in all_cards)
    assert len(shown) < len(all_cards)
    assert status_text(page) != count_before and str(len(shown)) in status_text(page)
    assert parse_qs(urlsplit(page.url).query) == {"phase": [phase]}

    tab_until(page, lambda f: f["tag"] == "BUTTON" and f["type"] == "reset")
    page.keyboard.press("Enter")
    page.wait_for_function("() => !location.search.includes('phase=')")
    assert len(visible_cards(page)) == len(all_cards)
    assert status_text(page) == count_before
    assert not watch.errors, watch.errors


def test_a_filtered_view_can_be_shared_by_its_address(server: LocalServer, open_page) -> None:
    _, watch = open_page()
    watch.visit(server.url("da/tools/?phase=evaluate"))
    shown = visible_cards(watch.page)
    assert shown and {card["phase"] for card in shown} == {"evaluate"}
    assert watch.page.locator('input[name="phase"][value="evaluate"]').is_checked()


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_language_switcher_works_with_the_keyboard(server: LocalServer, open_page, width: str) -> None:
    _, watch = open_page(width)
    page = watch.page
    watch.visit(server.url("da/tools/gap-analysis/"))
    tab_until(page, lambda f: f["tag"] == "SUMMARY")
    assert page.evaluate("() => document.querySelector('details.mf-lang').open") is False
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.querySelector('details.mf-lang').open") is True
    assert_no_axe_violations(page, "with the language switcher open")
    link = tab_until(page, lambda f: f["tag"] == "A" and f["text"] == "Svenska", limit=4)
    assert link["visible"]
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/sv/tools/gap-analysis/"
    assert page.evaluate("() => document.documentElement.lang") == "sv"
    assert not watch.errors, watch.errors


def is_menu_button(focused: dict) -> bool:
    return focused["tag"] == "BUTTON" and "mf-menu-button" in focused["cls"]


def drawer_is_open(page: Page) -> bool:
    return page.evaluate("() => document.getElementById('__drawer').checked")


@pytest.mark.parametrize("start", ["da/tools/", "da/processes/krut/"])
def test_phone_menu_opens_and_closes_with_the_keyboard(server: LocalServer, open_page, start: str) -> None:
    _, watch = open_page("phone")
    page = watch.page
    watch.visit(server.url(start))

    # Closed, the off-screen menu's links are not in the Tab order.
    for _ in range(10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        assert focused["visible"], f"focus went to something hidden while the menu was closed: {focused}"
    page.keyboard.press("Shift+Tab")
    while not is_menu_button(page.evaluate(FOCUSED)):  # back to the menu button, at most 10 steps
        page.keyboard.press("Shift+Tab")
    assert page.evaluate("() => document.activeElement.getAttribute('aria-expanded')") == "false"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    page.wait_for_timeout(300)  # the drawer slides in
    assert page.evaluate("() => document.querySelector('.mf-menu-button').getAttribute('aria-expanded')") == "true"
    assert page.evaluate(FOCUSED)["visible"], "opening the menu moves focus to something visible in it"
    assert_no_axe_violations(page, "with the menu open")
    link = tab_until(page, lambda f: f["tag"] == "A" and "md-nav__link" in f["cls"] and f["href"] != "#", limit=12)
    assert link["visible"], f"the focused menu link is not visible: {link}"
    page.keyboard.press("Escape")
    page.wait_for_function("() => !document.getElementById('__drawer').checked")
    assert is_menu_button(page.evaluate(FOCUSED)), "Escape returns focus to the menu button"

    page.keyboard.press("Enter")
    page.wait_for_function("() => document.getElementById('__drawer').checked")
    if page.evaluate(FOCUSED)["tag"] == "LABEL":
        # Inside a section the menu opens on that section's panel: its title goes back.
        page.keyboard.press("Enter")
        page.wait_for_timeout(300)
        assert page.evaluate(FOCUSED)["visible"], "going back focuses the section in the first level"
    link = tab_until(page, lambda f: f["tag"] == "A" and f["href"].rstrip("/").endswith("contacts"), limit=20)
    assert link["visible"], link
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert urlsplit(page.url).path == "/da/contacts/"
    assert not watch.errors, watch.errors


def test_a_wide_table_scrolls_with_the_keyboard_on_a_phone(server: LocalServer, open_page) -> None:
    # Worksheets become stacked cards on a phone; the three phases beside each
    # country's legal steps stay a table, which scrolls inside its own region.
    _, watch = open_page("phone")
    page = watch.page
    watch.visit(server.url("da/processes/three-phase/"))
    region = tab_until(page, lambda f: f["role"] == "region" and f["wide"], limit=120)
    assert region["visible"]
    name = page.evaluate("""() => { const e = document.activeElement, by = e.getAttribute('aria-labelledby');
      return (e.getAttribute('aria-label') || (by && document.getElementById(by)?.textContent) || '').trim(); }""")
    assert name, "the region has a name"
    assert page.evaluate("() => document.activeElement.scrollLeft") == 0
    page.keyboard.press("ArrowRight")
    page.wait_for_function("() => document.activeElement.scrollLeft > 0")
    assert not watch.errors, watch.errors
