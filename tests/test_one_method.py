"""One method in three languages, and facts that say where they come from (issue 14)."""

from __future__ import annotations

import re

import pytest

from conftest import LANGS, ROOT, Site
from mangfold.cli import project as projects, translations

TOOLS = sorted(p.stem for p in (ROOT / "content/da/tools").glob("*.md") if p.name != "index.md")
CASES = sorted(p.stem for p in (ROOT / "content/da/cases").glob("*.md") if p.name != "index.md")
PROCESSES = sorted(p.stem for p in (ROOT / "content/da/processes").glob("*.md") if p.name != "index.md")


@pytest.fixture(scope="module")
def drift() -> list[translations.Drift]:
    return translations.drift(projects.load(ROOT))


def test_the_drift_report_finds_what_differs(tmp_path) -> None:
    import shutil

    for part in ("mkdocs.yml", "content", "data"):
        (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, tmp_path / part)
    page = tmp_path / "content/no/tools/gap-analysis.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n99. Et ekstra trinn.\n", encoding="utf-8")
    found = {(d.key, d.what) for d in translations.drift(projects.load(tmp_path))}
    assert ("tools/gap-analysis.md", "numbered steps") in found


def test_every_tool_has_the_same_steps_and_sections_in_every_language(drift) -> None:
    wrong = [f"{d.key}: {d.what} {d.values}" for d in drift if d.key.startswith("tools/")]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("tool", TOOLS)
def test_every_worksheet_has_the_same_columns_in_every_language(site: Site, tool: str) -> None:
    columns = {}
    for code in LANGS:
        html = site.html(f"{code}/tools/{tool}/")
        table = re.search(r"<table[^>]*data-table[^>]*>.*?</thead>", html, re.DOTALL)
        assert table, f"{code}/tools/{tool}/: no worksheet table"
        columns[code] = len(re.findall(r'<th[^>]*scope="col"', table.group(0)))
    assert len(set(columns.values())) == 1 and columns["da"] > 1, columns


def test_cases_carry_the_same_tags_in_every_language(drift) -> None:
    wrong = [f"{d.key}: {d.what} {d.values}" for d in drift
             if d.key.startswith("cases/") and d.what in ("themes", "tools", "contacts", "films", "country", "year")]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("code", LANGS)
def test_the_fact_box_says_which_figures_are_estimates(site: Site, code: str) -> None:
    from mangfold.cli.project import open_site

    words = open_site(projects.load(ROOT)).strings
    estimate = words.t(code, "figure_estimate")
    for tool in TOOLS:
        box = site.html(f"{code}/tools/{tool}/").split('<aside class="mf-factbox"', 1)[1].split("</aside>", 1)[0]
        labels = re.findall(r'<small class="mf-basis">\(([^)]*)\)</small>', box)
        assert len(labels) == 2, f"{code}/tools/{tool}/: time and group size each say where they come from: {labels}"
        assert all(label == estimate or label.startswith(words.t(code, "figure_source", source="")) for label in labels), labels


@pytest.mark.parametrize("code", LANGS)
def test_tool_case_and_process_pages_say_when_they_were_reviewed(site: Site, code: str) -> None:
    from mangfold.cli.project import open_site

    reviewed = open_site(projects.load(ROOT)).strings.t(code, "reviewed")
    for folder, keys in (("tools", TOOLS), ("cases", CASES), ("processes", PROCESSES)):
        for key in keys:
            html = site.html(f"{code}/{folder}/{key}/")
            assert re.search(rf'{re.escape(reviewed)} <time datetime="\d{{4}}-\d{{2}}-\d{{2}}">', html), \
                f"{code}/{folder}/{key}/ has no review date"
