"""``mangfold build``: publish only a site that built, keep the last good one otherwise.

The site is built with ``mkdocs build --strict`` into a fresh folder next to
``site/`` (same disk, so the swap is two renames). Only when the build
succeeded does that folder take ``site/``'s place; on any failure it is
deleted and ``site/`` is left exactly as it was, byte for byte.

Before MkDocs runs, ``mangfold check`` does (it is fast and its messages
carry line numbers); MkDocs then catches anything a check cannot, such as a
broken anchor or a macro that fails while rendering.

It replaces only a folder a build made (it writes ``.mangfold-build`` into
each), never the project or a folder the build reads. One build of a site
folder runs at a time (``.site.build.lock``; a second waits and says so),
and the folders of a killed build are removed by the next one. The MkDocs
child ends with its parent, even one killed outright.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from pathlib import Path

from ..core.errors import Msg
from . import checks
from ..core.settings import site_dir_problem
from .project import CONFIG_NAME, Project

LEVEL = re.compile(r"^(ERROR|WARNING)\s+-\s+(.*)$")
EXCEPTION = re.compile(r"^([A-Za-z_][\w.]*(?:Error|Exception)): (.+)$")
# Written into every site this command publishes: a folder without it is not
# one of ours, and is never replaced.
MARKER = ".mangfold-build"
WAIT_FOR_LOCK = 15 * 60  # seconds; a build takes seconds, so a longer wait means a stuck one


@dataclass
class Outcome:
    ok: bool
    problems: list[Any] = field(default_factory=list)  # Problems, Msgs, or lines MkDocs printed
    warnings: int = 0
    seconds: float = 0.0
    site_dir: Path | None = None


def build(project: Project, extra_env: dict[str, str] | None = None, *, say=lambda text: None) -> Outcome:
    started = time.perf_counter()
    site_dir = project.site_dir
    refusal = site_dir_problem(site_dir, project.root, [project.docs_dir, project.data_dir, *project.source_dirs],
                               setting="site_dir (or MANGFOLD_SITE_DIR)") or _not_ours(site_dir)
    if refusal:
        return Outcome(False, [refusal], 0, time.perf_counter() - started)
    report = checks.run(project)
    if report.problems:
        return Outcome(False, list(report.problems), len(report.warnings), time.perf_counter() - started)

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with _lock(site_dir, say), _stopped_by_signals():
        _remove_leftovers(site_dir)
        fresh = _scratch(site_dir, "building")
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(extra_env or {})}
        try:
            returncode, output = _run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                                       "--config-file", str(project.root / CONFIG_NAME), "--site-dir", str(fresh)],
                                      project.root, env)
            if returncode != 0 or not (fresh / "index.html").is_file():
                return Outcome(False, build_problems(output, returncode, project),
                               len(report.warnings), time.perf_counter() - started)
            (fresh / MARKER).write_text("Made by 'mangfold build'. The next build replaces this whole folder.\n", encoding="utf-8")
            _swap(fresh, site_dir)
        finally:
            shutil.rmtree(fresh, ignore_errors=True)
    return Outcome(True, [], len(report.warnings), time.perf_counter() - started, site_dir)


def _not_ours(site_dir: Path) -> Msg | None:
    """A folder this command may replace: missing, empty, or a site a build made."""
    if not site_dir.exists():
        return None
    if not site_dir.is_dir():
        return Msg("build_not_ours_file", {"site_dir": str(site_dir)})
    if (site_dir / MARKER).is_file() or not any(site_dir.iterdir()):
        return None
    if (site_dir / "index.html").is_file() and (site_dir / "sitemap.xml").is_file():
        return None  # made by `mkdocs build` (the Pages workflow, make build before this marker existed)
    return Msg("build_not_ours", {"site_dir": str(site_dir)})


def _scratch(site_dir: Path, kind: str) -> Path:
    return site_dir.parent / f".{site_dir.name}.{kind}-{os.getpid()}"


def _remove_leftovers(site_dir: Path) -> None:
    """Folders a killed build left behind (called with the lock held, so none is in use)."""
    pattern = re.compile(rf"^\.{re.escape(site_dir.name)}\.(building|old)-\d+$")
    for path in site_dir.parent.iterdir():
        if pattern.match(path.name) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)


@contextlib.contextmanager
def _lock(site_dir: Path, say) -> Iterator[None]:
    """One build of a site folder at a time; a second one waits and says so."""
    path = site_dir.parent / f".{site_dir.name}.build.lock"
    with open(path, "a+", encoding="utf-8") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            say(Msg("build_waiting", {"site": site_dir.name, "holder": holder}))
            deadline = time.monotonic() + WAIT_FOR_LOCK
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"another build of {site_dir.name}/ has held {path.name} for {WAIT_FOR_LOCK // 60} minutes") from None
                    time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}, started {time.strftime('%H:%M:%S')}\n")
        handle.flush()
        try:
            yield
        finally:
            handle.seek(0)
            handle.truncate()
            fcntl.flock(handle, fcntl.LOCK_UN)


class Stopped(Exception):
    """The build was stopped by a signal (SIGTERM, SIGHUP); its folders are cleaned up."""


@contextlib.contextmanager
def _stopped_by_signals() -> Iterator[None]:
    """Turn SIGTERM and SIGHUP into an exception, so `finally` cleans up as for Ctrl+C."""
    def stop(signum: int, frame: object) -> None:
        raise Stopped(signal.Signals(signum).name)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _die_with_parent() -> None:
    """In the MkDocs child: end when mangfold build ends, even if it was killed outright (Linux)."""
    try:
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def _run(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[int, str]:
    child = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                             preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None)
    try:
        output, _ = child.communicate()
        return child.returncode, output
    finally:
        if child.poll() is None:
            child.terminate()
            try:
                child.wait(timeout=10)
            except subprocess.TimeoutExpired:
                child.kill()


def _swap(fresh: Path, site_dir: Path) -> None:
    """Put `fresh` where `site_dir` is; the old site is removed only once the new one is in place."""
    old = _scratch(site_dir, "old")
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
                from ..core import content_index, yamlfile

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
