"""Shared fixtures: the site is built once per test session.

``site`` is that build, read-only. Tests of bad input use ``project_copy``,
a copy of the project in a temporary folder they may break, and
``run_build`` to build it and see the result.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# A site's own files: its Python comes from the installed mangfold package.
PROJECT_PARTS = ("mkdocs.yml", "content", "data", "overrides", "macros")
LANGS = ("da", "no", "sv")
HTML_LANG = {"da": "da", "no": "nb", "sv": "sv"}
BIN = Path(sys.executable).parent


@dataclass
class BuildResult:
    returncode: int
    output: str
    site_dir: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0


@dataclass
class Site:
    root: Path
    log: str

    def path(self, url: str) -> Path:
        """The file a URL such as 'da/tools/' or 'da/tools/gap-analysis/' is served from."""
        target = self.root / url.lstrip("/")
        return target / "index.html" if url.endswith("/") or url == "" else target

    def html(self, url: str) -> str:
        return self.path(url).read_text(encoding="utf-8")

    def pages(self) -> list[Path]:
        return sorted(p for p in self.root.rglob("*.html") if "pagefind" not in p.parts)

    def url_of(self, page: Path) -> str:
        rel = page.relative_to(self.root).as_posix()
        return rel[: -len("index.html")] if rel.endswith("index.html") else rel


def build_env(**extra: str) -> dict[str, str]:
    # LC_ALL: mangfold speaks the locale's language; tests read its English.
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "LC_ALL": "C.UTF-8", "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    env.update(extra)
    return env


def run_build(project: Path, site_dir: Path, *, runner: str = "mkdocs", **env: str) -> BuildResult:
    """Build `project` into `site_dir` with --strict; return code and log."""
    result = subprocess.run(
        [str(BIN / runner), "build", "--strict", "--site-dir", str(site_dir)],
        cwd=project, capture_output=True, text=True, env=build_env(**env), timeout=600,
    )
    return BuildResult(result.returncode, result.stdout + result.stderr, site_dir)


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def cli(project: Path, *args: str) -> CliResult:
    """`mangfold --root project ARGS` run in this process: the command's own code
    and output, without starting an interpreter (a subprocess costs ~0.5 s)."""
    import contextlib
    import io

    from mangfold.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--root", str(project), *args])
        except SystemExit as exc:  # argparse on a usage error
            code = int(exc.code or 0)
    return CliResult(code, out.getvalue(), err.getvalue())


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    out = tmp_path_factory.mktemp("site") / "site"
    result = run_build(ROOT, out)
    assert result.ok, f"the site does not build:\n{result.output}"
    return Site(out, result.output)


def copy_project(target: Path) -> Path:
    """This site's own files (not the package) copied into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, target / part, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, target / part)
    return target


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A private copy of the project that a test may break."""
    return copy_project(tmp_path)


@pytest.fixture
def build_copy(project_copy: Path):
    """Build the broken copy (without the search index, which is not under test)."""
    def build() -> BuildResult:
        return run_build(project_copy, project_copy / "site", MANGFOLD_SEARCH_INDEX="false")
    return build
