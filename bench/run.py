"""The performance benchmark: build the site at N = 100 and N = 1000 against plain Material.

    .venv/bin/python bench/run.py                  # N = 100 and 1000, everything
    .venv/bin/python bench/run.py --n 100 300      # other sizes
    .venv/bin/python bench/run.py --quick          # builds only (no browser, Lighthouse, serve)

For each N it copies the project to a temporary folder, adds N synthetic
cases and N synthetic tools in every language (bench/synth.py), and builds
it. In the same run it builds the baseline: plain Material, one language, no
macros, with as many Markdown pages as the Mangfold build renders
(bench/baseline.py). It prints build seconds (wall and CPU), peak memory,
seconds per page, output size and a typical page's HTML for both, then the
ratios and one PASS/FAIL line per target of issue 8. Afterwards it measures
what a tool page and a first search download at the largest N
(bench/page_weight.py), runs Lighthouse on the site as it is
(bench/lighthouse.py) and times a `mkdocs serve` reload at the smallest N
(bench/serve_reload.py). See bench/README.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import baseline  # noqa: E402
import measure  # noqa: E402
import synth  # noqa: E402
from measure import human_bytes  # noqa: E402

GB = 1024 ** 3
# Targets from issue 8.
VS_BASELINE = {100: 1.3, 1000: 0.5}
GROWTH_SLACK = 1.1        # N=1000 costs at most 11x N=100: 1.1 x the page ratio
PAGE_HTML_GROWTH = 1.5
PEAK_MEMORY = 1 * GB
TOOL_PAGE_WEIGHT = 150 * 1024
SEARCH_WEIGHT = 300 * 1024
SERVE_RELOAD = 2.0


def log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def warnings_in(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("WARNING")]


def measure_size(n: int, work: Path, ref: str | None, run_baseline: bool, verbose_reads: bool) -> dict:
    folder = work / f"n{n}"
    project = folder / "project"
    measure.copy_project(project, ref)
    added = synth.add(project, n)
    log(f"N={n}: added {added.tools} tools and {added.cases} cases per language ({added.pages} Markdown files)")
    result: dict = {"n": n}

    if run_baseline:
        base_project = folder / "baseline"
        pages = baseline.make(project, base_project)
        log(f"N={n}: baseline, plain Material: building {pages} Markdown pages ...")
        b = measure.run_build(base_project, folder / "baseline-site")
        if not b.ok:
            raise SystemExit(f"the baseline build failed:\n{b.log[-3000:]}")
        stats = measure.site_stats(folder / "baseline-site")
        result["baseline"] = {**asdict(stats), "seconds": b.seconds, "cpu_seconds": b.cpu_seconds, "peak_rss": b.peak_rss,
                              "markdown_pages": pages}
        log(f"N={n}: baseline took {b.seconds:.1f} s for {stats.pages} pages ({human_bytes(stats.bytes)})")
        shutil.rmtree(folder / "baseline-site", ignore_errors=True)  # it can be many GB at N=1000

    log(f"N={n}: Mangfold, three languages, macros and search index: building ...")
    o = measure.run_build(project, folder / "site")
    if not o.ok:
        raise SystemExit(f"the Mangfold build failed at N={n}:\n{o.log[-3000:]}")
    stats = measure.site_stats(folder / "site")
    warnings = warnings_in(o.log)
    bench_warnings = [w for w in warnings if synth.TOOL_PREFIX in w or synth.CASE_PREFIX in w]
    if bench_warnings:
        raise SystemExit("the synthetic pages produced warnings:\n" + "\n".join(bench_warnings[:20]))
    log(f"N={n}: Mangfold took {o.seconds:.1f} s for {stats.pages} pages ({human_bytes(stats.bytes)})"
        + (f"; {len(warnings)} warnings from the project's own content" if warnings else ""))
    reads = rss_without_search = None
    if verbose_reads:
        # Counted in a second, untimed build: --verbose logs every page, which costs time.
        log(f"N={n}: counting data file reads (untimed build with --verbose, no search index) ...")
        v = measure.run_build(project, folder / "site-verbose", "--verbose", MANGFOLD_SEARCH_INDEX="false")
        reads = measure.data_reads(v.log) if v.ok else {}
        rss_without_search = v.peak_rss
        shutil.rmtree(folder / "site-verbose", ignore_errors=True)
    result["mangfold"] = {**asdict(stats), "seconds": o.seconds, "cpu_seconds": o.cpu_seconds, "peak_rss": o.peak_rss,
                          "warnings": len(warnings), "data_reads": reads, "peak_rss_without_search": rss_without_search,
                          "site_dir": str(folder / "site"), "project": str(project)}
    return result


def table(results: list[dict]) -> str:
    rows = [("", "pages", "build s", "CPU s", "s/page", "peak memory", "output", "tool page", "case page")]
    for r in results:
        for label, key in (("Mangfold", "mangfold"), ("baseline", "baseline")):
            if key not in r:
                continue
            m = r[key]
            rows.append((
                f"N={r['n']} {label}", str(m["pages"]), f"{m['seconds']:.1f}", f"{m['cpu_seconds']:.1f}",
                f"{m['seconds'] / max(m['pages'], 1) * 1000:.1f} ms", human_bytes(m["peak_rss"]), human_bytes(m["bytes"]),
                human_bytes(m["typical"].get("tool page", 0)), human_bytes(m["typical"].get("case page", 0)),
            ))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return "\n".join("  ".join(cell.rjust(w) if i else cell.ljust(w) for i, (cell, w) in enumerate(zip(row, widths))) for row in rows)


class Verdicts:
    def __init__(self) -> None:
        self.lines: list[tuple[bool | None, str]] = []

    def add(self, ok: bool | None, text: str) -> None:
        self.lines.append((ok, text))

    def render(self) -> str:
        mark = {True: "PASS", False: "FAIL", None: "----"}
        return "\n".join(f"{mark[ok]}  {text}" for ok, text in self.lines)

    @property
    def failed(self) -> bool:
        return any(ok is False for ok, _ in self.lines)


def judge(results: list[dict], extra: dict, v: Verdicts) -> None:
    by_n = {r["n"]: r for r in results}
    for n, r in sorted(by_n.items()):
        if "baseline" not in r:
            continue
        ratio = r["mangfold"]["seconds"] / r["baseline"]["seconds"]
        cpu_ratio = r["mangfold"]["cpu_seconds"] / r["baseline"]["cpu_seconds"]
        limit = VS_BASELINE.get(n)
        text = (f"N={n}: Mangfold {r['mangfold']['seconds']:.1f} s / baseline {r['baseline']['seconds']:.1f} s = {ratio:.2f}x"
                f" (CPU {cpu_ratio:.2f}x; {r['mangfold']['pages']} vs {r['baseline']['pages']} pages)")
        v.add(ratio <= limit if limit else None, text + (f", target <= {limit}x" if limit else ""))
    if len(by_n) >= 2:
        small, large = min(by_n), max(by_n)
        s, l = by_n[small]["mangfold"], by_n[large]["mangfold"]
        limit = GROWTH_SLACK * large / small
        ratio = l["seconds"] / s["seconds"]
        v.add(ratio <= limit, f"growth: N={large} {l['seconds']:.1f} s / N={small} {s['seconds']:.1f} s = {ratio:.2f}x"
              f" (CPU {l['cpu_seconds'] / s['cpu_seconds']:.2f}x; pages {l['pages'] / s['pages']:.2f}x), target <= {limit:.0f}x")
        for label in ("tool page", "case page"):
            if label in s["typical"] and label in l["typical"]:
                grow = l["typical"][label] / s["typical"][label]
                v.add(grow <= PAGE_HTML_GROWTH, f"{label} HTML: N={large} {human_bytes(l['typical'][label])} / N={small} "
                      f"{human_bytes(s['typical'][label])} = {grow:.2f}x, target <= {PAGE_HTML_GROWTH}x")
    largest = by_n[max(by_n)]["mangfold"]
    own = largest.get("peak_rss_without_search")
    v.add(largest["peak_rss"] < PEAK_MEMORY, f"peak memory at N={max(by_n)}: {human_bytes(largest['peak_rss'])}"
          + (f" (the build without Pagefind: {human_bytes(own)})" if own else "") + ", target < 1 GB")
    reads = [(r["n"], r["mangfold"]["data_reads"]) for r in results if r["mangfold"]["data_reads"] is not None]
    for n, counts in reads:
        once = bool(counts) and all(c == 1 for c in counts.values())
        pages = by_n[n]["mangfold"]["pages"]
        v.add(once, f"data files read once per build at N={n} ({pages} pages): "
              + (", ".join(f"{Path(f).name} x{c}" for f, c in sorted(counts.items())) or "no reads logged"))

    weight = extra.get("page_weight")
    if weight:
        tool, search = weight["tool_page"], weight["search"]
        at = f" at N={weight['n']}"
        v.add(tool["compressed"] <= TOOL_PAGE_WEIGHT, f"tool page {tool['url']}{at}: {len(tool['files'])} files, "
              f"{human_bytes(tool['compressed'])} compressed, target <= 150 KB")
        nothing = not tool["search_files"] and not search["index_files_before_query"]
        v.add(nothing, f"search loads nothing until used: tool page {len(tool['search_files'])} search files; "
              f"search page before a query {len(search['index_files_before_query'])} index files "
              f"({human_bytes(search['on_open_compressed'])} of UI script and style)")
        v.add(search["only_reader_language"], f"first query fetches only the reader's language: {', '.join(search['index_languages']) or 'none'}")
        v.add(search["search_compressed"] <= SEARCH_WEIGHT and search["results_shown"] > 0,
              f"first search query{at}: {human_bytes(search['search_compressed'])} compressed in all "
              f"({human_bytes(search['first_query_compressed'])} after typing; {search['results_shown']} results shown), target <= 300 KB")
    lighthouse = extra.get("lighthouse")
    if lighthouse:
        for site_label, results_lh in lighthouse.items():
            for label, r in results_lh.items():
                if "scores" not in r:
                    v.add(False, f"Lighthouse {site_label} {label} /{r['url']}: {r.get('error', 'no result')[:200]}")
                    continue
                v.add(min(r["scores"].values()) >= 95, f"Lighthouse {site_label} {label} /{r['url']}: "
                      + ", ".join(f"{k} {s}" for k, s in r["scores"].items()) + ", target >= 95 each")
    serve = extra.get("serve_reload")
    if serve:
        from serve_reload import _runs
        median = "did not update" if serve["median"] is None else f"median {serve['median']:.2f} s"
        v.add(serve["median"] is not None and serve["median"] < SERVE_RELOAD,
              f"serve reload at N={serve['n']}, `{serve['mode']}`: {median} over {len(serve['runs'])} edits "
              f"(runs: {_runs(serve['runs'])}), target < 2 s")
        for name, alt in (serve.get("others") or {}).items():
            median = "did not update" if alt["median"] is None else f"median {alt['median']:.2f} s"
            v.add(None, f"serve reload at N={serve['n']}, `{name}`: {median} (runs: {_runs(alt['runs'])})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000], help="synthetic cases and tools per language")
    parser.add_argument("--ref", help="benchmark a git commit (e.g. HEAD) instead of the working tree")
    parser.add_argument("--workdir", type=Path, help="where to build (default: a new temporary folder)")
    parser.add_argument("--keep", action="store_true", help="keep the copies and built sites")
    parser.add_argument("--no-baseline", action="store_true", help="skip the plain Material builds")
    parser.add_argument("--no-browser", action="store_true", help="skip page weight and Lighthouse")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument("--no-serve", action="store_true", help="skip the mkdocs serve reload timing")
    parser.add_argument("--quick", action="store_true", help="builds only: --no-browser --no-serve")
    parser.add_argument("--json", type=Path, help="write every figure here (default: bench/results/<time>.json)")
    args = parser.parse_args()
    if args.quick:
        args.no_browser = args.no_serve = True
    sizes = sorted(set(args.n))

    work = args.workdir or Path(tempfile.mkdtemp(prefix="mangfold-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"Mangfold benchmark: N = {', '.join(map(str, sizes))} synthetic cases and tools per language (da, no, sv)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
          f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())}; working in {work}")
    started = time.time()
    try:
        # Warm-up: the project as it is, so both sides start with warm caches (and a broken
        # project stops here, not after minutes of building).
        log("warm-up: building the project as it is ...")
        measure.copy_project(work / "n0" / "project", args.ref)
        warm = measure.run_build(work / "n0" / "project", work / "n0" / "site")
        if not warm.ok:
            raise SystemExit(f"the project does not build:\n{warm.log[-3000:]}")
        log(f"warm-up: {warm.seconds:.1f} s, {measure.site_stats(work / 'n0' / 'site').pages} pages")

        results = []
        for n in sizes:
            results.append(measure_size(n, work, args.ref, not args.no_baseline, verbose_reads=True))

        extra: dict = {}
        if not args.no_browser:
            import page_weight
            largest = results[-1]
            log(f"page weight: tool page and a first search at N={largest['n']} ...")
            weight = page_weight.measure(Path(largest["mangfold"]["site_dir"]))
            weight["n"] = largest["n"]
            extra["page_weight"] = weight
            print(page_weight.report(weight))
            if not args.no_lighthouse:
                import lighthouse
                extra["lighthouse"] = {}
                for label, site_dir in (("site", work / "n0" / "site"), (f"N={largest['n']}", Path(largest["mangfold"]["site_dir"]))):
                    log(f"Lighthouse (mobile) on the {label} build ...")
                    lh = lighthouse.run(site_dir, lighthouse.default_pages(site_dir, "da"))
                    print(lighthouse.report(lh))
                    extra["lighthouse"][label] = lh
        if not args.no_serve:
            import serve_reload
            n = sizes[0]
            log(f"serve reload at N={n} ...")
            extra["serve_reload"] = serve_reload.measure_all(Path(results[0]["mangfold"]["project"]), n)
            print(serve_reload.describe(extra["serve_reload"]))

        print()
        print(table(results))
        print()
        verdicts = Verdicts()
        judge(results, extra, verdicts)
        print(verdicts.render())
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}; "
              f"benchmark took {(time.time() - started) / 60:.1f} min")

        out = args.json or HERE / "results" / time.strftime("%Y%m%d-%H%M%S.json")
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps({"sizes": results, **extra, "verdicts": verdicts.lines}, indent=2, default=str), encoding="utf-8")
        print(f"figures written to {out}")
        return 1 if verdicts.failed else 0
    finally:
        if not args.keep and not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
