"""Lighthouse scores (mobile settings) for the home page, the catalogue, a tool page and a case page.

Serves a built site on 127.0.0.1 (gzip, as a static host does) and runs the
project's pinned Lighthouse (node_modules/.bin/lighthouse) with Debian's
Chromium. Lighthouse's default settings are mobile: a phone screen, a slow
4G network and a 4x slower CPU, simulated.

    .venv/bin/python bench/lighthouse.py --site site [--lang da] [--keep-reports DIR]

Prints each page's four scores and, for any score under the target, the
audits that cost points.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from localserver import serve  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGET = 95


def default_pages(site_dir: Path, lang: str) -> dict[str, str]:
    """Home, catalogue, the first tool page and the first case page (real ones before synthetic)."""
    def first(folder: str) -> str:
        found = sorted(
            (p.parent.name for p in (site_dir / lang / folder).glob("*/index.html")),
            key=lambda name: (name.startswith("bench-"), name),
        )
        if not found:
            raise SystemExit(f"lighthouse: no page under {site_dir / lang / folder}")
        return f"{lang}/{folder}/{found[0]}/"
    return {"home": f"{lang}/", "catalogue": f"{lang}/tools/", "tool page": first("tools"), "case page": first("cases")}


def run(site_dir: Path, pages: dict[str, str], keep: Path | None = None) -> dict[str, dict]:
    if not LIGHTHOUSE.exists():
        raise SystemExit(f"lighthouse: {LIGHTHOUSE} is missing; run `npm ci`")
    env = {**os.environ, "CHROME_PATH": "/usr/bin/chromium"}
    results: dict[str, dict] = {}
    with serve(site_dir) as base, tempfile.TemporaryDirectory(prefix="mangfold-lh-") as tmp:
        out_dir = keep or Path(tmp)
        out_dir.mkdir(parents=True, exist_ok=True)
        for label, url in pages.items():
            report = out_dir / f"{label.replace(' ', '-')}.json"
            proc = subprocess.run(
                [str(LIGHTHOUSE), base + url, "--quiet", "--output=json", f"--output-path={report}",
                 f"--only-categories={','.join(CATEGORIES)}",
                 "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
                capture_output=True, text=True, env=env, timeout=300,
            )
            if proc.returncode != 0 or not report.exists():
                results[label] = {"url": url, "error": (proc.stderr or proc.stdout).strip()[-2000:]}
                continue
            data = json.loads(report.read_text(encoding="utf-8"))
            scores = {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}
            losses = []
            for c in CATEGORIES:
                if scores[c] >= 100:
                    continue
                for ref in data["categories"][c]["auditRefs"]:
                    audit = data["audits"][ref["id"]]
                    if ref["weight"] > 0 and audit.get("score") is not None and audit["score"] < 1:
                        losses.append(f"{c}: {ref['id']} ({audit['score']:.2f}) {audit.get('displayValue') or ''}".strip())
            metrics = {k: data["audits"][k].get("displayValue") for k in
                       ("first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index")
                       if k in data["audits"]}
            results[label] = {"url": url, "scores": scores, "losses": losses, "metrics": metrics}
    return results


def report(results: dict[str, dict]) -> str:
    lines = [f"{'page':<11} {'url':<40} " + " ".join(f"{c[:13]:>14}" for c in CATEGORIES)]
    for label, r in results.items():
        if "error" in r:
            lines.append(f"{label:<11} {r['url']:<40} ERROR: {r['error'].splitlines()[-1] if r['error'] else '?'}")
            continue
        lines.append(f"{label:<11} {r['url']:<40} " + " ".join(f"{r['scores'][c]:>14}" for c in CATEGORIES))
        lines.append(f"{'':<11} metrics: " + ", ".join(f"{k.replace('-', ' ')} {v}" for k, v in r["metrics"].items()))
        for loss in r["losses"]:
            lines.append(f"{'':<11}   lost: {loss}")
    return "\n".join(lines)


def passed(results: dict[str, dict]) -> bool:
    return all("scores" in r and min(r["scores"].values()) >= TARGET for r in results.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--lang", default="da")
    parser.add_argument("--keep-reports", type=Path, help="write the JSON reports here")
    args = parser.parse_args()
    results = run(args.site, default_pages(args.site, args.lang), args.keep_reports)
    print(report(results))
    print(f"{'PASS' if passed(results) else 'FAIL'}  Lighthouse >= {TARGET} in {', '.join(CATEGORIES)} on every page")
    return 0 if passed(results) else 1


if __name__ == "__main__":
    sys.exit(main())
