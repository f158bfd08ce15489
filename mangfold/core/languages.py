"""The site's languages, as its configuration lists them, and every code each goes by.

A language has a different code for each consumer: the folder and URL
prefix (``no``), ``<html lang>`` and hreflang (``nb``), Babel's locale
(``nb_NO``), Material's interface (``nb``) and Pagefind's stemmer (it reads
``<html lang>``). The configuration (the mangfold plugin's ``languages:``
in mkdocs.yml) may give only the folder code; the rest is derived from
Babel's data, so ``code: fi`` is enough for Finnish.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from .errors import ContentError, Msg, Problem

CODE = re.compile(r"^[a-z]{2,3}$")
TAG = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$")


@dataclass(frozen=True)
class Language:
    code: str             # folder under content/ and URL prefix: "no"
    html_lang: str        # <html lang>, hreflang, Pagefind: "nb"
    locale: str           # Babel: dates and numbers, "nb_NO"
    theme_language: str   # Material's partials/languages/<x>.html: "nb"
    name: str             # the language's own name, for the switcher: "Norsk (bokmål)"
    country: str | None   # the country it stands for where data needs one: "no"
    fallback: tuple[str, ...] = ()  # where a missing page or text is taken from, in order
    strings_fallback: str | None = None  # interface strings from this language where its own are missing


@dataclass(frozen=True)
class Languages:
    """The site's languages in their configured order; the first or the one marked default leads."""

    items: tuple[Language, ...]
    default: str
    by_code: dict[str, Language] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_code", {lang.code: lang for lang in self.items})

    def __getitem__(self, code: str) -> Language:
        return self.by_code[code]

    def __contains__(self, code: object) -> bool:
        return code in self.by_code

    def __iter__(self) -> Iterator[Language]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(lang.code for lang in self.items)

    def of_path(self, src_uri: str) -> str | None:
        """The language a content path belongs to, from its first folder."""
        head = src_uri.replace("\\", "/").split("/", 1)[0]
        return head if head in self.by_code else None

    def key_of(self, src_uri: str) -> str | None:
        """'da/cases/x.md' -> 'cases/x.md' (the same in every language)."""
        return src_uri.replace("\\", "/").split("/", 1)[1] if self.of_path(src_uri) and "/" in src_uri else None

    def order_for(self, code: str) -> tuple[str, ...]:
        """`code` first, then where its missing pages and texts come from."""
        return (code, *self.by_code[code].fallback)

    def pick(self, code: str, available: Iterable[str]) -> str | None:
        """The language a reader of `code` is shown, of those available."""
        have = set(available)
        return next((c for c in self.order_for(code) if c in have), None)


def defaults_for(code: str) -> dict[str, Any]:
    """What Babel knows of a language code, for languages: entries that give only the code."""
    try:
        locale = Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return {}
    likely = get_global("likely_subtags").get(code, "")
    territory = likely.split("_")[-1] if likely.count("_") >= 1 else None
    own_name = locale.get_display_name(code) or code
    return {
        "html_lang": code,
        "locale": f"{code}_{territory}" if territory and len(territory) == 2 else code,
        "name": own_name[:1].upper() + own_name[1:],
        "country": territory.lower() if territory and len(territory) == 2 else None,
    }


def from_config(entries: Any, where: str = "mkdocs.yml") -> Languages:
    """Languages from the plugin's `languages:` list; a ContentError names each bad field."""
    problems: list[Problem] = []
    field_name = "plugins.mangfold.languages"
    if not isinstance(entries, list) or not entries:
        raise ContentError([Problem(where, Msg("lang_none"), field=field_name)])
    raw: list[dict[str, Any]] = []
    for index, entry in enumerate(entries):
        at = f"{field_name}[{index + 1}]"
        if isinstance(entry, str):
            entry = {"code": entry}
        if not isinstance(entry, dict) or not isinstance(entry.get("code"), str) or not CODE.match(entry["code"]):
            problems.append(Problem(where, Msg("lang_code"), field=at))
            continue
        known = {"code", "html_lang", "locale", "theme_language", "name", "country", "default", "fallback", "strings_fallback"}
        for key in sorted(set(entry) - known):
            problems.append(Problem(where, Msg("lang_unknown_setting", {"known": ", ".join(sorted(known))}), field=f"{at}.{key}"))
        merged = {**defaults_for(entry["code"]), **{k: v for k, v in entry.items() if v is not None}}
        if not merged.get("html_lang") or not TAG.match(str(merged["html_lang"])):
            problems.append(Problem(where, Msg("lang_unknown", {"code": entry["code"]}),
                                    field=f"{at}.html_lang"))
            continue
        try:
            Locale.parse(str(merged["locale"]))
        except (UnknownLocaleError, ValueError):
            problems.append(Problem(where, Msg("lang_locale", {"locale": merged["locale"]}),
                                    field=f"{at}.locale"))
            continue
        raw.append({**merged, "_at": at})
    codes = [r["code"] for r in raw]
    for code in sorted({c for c in codes if codes.count(c) > 1}):
        problems.append(Problem(where, Msg("lang_twice", {"code": code}), field=field_name))
    for entry in raw:
        for key in ("fallback",):
            for other in entry.get(key) or []:
                if other not in codes or other == entry["code"]:
                    problems.append(Problem(where, Msg("lang_bad_fallback", {"code": other, "codes": ", ".join(codes)}),
                                            field=f"{entry['_at']}.{key}"))
        strings_from = entry.get("strings_fallback")
        if strings_from is not None and (not isinstance(strings_from, str) or not CODE.match(strings_from)):
            problems.append(Problem(where, Msg("lang_strings_fallback"),
                                    field=f"{entry['_at']}.strings_fallback"))
    defaults = [r["code"] for r in raw if r.get("default") is True]
    if len(defaults) > 1:
        problems.append(Problem(where, Msg("lang_two_defaults", {"codes": ", ".join(defaults)}), field=field_name))
    if problems:
        raise ContentError(problems)
    items = []
    for entry in raw:
        given = [c for c in (entry.get("fallback") or []) if c in codes]
        rest = [c for c in codes if c != entry["code"] and c not in given]
        items.append(Language(
            code=entry["code"],
            html_lang=str(entry["html_lang"]),
            locale=str(entry["locale"]),
            theme_language=str(entry.get("theme_language") or entry["html_lang"]),
            name=str(entry.get("name") or entry["code"]),
            country=str(entry["country"]) if entry.get("country") else None,
            fallback=(*given, *rest),
            strings_fallback=entry.get("strings_fallback"),
        ))
    return Languages(tuple(items), defaults[0] if defaults else items[0].code)
