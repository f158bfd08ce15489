"""``mangfold build``: publish only a site that built, keep the last good one otherwise.

The site is built with ``mkdocs build --strict`` into a fresh folder next to
``site/`` (same disk, so the swap is two renames). Only when the build
succeeded does that folder take ``site/``'s place; on any failure it is
deleted and ``site/`` is left exactly as it was, byte for byte.

Before MkDocs runs, ``mangfold check`` does (it is fast and its messages
carry line numbers); MkDocs then catches anything a check cannot, such as a
broken anchor or a macro that fails while rendering.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import checks
from .project import CONFIG_NAME, Project

LEVEL = re.compile(r"^(ERROR|WARNING)\s+-\s+(.*)$")
EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception)): (.+)$")


@dataclass
class Outcome:
    ok: bool
    problems: list[str] = field(default_factory=list)
    warnings: int = 0
    seconds: float = 0.0
    site_dir: Path | None = None


def build(project: Project, extra_env: dict[str, str] | None = None) -> Outcome:
    started = time.perf_counter()
    report = checks.run(project)
    if report.problems:
        return Outcome(False, [str(p) for p in report.problems], len(report.warnings), time.perf_counter() - started)

    site_dir = project.site_dir
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    fresh = site_dir.parent / f".{site_dir.name}.building-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
             "--config-file", str(project.root / CONFIG_NAME), "--site-dir", str(fresh)],
            cwd=project.root, capture_output=True, text=True, env=env,
        )
        if result.returncode != 0 or not (fresh / "index.html").is_file():
            return Outcome(False, build_problems(result.stdout + result.stderr, result.returncode, project),
                           len(report.warnings), time.perf_counter() - started)
        _swap(fresh, site_dir)
    finally:
        shutil.rmtree(fresh, ignore_errors=True)
    return Outcome(True, [], len(report.warnings), time.perf_counter() - started, site_dir)


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is; the old site is removed only once the new one is in place."""
    old = site_dir.parent / f".{site_dir.name}.old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    had_site = site_dir.exists()
    if had_site:
        os.rename(site_dir, old)
    try:
        os.rename(fresh, site_dir)
    except OSError:
        if had_site:
            os.rename(old, site_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def build_problems(output: str, returncode: int, project: Project | None = None) -> list[str]:
    """The lines of MkDocs' output an editor needs, one problem per line."""
    problems: list[str] = []
    for line in output.splitlines():
        match = LEVEL.match(line.strip())
        if not match:
            continue
        text = match.group(2).strip()
        if text.startswith("Error reading page") or text.startswith("[macros] - ERROR"):
            continue
        problems.append(text)
    failed = _macro_failure(output, project)
    if failed:
        problems.append(failed)
    if not problems:
        tail = [l for l in output.strip().splitlines() if l.strip()][-1:] or [f"mkdocs exited with status {returncode}"]
        problems.append(f"the build failed: {tail[0].strip()}")
    return problems


MACRO_FILE = re.compile(r"^_File_: `([^`]+)`", re.MULTILINE)
TEMPLATE_LINE = re.compile(r'File "<template>", line (\d+)')


def _macro_failure(output: str, project: Project | None) -> str | None:
    """mkdocs-macros stops with a traceback (exit 100) when a macro fails: make it one line with file and line."""
    errors = [m for m in (EXCEPTION.match(l.strip()) for l in output.splitlines()) if m]
    if not errors:
        return None
    kind, message = errors[-1].group(1).rsplit(".", 1)[-1], errors[-1].group(2)
    where = ""
    page = MACRO_FILE.search(output)
    if page:
        src = page.group(1)
        where = f"{project.docs_dir.name}/{src}" if project else src
        lines = TEMPLATE_LINE.findall(output)
        if project and lines:
            try:
                from macros import content_index, yamlfile

                path = project.docs_dir / src
                text = yamlfile.read_text(path, where)
                _, body_line = content_index.read_front_matter(text, where)
                body = text.split("\n", body_line - 1)[-1] if body_line > 1 else text
                blank = len(body) - len(body.lstrip("\n"))  # MkDocs drops the blank lines after front matter
                where += f":{body_line + blank + int(lines[-1]) - 1}"
            except Exception:  # the message is still useful without a line
                pass
        where += ": "
    return f"{where}a macro failed while rendering: {kind}: {message}"
