"""Worksheets through the built site: one definition drawn as a printable table in
every language, a blank Word file per tool and language that python-docx reads,
the script only where a form is, the KRUT plan's uncertain hours summed apart,
and bad worksheet data named in one line."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from docx import Document

from conftest import LANGS, ROOT, Site, cli

SHEETS = [w["id"] for w in yaml.safe_load((ROOT / "data" / "worksheets.yml").read_text(encoding="utf-8"))["worksheets"]]
TOOLS = sorted(p.stem for p in (ROOT / "content" / "da" / "tools").glob("*.md") if p.stem != "index")
HEADING = {"da": "Arbejdsark", "no": "Arbeidsark", "sv": "Arbetsblad"}
SCRIPT = "assets/javascripts/worksheets.js"


def columns(html: str) -> dict[str, list[str]]:
    """table id -> its column ids, in order, as the page draws them."""
    found: dict[str, list[str]] = {}
    for table_id, head in re.findall(r'<table class="mf-ws__table" data-table="([^"]+)"[^>]*>\s*<thead>(.*?)</thead>', html, re.S):
        found[table_id] = re.findall(r'<th scope="col" data-col="([^"]+)"', head)
    return found


def config(html: str) -> dict:
    raw = re.search(r'<script type="application/json" data-worksheet-config>(.*?)</script>', html, re.S).group(1)
    return json.loads(raw)


def test_every_tool_has_a_worksheet(site: Site) -> None:
    assert sorted(SHEETS) == TOOLS, "one worksheet per tool page"


@pytest.mark.parametrize("tool", TOOLS)
def test_the_three_languages_draw_the_same_worksheet(site: Site, tool: str) -> None:
    drawn = {lang: site.html(f"{lang}/tools/{tool}/") for lang in LANGS}
    shapes = {lang: columns(html) for lang, html in drawn.items()}
    assert shapes["da"], f"{tool}: no worksheet table on the Danish page"
    assert shapes["da"] == shapes["no"] == shapes["sv"], shapes
    rows = {lang: len(re.findall(r"<tr(?: data-fixed=\"\d+\")?>\s*<(?:td|th scope=\"row\") data-col", html)) for lang, html in drawn.items()}
    assert len(set(rows.values())) == 1 and rows["da"] >= 3, rows
    for lang, html in drawn.items():
        assert f'<h2 id="{HEADING[lang].lower()}">{HEADING[lang]}</h2>' in html, f"{lang}: the worksheet keeps its heading"
        assert "<textarea" not in html and "<input" not in html.split('class="mf-ws"', 1)[1].split("</table>", 1)[0], \
            "without a script the sheet is a table to write on, not a form"


def test_the_table_names_choices_and_help_on_paper(site: Site) -> None:
    html = site.html("da/tools/leadership-prerequisites/")
    assert "(Ja / Delvist / Nej)" in html, "a choice column says its choices, so the printed sheet can be ticked"
    assert '<th scope="row" data-col="prerequisite">Satsningen er forankret i den politiske ledelse</th>' in html
    gap = site.html("no/tools/gap-analysis/")
    assert "1 er viktigst" in gap


@pytest.mark.parametrize("lang", LANGS)
def test_each_sheet_says_where_it_comes_from_and_what_is_the_toolboxs_own(site: Site, lang: str) -> None:
    own = {"da": "værktøjskassens eget forslag", "no": "verktøykassens eget forslag", "sv": "verktygslådans eget förslag"}[lang]
    for tool in TOOLS:
        html = site.html(f"{lang}/tools/{tool}/")
        basis = re.search(r'<p class="mf-ws__basis"><small>(.*?)</small></p>', html, re.S)
        assert basis, f"{lang}/{tool}: no basis line"
        if tool != "indicator-plan":  # every part of the plan is Oslo's
            assert own in basis.group(1), f"{lang}/{tool}: the prompts the toolbox added are not said to be its own"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tool", TOOLS)
def test_a_blank_word_file_for_every_tool_and_language(site: Site, lang: str, tool: str) -> None:
    path = site.root / "assets" / "worksheets" / lang / f"{tool}.docx"
    assert path.is_file(), path
    doc = Document(str(path))
    page = site.html(f"{lang}/tools/{tool}/")
    title = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S).group(1).strip()
    texts = [p.text for p in doc.paragraphs]
    assert texts[0] == title.replace("&#39;", "'"), "the file opens with the tool's name"
    assert doc.paragraphs[0].style.name == "Title" and doc.paragraphs[1].style.name == "Heading 1"
    assert texts[1] == HEADING[lang]
    assert any(t.startswith(("Dato:", "Datum:")) for t in texts), "a line for the date"
    sheet = config(page)
    assert len(doc.tables) == len(sheet["tables"])
    for table, spec in zip(doc.tables, sheet["tables"]):
        header = [c.text for c in table.rows[0].cells]
        assert [h.split(" (")[0] if spec["columns"][i]["choices"] else h for i, h in enumerate(header)] == \
            [c["label"] for c in spec["columns"]], "the header row is the sheet's columns"
        assert len(table.rows) == 1 + len(spec["fixed"]) + spec["rows"]
    assert doc.sections[0].page_width > doc.sections[0].page_height, "landscape: the sheets are wide"
    assert doc.core_properties.language == {"da": "da", "no": "nb", "sv": "sv"}[lang]


def test_a_blank_word_file_is_the_same_bytes_for_the_same_build_date(site: Site) -> None:
    import datetime as dt
    import zipfile

    from mangfold.components._worksheet_docx import _one_timestamp
    from mangfold.components.worksheets import build_date

    path = site.root / "assets" / "worksheets" / "da" / "gap-analysis.docx"
    with zipfile.ZipFile(path) as z:
        stamps = {entry.date_time for entry in z.infolist()}
    assert len(stamps) == 1, f"entries dated apart: {stamps}"
    day = dt.date(*stamps.pop()[:3])
    core = Document(str(path)).core_properties
    assert core.created.replace(tzinfo=None) == core.modified.replace(tzinfo=None) == dt.datetime(day.year, day.month, day.day)
    blob = path.read_bytes()
    assert _one_timestamp(blob, day) == blob, "writing it again for the same date changes bytes"
    assert build_date("1767225600") == dt.date(2026, 1, 1)  # SOURCE_DATE_EPOCH, for reproducible builds
    assert build_date("not a number") == build_date(None) == dt.date.today()


@pytest.mark.parametrize("lang", LANGS)
def test_every_tool_page_links_its_blank_worksheet(site: Site, lang: str) -> None:
    label = {"da": "Hent det tomme arbejdsark (Word)", "no": "Last ned det tomme arbeidsarket (Word)",
             "sv": "Ladda ner det tomma arbetsbladet (Word)"}[lang]
    for tool in TOOLS:
        html = site.html(f"{lang}/tools/{tool}/")
        link = f'href="../../../assets/worksheets/{lang}/{tool}.docx" download'
        factbox = html.split('class="mf-factbox"', 1)[1].split("</aside>", 1)[0]
        assert link in factbox and label in factbox, f"{lang}/{tool}: the fact box has no link to the blank file"
        assert html.count(link) == 2, "in the fact box and under the sheet"


def test_the_script_loads_only_where_there_is_a_form(site: Site) -> None:
    with_form, without = [], []
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        has_form = any(marker in html for marker in ('class="mf-ws" data-worksheet', "data-effect-calculator", "data-krut-calculator", "data-our-plan"))
        loads = html.count(SCRIPT)
        (with_form if has_form else without).append((site.url_of(page), loads))
    assert len(with_form) >= 3 * (len(TOOLS) + 2), with_form  # tools, KRUT, our plan, per language
    assert all(n == 1 for _, n in with_form), [p for p in with_form if p[1] != 1]
    assert all(n == 0 for _, n in without), [p for p in without if p[1]]


class _Scripts(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.json: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "script" and ("type", "application/json") in attrs

    def handle_data(self, data):
        if self._in:
            self.json.append(data)

    def handle_endtag(self, tag):
        self._in = False


def test_the_definitions_in_the_page_are_json_that_cannot_close_their_script(site: Site) -> None:
    html = site.html("da/our-plan/")
    parser = _Scripts()
    parser.feed(html)
    assert len(parser.json) >= len(SHEETS) + 1, "every sheet's definition and the strings"
    for raw in parser.json:
        json.loads(raw)
        assert "<" not in raw and ">" not in raw and "&" not in raw.replace("\\u0026", "")


PHASE_WORD = {"da": "Fase", "no": "Fase", "sv": "Fas"}
OTHERS = {"da": "Andre arbejdsark", "no": "Andre arbeidsark", "sv": "Andra arbetsblad"}


@pytest.mark.parametrize("lang", LANGS)
def test_our_plan_lists_every_sheet_by_phase(site: Site, lang: str) -> None:
    process = next(p for p in yaml.safe_load((ROOT / "data" / "processes.yml").read_text(encoding="utf-8"))["processes"]
                   if p["id"] == "three-phase")
    words = [f"{PHASE_WORD[lang]} {n}: {ph['title'][lang]}" for n, ph in enumerate(process["phases"], 1)] + [OTHERS[lang]]
    html = site.html(f"{lang}/our-plan/")
    for word in words:
        assert word in html, word
    order = re.findall(r'data-plan-sheet="([^"]+)"', html)
    assert sorted(order) == sorted(SHEETS)
    assert order.index("gap-analysis") < order.index("indicator-plan") < order.index("evaluate-and-learn")
    assert re.search(r"<noscript><p class=\"mf-ws__privacy\">[^<]*JavaScript", html), "without a script the page says why it is empty"


# ---------------------------------------------------------------- the KRUT plan


def test_krut_sums_are_shown_without_and_with_b6s_uncertain_hours(site: Site) -> None:
    html = site.html("da/processes/krut/")
    b6 = re.search(r'<tr data-activity="B6"[^>]*>(.*?)</tr>', html, re.S)
    assert b6 and "data-uncertain" in b6.group(0) and 'data-hours="750"' in b6.group(0)
    assert "usikkert" in b6.group(1) and "»timmar (750 tim)«" in b6.group(1), "B6's hours keep the source's wording and the doubt"
    assert re.search(r"uden B6</th><td[^>]*data-subtotal-firm>650<", html)
    assert re.search(r"med de usikre timer for B6</th><td[^>]*data-subtotal>1\.400<", html)
    assert re.search(r"uden B6</th><td[^>]*data-total-hours-firm>1\.080<", html)
    assert re.search(r"med de usikre timer for B6</th><td[^>]*data-total-hours>1\.830<", html)
    assert re.search(r"I alt for mobilisering</th><td[^>]*data-subtotal>430<", html), "a phase without doubt has one sum"


@pytest.mark.parametrize("code,hours,unit", [("A2", 2, "potential-participant"), ("A5", 2, "participant"), ("A9", 2, "participant"),
                                             ("B5", 80, "organisation"), ("B6", 100, "participant")])
def test_krut_hours_per_participant_and_organisation_are_the_sources(site: Site, code: str, hours: int, unit: str) -> None:
    row = re.search(rf'<tr data-activity="{code}"[^>]*>', site.html("sv/processes/krut/")).group(0)
    assert f'data-per="{unit}" data-per-hours="{hours}"' in row


@pytest.mark.parametrize("code,hours", [("A1", 150), ("A3", 80), ("A4", 100), ("A7", 80), ("A8", 20), ("B4", 400), ("B5", 250)])
def test_krut_fixed_hours_are_the_sources(site: Site, code: str, hours: int) -> None:
    row = re.search(rf'<tr data-activity="{code}"[^>]*>', site.html("no/processes/krut/")).group(0)
    assert f'data-hours="{hours}"' in row and "data-uncertain" not in row


def test_the_krut_page_without_a_script_shows_the_sources_table(site: Site) -> None:
    html = site.html("da/processes/krut/")
    assert re.search(r"<div data-krut-inputs hidden>", html) and re.search(r"<div data-krut-results hidden>", html), \
        "the calculator shows only where the script runs"


@pytest.mark.parametrize("lang,own", [("da", "værktøjskassens egen metode"), ("no", "verktøykassens egen metode"), ("sv", "verktygslådans egen metod")])
def test_the_effect_calculator_says_it_is_the_toolboxs_own_method(site: Site, lang: str, own: str) -> None:
    html = site.html(f"{lang}/tools/effect-measurement/")
    box = html.split("data-effect-calculator", 1)[1].split("</section>", 1)[0]
    assert own in box
    assert 'data-input="hours"' in box and "value=" not in box, "no figure is filled in for the reader"


# ---------------------------------------------------------------- bad worksheet data


def _break(project: Path, old: str, new: str) -> None:
    path = project / "data" / "worksheets.yml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old,new,message", [
    ("  - id: gap-analysis\n    tables:", "  - id: gap-analysys\n    tables:", r"worksheets\.yml:\d+: .*unknown tool id 'gap-analysys'; did you mean 'gap-analysis'"),
    ("            kind: choice\n            choices: finding\n", "            kind: choice\n",
     r"worksheets\.yml:\d+: .*choices.*a column of kind choice names its choice set"),
    ("copy: {gap: gap, action: actions}", "copy: {gap: gap, action: measures}",
     r"worksheets\.yml:\d+: .*'measures' is not a column of gap-analysis / gaps"),
    ("            kind: priority\n            help:\n              da: 1 er vigtigst. Gab", "            kind: importance\n            help:\n              da: 1 er vigtigst. Gab",
     r"worksheets\.yml:\d+: .*expected one of text, number, priority, choice, fixed, got 'importance'"),
    ("          - id: today\n            label: {da: Sådan er det i dag", "          - id: area\n            label: {da: Sådan er det i dag",
     r"worksheets\.yml:\d+: .*two columns are called 'area'"),
])
def test_bad_worksheet_data_is_one_clear_line(project_copy: Path, old: str, new: str, message: str) -> None:
    _break(project_copy, old, new)
    result = cli(project_copy, "check")
    assert result.returncode != 0
    assert re.search(message, result.stdout + result.stderr), result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr
