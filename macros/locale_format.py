"""Dates, numbers and language names in each site language, through Babel."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal
from babel import Locale

from .languages import LANGUAGES


def date(value: dt.date, lang: str) -> str:
    """22. januar 2010 (da, nb) / 22 januari 2010 (sv)."""
    return _babel_date(value, "long", locale=LANGUAGES[lang].babel_locale)


def number(value: float, lang: str) -> str:
    """1.830 (da) / 1 830 (nb, sv, with a no-break space)."""
    return format_decimal(value, locale=LANGUAGES[lang].babel_locale)


def language_name(code: str, in_lang: str) -> str:
    """The name of language `code` as written in `in_lang`: 'norsk', 'svenska'.

    Looked up by the folder code ('no'), not Babel's 'nb': in running text a
    Dane writes "på norsk", not "på bokmål".
    """
    return Locale.parse(LANGUAGES[in_lang].babel_locale).languages.get(code, LANGUAGES[code].name)
