"""Worksheets and calculators in Chromium, in each language, as a reader uses them:
type, reload, delete; download the filled .docx and .csv and read them back;
save to a file and open it again (and a broken or hostile file changes
nothing); the GAP analysis feeding the plan and the plan feeding the
evaluation; the KRUT and effect calculators' figures in the reader's number
format; axe on filled pages at 1280 and 360 px; and no request leaving the
page while any of it happens."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from docx import Document

from conftest import LANGS

from .conftest import AXE, AXE_TAGS
from .harness import LocalServer

pytestmark = pytest.mark.browser

NBSP = "\u00a0"
NOTHING_CHANGED = {"da": "Intet er ændret.", "no": "Ingenting er endret.", "sv": "Ingenting har ändrats."}
TYPED = "Få ansøgere med anden baggrund; »citat« & <b>ikke HTML</b>\nanden linje"
GAP = "table[data-table=gaps]"


READY = "html[data-worksheets-ready]"  # worksheets.js makes one form per task; this says all are made


def go(watch, url: str) -> None:
    watch.visit(url)
    watch.page.wait_for_selector(READY, state="attached")


def reload(page) -> None:
    page.reload()
    page.wait_for_selector(READY, state="attached")


def stored(page) -> dict:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('mangfold:')).map(k => [k, localStorage.getItem(k)]))")


def cell(page, table: str, row: int, col: str):
    return page.locator(f"{table} tbody tr").nth(row).locator(f'td[data-col="{col}"] textarea, td[data-col="{col}"] select, td[data-col="{col}"] input')


def requests_after(watch, start: int) -> list[str]:
    """Requests since `start` that go anywhere at all (a blob: download stays in the page)."""
    return [url for _, url in watch.requests[start:] if not url.startswith(("blob:", "data:"))]


def settled(watch) -> int:
    """How many requests the page made once it is quiet (the favicon comes after load)."""
    watch.page.wait_for_load_state("networkidle")
    return len(watch.requests)


def download(page, action: str, root: str = "") -> Path:
    with page.expect_download() as info:
        page.locator(f'{root} [data-action="{action}"]').first.click()
    return Path(info.value.path())


def open_file(page, payload: bytes | str, root: str = "") -> None:
    data = payload.encode("utf-8") if isinstance(payload, str) else payload
    page.locator(f'{root} input[data-action="open-file"]').set_input_files(
        files=[{"name": "svar.json", "mimeType": "application/json", "buffer": data}])


def fill_gap(page) -> None:
    cell(page, GAP, 0, "area").fill("Rekruttering")
    cell(page, GAP, 0, "gap").fill(TYPED)
    cell(page, GAP, 0, "priority").select_option("2")
    cell(page, GAP, 1, "gap").fill("Ledere kender ikke loven")
    cell(page, GAP, 1, "priority").select_option("1")
    cell(page, GAP, 2, "gap").fill("Ikke prioriteret")
    page.locator('[data-question="going-well"] textarea').fill("Samarbejdet med jobcentret")


@pytest.mark.parametrize("lang", LANGS)
def test_typed_text_survives_a_reload_and_delete_empties_it(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page()
    page = watch.page
    go(watch, server.url(f"{lang}/tools/gap-analysis/"))
    assert stored(page) == {}, "nothing is stored before the reader types"
    privacy = page.locator(".mf-ws .mf-ws__privacy")
    assert privacy.is_visible() and {"da": "denne browser", "no": "denne nettleseren", "sv": "den här webbläsaren"}[lang] in privacy.inner_text()
    loaded = settled(watch)
    cell(page, GAP, 0, "gap").fill(TYPED)
    assert list(stored(page)) == ["mangfold:ws:gap-analysis"]
    reload(page)
    assert cell(page, GAP, 0, "gap").input_value() == TYPED
    page.locator('[data-action="delete"]').click()
    confirm = page.locator('[data-action="delete-yes"]')
    assert confirm.evaluate("el => el === document.activeElement"), "the confirmation takes the focus"
    confirm.click()
    assert cell(page, GAP, 0, "gap").input_value() == ""
    assert stored(page) == {}
    page.wait_for_function("() => document.querySelector('.mf-ws__status').textContent.length > 0")
    reload(page)
    assert cell(page, GAP, 0, "gap").input_value() == ""
    assert all(u.startswith(server.origin + "/") for u in requests_after(watch, loaded)), "only the two reloads, from the site"
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("lang", LANGS)
def test_the_filled_word_file_and_csv_hold_what_was_typed(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page(accept_downloads=True)
    page = watch.page
    go(watch, server.url(f"{lang}/tools/gap-analysis/"))
    loaded = settled(watch)
    fill_gap(page)
    title = page.locator("article h1").inner_text().strip()

    doc = Document(str(download(page, "docx")))
    paragraphs = [p.text for p in doc.paragraphs]
    assert paragraphs[0] == title and doc.paragraphs[0].style.name == "Title"
    assert doc.paragraphs[1].style.name == "Heading 1"
    table = doc.tables[0]
    header = [c.text for c in table.rows[0].cells]
    assert header[3] == page.locator(f'{GAP} th[data-col="gap"] .mf-ws__col').inner_text()
    assert table.rows[1].cells[3].text == TYPED, "the typed text, line break and all, is in the table"
    assert table.rows[1].cells[5].text == "2" and table.rows[2].cells[5].text == "1"
    assert "Samarbejdet med jobcentret" in paragraphs

    raw = download(page, "csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "a byte-order mark, so Excel reads UTF-8"
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert rows[0][0] == title
    header_at = next(i for i, r in enumerate(rows) if r[:1] == [header[0]])
    assert rows[header_at] == header
    assert rows[header_at + 1][3] == TYPED and rows[header_at + 1][0] == "Rekruttering"
    assert any(r[1:] == ["Samarbejdet med jobcentret"] for r in rows)
    assert requests_after(watch, loaded) == [], "nothing leaves the page while filling and downloading"
    assert not watch.errors, watch.errors


def test_a_cell_that_would_be_a_formula_is_text_in_the_csv(server: LocalServer, open_page) -> None:
    _, watch = open_page(accept_downloads=True)
    page = watch.page
    go(watch, server.url("da/tools/gap-analysis/"))
    cell(page, GAP, 0, "area").fill('=HYPERLINK("http://x.example","klik")')
    rows = list(csv.reader(io.StringIO(download(page, "csv").read_text(encoding="utf-8-sig"), newline=""), delimiter=";"))
    assert ["'=HYPERLINK(\"http://x.example\",\"klik\")"] == [r[0] for r in rows if r and r[0].startswith("'=")]


BROKEN = {
    "not-json": "{ this is not json",
    "not-ours": json.dumps({"format": "something-else", "version": 1, "worksheets": {}}),
    "newer": json.dumps({"format": "mangfold-worksheets", "version": 99, "worksheets": {}}),
    "array": "[1, 2, 3]",
    "bad-choice": json.dumps({"format": "mangfold-worksheets", "version": 1,
                              "worksheets": {"gap-analysis": {"tables": {"gaps": [{"priority": "7"}]}}}}),
    "unknown-column": json.dumps({"format": "mangfold-worksheets", "version": 1,
                                  "worksheets": {"gap-analysis": {"tables": {"gaps": [{"evil": "x"}]}}}}),
    "proto": '{"format": "mangfold-worksheets", "version": 1, "worksheets": {"gap-analysis": {"__proto__": {"polluted": "yes"}}}}',
    "not-text": json.dumps({"format": "mangfold-worksheets", "version": 1,
                            "worksheets": {"gap-analysis": {"tables": {"gaps": [{"gap": {"html": "<img src=x onerror=alert(1)>"}}]}}}}),
    "too-many-rows": json.dumps({"format": "mangfold-worksheets", "version": 1,
                                 "worksheets": {"gap-analysis": {"tables": {"gaps": [{}] * 500}}}}),
    "missing-sheet": json.dumps({"format": "mangfold-worksheets", "version": 1, "worksheets": {"indicator-plan": {}}}),
    "too-big": "x" * 2_100_000,
}


@pytest.mark.parametrize("lang", LANGS)
def test_save_to_file_and_open_it_again_and_a_broken_file_changes_nothing(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page(accept_downloads=True)
    page = watch.page
    go(watch, server.url(f"{lang}/tools/gap-analysis/"))
    loaded = settled(watch)
    fill_gap(page)
    saved = json.loads(download(page, "save").read_text(encoding="utf-8"))
    assert saved["format"] == "mangfold-worksheets" and saved["version"] == 1
    assert saved["worksheets"]["gap-analysis"]["tables"]["gaps"][0]["gap"] == TYPED
    page.locator('[data-action="delete"]').click()
    page.locator('[data-action="delete-yes"]').click()
    assert cell(page, GAP, 0, "gap").input_value() == ""

    open_file(page, json.dumps(saved))
    page.wait_for_function("() => document.querySelector('.mf-ws .mf-ws__status').textContent.length > 0")
    assert cell(page, GAP, 0, "gap").input_value() == TYPED
    assert cell(page, GAP, 1, "priority").input_value() == "1"
    assert page.locator('[data-question="going-well"] textarea').input_value() == "Samarbejdet med jobcentret"
    before = stored(page)

    alert = page.locator(".mf-ws .mf-ws__alert")
    for name, payload in BROKEN.items():
        page.evaluate("() => document.querySelector('.mf-ws .mf-ws__alert').textContent = ''")
        open_file(page, payload)
        page.wait_for_function("() => document.querySelector('.mf-ws .mf-ws__alert').textContent.length > 0")
        message = alert.inner_text()
        assert NOTHING_CHANGED[lang] in message, f"{name}: {message}"
        assert stored(page) == before, f"{name} changed what is stored"
        assert cell(page, GAP, 0, "gap").input_value() == TYPED, f"{name} changed the form"
    assert page.evaluate("() => ({}).polluted") is None
    assert page.locator("img[src=x]").count() == 0
    assert requests_after(watch, loaded) == []
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("lang", LANGS)
def test_prioritised_gaps_start_the_plan_and_its_indicators_start_the_evaluation(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page()
    page = watch.page
    go(watch, server.url(f"{lang}/tools/gap-analysis/"))
    fill_gap(page)
    cell(page, GAP, 1, "actions").fill("Kursus for ledere")

    go(watch, server.url(f"{lang}/tools/indicator-plan/"))
    plan = "table[data-table=plan]"
    assert cell(page, plan, 0, "gap").input_value() == "Ledere kender ikke loven", "priority 1 first"
    assert cell(page, plan, 0, "action").input_value() == "Kursus for ledere"
    assert cell(page, plan, 1, "gap").input_value() == TYPED, "then priority 2"
    assert cell(page, plan, 2, "gap").input_value() == "", "a gap without a priority stays behind"
    assert "mangfold:ws:indicator-plan" not in stored(page), "rows shown from the GAP analysis are not stored until typed in"
    cell(page, plan, 0, "indicator").fill("Andel ledere på kursus")
    cell(page, plan, 0, "baseline").fill("10 %")
    assert "mangfold:ws:indicator-plan" in stored(page)

    go(watch, server.url(f"{lang}/tools/evaluate-and-learn/"))
    results = "table[data-table=results]"
    assert cell(page, results, 0, "indicator").input_value() == "Andel ledere på kursus"
    assert cell(page, results, 0, "action").input_value() == "Kursus for ledere"
    assert cell(page, results, 0, "before").input_value() == "10 %"
    assert cell(page, results, 1, "indicator").input_value() == "", "only rows with an indicator"

    # A gap prioritised later is taken on request, without repeating rows already there.
    go(watch, server.url(f"{lang}/tools/gap-analysis/"))
    cell(page, GAP, 2, "priority").select_option("3")
    go(watch, server.url(f"{lang}/tools/indicator-plan/"))
    page.locator('[data-action="import"]').click()
    gaps = [cell(page, plan, i, "gap").input_value() for i in range(page.locator(f"{plan} tbody tr").count())]
    assert gaps[:3] == ["Ledere kender ikke loven", TYPED, "Ikke prioriteret"], gaps
    assert gaps.count("Ledere kender ikke loven") == 1
    assert cell(page, plan, 0, "indicator").input_value() == "Andel ledere på kursus", "what was typed is kept"
    assert not watch.errors, watch.errors


KRUT_INPUTS = {"potential-participant": "20", "participant": "10", "organisation": "10", "rate": "450,5"}
# A: 430 fixed + 2×20 + 2×10 + 2×10 = 510; B: 650 + 80×10 + 100×10 = 2 450, and 750 more with B6.
KRUT_EXPECTED = {
    "da": {"without": "2.960", "with": "3.710", "cost-without": "1.333.480 kr.", "cost-with": "1.671.355 kr.", "people": "1.880", "fixed": "1.080"},
    "no": {"without": f"2{NBSP}960", "with": f"3{NBSP}710", "cost-without": f"1{NBSP}333{NBSP}480 kr", "cost-with": f"1{NBSP}671{NBSP}355 kr",
           "people": f"1{NBSP}880", "fixed": f"1{NBSP}080"},
    "sv": {"without": f"2{NBSP}960", "with": f"3{NBSP}710", "cost-without": f"1{NBSP}333{NBSP}480 kr", "cost-with": f"1{NBSP}671{NBSP}355 kr",
           "people": f"1{NBSP}880", "fixed": f"1{NBSP}080"},
}


@pytest.mark.parametrize("lang", LANGS)
def test_the_krut_calculator_totals_in_the_readers_number_format(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page()
    page = watch.page
    go(watch, server.url(f"{lang}/processes/krut/"))
    loaded = settled(watch)
    calc = page.locator("[data-krut-calculator]")
    assert calc.locator("[data-krut-inputs]").is_visible()
    for name, value in KRUT_INPUTS.items():
        calc.locator(f'[data-krut-input="{name}"] input').fill(value)
    for name, value in KRUT_EXPECTED[lang].items():
        assert calc.locator(f'tr[data-result="{name}"] td[data-phase="total"]').inner_text() == value, name
    mobilisation = calc.locator('tr[data-result="without"] td[data-phase="mobilisation"]').inner_text()
    assert mobilisation == "510"
    status = calc.locator("[data-calc-status]")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    page.wait_for_function("() => document.querySelector('[data-krut-calculator] [data-calc-status]').textContent.length > 0")
    assert KRUT_EXPECTED[lang]["without"] in status.inner_text() and KRUT_EXPECTED[lang]["with"] in status.inner_text()
    reload(page)
    assert calc.locator('[data-krut-input="rate"] input').input_value() == "450,5", "the numbers are kept on the device"
    assert calc.locator('tr[data-result="with"] td[data-phase="total"]').inner_text() == KRUT_EXPECTED[lang]["with"]
    calc.locator('[data-krut-input="rate"] input').fill("fire hundrede")
    assert calc.locator('[data-krut-input="rate"] input').get_attribute("aria-invalid") == "true"
    error = calc.locator('[data-krut-input="rate"] .mf-ws__error')
    assert error.is_visible() and "12,5" in error.inner_text().replace("12.5", "12,5")
    assert all(u.startswith(server.origin + "/") for u in requests_after(watch, loaded)), "only the reload, from the site"
    assert not watch.errors, watch.errors


EFFECT_EXPECTED = {
    "da": {"cost": "45.000 kr.", "gain": "136.000 kr.", "net": "91.000 kr.", "ratio": "3,02 kr. pr. krone"},
    "no": {"cost": f"45{NBSP}000 kr", "gain": f"136{NBSP}000 kr", "net": f"91{NBSP}000 kr", "ratio": "3,02 kr per krone"},
    "sv": {"cost": f"45{NBSP}000 kr", "gain": f"136{NBSP}000 kr", "net": f"91{NBSP}000 kr", "ratio": "3,02 kr per krona"},
}


def fill_effect(page) -> None:
    calc = page.locator("[data-effect-calculator]")
    calc.locator('[data-name="hours"]').fill("100")
    calc.locator('[data-name="rate"]').fill("400")
    calc.locator('[data-name="expenses"]').fill("5.000" if page.evaluate("document.documentElement.lang") == "da" else "5 000")
    rows = calc.locator("[data-calc=effects] tbody tr")
    rows.nth(0).locator('[data-name="effect"]').fill("Færre sygedage")
    rows.nth(0).locator('[data-name="change"]').fill("40")
    rows.nth(0).locator('[data-name="unit"]').fill("dage")
    rows.nth(0).locator('[data-name="value"]').fill("2500")
    rows.nth(1).locator('[data-name="effect"]').fill("Lavere personaleomsætning")
    rows.nth(1).locator('[data-name="change"]').fill("3")
    rows.nth(1).locator('[data-name="value"]').fill("12000")


@pytest.mark.parametrize("lang", LANGS)
def test_the_effect_calculator_gives_cost_gain_and_return(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page()
    page = watch.page
    go(watch, server.url(f"{lang}/tools/effect-measurement/"))
    calc = page.locator("[data-effect-calculator]")
    assert all(v == "" for v in calc.locator("input").evaluate_all("els => els.map(e => e.value)")), "no default pretends to be a fact"
    fill_effect(page)
    for name, value in EFFECT_EXPECTED[lang].items():
        assert calc.locator(f'.mf-calc__result [data-output="{name}"]').inner_text() == value, name
    assert calc.locator('[data-calc=cost] [data-output="cost"]').inner_text() == EFFECT_EXPECTED[lang]["cost"]
    page.wait_for_function("() => document.querySelector('[data-effect-calculator] [data-calc-status]').textContent.length > 0")
    assert EFFECT_EXPECTED[lang]["net"] in calc.locator("[data-calc-status]").inner_text()
    calc.locator('[data-action="add-effect"]').click()
    assert calc.locator("[data-calc=effects] tbody tr").count() == 4
    assert page.evaluate("() => document.activeElement.closest('tr') === document.querySelector('[data-calc=effects] tbody tr:last-child')")
    reload(page)
    assert calc.locator('.mf-calc__result [data-output="net"]').inner_text() == EFFECT_EXPECTED[lang]["net"]
    calc.locator('[data-action="delete"]').click()
    calc.locator('[data-action="delete-yes"]').click()
    assert calc.locator('[data-name="hours"]').input_value() == ""
    assert "mangfold:calc:effect" not in stored(page)
    assert not watch.errors, watch.errors


def axe_outside_fact_box(page) -> list[dict]:
    """axe on the whole page but the tool's fact box, which the sweep of every page
    (test_every_page.py) judges; here the question is what filling in changes."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async (tags) => {
      const result = await axe.run({exclude: [[".mf-factbox"]]}, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]});
      return result.violations.map(v => ({rule: v.id, targets: v.nodes.map(n => n.target.join(" ") + " :: " + (n.failureSummary || "").slice(0, 200))}));
    }""", AXE_TAGS)


def fill_everything(page, server: LocalServer, lang: str, watch) -> None:
    go(watch, server.url(f"{lang}/tools/gap-analysis/"))
    fill_gap(page)
    go(watch, server.url(f"{lang}/tools/indicator-plan/"))
    cell(page, "table[data-table=plan]", 0, "indicator").fill("Andel ledere på kursus")
    page.locator('[data-field="contact"] input').fill("Kim Jensen")


@pytest.mark.parametrize("lang", LANGS)
def test_our_plan_shows_every_filled_sheet_and_downloads_one_word_file(server: LocalServer, open_page, lang: str) -> None:
    _, watch = open_page(accept_downloads=True)
    page = watch.page
    fill_everything(page, server, lang, watch)
    go(watch, server.url(f"{lang}/our-plan/"))
    loaded = settled(watch)
    gap = page.locator('[data-plan-sheet="gap-analysis"]')
    assert "Ledere kender ikke loven" in gap.inner_text()
    assert "Kim Jensen" in page.locator('[data-plan-sheet="indicator-plan"]').inner_text()
    assert "mf-plan-sheet--empty" in page.locator('[data-plan-sheet="innovation-team"]').get_attribute("class")
    assert page.locator("[data-our-plan] .mf-ws__privacy").is_visible()
    doc = Document(str(download(page, "plan-docx")))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    titles = [page.locator(f'[data-plan-sheet="{i}"] h3').inner_text() for i in ("gap-analysis", "indicator-plan")]
    assert all(t in headings for t in titles), headings
    cells = [c.text for t in doc.tables for r in t.rows for c in r.cells]
    assert TYPED in cells and "Andel ledere på kursus" in cells
    assert requests_after(watch, loaded) == []
    assert not watch.errors, watch.errors


@pytest.mark.parametrize("width", ["desktop", "phone"])
@pytest.mark.parametrize("lang", LANGS)
def test_axe_finds_nothing_on_filled_pages(server: LocalServer, open_page, lang: str, width: str) -> None:
    _, watch = open_page(width)
    page = watch.page
    fill_everything(page, server, lang, watch)
    found = {}
    for url, fill in ((f"{lang}/tools/gap-analysis/", None), (f"{lang}/tools/indicator-plan/", None),
                      (f"{lang}/tools/effect-measurement/", fill_effect), (f"{lang}/processes/krut/", None), (f"{lang}/our-plan/", None)):
        go(watch, server.url(url))
        if fill:
            fill(page)
        if "krut" in url:
            page.locator('[data-krut-input="rate"] input').fill("450")
        page.wait_for_timeout(400)  # Material's back-to-top button fades in after a scroll: judge it shown, not halfway
        found[url] = axe_outside_fact_box(page)
    problems = [f"{u}: {v['rule']}: {t}" for u, vs in found.items() for v in vs for t in v["targets"]]
    assert not problems, "\n".join(problems)
    assert not [u for _, u in watch.requests if not (u.startswith(server.origin) or u.startswith(("blob:", "data:")))]
    assert not watch.errors, watch.errors


def test_on_a_phone_each_row_is_a_card_with_labelled_fields(server: LocalServer, open_page) -> None:
    _, watch = open_page("phone")
    page = watch.page
    go(watch, server.url("da/tools/indicator-plan/"))
    first = page.locator("table[data-table=plan] tbody tr").first
    assert first.evaluate("tr => getComputedStyle(tr).display") == "block"
    label = first.locator("label").first
    assert label.is_visible() and label.locator(".mf-ws__cell-col").inner_text() == "Gab"
    assert page.evaluate("() => document.scrollingElement.scrollWidth") <= 360, "nothing is wider than the phone"
    box = first.locator("textarea").first.bounding_box()
    assert box["width"] > 250, "a field spans the card"
    assert not watch.errors, watch.errors


def test_rows_are_added_and_removed_with_the_focus_kept(server: LocalServer, open_page) -> None:
    _, watch = open_page()
    page = watch.page
    go(watch, server.url("sv/tools/gap-analysis/"))
    rows = page.locator(f"{GAP} tbody tr")
    assert rows.count() == 5
    page.locator('[data-action="add-row"]').click()
    assert rows.count() == 6
    assert page.evaluate("() => document.activeElement.closest('tr') === document.querySelector('table[data-table=gaps] tbody tr:last-child')")
    page.keyboard.type("Ny rad")
    remove = rows.nth(0).locator('[data-action="remove-row"]')
    assert remove.get_attribute("aria-label") == "Ta bort rad 1"
    remove.click()
    assert rows.count() == 5
    assert cell(page, GAP, 4, "area").input_value() == "Ny rad"
    assert page.evaluate("() => document.activeElement.tagName") == "TEXTAREA"
    labels = rows.nth(0).locator("label").evaluate_all("ls => ls.map(l => l.textContent)")
    assert labels[0] == "Område (rad 1)", labels
    assert not watch.errors, watch.errors


def test_a_filled_sheet_prints_what_was_typed(server: LocalServer, open_page) -> None:
    _, watch = open_page()
    page = watch.page
    go(watch, server.url("da/tools/gap-analysis/"))
    fill_gap(page)
    page.emulate_media(media="print")
    printed = page.locator(f"{GAP} tbody tr").first.locator('td[data-col="gap"] .mf-ws__print')
    assert printed.is_visible() and printed.inner_text() == TYPED
    assert not cell(page, GAP, 0, "gap").is_visible(), "the field itself does not print"
    assert not page.locator(".mf-ws__bar").is_visible() and not page.locator('[data-action="add-row"]').is_visible()
    table = page.locator(GAP)
    assert table.evaluate("t => t.scrollWidth <= t.clientWidth + 1"), "the sheet fits the paper's width"
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF")
    assert not watch.errors, watch.errors
