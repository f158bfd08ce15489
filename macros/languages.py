"""The three site languages and every code each one goes by.

One table, because a language has a different code for each consumer: the
folder and URL prefix (``no``), ``<html lang>`` and hreflang (``nb``), Babel's
locale (``nb``), Material's interface (``nb``) and Pagefind's stemmer
(it reads ``<html lang>``).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    code: str          # folder under content/ and URL prefix
    html_lang: str     # <html lang>, hreflang
    babel_locale: str  # dates and numbers
    theme_language: str  # Material's partials/languages/<x>.html
    name: str          # the language's own name, for the switcher


LANGUAGES: dict[str, Language] = {
    "da": Language("da", "da", "da_DK", "da", "Dansk"),
    "no": Language("no", "nb", "nb_NO", "nb", "Norsk (bokmål)"),
    "sv": Language("sv", "sv", "sv_SE", "sv", "Svenska"),
}

CODES: tuple[str, ...] = tuple(LANGUAGES)
DEFAULT = "da"


def language_of(src_uri: str) -> str | None:
    """The language code a content path belongs to, from its first folder."""
    head = src_uri.replace("\\", "/").split("/", 1)[0]
    return head if head in LANGUAGES else None
