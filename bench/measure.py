"""Shared pieces of the benchmark: copy the project, build it, measure the result."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tarfile
import io
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "overrides", "macros", "mangfold")
BIN = Path(sys.executable).parent
# Pages whose HTML the benchmark compares across sizes: they exist at every N.
TYPICAL = {
    "tool page": "da/tools/gap-analysis/index.html",
    "case page": "da/cases/bench-case-0001/index.html",
}


def copy_project(dest: Path, ref: str | None = None) -> None:
    """The project's source (not its venv or site) in dest: the working tree, or a git ref."""
    dest.mkdir(parents=True, exist_ok=True)
    if ref:
        archive = subprocess.run(["git", "archive", "--format=tar", ref, *PROJECT_PARTS],
                                 cwd=ROOT, capture_output=True, check=True).stdout
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(dest, filter="data")
        return
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, dest / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(source, dest / part)


def build_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.pop("SITE_URL", None)
    env.update(extra)
    return env


@dataclass
class Build:
    ok: bool
    seconds: float          # wall clock
    cpu_seconds: float      # user + system, the build and its children (Pagefind)
    peak_rss: int           # bytes: the largest resident set of the build or any child it waited for
    log: str


def run_build(project: Path, site_dir: Path, *args: str, strict: bool = False, **env: str) -> Build:
    """`mkdocs build` in project, timed, with its own peak memory (os.wait4).

    Not --strict by default: the benchmark measures speed, and a warning in
    content someone is still writing should not stop it (it reports them).
    """
    log_path = site_dir.parent / f"{site_dir.name}.log"
    if site_dir.exists():
        shutil.rmtree(site_dir)
    with log_path.open("w", encoding="utf-8") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "build", "--strict" if strict else "--no-strict", "--site-dir", str(site_dir), *args],
            # PYTHONPATH: the copy's own plugin and macros, not the editable install's.
            cwd=project, stdout=log, stderr=subprocess.STDOUT, env=build_env(PYTHONPATH=str(project), **env),
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    # ru_maxrss is in KiB on Linux; wait4 reports the max over the child and its own children.
    return Build(
        ok=proc.returncode == 0, seconds=seconds, cpu_seconds=usage.ru_utime + usage.ru_stime,
        peak_rss=usage.ru_maxrss * 1024, log=log_path.read_text(encoding="utf-8", errors="replace"),
    )


@dataclass
class SiteStats:
    pages: int
    bytes: int
    files: int
    typical: dict[str, int] = field(default_factory=dict)  # label -> bytes of that page's HTML


def site_stats(site_dir: Path, typical: dict[str, str] | None = None) -> SiteStats:
    pages = total = files = 0
    for path in site_dir.rglob("*"):
        if not path.is_file():
            continue
        files += 1
        total += path.stat().st_size
        rel = path.relative_to(site_dir)
        if path.name == "index.html" and rel.parts[0] not in ("pagefind", "search", "assets"):
            pages += 1
    sizes = {}
    for label, rel in (typical or TYPICAL).items():
        page = site_dir / rel
        if page.exists():
            sizes[label] = page.stat().st_size
    return SiteStats(pages=pages, bytes=total, files=files, typical=sizes)


DATA_READ = re.compile(r"mangfold: read data file (\S+)")


def data_reads(log: str) -> dict[str, int]:
    """How often each data file was read in one build (from the plugin's debug log)."""
    counts: dict[str, int] = {}
    for match in DATA_READ.finditer(log):
        counts[match.group(1)] = counts.get(match.group(1), 0) + 1
    return counts


def human_bytes(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if abs(n) < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GB"
