"""The portal's content: every page in every language, facts from the sources, own words."""

from __future__ import annotations

import html
import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import LANGS, ROOT, Site

SEED_TOOL = ROOT.parent / "shared" / "tools" / "seed_overlap.py"
PAGES = [
    "", "tools/", "processes/", "processes/three-phase/", "processes/rolm/", "processes/krut/",
    "cases/", "films/", "contacts/", "about/", "privacy/", "accessibility/", "search/",
]


def written(code: str, folder: str) -> list[Path]:
    """Pages written in this language (not fallbacks), index pages aside."""
    return [p for p in (ROOT / "content" / code / folder).glob("*.md") if p.name != "index.md"]


@pytest.mark.parametrize("code", LANGS)
def test_each_language_has_its_own_pages(code: str) -> None:
    assert len(written(code, "tools")) >= 8
    assert len(written(code, "cases")) >= 5
    assert len(written(code, "processes")) == 3
    for page in ("index.md", "about.md", "privacy.md", "accessibility.md", "films/index.md", "contacts/index.md"):
        assert (ROOT / "content" / code / page).exists(), f"content/{code}/{page}"


@pytest.mark.parametrize("code", LANGS)
def test_no_page_of_the_plan_is_a_fallback(site: Site, code: str) -> None:
    for url in PAGES:
        assert "mf-fallback" not in site.html(f"{code}/{url}"), f"{code}/{url} is not translated"


@pytest.mark.parametrize("code", LANGS)
def test_figures_from_the_sources_appear(site: Site, code: str) -> None:
    network = html.unescape(re.sub(r"<[^>]+>", " ", site.html(f"{code}/cases/mangfold-i-ledelse/")))
    # A writer may spell a small number out, as Nordic style guides prefer: "fire nettverkssamlinger".
    four = {"da": "fire", "no": "fire", "sv": "fyra"}[code]
    for figure in ("30", "20", f"4|{four}", "16"):
        assert re.search(rf"\b({figure})\b", network), f"{figure} missing from the KS network case"
    assert re.search(r"2[,.]3\s?%", network), "2.3 % of municipalities have immigrants in top posts"
    krut = site.html(f"{code}/processes/krut/")
    for phase in ("Hear", "Create", "Deliver"):
        assert phase in krut
    assert "A9" in krut and "B7" in krut
    rolm = html.unescape(re.sub(r"<[^>]+>", " ", site.html(f"{code}/processes/rolm/")))
    assert "KL" in rolm and "KTO" in rolm


@pytest.mark.parametrize(("code", "body"), [
    ("da", "Digitaliseringsstyrelsen"), ("no", "uustatus.no"), ("sv", "DIGG"),
])
def test_accessibility_statement_names_the_national_body(site: Site, code: str, body: str) -> None:
    html = site.html(f"{code}/accessibility/")
    assert body in html
    assert "redaktion@mangfold.example" in html, "a feedback contact"


@pytest.mark.parametrize("code", LANGS)
def test_pages_say_which_language_their_source_was_in(site: Site, code: str) -> None:
    html = site.html(f"{code}/cases/krut-stockholm/")
    assert 'class="mf-source-note"' in html


def test_no_passage_repeats_the_sources_word_for_word() -> None:
    # Not a skip: without the tool nothing would check that the site is written in its own words.
    assert SEED_TOOL.exists(), f"{SEED_TOOL} is missing: the check of copied passages cannot run"
    result = subprocess.run([sys.executable, str(SEED_TOOL), str(ROOT)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
