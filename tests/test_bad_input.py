"""Bad input from an editor: each gives one clear line naming the file, and fails check and build.

Every case is checked with ``mangfold check`` (fast, no build). One case per
distinct way the build stops (data loading, front matter scan, page
markdown, MkDocs' own link validation) is also built, and the build must
fail with the very line the check printed: check and build cannot disagree.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest

from conftest import CliResult, cli

CASE = """---
title: Prøve
summary: En prøve.
organisation: Prøve Kommune
country: dk
themes: [recruitment]
source_language: da
---
Tekst.
"""
NEW_CASE = Path("content/da/cases/proeve.md")


def mangfold(project: Path, *args: str) -> CliResult:
    """The real command, run in this process (43 subprocesses cost 112 s of the suite)."""
    return cli(project, *args)


def write(rel: Path | str, text: str | bytes) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        path = project / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    return mutate


def case(old: str, new: str) -> Callable[[Path], None]:
    """A new Danish case whose front matter has `old` replaced by `new`."""
    assert old in CASE
    return write(NEW_CASE, CASE.replace(old, new, 1))


def replace(rel: str, old: str, new: str) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        path = project / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{rel} no longer contains {old!r}: update the test"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return mutate


def append(rel: str, text: str) -> Callable[[Path], None]:
    def mutate(project: Path) -> None:
        path = project / rel
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return mutate


@dataclass
class Bad:
    name: str
    mutate: Callable[[Path], None]
    expected: str  # a regex matching the whole problem line


BAD = [
    Bad("yaml-syntax", replace("data/tools.yml", "phase: state-analysis", "phase: [state-analysis"),
        r"data/tools\.yml:\d+: is not valid YAML: .*\(while parsing a flow sequence that starts on line \d+\)"),
    Bad("yaml-syntax-front-matter", case("themes: [recruitment]", "themes: [recruitment"),
        r"content/da/cases/proeve\.md:\d+: is not valid YAML: .*"),
    Bad("tab-in-data", replace("data/contacts.yml", "    name: Lea Bryld", "\tname: Lea Bryld"),
        r"data/contacts\.yml:\d+: contains a tab; YAML indents with spaces only"),
    Bad("tab-in-front-matter", case("summary: En prøve.", "summary:\tEn prøve."),
        r"content/da/cases/proeve\.md:3: contains a tab; YAML indents with spaces only"),
    Bad("missing-required-field", case("organisation: Prøve Kommune\n", ""),
        r"content/da/cases/proeve\.md:2: field 'organisation': required field is missing"),
    Bad("empty-required-field", case("organisation: Prøve Kommune", "organisation:"),
        r"content/da/cases/proeve\.md:4: field 'organisation': required field is missing"),
    Bad("missing-field-in-data", replace("data/contacts.yml", "    organisation: KS\n", ""),
        r"data/contacts\.yml:\d+: contact 'marit-tovsen', field 'organisation': required field is missing"),
    Bad("wrong-type-list", case("themes: [recruitment]", "themes: recruitment"),
        r"content/da/cases/proeve\.md:6: field 'themes': expected a list of at least 1 item\(s\), got 'recruitment'"),
    Bad("wrong-type-number", case("country: dk", "country: dk\nyear: tjue"),
        r"content/da/cases/proeve\.md:6: field 'year': expected a whole number of at least 1900, got 'tjue'"),
    Bad("wrong-type-in-data", replace("data/tools.yml", "minutes: {min: 120, max: 240, basis: estimate}", "minutes: {min: to timer, max: 240, basis: estimate}"),
        r"data/tools\.yml:\d+: tool '[a-z-]+', field 'minutes\.min': expected a whole number of at least 1, got 'to timer'"),
    Bad("no-unquoted", case("country: dk", "country: no"),
        r"content/da/cases/proeve\.md:5: field 'country': unknown country id false \(YAML reads yes/no/on/off without quotes as true/false: write \"no\" in quotes\).*"),
    Bad("impossible-date-front-matter", case("country: dk", "country: dk\nsource_date: 2024-13-40"),
        r"content/da/cases/proeve\.md:6: field 'source_date': '2024-13-40' is not a real date \(month must be in 1\.\.12\); write it as YYYY-MM-DD"),
    Bad("impossible-date-in-data", replace("data/contacts.yml", "as_of: 2009-05-11", "as_of: 2009-02-30"),
        r"data/contacts\.yml:\d+: contact 'marit-tovsen', field 'as_of': '2009-02-30' is not a real date \(day is out of range for month\); write it as YYYY-MM-DD"),
    Bad("impossible-date-in-macro", append("content/da/about.md", "\n\n{{ local_date('2024-13-40') }}\n"),
        r"content/da/about\.md:\d+: local_date\(\), field 'date': '2024-13-40' is not a real date .*"),
    Bad("bad-email", replace("data/contacts.yml", "email: hv@kto.dk", "email: hv(at)kto.dk"),
        r"data/contacts\.yml:\d+: contact 'henrik-vittrup', field 'email': expected an e-mail address like name@example\.dk, got 'hv\(at\)kto\.dk'"),
    Bad("bad-phone", replace("data/contacts.yml", 'phone: "+45 33 47 06 14"', 'phone: "ring 33 47 06 14"'),
        r"data/contacts\.yml:\d+: contact 'henrik-vittrup', field 'phone': expected a phone number of digits and spaces, optionally starting with \+, got 'ring 33 47 06 14'"),
    Bad("unknown-tool-front-matter", case("themes: [recruitment]", "themes: [recruitment]\ntools: [gap-analysys]"),
        r"content/da/cases/proeve\.md:7: field 'tools\[1\]': unknown tool id 'gap-analysys'; did you mean 'gap-analysis'\?"),
    Bad("unknown-contact-front-matter", case("themes: [recruitment]", "themes: [recruitment]\ncontacts: [lea-bryd]"),
        r"content/da/cases/proeve\.md:7: field 'contacts\[1\]': unknown contact id 'lea-bryd'; did you mean 'lea-bryld'\?"),
    Bad("unknown-film-front-matter", case("themes: [recruitment]", "themes: [recruitment]\nfilms: [kirsebaer]"),
        r"content/da/cases/proeve\.md:7: field 'films\[1\]': unknown film id 'kirsebaer'; did you mean 'kirsebaerhaven'\?"),
    Bad("unknown-tool-macro", append("content/da/about.md", "\n\n{{ tool_card('gap-analysys') }}\n"),
        r"content/da/about\.md:\d+: tool_card\(\), field 'id': unknown tool id 'gap-analysys'; did you mean 'gap-analysis'\?"),
    Bad("unknown-contact-macro", append("content/da/about.md", "\n\n{{ contact_box('lea-bryd') }}\n"),
        r"content/da/about\.md:\d+: contact_box\(\), field 'id': unknown contact id 'lea-bryd'; did you mean 'lea-bryld'\?"),
    Bad("unknown-film-macro", append("content/da/about.md", "\n\n{{ film('kirsebaerhavn') }}\n"),
        r"content/da/about\.md:\d+: film\(\), field 'id': unknown film id 'kirsebaerhavn'; did you mean 'kirsebaerhaven'\?"),
    Bad("unknown-id-in-list-argument", append("content/da/about.md", "\n\n{{ tool_grid(ids=['gap-analysis', 'innovations-team']) }}\n"),
        r"content/da/about\.md:\d+: tool_grid\(\), field 'ids': unknown tool id 'innovations-team'; did you mean 'innovation-team'\?"),
    Bad("unknown-id-in-data", replace("data/processes.yml", "tools: [stakeholder-questions, gap-analysis]", "tools: [stakeholder-questions, gap-analysys]"),
        r"data/processes\.yml:\d+: process '[a-z-]+', field 'phases\[\d\]\.tools\[\d\]': unknown tool id 'gap-analysys'; did you mean 'gap-analysis'\?"),
    Bad("duplicate-id", append("data/contacts.yml", "\n  - id: lea-bryld\n    name: Lea B\n    organisation: X\n    country: dk\n"
                                                     "    role: {da: a, \"no\": b, sv: c}\n"),
        r"data/contacts\.yml:\d+: contact 'lea-bryld', field 'id': duplicate id 'lea-bryld' \(ids must be unique\)"),
    Bad("duplicate-slug-case", write("content/da/cases/Copenhagen-Workplaces.md", CASE),
        r"content/da/cases/(C|c)openhagen-(W|w)orkplaces\.md: has the same address /da/cases/copenhagen-workplaces/ as content/da/cases/(C|c)openhagen-(W|w)orkplaces\.md; rename one of them"),
    Bad("duplicate-slug-folder", write("content/da/cases/copenhagen-workplaces/index.md", "---\ntitle: Igen\n---\nTekst.\n"),
        r"content/da/cases/copenhagen-workplaces(/index)?\.md: has the same address /da/cases/copenhagen-workplaces/ as .*; rename one of them"),
    Bad("duplicate-key", case("country: dk", "country: dk\ncountry: se"),
        r"content/da/cases/proeve\.md:6: is not valid YAML: the key 'country' appears twice in the same block"),
    Bad("unknown-language-folder", write("content/de/cases/x.md", CASE),
        r"content/de/cases/x\.md: 'de' is not a site language folder \(expected da, no, sv\); move it into content/da/ or content/no/ or content/sv/"),
    Bad("front-matter-list", write(NEW_CASE, "---\n- title: Prøve\n---\nTekst.\n"),
        r"content/da/cases/proeve\.md:2: front matter must be 'field: value' lines between two '---' lines"),
    Bad("front-matter-text", write(NEW_CASE, "---\nbare en sætning\n---\nTekst.\n"),
        r"content/da/cases/proeve\.md:2: front matter must be 'field: value' lines between two '---' lines"),
    Bad("unknown-field", case("country: dk", "contry: dk"),
        r"content/da/cases/proeve\.md:5: field 'contry': unknown field; did you mean 'country'\?"),
    Bad("not-utf8-page", write(NEW_CASE, CASE.replace("Tekst.", "Æbler og pærer.").encode("latin-1")),
        r"content/da/cases/proeve\.md: is not UTF-8 text \(byte \d+\); save it as UTF-8"),
    Bad("not-utf8-data", lambda p: (p / "data/films.yml").write_bytes((p / "data/films.yml").read_text(encoding="utf-8").encode("latin-1", "replace")),
        r"data/films\.yml: is not UTF-8 text \(byte \d+\); save it as UTF-8"),
    Bad("braces-syntax", append("content/da/about.md", "\n\nSkriv {{ her, hvis du vil.\n"),
        r"content/da/about\.md:\d+: macro syntax error: .*; to show '\{\{' as text write \{\{ '\{\{' \}\}, or add 'render_macros: false' to the front matter"),
    Bad("braces-undefined-name", append("content/da/about.md", "\n\nSkabelonen skriver {{navn}} i brevet.\n"),
        r"content/da/about\.md:\d+: unknown macro or variable 'navn'; to show '\{\{' as text write .*"),
    Bad("braces-heading-attribute", append("content/da/about.md", "\n\n## Mere {#mere}\n"),
        r"content/da/about\.md:\d+: macro syntax error: Missing end of comment tag; .*"),
    Bad("misspelt-macro", append("content/da/about.md", "\n\n{{ tool_crad('gap-analysis') }}\n"),
        r"content/da/about\.md:\d+: unknown macro or variable 'tool_crad'; did you mean 'tool_card'.*"),
    Bad("link-to-missing-page", append("content/da/about.md", "\n\nSe [analysen](tools/gap-analysys.md).\n"),
        r"content/da/about\.md:\d+: link 'tools/gap-analysys\.md': no page content/da/tools/gap-analysys\.md; did you mean 'tools/gap-analysis\.md'\?"),
    Bad("link-to-web-address", append("content/da/about.md", "\n\nSe [analysen](tools/gap-analysis/).\n"),
        r"content/da/about\.md:\d+: link 'tools/gap-analysis/': links to a web address, not a file; link to 'tools/gap-analysis\.md' instead .*"),
    Bad("link-to-missing-file", append("content/da/about.md", "\n\nHent [arket](../assets/worksheets/nope.pdf).\n"),
        r"content/da/about\.md:\d+: link '\.\./assets/worksheets/nope\.pdf': no such file content/assets/worksheets/nope\.pdf"),
    Bad("missing-worksheet", replace("data/tools.yml", "  - id: gap-analysis\n", "  - id: gap-analysis\n    worksheet: assets/worksheets/gap-analysis.pdf\n"),
        r"data/tools\.yml:\d+: tool 'gap-analysis', field 'worksheet': no such file content/assets/worksheets/gap-analysis\.pdf; put the file there or correct the path"),
    Bad("text-in-no-language", replace("data/films.yml", "    description:\n", "    captions: {}\n    description:\n"),
        r"data/films\.yml:\d+: film 'kirsebaerhaven', field 'captions': no language has a text yet: write it in at least one of da, no, sv"),
]
BUILT = {
    "yaml-syntax",             # data: stops in on_config
    "missing-required-field",  # front matter: stops in on_files
    "not-utf8-page",
    "braces-undefined-name",   # page markdown: stops before mkdocs-macros (was a traceback, exit 100)
    "impossible-date-in-macro",
    "text-in-no-language",
}


def problem_lines(result: CliResult) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.strip() and ": warning: " not in line]


@pytest.mark.parametrize("bad", BAD, ids=[b.name for b in BAD])
def test_check_names_file_and_problem_in_one_line(project_copy: Path, bad: Bad) -> None:
    bad.mutate(project_copy)
    result = mangfold(project_copy, "check")
    assert result.returncode == 1, result.stdout + result.stderr
    lines = problem_lines(result)
    assert any(re.fullmatch(bad.expected, line) for line in lines), "\n".join(lines)
    assert len(lines) <= 2, "one cause, one line (at most one follow-up):\n" + "\n".join(lines)


@pytest.mark.parametrize("bad", [b for b in BAD if b.name in BUILT], ids=sorted(BUILT, key=[b.name for b in BAD].index))
def test_build_fails_with_the_line_check_printed(project_copy: Path, build_copy, bad: Bad) -> None:
    bad.mutate(project_copy)
    checked = next(line for line in problem_lines(mangfold(project_copy, "check")) if re.fullmatch(bad.expected, line))
    result = build_copy()
    assert not result.ok
    assert checked in result.output, result.output
    assert "Traceback" not in result.output, "an editor's mistake must not end in a Python traceback"


def test_a_broken_link_fails_check_with_its_line_and_the_strict_build(project_copy: Path, build_copy) -> None:
    append("content/sv/about.md", "\n\nLäs [mer](../tools/gap-analysys.md).\n")(project_copy)
    lines = (project_copy / "content/sv/about.md").read_text(encoding="utf-8").count("\n")
    result = mangfold(project_copy, "check")
    assert result.returncode == 1
    assert (f"content/sv/about.md:{lines}: link '../tools/gap-analysys.md': no page content/tools/gap-analysys.md; "
            "did you mean 'tools/gap-analysis.md'?") in result.stdout, "one ../ too many: the suggestion stays in the language"
    built = build_copy()
    assert not built.ok
    assert "'../tools/gap-analysys.md'" in built.output


def test_one_unreadable_data_file_gives_one_line(project_copy: Path) -> None:
    (project_copy / "data/tools.yml").write_text("tools:\n  - id: [x\n", encoding="utf-8")
    lines = problem_lines(mangfold(project_copy, "check"))
    assert len(lines) == 1 and lines[0].startswith("data/tools.yml:"), "\n".join(lines)


def test_every_problem_is_listed_at_once(project_copy: Path) -> None:
    case("organisation: Prøve Kommune", "organisation:")(project_copy)
    append("content/no/about.md", "\n\n{{ film('kirsebaerhavn') }}\n")(project_copy)
    replace("data/contacts.yml", "email: hv@kto.dk", "email: hv(at)kto.dk")(project_copy)
    lines = problem_lines(mangfold(project_copy, "check"))
    assert [line.split(":", 1)[0] for line in lines] == ["content/da/cases/proeve.md", "content/no/about.md", "data/contacts.yml"], lines


def test_html_in_a_title_is_shown_as_text_never_run(project_copy: Path, build_copy) -> None:
    payload = "Sprogcafé <script>alert('x')</script> <b>fed</b>"
    case("title: Prøve", f"title: \"{payload}\"")(project_copy)
    replace("content/da/cases/proeve.md", "themes: [recruitment]", "themes: [recruitment]\ntools: [gap-analysis]\nyear: 2031")(project_copy)
    assert mangfold(project_copy, "check").returncode == 0
    result = build_copy()
    assert result.ok, result.output
    escaped = "Sprogcafé &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &lt;b&gt;fed&lt;/b&gt;"
    escaped_alt = escaped.replace("&#39;", "'")
    pages = {
        "case page": result.site_dir / "da/cases/proeve/index.html",
        "case index": result.site_dir / "da/cases/index.html",
        "tool page": result.site_dir / "da/tools/gap-analysis/index.html",
        "fallback in Swedish": result.site_dir / "sv/cases/proeve/index.html",
    }
    for name, path in pages.items():
        html = path.read_text(encoding="utf-8")
        assert escaped in html or escaped_alt in html, f"{name}: title not shown as text"
        assert "<script>alert(" not in html, f"{name}: the script tag reached the page"
        assert "<b>fed</b>" not in html, f"{name}: HTML from the title reached the page"
    for path in result.site_dir.rglob("*.html"):
        assert "<script>alert(" not in path.read_text(encoding="utf-8"), path
