"""Three languages in one build: lang, alternates, switcher, fallback, locale formats."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from conftest import HTML_LANG, LANGS, Site

SITE_URL = os.environ.get("SITE_URL", "http://127.0.0.1:8000/")  # mkdocs.yml's default
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]+)" hreflang="([^"]+)">|<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')


def language_pages(site: Site) -> list[tuple[str, str]]:
    """(url, lang code) of every page in a language folder, 404 pages aside."""
    found = []
    for page in site.pages():
        url = site.url_of(page)
        code = url.split("/", 1)[0]
        if code in LANGS and not url.endswith("404.html"):
            found.append((url, code))
    return found


def alternates(html: str) -> dict[str, str]:
    result = {}
    for href1, lang1, lang2, href2 in ALTERNATE.findall(html):
        result[lang1 or lang2] = href1 or href2
    return result


def resolve(url: str, href: str) -> str:
    if href.startswith(SITE_URL):  # hreflang links are full URLs
        return href[len(SITE_URL):]
    return urljoin("http://x/" + url, href)[len("http://x/"):]


def test_every_language_has_its_home_and_the_root_chooses(site: Site) -> None:
    for code in LANGS:
        assert f'<html lang="{HTML_LANG[code]}"' in site.html(f"{code}/")
    root = site.html("")
    for code in LANGS:
        assert f'href="{code}/"' in root
    assert 'lang="nb"' in root and 'lang="sv"' in root, "the chooser speaks all three languages"


def test_every_page_has_the_lang_of_its_folder(site: Site) -> None:
    pages = language_pages(site)
    assert len(pages) >= 3 * 10
    for url, code in pages:
        assert f'<html lang="{HTML_LANG[code]}"' in site.html(url), url


def test_alternates_are_complete_and_reciprocal(site: Site) -> None:
    for url, code in language_pages(site):
        links = alternates(site.html(url))
        assert set(links) == {"da", "nb", "sv", "x-default"}, (url, links)
        for lang, href in links.items():
            assert href.startswith(SITE_URL), f"{url}: hreflang {lang} -> {href} is not a full URL (search engines ignore those)"
            target = resolve(url, href)
            if lang == "x-default":
                assert target in ("", "/"), (url, target)
                continue
            assert site.path(target).exists(), f"{url}: alternate {lang} -> {target} does not exist"
            back = {k: resolve(target, v) for k, v in alternates(site.html(target)).items()}
            assert back[HTML_LANG[code]] == url, f"{target} does not point back to {url}"


def test_switcher_keeps_the_reader_on_the_same_page(site: Site) -> None:
    html = site.html("da/tools/gap-analysis/")
    switcher = html[html.index('class="mf-lang"'):]
    switcher = switcher[: switcher.index("</details>")]
    targets = dict((lang, href) for href, lang in re.findall(r'<a href="([^"]+)" hreflang="([^"]+)"', switcher))
    assert resolve("da/tools/gap-analysis/", targets["nb"]) == "no/tools/gap-analysis/"
    assert resolve("da/tools/gap-analysis/", targets["sv"]) == "sv/tools/gap-analysis/"
    assert 'aria-current="true">Dansk' in switcher


def test_interface_is_in_the_page_language(site: Site) -> None:
    assert "Tidsforbrug" in site.html("da/tools/")
    assert "Tidsbruk" in site.html("no/tools/")
    assert "Tidsåtgång" in site.html("sv/tools/")


@pytest.mark.parametrize(
    ("code", "date", "total"),
    [("da", "22. januar 2010", "1.830"), ("no", "22. januar 2010", "1\u00a0830"), ("sv", "22 januari 2010", "1\u00a0830")],
)
def test_dates_and_numbers_follow_the_locale(site: Site, code: str, date: str, total: str) -> None:
    contacts = site.html(f"{code}/contacts/")
    assert date in contacts, "Henrik Vittrup's details were confirmed on 22 January 2010"
    plan = site.html(f"{code}/processes/krut/")
    assert re.search(r"data-total-hours>" + re.escape(total) + "<", plan), "KRUT's hours add up to 1,830"


def test_search_has_one_index_per_language(site: Site) -> None:
    entry = json.loads((site.root / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"da", "nb", "sv"}
    for lang in ("da", "nb", "sv"):
        assert entry["languages"][lang]["page_count"] >= 10


def test_a_missing_translation_falls_back_with_a_notice(project_copy: Path, build_copy) -> None:
    (project_copy / "content" / "sv" / "about.md").unlink()
    result = build_copy()
    assert result.ok, result.output
    fallback = (result.site_dir / "sv" / "about" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="sv"' in fallback
    assert "Sidan finns ännu inte på svenska. Texten nedan är på danska." in fallback
    assert '<div lang="da">' in fallback, "the Danish text is marked as Danish"
    danish = (result.site_dir / "da" / "about" / "index.html").read_text(encoding="utf-8")
    assert resolve("da/about/", alternates(danish)["sv"]) == "sv/about/"


def test_broken_yaml_fails_the_build_naming_the_file(project_copy: Path, build_copy) -> None:
    tools = project_copy / "data" / "tools.yml"
    tools.write_text(tools.read_text(encoding="utf-8").replace("phase: state-analysis", "phase: [state-analysis", 1), encoding="utf-8")
    result = build_copy()
    assert not result.ok
    assert re.search(r"data/tools\.yml:\d+: is not valid YAML", result.output), result.output


def test_unknown_id_in_data_names_file_entry_and_field(project_copy: Path, build_copy) -> None:
    tools = project_copy / "data" / "tools.yml"
    tools.write_text(tools.read_text(encoding="utf-8").replace("phase: evaluate", "phase: evaluat", 1), encoding="utf-8")
    result = build_copy()
    assert not result.ok
    assert re.search(r"data/tools\.yml:\d+: tool '[a-z-]+', field 'phase': unknown phase id 'evaluat'; did you mean 'evaluate'", result.output), result.output
