"""What mangfold says to editors, in their language: every language file is complete and fits the code.

The English file (``mangfold/strings/editor/en.yml``) is the one the code is
written against. Every other language has every key, with the same
placeholders (``{name}``) and the same literal braces (``{{{{`` shows as
``{{``), so that a message never shows a raw ``{name}`` or loses a value.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
import yaml

from conftest import cli
from mangfold.core import messages

FOLDER = messages.FOLDER
ENGLISH = yaml.safe_load((FOLDER / "en.yml").read_text(encoding="utf-8"))
OTHERS = [lang for lang in messages.available() if lang != "en"]
# A placeholder a language may leave out because its file already says the value:
# the language a page is written in, when that is the file's own language
# ("på dansk" in da.yml; the site's display name "Dansk" would read badly in a sentence).
OWN_LANGUAGE = {"new_tool_head": {"language"}, "translate_hint": {"language"}}


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def literal_braces(template: str) -> tuple[int, int]:
    """How many { and } the editor sees once the values are filled in (empty here)."""
    shown = template.format_map({name: "" for name in placeholders(template)})
    return shown.count("{"), shown.count("}")


@pytest.mark.parametrize("lang", OTHERS)
def test_every_language_has_every_key_with_the_same_placeholders(lang: str) -> None:
    texts = yaml.safe_load((FOLDER / f"{lang}.yml").read_text(encoding="utf-8"))
    assert isinstance(texts, dict), f"{lang}.yml is not a block of key: text lines"
    missing = [key for key in ENGLISH if key not in texts]
    assert not missing, f"{lang}.yml lacks {len(missing)} key(s) of en.yml: {missing}"
    unknown = [key for key in texts if key not in ENGLISH]
    assert not unknown, f"{lang}.yml has keys en.yml does not: {unknown}"
    wrong = []
    for key, english in ENGLISH.items():
        text = texts[key]
        if isinstance(english, list):
            if not (isinstance(text, list) and len(text) == len(english)):
                wrong.append(f"{key}: expected a list of {len(english)} texts like en.yml, got {text!r}")
            continue
        if not isinstance(text, str):
            wrong.append(f"{key}: expected text, got {text!r}")
            continue
        try:
            got, expected = placeholders(text), placeholders(str(english))
            braces = literal_braces(text), literal_braces(str(english))
        except ValueError as exc:  # a single { or } where a literal brace needs two
            wrong.append(f"{key}: {exc}: {text!r}")
            continue
        if got - expected:
            wrong.append(f"{key}: {sorted(got - expected)} is not a placeholder of the English text")
        if expected - got - OWN_LANGUAGE.get(key, set()):
            wrong.append(f"{key}: lacks the placeholder(s) {sorted(expected - got)}")
        if braces[0] != braces[1]:
            wrong.append(f"{key}: shows {braces[0]} literal braces, the English shows {braces[1]}")
    assert not wrong, f"{lang}.yml:\n" + "\n".join(wrong)


@pytest.mark.parametrize("lang", OTHERS)
def test_every_message_shows_its_values_in_every_language(lang: str) -> None:
    say = messages.load(lang)
    for key, english in ENGLISH.items():
        if isinstance(english, str):
            names = placeholders(english) - OWN_LANGUAGE.get(key, set())
            shown = say(key, **{name: f"<{name}>" for name in names})
            hidden = [name for name in names if f"<{name}>" not in shown]
            assert not hidden, f"{lang}.yml {key}: the value of {hidden} is not shown: {shown}"


BROKEN_CASE = """---
title: Prøve
summary: En prøve.
organisation: Prøve Kommune
contry: dk
year: tjue
themes: [recruitment]
source_language: da
---
Tekst.
"""


def test_check_speaks_danish_when_asked(project_copy: Path) -> None:
    page = project_copy / "content/da/cases/proeve.md"
    page.write_text(BROKEN_CASE, encoding="utf-8")
    danish = cli(project_copy, "--lang", "da", "check", "--no-warnings")
    assert danish.returncode == 1
    lines = danish.stdout.splitlines()
    assert "content/da/cases/proeve.md:2: felt 'country': mangler, men skal udfyldes" in lines, danish.stdout
    assert "content/da/cases/proeve.md:5: felt 'contry': ukendt felt; mente du 'country'?" in lines, danish.stdout
    assert "content/da/cases/proeve.md:6: felt 'year': skal være et helt tal på mindst 1900, men der står 'tjue'" in lines, danish.stdout
    assert re.search(r"^mangfold check: 3 fejl, \d+ advarsel\(er\) på \d+ sider og i \d+ poster i data/", danish.stderr), danish.stderr
    assert "field" not in danish.stdout and "problem(s)" not in danish.stderr, "no English left in a Danish check"

    english = cli(project_copy, "--lang", "en", "check", "--no-warnings")
    assert "content/da/cases/proeve.md:5: field 'contry': unknown field; did you mean 'country'?" in english.stdout.splitlines()


def test_the_locale_chooses_the_language(project_copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (project_copy / "content/da/cases/proeve.md").write_text(BROKEN_CASE, encoding="utf-8")
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")
    swedish = cli(project_copy, "check", "--no-warnings")
    assert "content/da/cases/proeve.md:5: fält 'contry': okänt fält; menade du 'country'?" in swedish.stdout.splitlines(), swedish.stdout
    monkeypatch.setenv("LC_ALL", "nb_NO.UTF-8")
    norwegian = cli(project_copy, "check", "--no-warnings")
    assert "content/da/cases/proeve.md:5: felt 'contry': ukjent felt; mente du 'country'?" in norwegian.stdout.splitlines(), norwegian.stdout
