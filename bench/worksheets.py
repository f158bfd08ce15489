"""The budgets of pages with a form (issue 13): weight with everything they load, and Lighthouse.

A tool page with its worksheet form (and the effect-measurement page with its
calculator too), the KRUT page with its calculator and "our plan" must each
stay within 150 KB compressed with every file they load, and score at least
95 in every Lighthouse category. Pages are opened in Debian's Chromium with a
fresh profile (nothing cached); sizes are gzip level 6, as in page_weight.py.

    .venv/bin/python bench/worksheets.py --site site [--lang da] [--no-lighthouse]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lighthouse import CATEGORIES, TARGET, run as lighthouse  # noqa: E402
from localserver import serve  # noqa: E402
from page_weight import CHROMIUM, CHROMIUM_ARGS, _collect, _total  # noqa: E402

BUDGET = 150 * 1024
PAGES = {
    "gap analysis": "tools/gap-analysis/",
    "effect measurement": "tools/effect-measurement/",
    "KRUT plan": "processes/krut/",
    "our plan": "our-plan/",
}


def weights(site_dir: Path, lang: str) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    found: dict[str, dict] = {}
    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for label, url in PAGES.items():
                context = browser.new_context()
                page = context.new_page()
                responses: list = []
                page.on("response", lambda r: responses.append(r))
                page.goto(f"{base}{lang}/{url}", wait_until="networkidle")
                page.wait_for_timeout(500)
                loaded = _collect(responses, base)
                context.close()
                found[label] = {"url": f"{lang}/{url}", "compressed": _total(loaded), "files": len(loaded),
                                "script": next((i.compressed for i in loaded if i.path.endswith("/worksheets.js")), 0),
                                "stylesheet": next((i.compressed for i in loaded if i.path.endswith("/worksheets.css")), 0)}
        finally:
            browser.close()
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=Path(__file__).resolve().parent.parent / "site")
    parser.add_argument("--lang", default="da", choices=["da", "no", "sv"])
    parser.add_argument("--no-lighthouse", action="store_true")
    args = parser.parse_args()
    ok = True
    kb = lambda n: f"{n / 1024:.1f} KB"  # noqa: E731
    for label, w in weights(args.site, args.lang).items():
        within = w["compressed"] <= BUDGET
        ok &= within
        print(f"{label:<19} /{w['url']:<32} {w['files']:>3} files {kb(w['compressed']):>9} compressed "
              f"(worksheets.js {kb(w['script'])}, worksheets.css {kb(w['stylesheet'])})  {'ok' if within else 'OVER 150 KB'}")
    if not args.no_lighthouse:
        results = lighthouse(args.site, {label: f"{args.lang}/{url}" for label, url in PAGES.items()})
        for label, r in results.items():
            if "error" in r:
                ok = False
                print(f"{label:<19} Lighthouse error: {r['error'].splitlines()[-1] if r['error'] else '?'}")
                continue
            low = min(r["scores"].values())
            ok &= low >= TARGET
            print(f"{label:<19} Lighthouse " + ", ".join(f"{c} {r['scores'][c]}" for c in CATEGORIES) + ("" if low >= TARGET else "  UNDER 95"))
            for loss in r["losses"]:
                print(f"{'':<19}   lost: {loss}")
    print(f"{'PASS' if ok else 'FAIL'}  pages with a form: <= 150 KB compressed" + ("" if args.no_lighthouse else f", Lighthouse >= {TARGET} in every category"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
