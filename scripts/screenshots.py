"""Screenshots of the key pages at desktop (1280 px) and phone (360 px) width,
for people to look at: tests/artifacts/<page>-<width>.png.

    .venv/bin/python scripts/screenshots.py            # builds the site first
    .venv/bin/python scripts/screenshots.py --site site --lang sv

Uses Debian's Chromium (/usr/bin/chromium) through Playwright, like the
browser tests; nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from browser.harness import WIDTHS, launch, serve  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402


def build(site_dir: Path) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    mkdocs = Path(sys.executable).parent / "mkdocs"
    subprocess.run([str(mkdocs), "build", "--strict", "--quiet", "--site-dir", str(site_dir)], cwd=ROOT, env=env, check=True)


def first(site: Path, pattern: str, containing: str | None = None) -> str | None:
    """URL path of the first built page matching `pattern` (and containing a string)."""
    for page in sorted(site.glob(pattern)):
        if containing is None or containing in page.read_text(encoding="utf-8"):
            return page.parent.relative_to(site).as_posix() + "/"
    return None


def key_pages(site: Path, lang: str) -> dict[str, str]:
    pages = {
        "chooser": "",
        "home": f"{lang}/",
        "catalogue": f"{lang}/tools/",
        "tool": first(site, f"{lang}/tools/*/index.html"),
        "process": first(site, f"{lang}/processes/*/index.html", "data-plan"),
        "case": first(site, f"{lang}/cases/*/index.html"),
        "films": f"{lang}/films/",
        "contacts": f"{lang}/contacts/",
        "not-found": f"{lang}/no-such-page/",
    }
    return {name: url for name, url in pages.items() if url is not None}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a built site (default: build one now)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests" / "artifacts")
    parser.add_argument("--lang", default="da", choices=["da", "no", "sv"])
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        site = args.site
        if site is None:
            site = Path(tmp) / "site"
            build(site)
        args.out.mkdir(parents=True, exist_ok=True)
        pages = key_pages(site, args.lang)
        with serve(site) as server, sync_playwright() as playwright:
            browser = launch(playwright)
            for width, viewport in WIDTHS.items():
                page = browser.new_page(viewport=viewport)
                for name, url in pages.items():
                    page.goto(server.url(url), wait_until="load")
                    target = args.out / f"{name}-{width}.png"
                    page.screenshot(path=str(target), full_page=True)
                    print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                page.close()
            if "tool" in pages:
                # Print preview of a tool page, at the width of A4 at 96 dpi.
                page = browser.new_page(viewport={"width": 794, "height": 1123})
                page.emulate_media(media="print")
                page.goto(server.url(pages["tool"]), wait_until="load")
                target = args.out / "tool-print.png"
                page.screenshot(path=str(target), full_page=True)
                print(target.relative_to(ROOT) if target.is_relative_to(ROOT) else target)
                page.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
