"""The site being built, and the page being drawn: passed to every component.

``Site`` is made once per build by whatever drives the build (the MkDocs
plugin, or a test): validated data, the content index, languages, interface
strings, who answers for the site, and the templates. ``Render`` is one
page's view of it: the reader's language and the page's URL, with helpers
for what every component needs (a string, a text from data, a link, a
template drawn with autoescaping).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from . import locale_format as fmt
from .content_index import ContentIndex, PageInfo
from .data import SiteData
from .languages import Language, Languages
from .strings import Strings
from .urls import relative


def templates(folders: Iterable[Path]) -> Environment:
    """The components' Jinja environment: the theme's folders in order (a site's
    custom_dir first, so its copy of a template wins), autoescaping on."""
    return Environment(
        loader=FileSystemLoader([str(f) for f in folders]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@dataclass
class Site:
    root: Path
    languages: Languages
    data: SiteData
    index: ContentIndex
    strings: Strings
    templates: Environment
    # Who answers for the site (validated): name may be empty, then each
    # language's strings name the default editorial team.
    owner: dict[str, str] = field(default_factory=dict)
    # Lookups derived from data and index (e.g. the cases a language sees),
    # computed once per build: a Site lives for one build, so nothing goes stale.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def page(self, lang: str, url: str) -> "Render":
        return Render(self, self.languages[lang], url)


@dataclass(frozen=True)
class Text:
    """A text from data in the reader's language, or in the language it fell back to."""

    value: Any
    lang: Language | None = None      # set when the text is another language's
    note: str = ""                    # "(på dansk)": said next to it, in the reader's language

    def __str__(self) -> str:
        return str(self.value)

    def __html__(self) -> str:
        if self.lang is None:
            return str(escape(self.value))
        return str(Markup('<span lang="{}">{}</span> <small class="mf-untranslated">{}</small>').format(
            self.lang.html_lang, self.value, self.note))


@dataclass(frozen=True)
class Render:
    """One page's view of the site: what a component draws with."""

    site: Site
    lang: Language
    url: str

    def t(self, key: str, **values: object) -> str:
        """An interface string in the reader's language, with {placeholders} filled in."""
        return self.site.strings.t(self.lang.code, key, **values)

    def text(self, localized: dict[str, Any] | None) -> Text | None:
        """A value from data in the reader's language, or where it falls back to."""
        if not localized:
            return None
        found = self.site.languages.pick(self.lang.code, localized)
        if found is None:
            return None
        if found == self.lang.code:
            return Text(localized[found])
        other = self.site.languages[found]
        return Text(localized[found], other, self.t("untranslated_note", language=fmt.language_name(other, self.lang)))

    def plain(self, localized: dict[str, Any] | None) -> Any:
        """A value from data as plain text or list (for attributes and lists)."""
        found = self.text(localized)
        return found.value if found else None

    def href(self, url: str) -> str:
        """A link from this page to the site-relative `url`."""
        return relative(self.url, url)

    def page_in(self, key: str) -> PageInfo | None:
        """The page `key` in the reader's language, or the version shown in its place."""
        versions = self.site.index.versions(key)
        found = self.site.languages.pick(self.lang.code, versions)
        return versions[found] if found else None

    def date(self, value: dt.date) -> str:
        return fmt.date(value, self.lang)

    def number(self, value: float) -> str:
        return fmt.number(value, self.lang)

    def language_name(self, code: str) -> str:
        return fmt.language_name(self.site.languages[code], self.lang)

    def draw(self, template: str, **context: Any) -> Markup:
        """components/<template> drawn for this page, as one block of HTML."""
        html = self.site.templates.get_template(f"components/{template}").render(
            t=self.t, lang=self.lang.code, html_lang=self.lang.html_lang, **context)
        # Python-Markdown ends a raw HTML block at a blank line: keep it one block.
        return Markup("\n".join(line for line in html.splitlines() if line.strip()))
