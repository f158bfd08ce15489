"""How long an editor waits: save one Markdown page under `mkdocs serve`, see it in the browser.

Starts `mkdocs serve` on a project (by default a copy with N=100 synthetic
cases and tools per language), opens a case page in Debian's Chromium, then
several times: appends a new sentence to that page's Markdown and measures
the time from the save until the sentence is visible in the open browser
tab (MkDocs' livereload reloads it after its rebuild). Each mode is a
separate server:

- ``mkdocs serve --dirty --no-strict``: MkDocs renders only the pages whose
  file changed; the mangfold plugin renders everything when front matter, data
  or templates changed, and indexes search in the background (the one judged);
- ``mkdocs serve --no-strict``: every save renders the whole site;
- ``mangfold serve``: what the editors' command runs today, as it is.

(--no-strict: MkDocs counts its own "dirty build" notice as a warning, so a
strict dirty build always fails; warnings are still printed.)

    .venv/bin/python bench/serve_reload.py [--n 100] [--project DIR] [--edits 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import measure  # noqa: E402
import synth  # noqa: E402
from page_weight import CHROMIUM, CHROMIUM_ARGS  # noqa: E402

PAGE = "da/cases/bench-case-0001"
MODES: dict[str, tuple[str, ...]] = {
    "mkdocs serve --dirty": ("mkdocs", "serve", "--no-strict", "--dirty"),
    "mkdocs serve": ("mkdocs", "serve", "--no-strict"),
    "mangfold serve": ("mangfold", "serve"),
}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait_until_up(url: str, proc: subprocess.Popen, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped (exit {proc.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"mkdocs serve did not answer {url} within {timeout:.0f} s")


def measure_mode(project: Path, command: tuple[str, ...], edits: int, page: str = PAGE) -> list[float | None]:
    """Seconds from saving the page to seeing the new text in the browser, per edit (None: not within 60 s)."""
    from playwright.sync_api import sync_playwright

    port = _free_port()
    source = project / "content" / f"{page}.md"
    original = source.read_text(encoding="utf-8")
    log = tempfile.TemporaryFile()
    proc = subprocess.Popen(
        [str(measure.BIN / command[0]), *command[1:], "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=log, stderr=subprocess.STDOUT,
        env=measure.build_env(PYTHONPATH=str(project)),
        start_new_session=True,  # `mangfold serve` starts mkdocs as a child: stop them together
    )
    url = f"http://127.0.0.1:{port}/{page}/"
    times: list[float | None] = []
    try:
        _wait_until_up(url, proc, timeout=600)
        time.sleep(1.0)  # let the watcher settle after the first build
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            tab = browser.new_page()
            tab.goto(url, wait_until="load")
            for i in range(edits):
                marker = f"Benchmark sentence {i} {time.time_ns()}"
                start = time.perf_counter()
                source.write_text(original + f"\n{marker}.\n", encoding="utf-8")
                try:
                    tab.wait_for_function("m => document.body && document.body.innerText.includes(m)", arg=marker,
                                          timeout=60_000, polling=25)
                    times.append(time.perf_counter() - start)
                except Exception:  # noqa: BLE001 - a build that failed or never finished
                    times.append(None)
                    tab.goto(url, wait_until="load")
                time.sleep(1.5)  # a pause between saves, as an editor makes
            browser.close()
    finally:
        source.write_text(original, encoding="utf-8")
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
        log.close()
    return times


def _median(runs: list[float | None]) -> float | None:
    done = [r for r in runs if r is not None]
    return statistics.median(done) if len(done) == len(runs) and done else None


def measure_all(project: Path, n: int, edits: int = 5) -> dict:
    """Every mode on one project; the first is the one judged."""
    runs = {}
    for name, command in MODES.items():
        try:
            runs[name] = measure_mode(project, command, edits)
        except RuntimeError as exc:  # the server did not start
            print(f"{name}: {exc}", file=sys.stderr)
            runs[name] = [None]
    summary = {name: {"runs": r, "median": _median(r)} for name, r in runs.items()}
    first = next(iter(MODES))
    return {"n": n, "mode": first, **summary[first], "others": {k: v for k, v in summary.items() if k != first}}


def _runs(runs: list[float | None]) -> str:
    return ", ".join("none" if r is None else f"{r:.2f}" for r in runs)


def describe(result: dict) -> str:
    lines = []
    for name in MODES:
        r = result if name == result["mode"] else result["others"][name]
        median = "did not update" if r["median"] is None else f"median {r['median']:.2f} s"
        lines.append(f"{name:<22} {median}  (runs: {_runs(r['runs'])})")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=100)
    parser.add_argument("--project", type=Path, help="an existing project folder with bench pages (default: a fresh copy)")
    parser.add_argument("--edits", type=int, default=5)
    args = parser.parse_args()
    tmp = None
    project = args.project
    if project is None:
        tmp = Path(tempfile.mkdtemp(prefix="mangfold-serve-"))
        project = tmp / "project"
        measure.copy_project(project)
        synth.add(project, args.n)
    try:
        result = measure_all(project, args.n, args.edits)
    finally:
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
    print(describe(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
