"""The editors' command line, run as editors run it: `mangfold ...` on a copy of the project."""

from __future__ import annotations

import hashlib
import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import BIN, ROOT, build_env
from mangfold import components
from mangfold.cli.slug import slugify

CHECKED = ("data", "content")


def mangfold(project: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(BIN / "mangfold"), "--root", str(project), *args],
                          capture_output=True, text=True, env=build_env(**env), timeout=300)


def problems(result: subprocess.CompletedProcess[str]) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip() and ": warning: " not in line]


def fill(path: Path, **fields: str) -> None:
    """Do what the editor does: write values into the empty fields, drop the writing hint."""
    text = path.read_text(encoding="utf-8")
    for name, value in fields.items():
        text, count = re.subn(rf"^(\s*){re.escape(name)}:[ ]*$", lambda m: f"{m.group(1)}{name}: {value}", text, count=1, flags=re.MULTILINE)
        assert count == 1, f"{name} is not an empty field in {path}"
    text = re.sub(r"^<!-- mangfold:.*-->\n", "", text, flags=re.MULTILINE)
    path.write_text(text, encoding="utf-8")


def tree_hashes(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


# ---------------------------------------------------------------- check

def test_check_is_clean_on_the_real_content(project_copy: Path) -> None:
    result = mangfold(project_copy, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert problems(result) == []
    assert re.search(r"mangfold check: OK, 0 problem\(s\), \d+ warning\(s\) in \d+ pages", result.stderr)


def test_a_page_missing_in_a_language_is_a_warning_not_an_error(project_copy: Path) -> None:
    (project_copy / "content/sv/about.md").unlink()
    result = mangfold(project_copy, "check")
    assert result.returncode == 0, result.stdout
    assert ("content/sv/about.md: warning: not written in Swedish yet; /sv/ shows the Danish text "
            "(content/da/about.md) with a notice") in result.stdout
    quiet = mangfold(project_copy, "check", "--no-warnings")
    assert "warning" not in quiet.stdout


def test_check_outside_a_project_says_where_to_run_it(tmp_path: Path) -> None:
    result = subprocess.run([str(BIN / "mangfold"), "check"], cwd=tmp_path, capture_output=True, text=True, env=build_env())
    assert result.returncode == 2
    assert "no mkdocs.yml here or in any folder above" in result.stderr


# ---------------------------------------------------------------- new

@pytest.mark.parametrize(("title", "slug"), [
    ("Sprogcafé på Nørrebro", "sprogcafe-paa-noerrebro"),
    ("Mångfald i Göteborg: KRUT!", "maangfald-i-goeteborg-krut"),
    ("  Ærø – Åbenhed  ", "aeroe-aabenhed"),
    ("Tiltak for ansatte i Tromsø 2024", "tiltak-for-ansatte-i-tromsoe-2024"),
    ("<script>alert(1)</script>", "script-alert-1-script"),
])
def test_slug_spells_out_nordic_letters(title: str, slug: str) -> None:
    assert slugify(title) == slug


def test_new_case_filled_in_appears_in_the_case_index_and_on_its_tools_pages(project_copy: Path, build_copy) -> None:
    result = mangfold(project_copy, "--lang", "en", "new", "case", "--lang", "da", "--title", "Sprogcafé på Nørrebro",
                      "--themes", "inclusive-workplace", "--tools", "gap-analysis,evaluate-and-learn", "--year", "2031")
    assert result.returncode == 0, result.stderr
    page = project_copy / "content/da/cases/sprogcafe-paa-noerrebro.md"
    assert f"wrote content/da/cases/sprogcafe-paa-noerrebro.md" in result.stdout
    assert "fill in summary" in result.stdout and "fill in organisation" in result.stdout
    text = page.read_text(encoding="utf-8")
    for field in ("title", "summary", "organisation", "country", "year", "themes", "tools", "contacts", "films",
                  "source_language", "source", "source_date"):
        assert re.search(rf"^# .+\n{field}:", text, re.MULTILINE), f"{field} is missing or not explained"
    assert "#   gap-analysis = GAP-analyse" in text, "possible tools listed with their Danish titles"

    unfinished = mangfold(project_copy, "check")
    assert unfinished.returncode == 1
    assert problems(unfinished) == [
        "content/da/cases/sprogcafe-paa-noerrebro.md:8: field 'summary': required field is missing",
        "content/da/cases/sprogcafe-paa-noerrebro.md:10: field 'organisation': required field is missing",
    ]
    hint_line = page.read_text(encoding="utf-8").split("\n").index(next(l for l in page.read_text(encoding="utf-8").split("\n") if l.startswith("<!-- mangfold:"))) + 1
    assert f"content/da/cases/sprogcafe-paa-noerrebro.md:{hint_line}: warning: still has the writing hints" in unfinished.stdout

    fill(page, summary='"Et sprogcafé for nye kolleger."', organisation='"Københavns Kommune"')
    assert mangfold(project_copy, "check").returncode == 0
    built = build_copy()
    assert built.ok, built.output
    index = (built.site_dir / "da/cases/index.html").read_text(encoding="utf-8")
    assert 'data-case="sprogcafe-paa-noerrebro"' in index
    for tool in ("gap-analysis", "evaluate-and-learn"):
        tool_page = (built.site_dir / f"da/tools/{tool}/index.html").read_text(encoding="utf-8")
        assert 'data-case="sprogcafe-paa-noerrebro"' in tool_page, tool
    case_page = (built.site_dir / "da/cases/sprogcafe-paa-noerrebro/index.html").read_text(encoding="utf-8")
    assert "Sprogcafé på Nørrebro" in case_page and "mangfold:" not in case_page


def test_new_refuses_to_overwrite_and_points_to_translate(project_copy: Path) -> None:
    args = ("new", "case", "--lang", "da", "--title", "Sprogcafé på Nørrebro")
    assert mangfold(project_copy, "--lang", "en", *args).returncode == 0
    page = project_copy / "content/da/cases/sprogcafe-paa-noerrebro.md"
    page.write_text(page.read_text(encoding="utf-8") + "Min tekst.\n", encoding="utf-8")
    before = page.read_bytes()
    again = mangfold(project_copy, "--lang", "en", *args)
    assert again.returncode == 1
    assert "content/da/cases/sprogcafe-paa-noerrebro.md already exists" in again.stderr
    assert page.read_bytes() == before
    swedish = mangfold(project_copy, "--lang", "en", "new", "case", "--lang", "sv", "--title", "Sprogcafé på Nørrebro")
    assert swedish.returncode == 1
    assert "mangfold translate cases/sprogcafe-paa-noerrebro.md --to sv" in swedish.stderr
    assert not (project_copy / "content/sv/cases/sprogcafe-paa-noerrebro.md").exists()


def test_new_rejects_unknown_ids_before_writing(project_copy: Path) -> None:
    result = mangfold(project_copy, "--lang", "en", "new", "case", "--lang", "no", "--title", "Ny erfaring", "--tools", "gap-analysys")
    assert result.returncode == 1
    assert "--tools: unknown tool id 'gap-analysys'; did you mean 'gap-analysis'?" in result.stderr
    assert not (project_copy / "content/no/cases/ny-erfaring.md").exists()


def test_new_tool_appends_to_tools_yml_keeping_its_comments_and_builds(project_copy: Path, build_copy) -> None:
    tools_yml = project_copy / "data/tools.yml"
    before = tools_yml.read_text(encoding="utf-8")
    result = mangfold(project_copy, "--lang", "en", "new", "tool", "--lang", "sv", "--title", "Språkvän", "--id", "language-buddy",
                      "--phase", "action-plan", "--themes", "recruitment", "--minutes", "60-90")
    assert result.returncode == 0, result.stderr
    after = tools_yml.read_text(encoding="utf-8")
    assert after.startswith(before), "the file's own text and comments are kept"
    assert "  - id: language-buddy\n" in after
    assert set(yaml.safe_load(after)["tools"][-1]) == set(components.default().kind("tools").entry.fields), "every field of a tool is written"
    page = project_copy / "content/sv/tools/language-buddy.md"
    assert page.read_text(encoding="utf-8").count("\n## ") == 5

    unfinished = problems(mangfold(project_copy, "check"))
    assert [re.sub(r":\d+:", ":N:", line) for line in unfinished] == [
        "content/sv/tools/language-buddy.md:N: field 'purpose': required field is missing",
        "data/tools.yml:N: tool 'language-buddy', field 'audience': expected a list of at least 1 item(s), got an empty list",
        "data/tools.yml:N: tool 'language-buddy', field 'participants.min': required field is missing",
        "data/tools.yml:N: tool 'language-buddy', field 'participants.max': required field is missing",
    ]
    tools_yml.write_text(after.replace("    audience: []", "    audience: [hr, staff]")
                         .replace("      min:\n      max:\n", "      min: 2\n      max: 10\n"), encoding="utf-8")
    fill(page, purpose='"Nya kolleger får en kollega att öva språket med."')
    assert mangfold(project_copy, "check").returncode == 0
    built = build_copy()
    assert built.ok, built.output
    catalogue = (built.site_dir / "da/tools/index.html").read_text(encoding="utf-8")
    assert 'data-tool="language-buddy"' in catalogue
    danish = (built.site_dir / "da/tools/language-buddy/index.html").read_text(encoding="utf-8")
    assert "Språkvän" in danish and "mf-fallback" in danish, "other languages show the Swedish text with a notice"


def test_new_film_in_one_language_falls_back_in_the_others_and_check_warns(project_copy: Path, build_copy) -> None:
    result = mangfold(project_copy, "--lang", "en", "new", "film", "--lang", "no", "--title", "Mangfold i praksis",
                      "--organisation", "KS", "--year", "2010", "--description", "En kort film.")
    assert result.returncode == 0, result.stderr
    assert "those languages show the text you wrote until they are written" in result.stdout
    checked = mangfold(project_copy, "check")
    assert problems(checked) == ["data/films.yml:N: film 'mangfold-i-praksis', field 'published': no language has a text yet: "
                                 "write it in at least one of da, no, sv"
                                 .replace(":N:", f":{_line(checked.stdout, 'published')}:")], checked.stdout
    warned = {re.sub(r"^data/films\.yml:\d+: ", "", line) for line in checked.stdout.splitlines() if "mangfold-i-praksis" in line and "warning" in line}
    assert {f"film 'mangfold-i-praksis', field '{f}': warning: no text in {lang} yet; /{code}/ shows another language's"
            for f in ("title", "description") for code, lang in (("da", "Danish"), ("sv", "Swedish"))} <= warned
    entry = yaml.safe_load((project_copy / "data/films.yml").read_text(encoding="utf-8"))["films"][-1]
    assert set(entry) == set(components.default().kind("films").entry.fields), "every field of a film is written"
    films = project_copy / "data/films.yml"
    films.write_text(films.read_text(encoding="utf-8").replace('    published:\n      da:\n      "no":\n', '    published:\n      da:\n      "no": "På ks.no"\n', 1), encoding="utf-8")
    built = build_copy()
    assert built.ok, built.output
    swedish = (built.site_dir / "sv/films/index.html").read_text(encoding="utf-8")
    assert '<span lang="nb">Mangfold i praksis</span> <small class="mf-untranslated">(på norska)</small>' in swedish


def _line(output: str, field_name: str) -> str:
    found = re.search(rf"^data/films\.yml:(\d+): film 'mangfold-i-praksis', field '{field_name}'", output, re.MULTILINE)
    return found.group(1) if found else "?"


def test_new_contact_validates_email_and_phone_and_leaves_roles_to_translate(project_copy: Path) -> None:
    bad = mangfold(project_copy, "--lang", "en", "new", "contact", "--lang", "da", "--title", "Anna Jensen", "--email", "anna(at)aarhus.dk")
    assert bad.returncode == 1 and "--email: expected an e-mail address" in bad.stderr
    result = mangfold(project_copy, "--lang", "en", "new", "contact", "--lang", "da", "--title", "Anna Jensen", "--organisation", "Aarhus Kommune",
                      "--role", "Konsulent", "--email", "anna@aarhus.dk", "--phone", "+45 87 12 34 56")
    assert result.returncode == 0, result.stderr
    contacts = (project_copy / "data/contacts.yml").read_text(encoding="utf-8")
    assert "  - id: anna-jensen\n" in contacts and 'phone: "+45 87 12 34 56"' in contacts
    assert set(yaml.safe_load(contacts)["contacts"][-1]) == set(components.default().kind("contacts").entry.fields), "every field of a contact is written"
    checked = mangfold(project_copy, "check")
    assert checked.returncode == 0, checked.stdout
    warnings = sorted(re.sub(r":\d+:", ":N:", line) for line in checked.stdout.splitlines() if "anna-jensen" in line)
    assert warnings == [
        "data/contacts.yml:N: contact 'anna-jensen', field 'role': warning: no text in Norwegian yet; /no/ shows another language's",
        "data/contacts.yml:N: contact 'anna-jensen', field 'role': warning: no text in Swedish yet; /sv/ shows another language's",
    ]


def test_translate_starts_a_copy_that_check_flags_until_done(project_copy: Path) -> None:
    (project_copy / "content/sv/about.md").unlink()
    result = mangfold(project_copy, "translate", "content/da/about.md", "--to", "sv")
    assert result.returncode == 0, result.stderr
    copy = (project_copy / "content/sv/about.md").read_text(encoding="utf-8")
    assert "<!-- mangfold: Översatt från content/da/about.md" in copy
    check = mangfold(project_copy, "check")
    assert check.returncode == 0
    assert re.search(r"content/sv/about\.md:\d+: warning: still has the writing hints", check.stdout)
    again = mangfold(project_copy, "translate", "about.md", "--to", "sv")
    assert again.returncode == 1 and "already exists" in again.stderr


# ---------------------------------------------------------------- build

def test_build_replaces_site_only_when_the_build_succeeds(project_copy: Path) -> None:
    first = mangfold(project_copy, "build", "--no-search-index")
    assert first.returncode == 0, first.stdout + first.stderr
    site = project_copy / "site"
    good = tree_hashes(site)
    assert "da/index.html" in good and "index.html" in good

    def leftovers() -> list[str]:
        return sorted(p.name for p in project_copy.iterdir() if p.name.startswith(".site.") and p.name != ".site.build.lock")

    about = project_copy / "content/da/about.md"
    original = about.read_text(encoding="utf-8")
    failures = {
        # caught by the check before MkDocs runs
        "check": ("\n\n{{ tool_card('gap-analysys') }}\n", "unknown tool id 'gap-analysys'"),
        # caught by MkDocs' strict link validation (anchors are not checked by mangfold check)
        "mkdocs": ("\n\nSe [trinene](tools/gap-analysis.md#findes-ikke).\n", "does not contain an anchor '#findes-ikke'"),
    }
    for name, (addition, message) in failures.items():
        about.write_text(original + addition, encoding="utf-8")
        result = mangfold(project_copy, "build", "--no-search-index")
        assert result.returncode == 1, name
        assert message in result.stdout, f"{name}: {result.stdout}{result.stderr}"
        assert "site/ was not changed" in result.stderr
        assert tree_hashes(site) == good, f"{name}: the last good site was changed"
        assert leftovers() == [], name

    about.write_text(original.replace("\n## ", "\n## Ny overskrift\n\n## ", 1), encoding="utf-8")
    second = mangfold(project_copy, "build", "--no-search-index")
    assert second.returncode == 0, second.stdout + second.stderr
    assert "Ny overskrift" in (site / "da/about/index.html").read_text(encoding="utf-8")
    assert leftovers() == []


# ---------------------------------------------------------------- translations

def _git(project: Path, *args: str, when: int | None = None) -> None:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Test", "GIT_AUTHOR_EMAIL": "t@example.dk",
           "GIT_COMMITTER_NAME": "Test", "GIT_COMMITTER_EMAIL": "t@example.dk"}
    if when is not None:
        env["GIT_AUTHOR_DATE"] = env["GIT_COMMITTER_DATE"] = f"@{when} +0000"
    subprocess.run(["git", "-C", str(project), *args], check=True, capture_output=True, env=env)


def test_translations_lists_missing_pages_and_translations_older_than_their_source(project_copy: Path) -> None:
    (project_copy / "content/no/privacy.md").unlink()
    _git(project_copy, "init", "-q")
    _git(project_copy, "add", "-A")
    _git(project_copy, "commit", "-q", "-m", "first", when=1_700_000_000)
    danish = project_copy / "content/da/about.md"
    danish.write_text(danish.read_text(encoding="utf-8") + "\nEt nyt afsnit.\n", encoding="utf-8")
    _git(project_copy, "commit", "-q", "-am", "the Danish source changed", when=1_700_100_000)
    result = mangfold(project_copy, "translations")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert re.search(r"^about\.md\s+source\s+OUTDATED\s+OUTDATED\s*$", out, re.MULTILINE), out
    assert re.search(r"^privacy\.md\s+\S+\s+missing\s+\S+\s*$", out, re.MULTILINE), out
    assert "content/no/privacy.md: missing; the site shows the da text there with a notice (mangfold translate privacy.md --to no)" in out
    assert ("content/sv/about.md: older than its source content/da/about.md "
            "(source changed 2023-11-16 " in out), out
    as_json = mangfold(project_copy, "translations", "--json")
    pages = {p["page"]: p for p in json.loads(as_json.stdout)}
    assert pages["about.md"]["source"] == "da" and pages["about.md"]["outdated"] == ["no", "sv"]
    assert pages["privacy.md"]["missing"] == ["no"]


def test_translations_source_follows_source_language_outside_git(project_copy: Path) -> None:
    """Outside git the time a file was saved counts; source_language names the source."""
    case = "cases/krut-stockholm.md"
    versions = {code: project_copy / "content" / code / case for code in ("da", "no", "sv")}
    assert 'source_language: sv' in versions["sv"].read_text(encoding="utf-8")
    for path in versions.values():
        os.utime(path, (1_700_000_000, 1_700_000_000))
    os.utime(versions["sv"], (1_700_500_000, 1_700_500_000))
    os.utime(versions["no"], (1_700_900_000, 1_700_900_000))
    result = mangfold(project_copy, "translations", "--json")
    page = next(p for p in json.loads(result.stdout) if p["page"] == case)
    assert page["source"] == "sv"
    assert page["outdated"] == ["da"], "Danish was saved before the Swedish source changed; Norwegian after"


# ---------------------------------------------------------------- serve

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - local preview
        return response.read().decode("utf-8")


def _wait_for(predicate, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if predicate():
                return True
        except OSError:
            pass
        time.sleep(0.3)
    return False


def test_serve_previews_and_rebuilds_when_yaml_and_markdown_change(project_copy: Path) -> None:
    port = _free_port()
    server = subprocess.Popen([str(BIN / "mangfold"), "--root", str(project_copy), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                              env=build_env(MANGFOLD_SEARCH_INDEX="false"), start_new_session=True)
    try:
        base = f"http://127.0.0.1:{port}/"
        assert _wait_for(lambda: "<html" in _get(base + "da/about/"), 120), "the preview did not start"
        strings = project_copy / "data/strings/da.yml"
        text = strings.read_text(encoding="utf-8")
        name = re.search(r"^site_name: (.+)$", text, re.MULTILINE).group(1)
        strings.write_text(text.replace(f"site_name: {name}", "site_name: Prøvenavn fra YAML"), encoding="utf-8")
        assert _wait_for(lambda: "Prøvenavn fra YAML" in _get(base + "da/about/"), 120), "a YAML change was not picked up"
        about = project_copy / "content/da/about.md"
        about.write_text(about.read_text(encoding="utf-8") + "\nEn helt ny sætning.\n", encoding="utf-8")
        assert _wait_for(lambda: "En helt ny sætning." in _get(base + "da/about/"), 120), "a Markdown change was not picked up"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


# ---------------------------------------------------------------- the editors' guide

GUIDES = {code: ROOT / "docs" / "editors" / f"{code}.md" for code in ("da", "no", "sv")}
EXAMPLE = re.compile(r"<!-- mangfold-example: (\S+) -->\n+([ ]*)(`{3,})[a-z]*\n(.*?)\n\2\3\n", re.DOTALL)
MESSAGES = (  # every kind of problem an editor can meet, by its key in mangfold/strings/editor/: each guide explains it in its language
    "yaml_not_utf8", "yaml_tab", "yaml_invalid", "front_matter_shape", "data_file_missing", "index_no_front_matter",
    "link_outside_folder", "yaml_alias_bomb", "yaml_control_character",
    "schema_required", "schema_unknown_field", "schema_int", "schema_list", "schema_choice", "schema_date",
    "expect_email", "settings_owner_email", "expect_phone", "expect_url", "expect_id", "range_max_below_min",
    "check_text_missing", "schema_no_language", "film_needs_captions", "schema_unknown_id",
    "index_same_address", "check_page_missing", "check_hints_left",
    "calls_syntax", "calls_unknown", "calls_only_calls", "calls_wrong_values", "calls_failed",
    "html_tag", "html_attribute", "html_style", "html_alt", "check_link_web_address", "check_link_outside",
    "contact_as_of_needs_source",
)


def github_anchor(heading: str) -> str:
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("code", GUIDES)
def test_the_guide_explains_every_kind_of_error_and_its_links_resolve(code: str) -> None:
    import string

    from mangfold.core import messages

    text = GUIDES[code].read_text(encoding="utf-8")
    said = messages.load(code)
    assert said.lang == code, f"mangfold/strings/editor/{code}.yml is missing"
    fragments = {}
    for key in MESSAGES:  # the message as mangfold says it in the guide's language, up to its first value
        template, shown = str(said.texts.get(key, "")), ""
        for literal, name, _, _ in string.Formatter().parse(template):
            shown += literal
            if name is not None:
                break
        fragments[key] = shown.strip()
    short = [k for k, f in fragments.items() if len(f) < 5]
    assert not short, f"too little text before the first value to look for in the guide: {short}"
    missing = {k: f for k, f in fragments.items() if f not in text}
    always_english = ("appears twice", "does not contain an anchor")  # a YAML reader's and MkDocs' own words
    missing.update({m: m for m in always_english if m not in text})
    assert not missing, f"docs/editors/{code}.md does not explain: {missing}"
    anchors = {github_anchor(h) for h in re.findall(r"^#{1,4} (.+)$", text, re.MULTILINE)}
    broken = [a for a in re.findall(r"\]\(#([^)]+)\)", text) if a not in anchors]
    assert not broken, broken
    prose = re.sub(r"^([ ]*)(`{3,}).*?^\1\2$", "", text, flags=re.MULTILINE | re.DOTALL)
    for target in re.findall(r"\]\(([^)#:]+\.md)\)", prose):
        assert (GUIDES[code].parent / target).resolve().is_file(), f"docs/editors/{code}.md links to a missing {target}"


@pytest.mark.parametrize("code", GUIDES)
def test_the_guides_complete_examples_pass_check(project_copy: Path, code: str) -> None:
    text = GUIDES[code].read_text(encoding="utf-8")
    examples = EXAMPLE.findall(text)
    kinds = {path.split("/")[1] if path.startswith("data/") else path.split("/")[2] for path, *_ in examples}
    assert kinds == {"cases", "tools", "tools.yml", "films.yml", "contacts.yml"}, "a complete example of each kind"
    for path, indent, _, body in examples:
        lines = [line[len(indent):] if line.startswith(indent) else line for line in body.split("\n")]
        target = project_copy / path
        if path.startswith("data/"):
            target.write_text(target.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
        else:
            assert not target.exists(), f"the example would overwrite {path}"
            target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = mangfold(project_copy, "check")
    assert result.returncode == 0, result.stdout
