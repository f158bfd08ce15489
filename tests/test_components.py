"""The toolbox components: each macro's output, escaping, unknown ids, cross-links."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import LANGS, ROOT, Site as BuiltSite
from mangfold import components
from mangfold.cli import project as projects

TOOL_IDS = [
    "stakeholder-questions", "gap-analysis", "leadership-prerequisites", "recruitment-channels",
    "indicator-plan", "initiative-selection", "innovation-team", "effect-measurement", "evaluate-and-learn",
]


@pytest.fixture(scope="module")
def real_site():
    return projects.open_site(projects.load(ROOT))


def draw(site, name: str, src_uri: str, url: str, *args, **kwargs) -> str:
    """Call a building block as the page at src_uri would."""
    lang = site.languages.of_path(src_uri)
    return str(components.default().components[name].call(site.page(lang, url), args, kwargs))


def test_every_building_block_is_declared_once_with_its_ids() -> None:
    registry = components.default()
    assert {"tool_card", "tool_grid", "tool_catalogue", "tool_facts", "process", "activity_plan", "plan_total",
            "case_list", "film", "film_list", "contact_box", "contact_list", "local_date", "local_number",
            "owner_name", "owner_email"} <= set(registry.components)
    assert registry.components["tool_grid"].ids == {"phase": "phases", "theme": "themes", "audience": "audiences", "ids": "tools"}
    order = [k.name for k in registry.kinds]
    assert order.index("tools") < order.index("processes") and order.index("phases") < order.index("tools")


def test_tool_card_in_each_language(real_site) -> None:
    for code, label in (("da", "Tidsforbrug"), ("no", "Tidsbruk"), ("sv", "Tidsåtgång")):
        html = draw(real_site, "tool_card", f"{code}/index.md", f"{code}/", "gap-analysis")
        assert 'data-tool="gap-analysis"' in html
        assert label in html
        assert 'href="tools/gap-analysis/"' in html, "links are relative to the page"


def test_activity_plan_sums_hours_per_phase_and_in_total(real_site) -> None:
    html = draw(real_site, "activity_plan", "da/processes/krut.md", "da/processes/krut/", "krut")
    subtotals = re.findall(r"data-subtotal>([^<]+)<", html)
    assert subtotals == ["430", "1.400"], "A1+A3+A4+A7+A8 = 430; B4+B5+B6 = 1,400"
    assert 'data-total-hours>1.830<' in html
    sv = draw(real_site, "activity_plan", "sv/processes/krut.md", "sv/processes/krut/", "krut")
    assert "data-total-hours>1\u00a0830<" in sv


def test_text_from_data_is_escaped(real_site) -> None:
    site = copy.copy(real_site)
    site.data = copy.deepcopy(real_site.data)
    site.data.entries["contacts"]["henrik-vittrup"]["name"] = '<script>alert("x")</script>'
    site.data.entries["contacts"]["henrik-vittrup"]["role"]["da"] = "R&D <b>"
    html = draw(site, "contact_box", "da/tools/index.md", "da/tools/", "henrik-vittrup")
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "R&amp;D &lt;b&gt;" in html


def test_a_text_missing_in_a_language_is_shown_in_another_and_marked(real_site) -> None:
    site = copy.copy(real_site)
    site.data = copy.deepcopy(real_site.data)
    del site.data.entries["contacts"]["henrik-vittrup"]["role"]["sv"]
    html = draw(site, "contact_box", "sv/contacts/index.md", "sv/contacts/", "henrik-vittrup")
    assert '<span lang="da">Kontaktperson for RoLM' in html
    assert '<small class="mf-untranslated">(på danska)</small>' in html


def test_contact_box_has_tel_and_mailto_links_and_date(real_site) -> None:
    html = draw(real_site, "contact_box", "sv/contacts/index.md", "sv/contacts/", "henrik-vittrup")
    assert 'href="tel:+4533470614"' in html
    assert 'href="mailto:hv@kto.dk"' in html
    assert '<time datetime="2010-01-22">22 januari 2010</time>' in html


@pytest.mark.parametrize("code", LANGS)
def test_catalogue_shows_every_tool_with_filters(site: BuiltSite, code: str) -> None:
    html = site.html(f"{code}/tools/")
    cards = re.findall(r'<article class="mf-card mf-tool" data-tool="([^"]+)"', html)
    assert sorted(cards) == sorted(TOOL_IDS)
    for facet in ("phase", "theme", "audience"):
        assert f'name="{facet}"' in html
    assert 'role="status"' in html
    for phase in ("state-analysis", "action-plan", "evaluate"):
        assert f'href="#phase-{phase}"' in html, "without JavaScript, phase links jump to groups"


@pytest.mark.parametrize("code", LANGS)
def test_every_component_renders_with_its_data_attribute(site: BuiltSite, code: str) -> None:
    for tool in TOOL_IDS:
        page = site.html(f"{code}/tools/{tool}/")
        assert f'<aside class="mf-factbox" data-tool="{tool}"' in page
    assert 'data-process="three-phase"' in site.html(f"{code}/processes/three-phase/")
    assert 'data-process="rolm"' in site.html(f"{code}/processes/rolm/")
    krut = site.html(f"{code}/processes/krut/")
    assert 'data-process="krut"' in krut and 'data-plan="krut"' in krut
    assert 'data-film="kirsebaerhaven"' in site.html(f"{code}/films/")
    contacts = site.html(f"{code}/contacts/")
    for person in ("henrik-vittrup", "lea-bryld", "marit-tovsen", "tomas-erlandsson", "gunnar-backman"):
        assert f'data-contact="{person}"' in contacts
    cases = site.html(f"{code}/cases/")
    assert len(re.findall(r'<li class="mf-card mf-case" data-case="', cases)) >= 5
    assert 'data-case="mangfold-i-ledelse"' in site.html(f"{code}/cases/mangfold-i-ledelse/")


def test_a_tool_lists_the_cases_that_used_it(site: BuiltSite) -> None:
    html = site.html("da/tools/leadership-prerequisites/")
    used = html[html.index('data-used-in="cases"'):]
    assert 'data-case="mangfold-i-ledelse"' in used[: used.index("</ul>")]


def test_case_index_is_newest_first(site: BuiltSite) -> None:
    html = site.html("da/cases/")
    order = re.findall(r'data-case="([^"]+)"', html)
    assert order.index("rolm-test-municipalities") < order.index("mangfold-i-ledelse") < order.index("copenhagen-workplaces")


NEW_CASE = """---
title: Sprogcafé på Nørrebro <em>2024</em>
summary: En fiktiv testerfaring med et sprogcafé-forløb.
organisation: Testkommunen
country: dk
year: 2031
themes: [inclusive-workplace]
tools: [gap-analysis, evaluate-and-learn]
source_language: da
---
## Hvad skete der

Et nyt forløb.
"""


def test_a_new_case_file_appears_everywhere_without_other_edits(project_copy: Path, build_copy) -> None:
    (project_copy / "content" / "da" / "cases" / "sprogcafe.md").write_text(NEW_CASE, encoding="utf-8")
    result = build_copy()
    assert result.ok, result.output
    out = result.site_dir
    index = (out / "da" / "cases" / "index.html").read_text(encoding="utf-8")
    first = re.search(r'data-case="([^"]+)"', index[index.index("mf-case-list"):]).group(1)
    assert first == "sprogcafe", "the newest case comes first"
    assert "Sprogcafé på Nørrebro &lt;em&gt;2024&lt;/em&gt;" in index
    for tool in ("gap-analysis", "evaluate-and-learn"):
        page = (out / "da" / "tools" / tool / "index.html").read_text(encoding="utf-8")
        assert 'data-case="sprogcafe"' in page
    norwegian = (out / "no" / "tools" / "gap-analysis" / "index.html").read_text(encoding="utf-8")
    assert 'data-case="sprogcafe"' in norwegian and 'lang="da"' in norwegian, "other languages link the Danish text, marked Danish"
    assert (out / "no" / "cases" / "sprogcafe" / "index.html").exists()


def test_unknown_id_in_a_macro_call_fails_with_page_and_line(project_copy: Path, build_copy) -> None:
    page = project_copy / "content" / "da" / "films" / "index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n\n{{ film('kirsebaerhavn') }}\n", encoding="utf-8")
    result = build_copy()
    assert not result.ok
    assert re.search(r"content/da/films/index\.md:\d+: film\(\), field 'id': unknown film id 'kirsebaerhavn'; did you mean 'kirsebaerhaven'", result.output), result.output


def test_unknown_tool_in_case_front_matter_fails(project_copy: Path, build_copy) -> None:
    case = project_copy / "content" / "sv" / "cases" / "krut-stockholm.md"
    case.write_text(case.read_text(encoding="utf-8").replace("innovation-team", "innovations-team", 1), encoding="utf-8")
    result = build_copy()
    assert not result.ok
    assert re.search(r"content/sv/cases/krut-stockholm\.md:\d+: field 'tools\[\d\]': unknown tool id 'innovations-team'; did you mean 'innovation-team'", result.output), result.output
