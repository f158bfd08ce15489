"""What mangfold says to editors (check, build, new), in the editor's language.

The texts live in ``mangfold/strings/editor/<lang>.yml``, one key per
message, with ``{name}`` where a value goes; English is complete and every
other language falls back to it key by key. A language is chosen by
``--lang``, else the locale environment (``LC_ALL``, ``LC_MESSAGES``,
``LANG``), else English.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping

import yaml

from .errors import LanguageName, Msg

FOLDER = Path(__file__).resolve().parent.parent / "strings" / "editor"
# Locale names an environment may give, by the message file they mean.
ALIASES = {"nb": "no", "nn": "no"}


@dataclass(frozen=True)
class Messages:
    lang: str
    texts: Mapping[str, Any]
    fallback: "Messages | None" = None

    def say(self, message: Msg) -> str:
        template = self.texts.get(message.key)
        if template is None:
            if self.fallback is not None:
                return self.fallback.say(message)
            if message.key.startswith("kind_"):
                return message.key[len("kind_"):]  # a component's data kind with no word of its own: its name
            return f"{message.key} {message.values}"
        values = _Known({k: self._value(v) for k, v in message.values.items()})
        return str(template).format_map(values)

    def _value(self, value: Any) -> Any:
        if isinstance(value, Msg):
            return self.say(value)
        if isinstance(value, LanguageName):
            names = _language_names(self.lang)
            return names.get(value.code) or names.get(value.html_lang) or value.code
        return value

    def __call__(self, message_key: str, /, **values: Any) -> str:
        return self.say(Msg(message_key, values))

    def list(self, key: str) -> list[str]:
        """A list of texts (headings a new page starts with)."""
        found = self.texts.get(key)
        if isinstance(found, list):
            return [str(x) for x in found]
        return self.fallback.list(key) if self.fallback else []

    def has(self, key: str) -> bool:
        return key in self.texts or bool(self.fallback and self.fallback.has(key))


class _Known(dict):
    """Values for a template: a placeholder without one is left as written."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def available() -> list[str]:
    return sorted(path.stem for path in FOLDER.glob("*.yml"))


@functools.cache
def load(lang: str) -> Messages:
    """The messages in `lang` (a site language code or a locale name), English where missing."""
    lang = ALIASES.get(lang, lang)
    english_texts = _read("en")
    if lang == "en" or not (FOLDER / f"{lang}.yml").is_file():
        return Messages("en", english_texts)
    return Messages(lang, _read(lang), Messages("en", english_texts))


def english() -> Messages:
    return load("en")


def choose(given: str | None, environ: Mapping[str, str]) -> str:
    """--lang, else the locale environment, else English."""
    if given:
        return ALIASES.get(given, given)
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        code = value.split(".")[0].split("_")[0].split("-")[0].lower()
        if code and code not in ("c", "posix"):
            return ALIASES.get(code, code)
    return "en"


@functools.cache
def _language_names(lang: str) -> dict[str, str]:
    from babel import Locale

    try:
        return dict(Locale.parse(lang).languages)
    except Exception:
        return dict(Locale.parse("en").languages)


def _read(lang: str) -> dict[str, str]:
    # Package data, not an editor's file: plain safe YAML, with libyaml's loader where it is installed.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    document = yaml.load((FOLDER / f"{lang}.yml").read_text(encoding="utf-8"), Loader=loader) or {}
    return {str(k): v if isinstance(v, list) else str(v) for k, v in document.items()}
