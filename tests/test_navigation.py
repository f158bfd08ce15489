"""Previous/next in the footer: within the reader's language, in the order a reader works (issue 14)."""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml

from conftest import LANGS, ROOT, Site

FOOTER_LINK = re.compile(r'<a href="([^"]+)" class="md-footer__link md-footer__link--(prev|next)"')


def footer(site: Site, url: str) -> dict[str, str]:
    """The prev/next targets of the page at url, as site-relative URLs."""
    html = site.html(url)
    return {kind: urljoin("/" + url, href).lstrip("/") for href, kind in FOOTER_LINK.findall(html)}


def test_previous_and_next_never_leave_the_language(site: Site) -> None:
    checked = 0
    for page in site.pages():
        url = site.url_of(page)
        lang = url.split("/", 1)[0]
        if lang not in LANGS or url.endswith("404.html"):
            continue
        for kind, target in footer(site, url).items():
            checked += 1
            assert target.startswith(f"{lang}/"), f"{url}: {kind} leads to {target}, out of /{lang}/"
            assert site.path(target).is_file(), f"{url}: {kind} leads to a missing page {target}"
    print(f"{checked} footer links checked")
    assert checked > 150


@pytest.mark.parametrize("code", LANGS)
def test_the_tools_follow_the_phases(site: Site, code: str) -> None:
    tools = yaml.safe_load((ROOT / "data/tools.yml").read_text(encoding="utf-8"))["tools"]
    phases = [p["id"] for p in yaml.safe_load((ROOT / "data/taxonomy.yml").read_text(encoding="utf-8"))["phases"]]
    expected = [t["id"] for t in sorted(tools, key=lambda t: phases.index(t["phase"]))]
    chain, url = [], f"{code}/tools/"
    for _ in range(len(tools) + 1):
        url = footer(site, url).get("next", "")
        if not url.startswith(f"{code}/tools/"):
            break
        chain.append(url.split("/")[2])
    assert chain == expected, "next leads through the tools phase by phase, from the catalogue"
    assert url.startswith(f"{code}/processes/"), "after the last tool comes the next section of the same language"
