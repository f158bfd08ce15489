"""An editor's files can never run code, leak secrets, publish files from
outside the project or load third parties (issue 11).

Each class of attack is tried in several variants on a copy of the project
that has a good site/ already. For each class: ``mangfold check`` exits 1
with exactly one line per bad file, naming it and the construct;
``mangfold build`` fails without printing what the payload would have
printed, and site/ is byte for byte as it was. Where the plugin alone must
hold (a plain ``mkdocs build`` skips mangfold check), that is built too.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

from conftest import BIN, ROOT, build_env, cli, copy_project
from mangfold.core import calls, html_policy

SECRET = "s3cr3t-token-4f9a1c"
CASE = """---
title: Prøve
summary: En prøve.
organisation: Prøve Kommune
country: dk
themes: [recruitment]
source_language: da
---
Første linje.

{body}
"""


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def mangfold_build(project: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mangfold"), "--root", str(project), "build", "--no-search-index"],
                          capture_output=True, text=True, timeout=300,
                          env=build_env(SECRET_TOKEN=SECRET, **env))


def problem_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip() and ": warning: " not in line]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project with a good site/, made once with the real command."""
    project = copy_project(tmp_path_factory.mktemp("built") / "project")
    result = mangfold_build(project)
    assert result.returncode == 0, result.stdout + result.stderr
    return project


@pytest.fixture
def fresh(built: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "project"
    shutil.copytree(built, copy, symlinks=True)
    return copy


def write_cases(project: Path, prefix: str, bodies: dict[str, tuple[str, str]]) -> dict[str, str]:
    """One case file per body; returns each file's path and the message expected for it."""
    files = {}
    for name, (body, expected) in bodies.items():
        rel = f"content/da/cases/{prefix}-{name}.md"
        (project / rel).write_text(CASE.format(body=body), encoding="utf-8")
        files[rel] = expected
    return files


def refused_everywhere(project: Path, files: dict[str, str], *, bypass: bool = False) -> None:
    """check names each file once; build fails, leaks nothing, leaves site/ alone."""
    result = cli(project, "check")
    lines = problem_lines(result.stdout)
    assert result.returncode == 1, result.stdout + result.stderr
    for rel, expected in files.items():
        mine = [line for line in lines if line.startswith(rel + ":")]
        assert len(mine) == 1, f"{rel}: expected one line, got {mine}\n" + "\n".join(lines)
        assert re.search(expected, mine[0]), f"{rel}: {mine[0]!r} does not say {expected!r}"
    site = project / "site"
    before = tree_hashes(site)
    built = mangfold_build(project)
    output = built.stdout + built.stderr
    assert built.returncode == 1, output
    assert "site/ was not changed" in built.stderr
    assert tree_hashes(site) == before, "the last good site was changed"
    for leak in (SECRET, "uid=", "root:x:0:0"):
        assert leak not in output, f"the build printed {leak!r}"
    assert "Traceback" not in output
    if bypass:
        # Without the check in front: the plugin itself refuses the pages.
        out = project / "bypass"
        plain = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(out)], cwd=project,
                               capture_output=True, text=True, timeout=300,
                               env=build_env(SECRET_TOKEN=SECRET, MANGFOLD_SEARCH_INDEX="false"))
        assert plain.returncode != 0
        assert "Traceback" not in plain.stdout + plain.stderr
        published = "".join(p.read_text(errors="replace") for p in out.rglob("*.html")) if out.exists() else ""
        for leak in (SECRET, "uid=", "root:x:0:0"):
            assert leak not in plain.stdout + plain.stderr + published


# ---------------------------------------------------------------- template injection

INJECTION = {
    "popen": ("{{ lipsum.__globals__['os'].popen('id').read() }}", r"attribute access .* is not allowed"),
    "environ": ("{{ lipsum.__globals__['os'].environ.get('SECRET_TOKEN') }}", r"attribute access .* is not allowed"),
    "config": ("{{ config }}", r"unknown macro or variable 'config'"),
    "cycler": ("{{ cycler.__init__.__globals__.os.system('id') }}", r"attribute access .* is not allowed"),
    "mro": ("{{ ''.__class__.__mro__[1].__subclasses__() }}", r"attribute access .* is not allowed"),
    "for-loop": ("{% for x in range(3) %}{{ x }}{% endfor %}", r"the tag \{% for %\} is not allowed"),
    "include": ("{% include 'mkdocs.yml' %}", r"the tag \{% include %\} is not allowed"),
    "set": ("{% set x = namespace() %}", r"the tag \{% set %\} is not allowed"),
    "filter": ("{{ tool_card('gap-analysis') | safe }}", r"the filter '\| safe' is not allowed"),
    "argument": ("{{ tool_card(config.site_name) }}", r"tool_card\(\): attribute access \('\.site_name'\) as a value is not allowed"),
    "unknown-filter": ("{{ 'x' | nope }}", r"the filter '\| nope' is not allowed"),
    "self": ("{{ self._TemplateReference__context }}", r"attribute access .* is not allowed"),
}


def test_template_injection_is_refused_and_never_run(fresh: Path) -> None:
    refused_everywhere(fresh, write_cases(fresh, "inject", INJECTION), bypass=True)


@pytest.mark.parametrize("name", INJECTION)
def test_the_renderer_calls_nothing_but_registered_blocks(name: str) -> None:
    body, _ = INJECTION[name]
    parsed = calls.parse(body, "x.md", 1, {"tool_card", "contact_box"})
    assert parsed.problems and not parsed.calls
    seen: list[calls.Call] = []
    calls.render(parsed, lambda call: seen.append(call), "x.md")
    assert seen == []


def test_a_block_that_fails_while_drawing_names_the_page_and_line() -> None:
    parsed = calls.parse("Tekst.\n\n{{ tool_card('gap-analysis') }}\n", "content/da/x.md", 5, {"tool_card"})

    def fail(call: calls.Call) -> None:
        raise KeyError("no such template: tool_card.html")

    with pytest.raises(calls.CallFailed) as failed:
        calls.render(parsed, fail, "content/da/x.md")
    assert str(failed.value) == "content/da/x.md:7: tool_card(): could not be drawn: 'no such template: tool_card.html'"


def test_a_title_with_braces_is_shown_as_text(fresh: Path) -> None:
    page = fresh / "content/da/cases/titel.md"
    title = "{{ lipsum.__globals__['os'].popen('id').read() }}"
    page.write_text(CASE.format(body="Tekst.").replace("title: Prøve", f'title: "{title}"'), encoding="utf-8")
    assert cli(fresh, "check").returncode == 0
    result = mangfold_build(fresh)
    assert result.returncode == 0, result.stdout + result.stderr
    html = (fresh / "site/da/cases/titel/index.html").read_text(encoding="utf-8")
    assert "<title>{{ lipsum.__globals__[&#39;os&#39;]" in html and "uid=" not in html


# ---------------------------------------------------------------- raw HTML

HTML = {
    "script": ("<script>alert(1)</script>", r"raw HTML <script> is not allowed"),
    "onerror": ('<img src="../../assets/images/logo.svg" onerror="alert(1)" alt="logo">', r"onerror= on <img> is not allowed: event handlers"),
    "javascript-link": ("[klik](javascript:alert(1))", r"uses 'javascript:', which is not allowed"),
    "hidden-javascript": ('<a href="jav&#x09;ascript:alert(1)">klik</a>', r"uses 'javascript:', which is not allowed"),
    "data-link": ("[klik](data:text/html;base64,PHNjcmlwdD4=)", r"uses 'data:', which is not allowed"),
    "vbscript": ('<a href="vbscript:msgbox(1)">klik</a>', r"uses 'vbscript:', which is not allowed"),
    "remote-image": ("![sporing](https://tracker.example/pixel.png)", r"is loaded from another site"),
    "protocol-relative": ('<img src="//tracker.example/p.png" alt="x">', r"is loaded from another site"),
    "iframe": ('<iframe src="https://evil.example/"></iframe>', r"raw HTML <iframe> is not allowed"),
    "css-url": ('<p style="background:url(https://evil.example/x.png)">x</p>', r"style= on <p> is not allowed"),
    "link-tag": ('<link rel="stylesheet" href="https://evil.example/x.css">', r"raw HTML <link> is not allowed"),
    "object": ('<object data="https://evil.example/x.swf"></object>', r"raw HTML <object> is not allowed"),
    "video-poster": ('<video poster="https://evil.example/p.png"></video>', r"raw HTML <video> is not allowed"),
    "srcset": ('<img src="../../assets/images/logo.svg" srcset="https://evil.example/a.png 2x" alt="x">', r"srcset= on <img> is not allowed"),
    "attr-list": ('## Overskrift {: onclick="alert(1)" }', r"onclick= on <h2> is not allowed"),
    "svg": ('<svg onload="alert(1)"></svg>', r"raw HTML <svg> is not allowed"),
    "form": ('<form action="https://evil.example"><input name="q"></form>', r"raw HTML <form> is not allowed"),
    "component-hook": ('<div data-film-player data-src="https://evil.example/">x</div>', r"data-film-player= on <div> is not allowed"),
}


def test_raw_html_that_runs_or_loads_is_refused(fresh: Path) -> None:
    refused_everywhere(fresh, write_cases(fresh, "html", HTML), bypass=True)


@pytest.mark.parametrize("name", HTML)
def test_the_sanitiser_strips_what_the_check_refuses(name: str) -> None:
    import markdown

    body, _ = HTML[name]
    html = markdown.markdown(body, extensions=["attr_list", "md_in_html"])
    cleaned = html_policy.clean(html).lower()
    for bad in ("<script", "onerror", "onclick", "onload", "javascript:", "vbscript:", "data:", "tracker.example",
                "evil.example", "<iframe", "<object", "<svg", "<form", "<link", "style=", "data-film"):
        assert bad not in cleaned, f"{bad} survived: {cleaned}"


ALLOWED = """Tekst med **fed**, *kursiv*, `kode` og <kbd>Ctrl</kbd>+<kbd>C</kbd>.

<details><summary>Mere om metoden</summary>Foldet ud.</details>

<abbr title="Kommunernes Landsforening">KL</abbr> og <mark>markeret</mark>, H<sub>2</sub>O.

| Venstre | Midt |
|:--|:-:|
| a | b |

![Logoet](../../assets/images/logo.svg) [Læs mere](https://www.kl.dk/) · [Skriv](mailto:a@b.dk) · [Ring](tel:+4533000000)

!!! note "Godt at vide"
    En boks.
"""


def test_the_html_editors_may_write_is_published(fresh: Path) -> None:
    (fresh / "content/da/cases/tilladt.md").write_text(CASE.format(body=ALLOWED), encoding="utf-8")
    result = cli(fresh, "check", "--no-warnings")
    assert result.returncode == 0, result.stdout + result.stderr
    built = mangfold_build(fresh)
    assert built.returncode == 0, built.stdout + built.stderr
    html = (fresh / "site/da/cases/tilladt/index.html").read_text(encoding="utf-8")
    for kept in ("<kbd>Ctrl</kbd>", "<summary>Mere om metoden</summary>", '<abbr title="Kommunernes Landsforening">KL</abbr>',
                 'style="text-align: center;"', 'alt="Logoet"', 'href="https://www.kl.dk/"', 'href="mailto:a@b.dk"',
                 'class="admonition note"'):
        assert kept in html, kept


# ---------------------------------------------------------------- values that reach HTML

def test_a_contact_email_with_a_query_is_refused(fresh: Path) -> None:
    path = fresh / "data/contacts.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("email: hv@kto.dk", "email: hv@kto.dk?subject=Hej&body=Klik"), encoding="utf-8")
    refused_everywhere(fresh, {"data/contacts.yml": r"field 'email': expected an e-mail address"})


@pytest.mark.parametrize("email", ["x@y.dk?subject=hi", "<script>@x.dk", "redaktion"])
def test_an_owner_email_that_is_not_an_address_stops_check_and_build(fresh: Path, email: str, monkeypatch) -> None:
    monkeypatch.setenv("MANGFOLD_OWNER_EMAIL", email)
    result = cli(fresh, "check")
    assert result.returncode == 1
    assert problem_lines(result.stdout) == [f"mkdocs.yml: extra.owner.email (or MANGFOLD_OWNER_EMAIL): expected an e-mail "
                                            f"address like redaktion@example.dk, got {email!r}"]
    built = mangfold_build(fresh, MANGFOLD_OWNER_EMAIL=email)
    assert built.returncode == 1 and "Traceback" not in built.stdout + built.stderr


def test_a_site_url_with_markup_is_refused(fresh: Path) -> None:
    result = subprocess.run([str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(fresh / "out")], cwd=fresh,
                            capture_output=True, text=True, timeout=300,
                            env=build_env(SITE_URL='https://x.dk/"><script>alert(1)</script>/'))
    assert result.returncode != 0
    assert "site_url (or SITE_URL): expected an address like https://www.example.dk/rolm/" in result.stdout + result.stderr


# ---------------------------------------------------------------- files from outside

def test_links_out_of_the_project_are_refused(fresh: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.md").write_text(f"---\ntitle: x\n---\n{SECRET}\n", encoding="utf-8")
    (outside / "films.yml").write_text("films: []\n", encoding="utf-8")
    (fresh / "content/da/cases/leak.md").symlink_to(outside / "secret.md")
    (fresh / "content/assets/etc").symlink_to("/etc")
    (fresh / "content/assets/config.txt").symlink_to(fresh / "mkdocs.yml")
    (fresh / "data/films.yml").unlink()
    (fresh / "data/films.yml").symlink_to(outside / "films.yml")
    refused_everywhere(fresh, {
        "content/da/cases/leak.md": r"is a link to .*secret\.md, outside content/",
        "content/assets/etc": r"is a link to /etc, outside content/",
        "content/assets/config.txt": r"is a link to .*mkdocs\.yml, outside content/",
        "data/films.yml": r"is a link to .*films\.yml, outside the project",
    }, bypass=True)


@pytest.mark.parametrize("path", ["../../../etc/passwd", "/etc/passwd", "assets/../../mkdocs.yml"])
def test_a_worksheet_path_must_stay_inside_content(fresh: Path, path: str) -> None:
    tools = fresh / "data/tools.yml"
    tools.write_text(tools.read_text(encoding="utf-8").replace("  - id: gap-analysis\n", f"  - id: gap-analysis\n    worksheet: {path}\n", 1),
                     encoding="utf-8")
    refused_everywhere(fresh, {"data/tools.yml": r"tool 'gap-analysis', field 'worksheet': .* is outside content/"})


# ---------------------------------------------------------------- where the site is written

@pytest.mark.parametrize("site_dir", [".", "content", "data", "overrides", "macros", "..", "content/da"])
def test_build_never_writes_over_the_sources(fresh: Path, site_dir: str) -> None:
    before = {k: v for k, v in tree_hashes(fresh).items() if not k.endswith(".build.lock")}
    result = mangfold_build(fresh, MANGFOLD_SITE_DIR=site_dir)
    assert result.returncode == 1
    lines = problem_lines(result.stdout)
    assert len(lines) == 1 and "site_dir (or MANGFOLD_SITE_DIR)" in lines[0] and "choose a folder of its own" in lines[0], lines
    after = tree_hashes(fresh)
    assert {k: v for k, v in after.items() if not k.endswith(".build.lock")} == before


def test_build_leaves_a_folder_it_did_not_make(fresh: Path, tmp_path: Path) -> None:
    mine = tmp_path / "documents"
    mine.mkdir()
    (mine / "letter.txt").write_text("keep me", encoding="utf-8")
    result = mangfold_build(fresh, MANGFOLD_SITE_DIR=str(mine))
    assert result.returncode == 1
    assert "holds files that no build made" in result.stdout
    assert [p.name for p in mine.iterdir()] == ["letter.txt"]


def test_a_killed_build_leaves_nothing_that_the_next_does_not_clear(fresh: Path) -> None:
    env = build_env()
    child = subprocess.Popen([str(BIN / "mangfold"), "--root", str(fresh), "build"], env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while not list(fresh.glob(".site.building-*")) and time.monotonic() < deadline and child.poll() is None:
        time.sleep(0.02)
    scratch = list(fresh.glob(".site.building-*"))
    assert scratch, "the build never started writing"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    time.sleep(1)
    orphans = subprocess.run(["pgrep", "-f", str(scratch[0])], capture_output=True, text=True).stdout.split()
    assert orphans == [], "the MkDocs child outlived the killed build"
    ignored = subprocess.run(["git", "check-ignore", "--no-index", scratch[0].name + "/", ".site.old-123/", ".site.build.lock"],
                             cwd=ROOT, capture_output=True, text=True)
    assert len(ignored.stdout.split()) == 3, f"git would show the leftovers: {ignored.stdout}{ignored.stderr}"
    again = mangfold_build(fresh)
    assert again.returncode == 0, again.stdout + again.stderr
    assert not list(fresh.glob(".site.building-*")) and not list(fresh.glob(".site.old-*"))


def test_a_second_build_waits_for_the_first(fresh: Path) -> None:
    import fcntl

    # This test holds the lock as a running build would, so the order is certain.
    with open(fresh / ".site.build.lock", "a+", encoding="utf-8") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lock.write("pid 1, started 12:00:00\n")
        lock.flush()
        second = subprocess.Popen([str(BIN / "mangfold"), "--root", str(fresh), "build", "--no-search-index"],
                                  env=build_env(), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        said = second.stderr.readline()
        assert "another build of site/ is running (pid 1, started 12:00:00); waiting for it to finish" in said, said
        time.sleep(0.5)
        assert second.poll() is None and not list(fresh.glob(".site.building-*")), "it went on while the lock was held"
        fcntl.flock(lock, fcntl.LOCK_UN)
    out, err = second.communicate(timeout=300)
    assert second.returncode == 0, out + err
    assert "the new site is in site/" in err


# ---------------------------------------------------------------- broken files

BROKEN = {
    "content/da/cases/no-front-matter.md": ("Bare tekst, ingen felter.\n", r"has no front matter: a case page starts with its fields"),
    "content/da/cases/empty.md": ("", r"has no front matter"),
    "content/da/cases/template.md": (CASE.replace("country: dk", "country: dk\ntemplate: ../../../etc/passwd").format(body="x"),
                                     r"field 'template': expected one of search\.html, chooser\.html"),
    "content/da/cases/odd-key.md": (CASE.replace("country: dk", "? [a, b]\n: c\ncountry: dk").format(body="x"),
                                    r"is not valid YAML: a key must be a plain word or text"),
    "content/da/cases/nul.md": (CASE.replace("summary: En prøve.", "summary: En\x00prøve.").format(body="x"),
                                r"contains the invisible character U\+0000"),
    "content/da/cases/no-args.md": (CASE.format(body="{{ tool_card() }}"), r"tool_card\(\): wrong values: missing a required argument: 'tool_id'"),
    "content/da/cases/wrong-type.md": (CASE.format(body="{{ local_number('tre') }}"), r"local_number\(\): 'value' must be a number, got 'tre'"),
    "content/da/cases/title-list.md": (CASE.replace("title: Prøve", "title: [a, b]").format(body="x"), r"field 'title': expected text"),
    "content/da/tools/gap-analysis.md": ("", r"has no front matter: a tool page"),
}


def test_broken_files_give_one_line_each_and_no_traceback(fresh: Path) -> None:
    files = {}
    for rel, (text, expected) in BROKEN.items():
        (fresh / rel).write_text(text, encoding="utf-8")
        files[rel] = expected
    (fresh / "data/strings/sv.yml").write_text("- site_name\n- phase\n", encoding="utf-8")
    files["data/strings/sv.yml"] = r"expected key: text lines"
    refused_everywhere(fresh, files)


def test_a_byte_order_mark_is_accepted(fresh: Path) -> None:
    (fresh / "content/da/cases/bom.md").write_bytes(b"\xef\xbb\xbf" + CASE.format(body="Tekst.").encode("utf-8"))
    assert cli(fresh, "check", "--no-warnings").returncode == 0
    result = mangfold_build(fresh)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "<p>Første linje.</p>" in (fresh / "site/da/cases/bom/index.html").read_text(encoding="utf-8")


BOMB = "bomb:\n  a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"  {chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(9))


def test_an_alias_bomb_is_refused_quickly_naming_the_file(fresh: Path) -> None:
    tools = fresh / "data/tools.yml"
    tools.write_text(BOMB + tools.read_text(encoding="utf-8"), encoding="utf-8")
    (fresh / "content/da/cases/bomb.md").write_text(
        CASE.replace("country: dk", "country: dk\n" + BOMB.replace("bomb:", "x:")).format(body="x"), encoding="utf-8")
    refused_everywhere(fresh, {
        "data/tools.yml": r"holds more than 200,000 values once its YAML aliases \(\*name\) are written out",
        "content/da/cases/bomb.md": r"holds more than 200,000 values",
    })
