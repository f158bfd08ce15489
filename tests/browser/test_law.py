"""The law lens in Chromium: "which duties apply to us?" answered in the browser
for the cases issue 15 names, with nothing sent; the same answers without
JavaScript; a tool's legal mapping one click per country; axe at 1280 and 360 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page

from .conftest import AXE, AXE_TAGS, off_host
from .harness import LocalServer

pytestmark = pytest.mark.browser

ANSWER = """() => Array.from(document.querySelectorAll("[data-law-answer] li[data-obligation]")).map(li => ({
  id: li.dataset.obligation, conditional: !!li.querySelector(".mf-law-if"), visible: li.offsetParent !== null,
  tools: li.querySelectorAll(".mf-law-table__tools a").length}))"""

# country, public or private, employees -> the duties that apply outright, and those that apply only on a condition
CASES = {
    "Swedish employer, 10": ("sv", "se", "private", "10", {"se-aktiva-atgarder", "se-lonekartlaggning",
                                                          "se-lonekartlaggning-dokumentation", "se-trakasserier"}, set()),
    "Swedish employer, 30": ("sv", "se", "public", "30", {"se-aktiva-atgarder", "se-dokumentation", "se-lonekartlaggning",
                                                         "se-lonekartlaggning-dokumentation", "se-trakasserier"}, set()),
    "Norwegian municipality": ("no", "no", "public", "4 000", {"no-aktivitetsplikt", "no-arp", "no-kartlegging", "no-redegjorelse",
                                                               "no-offentlige-myndigheter"}, set()),
    "Norwegian private employer, 30": ("no", "no", "private", "30", {"no-aktivitetsplikt"},
                                       {"no-arp", "no-kartlegging", "no-redegjorelse"}),
    "Norwegian private employer, 60": ("no", "no", "private", "60", {"no-aktivitetsplikt", "no-arp", "no-kartlegging",
                                                                     "no-redegjorelse"}, set()),
    "Danish municipality": ("da", "dk", "public", "2500", {"dk-forbud", "dk-ligestilling-myndigheder", "dk-frivilligt"},
                            {"dk-lonstatistik"}),
}


def ask(page: Page, country: str, sector: str, employees: str) -> list[dict]:
    page.check(f'input[name="country"][value="{country}"]')
    page.check(f'input[name="sector"][value="{sector}"]')
    page.fill("#mf-law-employees", employees)
    page.click(".mf-law-check__form button[type=submit]")
    return page.evaluate(ANSWER)


@pytest.mark.parametrize("case", CASES)
def test_the_check_answers_each_case_in_the_browser_and_sends_nothing(server: LocalServer, open_page, case: str) -> None:
    lang, country, sector, employees, plain, conditional = CASES[case]
    _, watch = open_page("desktop")
    page = watch.page
    watch.visit(server.url(f"{lang}/law/"))
    assert page.locator(".mf-law-check__form").is_visible()
    before = len(watch.requests)
    answer = ask(page, country, sector, employees)
    assert {a["id"] for a in answer if not a["conditional"]} == plain, answer
    assert {a["id"] for a in answer if a["conditional"]} == conditional, answer
    assert all(a["visible"] for a in answer)
    # Duties with steps name the tools for them.
    assert all(a["tools"] > 0 for a in answer if a["id"] in {"se-aktiva-atgarder", "no-arp", "dk-frivilligt"})
    page.wait_for_timeout(200)
    assert watch.requests[before:] == [], "answering sends nothing and loads nothing"
    assert not [url for _, url in watch.requests if off_host(server, url)]
    address = page.url.removeprefix(server.origin)
    assert address == f"/{lang}/law/", "what the reader typed stays out of the address"
    assert not watch.errors, watch.errors


def test_the_answer_follows_a_changed_choice_and_links_to_each_duty(server: LocalServer, open_page) -> None:
    _, watch = open_page("phone")
    page = watch.page
    watch.visit(server.url("sv/law/"))
    ask(page, "se", "private", "12")
    assert "se-dokumentation" not in {a["id"] for a in page.evaluate(ANSWER)}
    page.fill("#mf-law-employees", "25")
    page.locator("#mf-law-employees").dispatch_event("change")
    assert "se-dokumentation" in {a["id"] for a in page.evaluate(ANSWER)}, "25 employees: the whole work is documented"
    page.locator('[data-law-answer] li[data-obligation="se-dokumentation"] a').first.click()
    page.wait_for_function("location.hash === '#law-se-dokumentation'")
    assert page.locator("#law-se-dokumentation").is_visible()


def test_a_count_that_is_not_a_number_is_explained_next_to_the_field(server: LocalServer, open_page) -> None:
    _, watch = open_page("desktop")
    page = watch.page
    watch.visit(server.url("da/law/"))
    answer = ask(page, "dk", "private", "mange")
    assert answer == []
    field = page.locator("#mf-law-employees")
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator("#mf-law-employees-error")
    assert error.is_visible() and "helt tal" in error.inner_text()
    assert page.evaluate("document.activeElement.id") == "mf-law-employees", "focus returns to the field"
    assert page.locator("[data-law-answer]").is_hidden()


def test_the_check_works_with_the_keyboard_alone(server: LocalServer, open_page) -> None:
    _, watch = open_page("desktop")
    page = watch.page
    watch.visit(server.url("no/law/"))
    page.locator('input[name="country"][value="no"]').focus()
    page.keyboard.press("Tab")  # to the chosen employer type
    page.keyboard.press("ArrowDown")  # private
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "mf-law-employees"
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    focused = page.evaluate("[document.activeElement.tagName, document.activeElement.closest('[data-law-answer]') !== null]")
    assert focused == ["H3", True], "the answer's heading takes focus, so a screen reader reads it next"
    assert {a["id"] for a in page.evaluate(ANSWER)} == {"no-aktivitetsplikt", "no-arp", "no-kartlegging", "no-redegjorelse"}


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_without_javascript_the_tables_give_the_same_answers(server: LocalServer, open_page, width: str) -> None:
    _, watch = open_page(width, java_script_enabled=False)
    page = watch.page
    for case, (lang, country, sector, employees, plain, conditional) in CASES.items():
        watch.visit(server.url(f"{lang}/law/"))
        assert page.locator(".mf-law-check__form").is_hidden(), "no form that cannot answer"
        n = int(re.sub(r"\D", "", employees))
        rows = page.evaluate("""([country, sector, n]) => Array.from(
            document.querySelectorAll(`table[data-law-table="${country}"] tr[data-sector="${sector}"]`))
          .filter(tr => +tr.dataset.min <= n && (tr.dataset.max === "" || n <= +tr.dataset.max))
          .map(tr => Array.from(tr.querySelectorAll("li[data-obligation]")).map(li => ({
             id: li.dataset.obligation, conditional: !!li.querySelector(".mf-law-if"), visible: li.offsetParent !== null})))""",
                             [country, sector, n])
        assert len(rows) == 1, f"{case}: one row answers"
        assert {d["id"] for d in rows[0] if not d["conditional"]} == plain, case
        assert {d["id"] for d in rows[0] if d["conditional"]} == conditional, case
        assert all(d["visible"] for d in rows[0]), case


def test_a_tool_page_opens_the_readers_country_and_the_others_are_one_click_away(server: LocalServer, open_page) -> None:
    _, watch = open_page("phone")
    page = watch.page
    watch.visit(server.url("no/tools/gap-analysis/"))
    section = page.locator(".mf-law-tool")
    assert section.locator('details[data-country="no"]').get_attribute("open") is not None
    assert section.locator('details[data-country="no"] li[data-step="no-1"]').is_visible()
    sweden = section.locator('details[data-country="se"]')
    assert sweden.locator('li[data-step="se-1"]').is_hidden()
    sweden.locator("summary").click()
    assert sweden.locator('li[data-step="se-1"]').is_visible()
    assert "undersöka" in sweden.inner_text()


# The law lens's own parts; the sweep in test_every_page.py runs axe on every whole page.
PARTS = [".mf-law-notice", ".mf-law-check", ".mf-law-country", ".mf-law-tool", ".mf-law-side"]
AXE_PARTS = """async ([tags, parts]) => {
  const include = parts.filter(p => document.querySelector(p)).map(p => [p]);
  const result = await axe.run({include}, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
  return {checked: include.length, violations: result.violations.map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "))};
}"""


def axe_on_parts(page: Page) -> tuple[int, list[str]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(AXE_PARTS, [AXE_TAGS, PARTS])
    return result["checked"], result["violations"]


PAGES = ["da/law/", "sv/law/", "no/tools/recruitment-channels/", "sv/processes/three-phase/"]


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_axe_finds_nothing_on_the_law_parts_in_every_state(server: LocalServer, open_page, width: str) -> None:
    _, watch = open_page(width)
    page = watch.page
    found = []
    for url in PAGES:
        watch.visit(server.url(url))
        if url.endswith("law/"):
            ask(page, "no", "private", "30")
        page.evaluate("document.querySelectorAll('[class^=mf-law] details, details[class^=mf-law]').forEach(d => d.open = true)")
        checked, violations = axe_on_parts(page)
        assert checked >= 1, f"{url}: none of the law parts found"
        found += [f"{url} {v}" for v in violations]
    assert not found, "\n".join(found)
    assert not [url for _, url in watch.requests if off_host(server, url)]
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_nothing_on_the_law_page_is_wider_than_the_screen(server: LocalServer, open_page, width: str) -> None:
    _, watch = open_page(width)
    page = watch.page
    for url in ("da/law/", "sv/processes/three-phase/", "no/tools/indicator-plan/"):
        watch.visit(server.url(url))
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px at {width}"
