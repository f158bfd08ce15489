"""Markup in interface strings and in the environment is shown as text, never run.

Interface strings (data/strings/*.yml) and who answers for the site
(MANGFOLD_OWNER_NAME) reach <title>, <meta content>, aria-label, the
header, the footer and page text. A copy of the project gets payloads in
each; the build succeeds (they are text), and Chromium, which would run
them if they were markup, shows them as text.
"""

from __future__ import annotations

import pytest

from conftest import run_build

from .harness import serve

pytestmark = pytest.mark.browser

PAYLOADS = {
    "site_name": "<script>window.__pwned='site_name'</script>Kassen",
    "site_description": '"><script>window.__pwned="description"</script>',
    "search_page": '"><img src=x onerror="window.__pwned=\'aria-label\'">',
    "footer_about": "<img src=x onerror=\"window.__pwned='footer'\">Om",
    "language_switcher": "<svg onload=\"window.__pwned='switcher'\"></svg>Sprog",
}
OWNER = "<script>window.__pwned='owner'</script>Redaktionen"


def test_strings_and_settings_with_markup_are_text_in_chromium(project_copy, open_page) -> None:
    strings = project_copy / "data/strings/da.yml"
    lines = strings.read_text(encoding="utf-8").splitlines()
    for key, payload in PAYLOADS.items():
        quoted = payload.replace("\\", "\\\\").replace('"', '\\"')
        lines = [f'{key}: "{quoted}"' if line.startswith(f"{key}:") else line for line in lines]
    strings.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_build(project_copy, project_copy / "site", MANGFOLD_SEARCH_INDEX="false", MANGFOLD_OWNER_NAME=OWNER)
    assert result.ok, result.output

    pages = {p: p.read_text(encoding="utf-8") for p in (project_copy / "site").rglob("*.html")}
    for path, html in pages.items():
        for raw in ("<script>window.__pwned", 'onerror="window.__pwned', "<svg onload", "onerror=\"window"):
            assert raw not in html, f"{path}: {raw} reached the page as markup"
    privacy = pages[project_copy / "site/da/privacy/index.html"]
    assert "&lt;script&gt;window.__pwned=&#39;site_name&#39;&lt;/script&gt;Kassen" in privacy  # <title>, header
    assert "&lt;script&gt;window.__pwned=&#39;owner&#39;&lt;/script&gt;Redaktionen" in privacy
    assert any('<meta name="description" content="&#34;&gt;&lt;script&gt;' in html for html in pages.values())
    with serve(project_copy / "site") as server:
        context, watch = open_page("desktop")
        dialogs: list[str] = []
        watch.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        for url in ("da/", "da/tools/gap-analysis/", "da/privacy/"):
            watch.visit(server.url(url))
            assert watch.page.evaluate("window.__pwned") is None, f"{url}: a payload ran"
            assert watch.page.locator("script:has-text('__pwned')").count() == 0, f"{url}: a script element was made"
        assert "<script>window.__pwned='site_name'</script>Kassen" in watch.page.title()
        assert OWNER in watch.page.inner_text("article")
        assert dialogs == []
