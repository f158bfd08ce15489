"""File names and ids from titles: 'Sprogcafé på Nørrebro' -> 'sprogcafe-paa-noerrebro'.

The Nordic letters are spelt out the way they are written without them
(æ ae, ø oe, å aa, ä ae, ö oe), other accents are dropped, and everything
that is not a letter or digit becomes one hyphen. The result is a valid id
for data/*.yml (lower-case letters, digits and hyphens).
"""

from __future__ import annotations

import re
import unicodedata

SPELT_OUT = {
    "æ": "ae", "ø": "oe", "å": "aa", "ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss",
    "ð": "d", "þ": "th", "œ": "oe", "ł": "l",
}


def slugify(title: str, max_length: int = 60) -> str:
    text = title.strip().lower()
    text = "".join(SPELT_OUT.get(char, char) for char in text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "-", text).strip("-")
    if len(text) > max_length:
        text = text[:max_length].rsplit("-", 1)[0] or text[:max_length]
    return text
