"""Every page, both widths: WCAG 2.1 A/AA under axe-core, requests that stay on
the site's host, no console errors, no cookies. One sweep feeds all four."""

from __future__ import annotations

from collections import defaultdict

import pytest

from conftest import LANGS, Site

from .conftest import MISSING, Sweep, off_host, site_urls

pytestmark = pytest.mark.browser


def test_the_sweep_saw_every_page_of_every_language(site: Site, sweep: Sweep) -> None:
    urls = site_urls(site)
    assert "" in urls, "the root language chooser"
    assert "404.html" in urls
    for code in LANGS:
        assert sum(url.startswith(f"{code}/") for url in urls) >= 10, code
    assert sweep.pages == set(urls) | {MISSING}
    assert {v.width for v in sweep.visits} == {"desktop", "phone"}
    broken = [(v.width, v.url, v.status) for v in sweep.visits if v.status != (404 if v.url == MISSING else 200)]
    assert not broken, broken


def test_axe_finds_no_wcag_21_aa_violation_on_any_page(sweep: Sweep) -> None:
    # Grouped by rule and element, so one template fault reads as one line with its pages.
    grouped: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    count = 0
    for visit in sweep.visits:
        for violation in visit.violations:
            for target in violation["targets"]:
                count += 1
                key = (f"{violation['rule']} ({violation['impact']}): {violation['help']}", target, visit.width)
                grouped[key].append("/" + visit.url)
    lines = [
        f"{rule}\n    [{width}] {target}\n    on {len(pages)} page(s): {' '.join(pages[:6])}{' ...' if len(pages) > 6 else ''}"
        for (rule, target, width), pages in sorted(grouped.items())
    ]
    print(f"axe: {count} violations over {len(sweep.visits)} page views ({len(sweep.pages)} addresses x 2 widths)")
    assert not lines, f"{count} axe violations over {len(sweep.visits)} page views:\n" + "\n".join(lines)


def test_every_request_on_load_stays_on_the_sites_host(sweep: Sweep) -> None:
    assert sweep.requests, "the sweep recorded no requests at all"
    away = sorted({f"{width} /{page} -> {url}" for width, page, url in sweep.requests if off_host(sweep.server, url)})
    print(f"requests: {len(sweep.requests)} on load, {len(away)} off the host")
    assert not away, f"{len(away)} requests left {sweep.server.origin}:\n" + "\n".join(away)


def test_no_console_error_and_no_script_error_on_any_page(sweep: Sweep) -> None:
    # The one expected message: Chromium reports the 404 status of the missing
    # address itself, which is the point of that visit.
    expected = f"status of 404 (Not Found) ({sweep.server.url(MISSING)})"
    errors = [
        f"{width} /{page}: {message}" for width, page, message in sweep.errors
        if not (page == MISSING and message.endswith(expected))
    ]
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


def test_no_page_sets_a_cookie(sweep: Sweep) -> None:
    for width, cookies in sweep.cookies.items():
        assert cookies == [], f"{width}: {cookies}"


def test_no_web_font_is_fetched_and_the_system_font_is_used(sweep: Sweep) -> None:
    fonts = [url for _, _, url in sweep.requests if url.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert fonts == [], fonts
    assert not [url for _, _, url in sweep.requests if "fonts.googleapis" in url or "fonts.gstatic" in url]
