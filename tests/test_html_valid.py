"""Valid HTML: the Nu HTML Checker (vnu-jar from npm, pinned in package.json)
finds no error on any built page, the 404 pages and the root chooser included.

One JVM checks every page at once. Nothing is filtered: every error fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest

from conftest import ROOT, Site

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Known false positives to leave out, each with its reason. Empty: nothing is
# ignored. Add (message substring, reason) only for a checker mistake.
IGNORED: list[tuple[str, str]] = []


def run_vnu(pages: list[Path]) -> list[dict]:
    java = shutil.which("java")
    assert java, "Java is needed for the Nu HTML Checker (scripts/setup-test-tools.sh installs it)"
    assert VNU.is_file(), f"{VNU} is missing: run npm ci (scripts/setup-test-tools.sh)"
    result = subprocess.run(
        [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, pages)],
        capture_output=True, text=True, timeout=600,
    )
    # vnu writes its JSON report to stderr; exit code 1 means "errors found".
    assert result.returncode in (0, 1), result.stderr[-2000:]
    report = json.loads(result.stderr or result.stdout)
    return report["messages"]


def test_the_nu_checker_finds_no_error_on_any_page(site: Site) -> None:
    pages = site.pages()
    assert len(pages) >= 30 and site.root / "index.html" in pages and site.root / "404.html" in pages
    messages = run_vnu(pages)
    errors = [
        m for m in messages
        if m.get("type") in ("error", "non-document-error")
        and not any(text in m.get("message", "") for text, _ in IGNORED)
    ]
    # One line per distinct message, with the pages that have it.
    grouped: dict[str, list[str]] = defaultdict(list)
    for m in errors:
        page = Path(m.get("url", "").removeprefix("file:")).resolve()
        where = site.url_of(page) if page.is_relative_to(site.root) else m.get("url", "")
        grouped[m.get("message", "?")].append(f"/{where}:{m.get('lastLine', '?')}")
    report = "\n".join(
        f"{message}\n    {len(places)}x: {' '.join(places[:6])}{' ...' if len(places) > 6 else ''}"
        for message, places in sorted(grouped.items())
    )
    print(f"vnu: {len(errors)} errors on {len(pages)} pages")
    assert not errors, f"{len(errors)} vnu errors on {len(pages)} pages:\n{report}"


@pytest.mark.parametrize("broken", ['<p><div>block in a paragraph</div></p>', '<a href="x"><a href="y">nested</a></a>'])
def test_the_checker_reports_an_error_it_should(tmp_path: Path, broken: str) -> None:
    page = tmp_path / "bad.html"
    page.write_text(f'<!doctype html><html lang="da"><title>x</title>{broken}</html>', encoding="utf-8")
    assert [m for m in run_vnu([page]) if m.get("type") == "error"]
