"""``mangfold init``: a new toolbox site, in the languages an organisation chooses.

It writes a complete small site from ``mangfold/starter/`` (an example tool,
case, process, film, contact and activity plan, each marked as an example),
a ``mkdocs.yml`` whose ``languages:`` lists exactly the chosen languages, the
site's own interface strings, an empty ``macros/`` module and ``overrides/``
folder, and a README with the two commands. The result passes
``mangfold check`` and ``mkdocs build --strict`` as it is.

Any language Babel knows can be chosen. Where Mangfold has no starter text
in it, its pages show another chosen language's text with a notice until
they are written; where Mangfold has no interface strings in it, its
labels are English (``strings_fallback: en``), and each page says so.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from ..core import languages as site_languages
from ..core import strings as site_strings
from ..core.languages import Language

STARTER = Path(__file__).resolve().parent.parent / "starter"
THEME = Path(__file__).resolve().parent.parent / "theme"
# Starter texts exist in these languages, by the starter's folder name.
STARTER_LANGUAGES = ("da", "no", "sv", "en")
HINT = "<!-- mangfold: translate this page from English, then delete this line -->"


class InitError(Exception):
    """What was asked cannot be written (the folder is not empty, a language Babel does not know ...)."""


@dataclass
class Started:
    folder: Path
    languages: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)


def starter_key(code: str, html_lang: str) -> str | None:
    """Which starter texts a language gets: its own, Bokmål's for any Norwegian, or none."""
    if code in STARTER_LANGUAGES:
        return code
    if html_lang.split("-")[0] in ("nb", "nn", "no"):
        return "no"
    return None


def init(folder: Path, codes: list[str], default: str | None = None) -> Started:
    codes = [c.strip() for c in codes if c.strip()]
    if not codes:
        raise InitError("--languages: give at least one language code, e.g. --languages da,sv")
    if len(set(codes)) != len(codes):
        raise InitError(f"--languages: a language is listed twice ({', '.join(codes)})")
    if default and default not in codes:
        raise InitError(f"--default {default}: not one of --languages ({', '.join(codes)})")
    if folder.exists() and any(folder.iterdir()):
        raise InitError(f"{folder} exists and is not empty; mangfold init writes a new site only into a new or empty folder")
    entries = [_language_entry(code, default) for code in codes]
    try:
        languages = site_languages.from_config(entries)
    except Exception as exc:
        raise InitError(f"--languages: {exc}") from None
    started = Started(folder, entries)
    texts = {lang.code: starter_key(lang.code, lang.html_lang) for lang in languages}
    with_text = [code for code in codes if texts[code]]
    if not with_text:
        # No starter text in any chosen language: the first gets the English one, marked to translate.
        texts[codes[0]] = "en"
        started.notes.append(f"content/{codes[0]}/: Mangfold has no starter text in {languages[codes[0]].name}; the pages are "
                             "in English, each marked to translate (mangfold check lists them)")
        with_text = [codes[0]]
    folder.mkdir(parents=True, exist_ok=True)
    _pages(folder, languages, texts, started)
    _data(folder, texts, with_text)
    _strings(folder, languages, texts, started)
    _files(folder)
    (folder / "mkdocs.yml").write_text(_config(entries, languages), encoding="utf-8")
    (folder / "README.md").write_text(_readme(languages), encoding="utf-8")
    return started


def _language_entry(code: str, default: str | None) -> dict[str, Any]:
    known = site_languages.defaults_for(code)
    if not known:
        raise InitError(f"--languages: '{code}' is not a language code Babel knows (give two or three letters, e.g. fi, is, en)")
    entry: dict[str, Any] = {"code": code, "name": known["name"], "locale": known["locale"]}
    if code == "no":
        entry.update(html_lang="nb", locale="nb_NO", name="Norsk (bokmål)")
    if known.get("country"):
        entry["country"] = known["country"]
    probe = Language(code, entry.get("html_lang", code), entry["locale"], entry.get("html_lang", code), entry["name"], None)
    if site_strings.package_file(probe) is None:
        entry["strings_fallback"] = "en"
    if not _material_has(entry.get("html_lang", code)):
        entry["theme_language"] = "en"
    if default == code:
        entry["default"] = True
    return entry


def _material_has(theme_language: str) -> bool:
    try:
        import material

        return (Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{theme_language}.html").is_file()
    except ImportError:
        return False


def _pages(folder: Path, languages: site_languages.Languages, texts: dict[str, str | None], started: Started) -> None:
    content = folder / "content"
    (content / "assets").mkdir(parents=True)
    shutil.copytree(STARTER / "assets" / "images", content / "assets" / "images")
    shutil.copy2(STARTER / "pages" / "index.md", content / "index.md")
    for lang in languages:
        source = texts[lang.code]
        if source is None:
            started.notes.append(f"content/{lang.code}/: Mangfold has no starter text in {lang.name}; until you write the pages, "
                                 f"/{lang.code}/ shows another language's text with a notice (mangfold translate index.md --to {lang.code})")
            continue
        shutil.copytree(STARTER / "pages" / source, content / lang.code)
        if source == "en" and lang.code != "en":
            for page in (content / lang.code).rglob("*.md"):
                _mark_to_translate(page)


def _mark_to_translate(page: Path) -> None:
    text = page.read_text(encoding="utf-8")
    if text.startswith("---\n") and "\n---\n" in text[4:]:
        end = text.index("\n---\n", 4) + len("\n---\n")
        text = text[:end] + HINT + "\n" + text[end:]
    page.write_text(text, encoding="utf-8")


def _data(folder: Path, texts: dict[str, str | None], with_text: list[str]) -> None:
    """data/*.yml with each text in the chosen languages that have one (the others fall back)."""
    rename = {texts[code]: code for code in with_text}
    (folder / "data" / "strings").mkdir(parents=True)
    for path in sorted((STARTER / "data").glob("*.yml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        (folder / "data" / path.name).write_text(_header(path.name) + _dump(_localized(document, rename)), encoding="utf-8")


def _localized(value: Any, rename: dict[str, str]) -> Any:
    if isinstance(value, dict):
        if value and set(value) <= set(STARTER_LANGUAGES) and not {"id"} & set(value):
            return {rename[k]: v for k, v in value.items() if k in rename}
        return {k: _localized(v, rename) for k, v in value.items()}
    if isinstance(value, list):
        return [_localized(v, rename) for v in value]
    return value


def _strings(folder: Path, languages: site_languages.Languages, texts: dict[str, str | None], started: Started) -> None:
    for lang in languages:
        source = texts[lang.code]
        if source is not None and (STARTER / "data" / "strings" / f"{source}.yml").is_file():
            shutil.copy2(STARTER / "data" / "strings" / f"{source}.yml", folder / "data" / "strings" / f"{lang.code}.yml")
        if lang.strings_fallback:
            started.notes.append(
                f"data/strings/{lang.code}.yml: Mangfold has no interface strings in {lang.name}; its buttons and labels are "
                f"English until you write this file with the {len(site_strings.keys())} keys of mangfold/strings/site/en.yml "
                "translated (each page says so meanwhile; mangfold check lists the keys)")


def _files(folder: Path) -> None:
    shutil.copytree(STARTER / "macros", folder / "macros", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(STARTER / "overrides", folder / "overrides")
    shutil.copy2(STARTER / "gitignore", folder / ".gitignore")


def _header(name: str) -> str:
    return f"# {name}: example entries from 'mangfold init'. Replace them with your own (see the editors' guide).\n"


def _dump(document: Any) -> str:
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)


def _config(entries: list[dict[str, Any]], languages: site_languages.Languages) -> str:
    config = {
        "site_name": "Mangfold",
        "site_url": "!ENV [SITE_URL, \"http://127.0.0.1:8000/\"]",
        "docs_dir": "content",
        "site_dir": "site",
        "use_directory_urls": True,
        "strict": True,
        "theme": {
            "name": "material",
            "custom_dir": "overrides",
            "language": languages[languages.default].theme_language if _material_has(languages[languages.default].theme_language) else "en",
            "font": False,
            "logo": "assets/images/logo.svg",
            "favicon": "assets/images/favicon.svg",
            "features": ["navigation.indexes", "navigation.prune", "navigation.footer", "navigation.top", "toc.follow"],
        },
        "plugins": [
            {"mangfold": {
                "languages": entries,
                "nav_order": ["index.md", "tools", "processes", "cases", "films", "contacts", "about.md", "search.md",
                              "accessibility.md", "privacy.md"],
                "search_index": "!ENV [MANGFOLD_SEARCH_INDEX, true]",
            }},
            {"macros": {"module_name": "macros", "on_error_fail": True, "on_undefined": "strict", "include_yaml": []}},
        ],
        "watch": ["data", "overrides", "macros"],
        "markdown_extensions": ["abbr", "admonition", "attr_list", "def_list", "md_in_html", "tables",
                                {"toc": {"permalink": False}}, "pymdownx.details"],
        "validation": {"nav": {"omitted_files": "info"},
                       "links": {"not_found": "warn", "anchors": "warn", "unrecognized_links": "warn"}},
        "extra": {"generator": False, "owner": {"name": "!ENV [MANGFOLD_OWNER_NAME, \"\"]",
                                                "email": "!ENV [MANGFOLD_OWNER_EMAIL, \"redaktion@example.org\"]"}},
    }
    text = yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=120)
    # The !ENV tags are MkDocs' own: written as tags, not as quoted strings.
    for quoted in ("'!ENV [SITE_URL, \"http://127.0.0.1:8000/\"]'", "'!ENV [MANGFOLD_SEARCH_INDEX, true]'",
                   "'!ENV [MANGFOLD_OWNER_NAME, \"\"]'", "'!ENV [MANGFOLD_OWNER_EMAIL, \"redaktion@example.org\"]'"):
        text = text.replace(quoted, quoted[1:-1])
    return ("# A toolbox made with 'mangfold init'. The languages are the mangfold plugin's languages: list;\n"
            "# who answers for the site is extra.owner (or MANGFOLD_OWNER_NAME / MANGFOLD_OWNER_EMAIL).\n" + text)


def _readme(languages: site_languages.Languages) -> str:
    names = ", ".join(f"{lang.name} (`content/{lang.code}/`)" for lang in languages)
    return f"""# Our diversity toolbox

A toolbox site made with Mangfold, in {names}.
Its pages are Markdown in `content/`, its facts YAML in `data/`; `mkdocs.yml`
lists the languages.

Two commands (Python 3.11 or newer; give the path of the Mangfold wheel you
were handed, e.g. `mangfold-0.1.0-py3-none-any.whl`):

    python3 -m venv .venv && .venv/bin/pip install mangfold-*.whl && .venv/bin/mangfold build
    .venv/bin/mangfold check

The first sets everything up and builds the site into `site/` (it replaces
`site/` only when the build succeeded). The second checks every page and
data file and names each problem with its file and line.

While you write: `.venv/bin/mangfold serve` and open http://127.0.0.1:8000/.
Start a new page with `.venv/bin/mangfold new case --lang {languages.default} --title "…"`.

Everything in the example pages and data is made up: replace it with your
own, or delete it. Set who answers for the site in `mkdocs.yml`
(`extra.owner`), and the public address with `SITE_URL` when you publish.
"""
