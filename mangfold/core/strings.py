"""Interface strings: the words around the content (labels, notices, buttons).

Mangfold ships them for Danish, Norwegian (Bokmål), Swedish and English
(``mangfold/strings/site/<lang>.yml``). A site may change any of them, or
add a language, in ``data/strings/<code>.yml``: the site's file wins key by
key. A language with neither gets one clear problem naming the file to
write, unless its configuration names a ``strings_fallback`` language, whose
strings then fill the gaps (pages say so).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass, field
from pathlib import Path

from . import yamlfile
from .errors import ContentError, Msg, Problem
from .languages import Language, Languages
from .paths import inside, shown

PACKAGE = Path(__file__).resolve().parent.parent / "strings" / "site"
log = logging.getLogger("mkdocs.plugins.mangfold.data")


@dataclass
class Strings:
    """Every language's strings, and which keys each had to borrow."""

    by_lang: dict[str, dict[str, str]] = field(default_factory=dict)
    borrowed: dict[str, dict[str, str]] = field(default_factory=dict)  # code -> key -> the language it came from

    def t(self, lang: str, key: str, **values: object) -> str:
        text = self.by_lang[lang][key]
        return text.format(**values) if values else text

    def of(self, lang: str) -> dict[str, str]:
        return self.by_lang[lang]


def package_file(language: Language) -> Path | None:
    """Mangfold's own strings for a language: by <html lang>, its primary subtag, or folder code."""
    for name in dict.fromkeys((language.html_lang, language.html_lang.split("-")[0], language.code)):
        path = PACKAGE / f"{name}.yml"
        if path.is_file():
            return path
    return None


def keys() -> list[str]:
    """Every key a language needs (those of Mangfold's English strings)."""
    return list(_read_package(PACKAGE / "en.yml"))


def load(folder: Path, root: Path, languages: Languages, problems: list[Problem]) -> Strings:
    """Package strings, with data/strings/<code>.yml over them; problems are appended."""
    result = Strings()
    needed = keys()
    for language in languages:
        own = _read_package(package_file(language)) if package_file(language) else {}
        site_file = folder / f"{language.code}.yml"
        site = _read_site(site_file, root, problems) if site_file.exists() else {}
        merged = {**own, **site}
        missing = [k for k in needed if k not in merged]
        if missing and language.strings_fallback:
            fallback_language = Language(language.strings_fallback, language.strings_fallback, language.strings_fallback,
                                         language.strings_fallback, language.strings_fallback, None)
            path = package_file(fallback_language)
            if path is None:
                problems.append(Problem(shown(site_file, root), Msg("strings_bad_fallback", {"code": language.strings_fallback,
                                                                                        "have": ", ".join(_package_languages())})))
            else:
                borrowed = _read_package(path)
                result.borrowed[language.code] = {k: language.strings_fallback for k in missing if k in borrowed}
                merged.update({k: borrowed[k] for k in missing if k in borrowed})
                missing = [k for k in missing if k not in merged]
        if missing and not own and not site:
            problems.append(Problem(shown(site_file, root), Msg("strings_none", {"name": language.name, "code": language.code,
                                                                                "count": len(needed)})))
        elif missing:
            for key in missing:
                problems.append(Problem(shown(site_file, root), Msg("strings_missing_key"), field=key))
        result.by_lang[language.code] = merged
    return result


def _package_languages() -> list[str]:
    return sorted(path.stem for path in PACKAGE.glob("*.yml"))


def _read_package(path: Path | None) -> dict[str, str]:
    return dict(_package(path)) if path is not None else {}


@functools.cache
def _package(path: Path) -> tuple[tuple[str, str], ...]:
    """A language's file, and the same language's file of each component folder
    (strings/site/<component>/<lang>.yml), as one. Mangfold's own files, the
    same for every build in the process: read once."""
    found: list[tuple[str, str]] = []
    for part in (path, *sorted(path.parent.glob(f"*/{path.name}"))):
        document = yamlfile.load(part, part.name)
        found.extend((str(k), v) for k, v in (document or {}).items() if isinstance(v, str))
    return tuple(found)


def _read_site(path: Path, root: Path, problems: list[Problem]) -> dict[str, str]:
    where = shown(path, root)
    log.debug("mangfold: read data file %s", where)
    if not inside(path, root):
        problems.append(Problem(where, Msg("link_outside_project", {"target": str(path.resolve())})))
        return {}
    try:
        document = yamlfile.load(path, where)
    except ContentError as exc:
        problems.extend(exc.problems)
        return {}
    if document is None:
        return {}
    if not isinstance(document, dict):
        problems.append(Problem(where, Msg("strings_shape"), line=getattr(document, "line", None)))
        return {}
    known = set(keys())
    result = {}
    for key, value in document.items():
        if not isinstance(value, str) or not value.strip():
            problems.append(Problem(where, Msg("strings_expected_text"), line=document.line_of(key), field=str(key)))
        elif str(key) not in known and not str(key).startswith("site_"):
            problems.append(Problem(where, Msg("strings_unknown_key"), line=document.line_of(key), field=str(key)))
        else:
            result[str(key)] = value
    return result
