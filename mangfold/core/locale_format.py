"""Dates, numbers and language names in the reader's language, through Babel."""

from __future__ import annotations

import datetime as dt

from babel import Locale
from babel.dates import format_date as _babel_date
from babel.numbers import format_decimal

from .languages import Language


def date(value: dt.date, lang: Language) -> str:
    """22. januar 2010 (da, nb) / 22 januari 2010 (sv)."""
    return _babel_date(value, "long", locale=lang.locale)


def number(value: float, lang: Language) -> str:
    """1.830 (da) / 1 830 (nb, sv, with a no-break space)."""
    return format_decimal(value, locale=lang.locale)


def language_name(other: Language, in_lang: Language) -> str:
    """The name of language `other` as written in `in_lang`: 'norsk', 'svenska'.

    Looked up by the folder code ('no'), not Babel's 'nb': in running text a
    Dane writes "på norsk", not "på bokmål".
    """
    names = Locale.parse(in_lang.locale).languages
    return names.get(other.code) or names.get(other.html_lang) or other.name
