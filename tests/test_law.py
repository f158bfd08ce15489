"""The law lens (issue 15): what the law asks of employers, country by country.

Through the built site: the law page in every language with all three countries
(the reader's first), every duty and step with its sources and checked dates,
every tool page's legal mapping, the process side-by-side. Through the data:
who each duty applies to for the cases the issue names, and `mangfold check`
failing on a wrong step id or a missing source (naming file and field) and
warning about a source not checked for 12 months.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import HTML_LANG, LANGS, ROOT, Site, cli
from mangfold.cli import project as projects
from mangfold.components import law

COUNTRY_OF = {"da": "dk", "no": "no", "sv": "se"}
COUNTRIES = ("dk", "no", "se")
# Where a legal statement may come from: the law texts, the parliaments, and the
# authorities and ministries that explain them (the list, and the pages
# those authorities publish on their own sub-sites).
OFFICIAL_HOSTS = (
    "rkrattsbaser.gov.se", "riksdagen.se", "do.se", "arbetsgivarverket.se",
    "lovdata.no", "bufdir.no", "ldo.no", "difi.no",
    "retsinformation.dk", "bm.dk", "medst.dk", "ft.dk", "ast.dk",
    "eur-lex.europa.eu",
)
TOOLS = [line.split(":", 1)[1].strip() for line in (ROOT / "data/tools.yml").read_text(encoding="utf-8").splitlines()
         if line.startswith("  - id:")]


@pytest.fixture(scope="module")
def real_site():
    return projects.open_site(projects.load(ROOT))


def ids_in_order(html: str, pattern: str) -> list[str]:
    return re.findall(pattern, html)


def element(html: str, start: str) -> str:
    """The HTML from `start` to the end of that element (by counting tags of its name)."""
    at = html.index(start)
    tag = re.match(r"<(\w+)", html[at:]).group(1)
    depth = 0
    for match in re.finditer(rf"<(/?){tag}\b[^>]*>", html[at:]):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return html[at:at + match.end()]
    raise AssertionError(f"unclosed {start}")


class Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs.append(dict(attrs).get("href") or "")


# ------------------------------------------------------------------ the law page

@pytest.mark.parametrize("lang", LANGS)
def test_the_law_page_covers_all_three_countries_the_readers_first(site: Site, lang: str) -> None:
    html = site.html(f"{lang}/law/")
    assert f'<html lang="{HTML_LANG[lang]}"' in html
    order = ids_in_order(html, r'<div class="mf-law-country" id="law-(\w+)"')
    assert sorted(order) == sorted(COUNTRIES) and order[0] == COUNTRY_OF[lang], order
    headings = ids_in_order(html, r"<h2[^>]*>(Danmark|Norge|Sverige)</h2>")
    labels = {"dk": "Danmark", "no": "Norge", "se": "Sverige"}
    assert headings == [labels[c] for c in order], "the page's own headings follow the same order"
    notice = element(html, "<aside class=\"mf-law-notice\"")
    assert {"do.se", "bufdir.no", "ldo.no"} <= {urlsplit(h).hostname.removeprefix("www.") for h in re.findall(r'href="(https://[^"]+)"', notice)}
    # The notice names its country's authority first, too.
    assert ids_in_order(notice, r'<li data-country="(\w+)"')[0] == COUNTRY_OF[lang]


@pytest.mark.parametrize("lang", LANGS)
def test_every_duty_and_step_names_its_basis_sources_and_checked_date(site: Site, real_site, lang: str) -> None:
    html = site.html(f"{lang}/law/")
    data = real_site.data.entries
    for obligation_id, obligation in data["obligations"].items():
        card = element(html, f'<article class="mf-law-duty mf-law-duty--{obligation["kind"]}" id="law-{obligation_id}"')
        if obligation.get("basis"):
            assert obligation["basis"] in card, obligation_id
        basis = element(card, '<div class="mf-law-basis">')
        sources = re.findall(r'<li data-source="([\w-]+)">.*?<time datetime="(\d{4}-\d\d-\d\d)">', basis)
        assert [s for s, _ in sources] == [c["source"] for c in obligation["sources"]], obligation_id
        for citation in obligation["sources"]:
            assert data["legal_sources"][citation["source"]]["url"] in basis
            assert f'datetime="{citation["checked"].isoformat()}"' in basis
        for step_id in obligation.get("steps") or []:
            step = element(card, f'<li class="mf-law-step" id="law-step-{step_id}"')
            for citation in data["legal_steps"][step_id]["sources"]:
                assert data["legal_sources"][citation["source"]]["url"] in step, (obligation_id, step_id)


def test_every_source_is_an_official_https_page(real_site) -> None:
    for source_id, source in real_site.data.entries["legal_sources"].items():
        host = urlsplit(source["url"]).hostname or ""
        assert source["url"].startswith("https://"), source_id
        assert any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS), f"{source_id}: {host} is not an official source"


@pytest.mark.parametrize("lang", LANGS)
def test_what_could_not_be_confirmed_is_said_on_the_page(site: Site, real_site, lang: str) -> None:
    html = site.html(f"{lang}/law/")
    heading = real_site.strings.t(lang, "law_pending_heading")
    for country in COUNTRIES:
        section = element(html, f'<div class="mf-law-country" id="law-{country}"')
        assert "data-pending" in section and heading in section, f"{country}: no 'not confirmed here' list"
    # The pay-transparency rules of 2026 are named as unconfirmed for Sweden and Denmark.
    for country in ("se", "dk"):
        pending = element(element(html, f'<div class="mf-law-country" id="law-{country}"'), '<div class="mf-law-pending-list"')
        assert "2023/970" in pending and "eur-lex.europa.eu" in pending


def test_the_page_says_it_is_guidance_not_legal_advice(site: Site, real_site) -> None:
    for lang in LANGS:
        html = site.html(f"{lang}/law/")
        assert real_site.strings.t(lang, "law_notice_title") in html
        assert re.search(r'<p class="mf-dates"><span>[^<]+<time datetime="2026-12-01">', html), "the page shows when it was reviewed"


# ------------------------------------------------------------------ who a duty applies to

CASES = {
    "Swedish employer, 10": ("se", "private", 10, {"se-aktiva-atgarder", "se-lonekartlaggning", "se-lonekartlaggning-dokumentation", "se-trakasserier"}, set()),
    "Swedish employer, 30": ("se", "public", 30, {"se-aktiva-atgarder", "se-dokumentation", "se-lonekartlaggning",
                                                 "se-lonekartlaggning-dokumentation", "se-trakasserier"}, set()),
    "Swedish employer, 9": ("se", "private", 9, {"se-aktiva-atgarder", "se-lonekartlaggning", "se-trakasserier"}, set()),
    "Norwegian municipality": ("no", "public", 4000, {"no-aktivitetsplikt", "no-arp", "no-kartlegging", "no-redegjorelse",
                                                      "no-offentlige-myndigheter"}, set()),
    "Norwegian municipality, small": ("no", "public", 12, {"no-aktivitetsplikt", "no-arp", "no-kartlegging", "no-redegjorelse",
                                                           "no-offentlige-myndigheter"}, set()),
    "Norwegian private, 30": ("no", "private", 30, {"no-aktivitetsplikt"}, {"no-arp", "no-kartlegging", "no-redegjorelse"}),
    "Norwegian private, 60": ("no", "private", 60, {"no-aktivitetsplikt", "no-arp", "no-kartlegging", "no-redegjorelse"}, set()),
    "Norwegian private, 50": ("no", "private", 50, {"no-aktivitetsplikt"}, {"no-arp", "no-kartlegging", "no-redegjorelse"}),
    "Norwegian private, 19": ("no", "private", 19, {"no-aktivitetsplikt"}, set()),
    "Danish municipality": ("dk", "public", 3000, {"dk-forbud", "dk-ligestilling-myndigheder", "dk-frivilligt"}, {"dk-lonstatistik"}),
    "Danish private, 20": ("dk", "private", 20, {"dk-forbud", "dk-frivilligt"}, set()),
}


@pytest.mark.parametrize("case", CASES)
def test_the_duties_that_apply_to_each_case(real_site, case: str) -> None:
    country, sector, employees, plain, conditional = CASES[case]
    found = law.duties(real_site.data, country, sector, employees)
    assert {o["id"] for o, rule in found if not rule.get("condition")} == plain
    assert {o["id"] for o, rule in found if rule.get("condition")} == conditional


def test_the_no_javascript_tables_give_the_same_answers(site: Site, real_site) -> None:
    html = site.html("da/law/")
    for case, (country, sector, employees, plain, conditional) in CASES.items():
        table = element(html, f'<table class="mf-law-table__table" data-law-table="{country}"')
        rows = re.findall(r'<tr data-sector="(\w+)" data-min="(\d+)" data-max="(\d*)">(.*?)</tr>', table, re.S)
        row = [body for s, low, high, body in rows if s == sector and int(low) <= employees and (not high or employees <= int(high))]
        assert len(row) == 1, f"{case}: {len(row)} rows match"
        listed = dict(re.findall(r'<li data-obligation="([\w-]+)">(.*?)</li>', row[0], re.S))
        assert set(listed) == plain | conditional, case
        for obligation_id in conditional:
            assert 'class="mf-law-if"' in listed[obligation_id], f"{case}: {obligation_id} should say when it applies"


def test_the_check_carries_every_duty_and_its_rules_for_the_browser(site: Site, real_site) -> None:
    html = site.html("sv/law/")
    raw = re.search(r'<script type="application/json" id="mf-law-check-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert [o["id"] for o in data["obligations"]] == [o for o in real_site.data.entries["obligations"]]
    assert set(data["countries"]) == set(COUNTRIES) and set(data["sectors"]) == {"public", "private"}
    assert '<script src="../../assets/javascripts/law.js" defer></script>' in html
    assert (site.root / "assets/javascripts/law.js").is_file()
    assert "law.js" not in site.html("sv/tools/"), "the script loads only where the check is"


def test_the_checks_json_cannot_end_its_script_element(real_site) -> None:
    hostile = {"sv": '</script><script>alert("x")</script>&amp;'}
    entry = real_site.data.entries["obligations"]["se-trakasserier"]
    saved = entry["name"]
    entry["name"] = hostile
    try:
        html = str(law.law_check(real_site.page("sv", "sv/law/")))
    finally:
        entry["name"] = saved
    script = re.search(r'<script type="application/json" id="mf-law-check-data">(.*?)</script>', html, re.S).group(1)
    assert "<" not in script and ">" not in script
    names = {o["id"]: o["name"] for o in json.loads(script)["obligations"]}
    assert names["se-trakasserier"] == hostile["sv"], "the text arrives unchanged"
    assert "<script>alert" not in html


def test_size_bands_follow_the_thresholds_in_the_data(real_site) -> None:
    obligations = real_site.data.entries["obligations"].values()
    own = lambda c: [o for o in obligations if o["country"] == c]  # noqa: E731
    assert law.bands(own("se"), "private") == [(1, 9), (10, 24), (25, None)]
    assert law.bands(own("no"), "private") == [(1, 19), (20, 50), (51, None)]
    assert law.bands(own("no"), "public") == [(1, None)]
    assert law.bands(own("dk"), "public") == [(1, 34), (35, None)]


# ------------------------------------------------------------------ tool pages and the process

@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("tool_id", TOOLS)
def test_every_tool_page_shows_its_legal_mapping_readers_country_first(site: Site, real_site, lang: str, tool_id: str) -> None:
    html = site.html(f"{lang}/tools/{tool_id}/")
    section = element(html, f'<section class="mf-law-tool" aria-labelledby="mf-law-tool-title" data-tool-law="{tool_id}"')
    countries = re.findall(r'<details class="mf-law-tool__country" data-country="(\w+)"( open)?>', section)
    assert [c for c, _ in countries][0] == COUNTRY_OF[lang] and sorted(c for c, _ in countries) == sorted(COUNTRIES)
    assert [bool(o) for _, o in countries] == [True, False, False], "the reader's country open, the others one click away"
    mapped = real_site.data.entries["tools"][tool_id]["law"]
    assert {real_site.data.entries["legal_steps"][s]["country"] for s in mapped} == set(COUNTRIES), f"{tool_id}: a country without a step"
    assert set(re.findall(r'<li data-step="([\w-]+)">', section)) == set(mapped)
    assert section.index('<h2 id="mf-law-tool-title">') < section.index("<details"), "a heading says what the block is"
    assert html.index('class="mf-factbox"') < html.index('class="mf-law-tool"'), "right after the fact box"
    assert real_site.strings.t(lang, "law_notice_short") in section
    for step_id in mapped:
        for citation in real_site.data.entries["legal_steps"][step_id]["sources"]:
            assert f'datetime="{citation["checked"].isoformat()}"' in section
    assert f'href="../../law/#law-{COUNTRY_OF[lang]}"' in section


def test_a_danish_reader_sees_what_is_voluntary_and_a_swedish_reader_the_laws_word(site: Site, real_site) -> None:
    danish = element(site.html("da/tools/stakeholder-questions/"), '<section class="mf-law-tool"')
    dk = element(danish, '<details class="mf-law-tool__country" data-country="dk"')
    assert real_site.strings.t("da", "law_voluntary") in dk
    se = element(danish, '<details class="mf-law-tool__country" data-country="se"')
    assert '<span class="mf-law-step__n">Trin 1</span>' in se
    assert '(<span class="mf-law-term" lang="sv">undersöka</span>)' in se, "the law's own word, marked as Swedish"
    swedish = element(site.html("sv/tools/stakeholder-questions/"), '<section class="mf-law-tool"')
    assert '<span class="mf-law-step__n">Steg 1</span> Undersöka risker och hinder</p>' in swedish, "no repeated word in its own language"


def test_a_tool_not_yet_linked_to_the_law_says_so(real_site) -> None:
    tool = real_site.data.entries["tools"]["gap-analysis"]
    saved = tool["law"]
    tool["law"] = None  # the field is optional: a new tool may not be mapped yet
    try:
        html = str(law.tool_law(real_site.page("no", "no/tools/gap-analysis/"), "gap-analysis"))
    finally:
        tool["law"] = saved
    assert real_site.strings.t("no", "law_tool_not_mapped") in html and "<details" not in html


def test_a_site_without_legal_data_draws_no_legal_block(real_site) -> None:
    saved = real_site.data.entries["jurisdictions"]
    real_site.data.entries["jurisdictions"] = {}
    try:
        assert str(law.tool_law(real_site.page("da", "da/tools/gap-analysis/"), "gap-analysis")) == ""
    finally:
        real_site.data.entries["jurisdictions"] = saved


@pytest.mark.parametrize("lang", LANGS)
def test_the_three_phase_page_shows_its_phases_next_to_each_countrys_steps(site: Site, lang: str) -> None:
    html = site.html(f"{lang}/processes/three-phase/")
    side = element(html, '<div class="mf-law-side" data-law-steps="three-phase">')
    head = re.findall(r'<th scope="col" data-country="(\w+)">', side)
    assert head[0] == COUNTRY_OF[lang] and sorted(head) == sorted(COUNTRIES)
    rows = dict(re.findall(r'<tr data-phase-id="([\w-]+)">(.*?)</tr>', side, re.S))
    assert list(rows) == ["state-analysis", "action-plan", "evaluate"]
    cells = lambda phase: dict(re.findall(r'<td data-country="(\w+)">(.*?)</td>', rows[phase], re.S))  # noqa: E731
    # Investigating and analysing causes are two steps in both laws, never one.
    for country in ("se", "no"):
        assert re.findall(r'data-step="([\w-]+)"', cells("state-analysis")[country]) == [f"{country}-1", f"{country}-2"]
        assert re.findall(r'data-step="([\w-]+)"', cells("action-plan")[country]) == [f"{country}-3"]
        assert re.findall(r'data-step="([\w-]+)"', cells("evaluate")[country]) == [f"{country}-4"]
    assert "mf-law-tag--voluntary" in cells("state-analysis")["dk"]
    assert html.index('data-process="three-phase"') < html.index('data-law-steps="three-phase"')


# ------------------------------------------------------------------ mangfold check

def problems(result) -> list[str]:
    return [re.sub(r":\d+:", ":N:", line) for line in result.stdout.splitlines() + result.stderr.splitlines()
            if line.startswith(("data/", "content/"))]


def edit(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def test_a_wrong_step_id_in_a_tool_fails_check_naming_file_and_field(project_copy: Path) -> None:
    edit(project_copy / "data/tools.yml", "    law: [se-1, no-1, dk-1]\n    minutes", "    law: [se-9, no-1, dk-1]\n    minutes")
    result = cli(project_copy, "check")
    assert result.returncode == 1
    found = problems(result)
    assert len(found) == 1 and re.match(r"data/tools.yml:N: tool 'stakeholder-questions', field 'law\[1\]': unknown legal_step id 'se-9'", found[0]), found


def test_a_missing_source_fails_check_naming_file_and_field(project_copy: Path) -> None:
    law_yml = project_copy / "data/law.yml"
    text = law_yml.read_text(encoding="utf-8")
    start = text.index("  - id: se-trakasserier")
    block_end = text.index("\n\n", start)
    block = text[start:block_end]
    sources = block[block.index("    sources:"):]
    law_yml.write_text(text[:start] + block.replace(sources, "") + text[block_end:], encoding="utf-8")
    result = cli(project_copy, "check")
    assert result.returncode == 1
    assert problems(result) == ["data/law.yml:N: obligation 'se-trakasserier', field 'sources': required field is missing"]


@pytest.mark.parametrize("old, new, expected", [
    ("      - {source: se-do-trakasserier, checked: 2026-12-01}\n", "      - {source: se-do-trakaserier, checked: 2026-12-01}\n",
     "data/law.yml:N: obligation 'se-trakasserier', field 'sources[1].source': unknown legal_source id 'se-do-trakaserier'; did you mean 'se-do-trakasserier'"),
    ("      - {source: se-do-trakasserier, checked: 2026-12-01}\n", "      - {source: se-do-trakasserier}\n",
     "data/law.yml:N: obligation 'se-trakasserier', field 'sources[1].checked': required field is missing"),
    ("    basis: Likestillings- og diskrimineringsloven § 24\n", "",
     "data/law.yml:N: obligation 'no-offentlige-myndigheter', field 'basis': a duty needs its basis: the law and section, e.g. basis: Ligestillingsloven § 4"),
    ("    steps: [no-1, no-2, no-3, no-4]\n", "    steps: [no-1, se-2, no-3, no-4]\n",
     "data/law.yml:N: obligation 'no-arp', field 'steps[2]': step 'se-2' belongs to country 'se', not 'no'"),
    ("      - {sector: private, min: 51}\n", "      - {sector: private, min: 51, max: 40}\n",
     "data/law.yml:N: obligation 'no-arp', field 'max': must be at least min (51)"),
    ("  - id: dk\n    summary:", "  - id: de\n    summary:",
     "data/law.yml:N: jurisdiction 'de', field 'id': unknown country id 'de'"),
])
def test_bad_legal_data_fails_check_with_one_line(project_copy: Path, old: str, new: str, expected: str) -> None:
    edit(project_copy / "data/law.yml", old, new)
    result = cli(project_copy, "check")
    assert result.returncode == 1
    found = problems(result)
    assert any(line.startswith(expected) for line in found), found
    assert "Traceback" not in result.stdout + result.stderr


def test_check_warns_about_a_source_not_checked_for_twelve_months(project_copy: Path) -> None:
    law_yml = project_copy / "data/law.yml"
    old = dt.date.today() - dt.timedelta(days=400)
    edit(law_yml, "      - {source: se-do-trakasserier, checked: 2026-12-01}\n", f"      - {{source: se-do-trakasserier, checked: {old.isoformat()}}}\n")
    fresh = dt.date.today() - dt.timedelta(days=300)
    edit(law_yml, "      - {source: dk-ft-l89, checked: 2026-12-01}\n    pending:", f"      - {{source: dk-ft-l89, checked: {fresh.isoformat()}}}\n    pending:")
    result = cli(project_copy, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    text = law_yml.read_text(encoding="utf-8")
    line = text[: text.index(f"checked: {old.isoformat()}")].count("\n") + 1
    # Only this entry: a year from now every real date is due, and check says so too.
    warnings = [w for w in result.stdout.splitlines() + result.stderr.splitlines()
                if "last checked" in w and "'se-trakasserier'" in w]
    assert warnings == [
        f"data/law.yml:{line}: obligation 'se-trakasserier', field 'sources[1].checked': warning: last checked {old.isoformat()}, "
        "more than 12 months ago: read the source again, correct the text where the law or the guidance changed, "
        "and set checked to the day you read it"
    ], warnings


def test_the_twelve_months_are_calendar_months() -> None:
    assert law.months_before(dt.date(2026, 12, 1), 12) == dt.date(2025, 12, 1)
    assert law.months_before(dt.date(2028, 2, 29), 12) == dt.date(2027, 2, 28)
    assert law.months_before(dt.date(2026, 3, 31), 1) == dt.date(2026, 2, 28)


def test_the_real_data_checks_clean_and_has_nothing_stale_today(real_site) -> None:
    today = dt.date(2026, 12, 1)
    for kind in (law.LEGAL_STEPS, law.OBLIGATIONS, law.JURISDICTIONS):
        assert kind.warnings(real_site.data.entries[kind.name], "data/law.yml", today) == []
    later = dt.date(2028, 1, 1)
    stale = law.OBLIGATIONS.warnings(real_site.data.entries["obligations"], "data/law.yml", later)
    cited = sum(len(o["sources"]) for o in real_site.data.entries["obligations"].values())
    assert len(stale) == cited, "every citation is found and dated"
