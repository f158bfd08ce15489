"""Mangfold as a package: the wheel carries everything a site needs (issue 12).

- The wheel built from this repository, installed into a clean virtual
  environment (its dependencies from requirements.lock, nothing of the
  checkout on the path), runs ``mangfold init`` and builds the starter in a
  language Mangfold has no texts in, and builds this site with the same
  pages as the checkout.
- A fixture project gets a fourth language by configuration, a strings file
  and content only, built in this process.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, Site, cli, copy_project

PYTHON = sys.executable


def hashes(root: Path, skip: tuple[str, ...] = ("pagefind/",)) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file() and not p.relative_to(root).as_posix().startswith(skip)}


def clean_env(**extra: str) -> dict[str, str]:
    """The environment without this checkout's Python: no PYTHONPATH, no venv on PATH."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep) if not p.startswith(str(ROOT)))
    env.update({"NO_MKDOCS_2_WARNING": "1", "LC_ALL": "C.UTF-8", "MANGFOLD_SEARCH_INDEX": "true", **extra})
    return env


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A clean venv with the wheel built from this repository (and the pinned dependencies)."""
    work = tmp_path_factory.mktemp("wheel")
    # Built from a copy: setuptools writes build/ and *.egg-info next to the sources it builds.
    source = work / "source"
    source.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", source / "pyproject.toml")
    shutil.copytree(ROOT / "mangfold", source / "mangfold", ignore=shutil.ignore_patterns("__pycache__"))
    built = subprocess.run([PYTHON, "-m", "pip", "wheel", str(source), "--no-deps", "-q", "-w", str(work / "dist")],
                           capture_output=True, text=True, timeout=600, cwd=work)
    assert built.returncode == 0, built.stdout + built.stderr
    wheel = next((work / "dist").glob("mangfold-*.whl"))
    venv = work / "venv"
    subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True, timeout=300)
    deps = subprocess.run([str(venv / "bin/pip"), "install", "-q", "-r", str(ROOT / "requirements.lock")],
                          capture_output=True, text=True, timeout=900, env=clean_env())
    assert deps.returncode == 0, deps.stdout + deps.stderr
    own = subprocess.run([str(venv / "bin/pip"), "install", "-q", "--no-deps", str(wheel)],
                         capture_output=True, text=True, timeout=300, env=clean_env())
    assert own.returncode == 0, own.stdout + own.stderr
    where = subprocess.run([str(venv / "bin/python"), "-c", "import mangfold; print(mangfold.__file__)"],
                           capture_output=True, text=True, cwd=work, env=clean_env()).stdout.strip()
    assert where.startswith(str(venv)), f"mangfold imported from {where}, not from the installed wheel"
    return venv


def test_the_wheel_holds_templates_strings_and_the_starter_but_no_site_module(installed: Path) -> None:
    site_packages = next(installed.glob("lib/python*/site-packages"))
    package = site_packages / "mangfold"
    for needed in ("theme/main.html", "theme/components/tool_card.html", "theme/assets/stylesheets/mangfold.css",
                   "theme/assets/javascripts/mangfold.js", "strings/site/en.yml", "strings/editor/en.yml",
                   "starter/pages/da/index.md", "starter/data/tools.yml", "starter/gitignore"):
        assert (package / needed).is_file(), f"the wheel lacks mangfold/{needed}"
    assert not (site_packages / "macros").exists(), "a site's own macros module must not be installed as a top-level package"


def test_init_in_a_language_mangfold_has_no_texts_in_builds_strict(installed: Path, tmp_path: Path) -> None:
    started = subprocess.run([str(installed / "bin/mangfold"), "init", "toolbox", "--languages", "sv,fi"],
                             cwd=tmp_path, capture_output=True, text=True, timeout=120, env=clean_env())
    assert started.returncode == 0, started.stdout + started.stderr
    assert "Mangfold has no starter text in Suomi" in started.stdout
    project = tmp_path / "toolbox"
    checked = subprocess.run([str(installed / "bin/mangfold"), "check"], cwd=project, capture_output=True, text=True,
                             timeout=120, env=clean_env())
    assert checked.returncode == 0, checked.stdout + checked.stderr
    built = subprocess.run([str(installed / "bin/mkdocs"), "build", "--strict"], cwd=project, capture_output=True, text=True,
                           timeout=600, env=clean_env())
    assert built.returncode == 0, built.stdout + built.stderr
    site = Site(project / "site", built.stdout + built.stderr)
    assert sorted(p.name for p in site.root.iterdir() if p.is_dir() and p.name not in ("assets", "pagefind")) == ["fi", "sv"]
    for code, html_lang in (("sv", "sv"), ("fi", "fi")):
        home = site.html(f"{code}/")
        assert f'<html lang="{html_lang}"' in home
        assert {"sv", "fi", "x-default"} == set(re.findall(r'<link rel="alternate"[^>]*hreflang="([^"]+)"', home))
        assert 'data-tool="example-tool"' in home, "the home page shows a tool card"
        assert 'data-case="example-case"' in home, "and the latest case"
        assert 'data-process="example-process"' in site.html(f"{code}/processes/example-process/")
    finnish = site.html("fi/")
    assert 'class="mf-fallback" role="note" lang="en"' in finnish and '<div lang="sv">' in finnish, \
        "the Finnish pages show the Swedish text, marked, with a notice"
    assert "not yet available in Finnish; they are shown in English" in finnish
    chooser = site.html("")
    assert 'hreflang="fi"' in chooser and 'hreflang="sv"' in chooser
    indexes = sorted(p.name.split("_")[0] for p in (site.root / "pagefind").glob("pagefind.*.pf_meta"))
    # Only pages written in a language are indexed: the Finnish pages are all Swedish text so far.
    assert indexes == ["pagefind.sv"], f"a search index for each language with pages of its own: {indexes}"


def test_this_site_builds_from_the_wheel_with_the_same_pages(installed: Path, site: Site, tmp_path: Path) -> None:
    copy = copy_project(tmp_path / "site-project")
    assert not (copy / "mangfold").exists()
    out = tmp_path / "from-wheel"
    built = subprocess.run([str(installed / "bin/mkdocs"), "build", "--strict", "--site-dir", str(out)], cwd=copy,
                           capture_output=True, text=True, timeout=600, env=clean_env())
    assert built.returncode == 0, built.stdout + built.stderr
    mine, theirs = hashes(site.root), hashes(out)
    assert mine.keys() == theirs.keys(), f"only in the checkout's build: {sorted(mine.keys() - theirs.keys())[:5]}; " \
                                         f"only from the wheel: {sorted(theirs.keys() - mine.keys())[:5]}"
    different = sorted(k for k in mine if mine[k] != theirs[k] and not same_document(site.root / k, out / k))
    assert not different, f"files that differ: {different[:10]}"


def same_document(a: Path, b: Path) -> bool:
    """Two .docx files with the same text and layout (a zip's timestamps aside)."""
    import zipfile

    if a.suffix != ".docx":
        return False
    with zipfile.ZipFile(a) as left, zipfile.ZipFile(b) as right:
        names = [n for n in left.namelist() if n != "docProps/core.xml"]
        return names == [n for n in right.namelist() if n != "docProps/core.xml"] and all(
            left.read(n) == right.read(n) for n in names)


# ---------------------------------------------------------------- a fourth language, in this process

def build_here(project: Path) -> Path:
    """mkdocs build in this process (what `mkdocs build --strict` does), into project/site."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    old = Path.cwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"), strict=True)
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
    finally:
        os.chdir(old)
    return project / "site"


def test_adding_a_language_touches_only_its_config_entry_strings_and_content(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("MANGFOLD_SEARCH_INDEX", "false")
    project = tmp_path / "fixture"
    assert cli(tmp_path, "init", str(project), "--languages", "da,en").returncode == 0
    before = hashes(project)
    # Icelandic: Mangfold has neither starter texts nor interface strings in it.
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n    nav_order:" in text, "mkdocs.yml as init writes it: update the test"
    config.write_text(text.replace("\n    nav_order:", "\n    - code: is\n    nav_order:", 1), encoding="utf-8")
    # The strings file a maintainer writes: every key Mangfold needs (here English stands in for Icelandic).
    from mangfold.core import strings as site_strings
    from mangfold.core.languages import Language

    english = site_strings._read_package(site_strings.package_file(Language("en", "en", "en", "en", "English", None)))
    values = {**english, "site_name": "Verkfærakista fyrir fjölbreytni", "site_description": "Verkfæri og reynsla."}
    (project / "data/strings/is.yml").write_text(yaml_lines(values), encoding="utf-8")
    (project / "content/is").mkdir()
    (project / "content/is/index.md").write_text("---\ntitle: Forsíða\n---\n\nVelkomin.\n\n{{ tool_grid() }}\n", encoding="utf-8")
    checked = cli(project, "check")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    changed = {k for k, v in hashes(project).items() if before.get(k) != v}
    assert changed == {"mkdocs.yml", "data/strings/is.yml", "content/is/index.md"}
    site = build_here(project)
    home = (site / "is/index.html").read_text(encoding="utf-8")
    assert '<html lang="is"' in home and "Velkomin." in home and 'data-tool="example-tool"' in home
    assert "Verkfærakista fyrir fjölbreytni" in home, "the site's own strings file names the site"
    tool = (site / "is/tools/example-tool/index.html").read_text(encoding="utf-8")
    assert 'class="mf-fallback"' in tool, "a page not written in Icelandic shows another language's text with a notice"
    assert {"da", "en", "is", "x-default"} == set(re.findall(r'<link rel="alternate"[^>]*hreflang="([^"]+)"', tool))
    danish = (site / "da/index.html").read_text(encoding="utf-8")
    assert 'href="../is/"' in danish and 'hreflang="is"' in danish, "the switcher on every page offers the new language"


def yaml_lines(values: dict[str, str]) -> str:
    import json

    return "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in values.items())
