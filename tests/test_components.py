"""The toolbox components: each macro's output, escaping, unknown ids, cross-links."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from types import SimpleNamespace

import pytest

import macros
from macros import components, content_index, data as site_data
from macros.site import Site, activate
from conftest import LANGS, ROOT, Site as BuiltSite

TOOL_IDS = [
    "stakeholder-questions", "gap-analysis", "leadership-prerequisites", "recruitment-channels",
    "indicator-plan", "initiative-selection", "innovation-team", "effect-measurement", "evaluate-and-learn",
]


class StandInEnv:
    """What mkdocs-macros hands define_env: .macro() and .variables, plus .page."""

    def __init__(self, src_uri: str, url: str) -> None:
        self.macros: dict[str, object] = {}
        self.variables: dict[str, object] = {}
        self.page = SimpleNamespace(file=SimpleNamespace(src_uri=src_uri), url=url)

    def macro(self, fn, name: str = "") -> None:
        self.macros[name or fn.__name__] = fn


@pytest.fixture
def real_data() -> site_data.SiteData:
    return site_data.load(ROOT / "data", ROOT)


def activated(data: site_data.SiteData) -> Site:
    site = Site(ROOT, data, content_index.scan(ROOT / "content", data, ROOT))
    activate(site)
    return site


def env_for(src_uri: str = "da/tools/index.md", url: str = "da/tools/") -> StandInEnv:
    env = StandInEnv(src_uri, url)
    macros.define_env(env)
    return env


def test_define_env_registers_every_macro(real_data) -> None:
    activated(real_data)
    env = env_for()
    assert set(macros.MACROS) <= set(env.macros)


def test_tool_card_in_each_language(real_data) -> None:
    activated(real_data)
    for code, label in (("da", "Tidsforbrug"), ("no", "Tidsbruk"), ("sv", "Tidsåtgång")):
        html = str(env_for(f"{code}/index.md", f"{code}/").macros["tool_card"]("gap-analysis"))
        assert 'data-tool="gap-analysis"' in html
        assert label in html
        assert f'href="tools/gap-analysis/"' in html, "links are relative to the page"


def test_activity_plan_sums_hours_per_phase_and_in_total(real_data) -> None:
    activated(real_data)
    html = str(env_for("da/processes/krut.md", "da/processes/krut/").macros["activity_plan"]("krut"))
    subtotals = re.findall(r"data-subtotal>([^<]+)<", html)
    assert subtotals == ["430", "1.400"], "A1+A3+A4+A7+A8 = 430; B4+B5+B6 = 1,400"
    assert 'data-total-hours>1.830<' in html
    sv = str(env_for("sv/processes/krut.md", "sv/processes/krut/").macros["activity_plan"]("krut"))
    assert "data-total-hours>1\u00a0830<" in sv


def test_text_from_data_is_escaped(real_data) -> None:
    data = copy.deepcopy(real_data)
    data.entries["contacts"]["henrik-vittrup"]["name"] = '<script>alert("x")</script>'
    data.entries["contacts"]["henrik-vittrup"]["role"]["da"] = "R&D <b>"
    activated(data)
    html = str(env_for().macros["contact_box"]("henrik-vittrup"))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "R&amp;D &lt;b&gt;" in html


def test_unknown_id_names_the_nearest_known_ids(real_data) -> None:
    activated(real_data)
    with pytest.raises(components.UnknownId, match=r"unknown tool id 'gap-analysys'; did you mean 'gap-analysis'"):
        env_for().macros["tool_card"]("gap-analysys")
    with pytest.raises(components.UnknownId, match="unknown contact id"):
        env_for().macros["contact_box"]("nobody")


def test_contact_box_has_tel_and_mailto_links_and_date(real_data) -> None:
    activated(real_data)
    html = str(env_for("sv/contacts/index.md", "sv/contacts/").macros["contact_box"]("henrik-vittrup"))
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
