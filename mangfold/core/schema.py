"""A small, typed schema language for YAML data and front matter.

Each field type checks one value and returns what the site uses, or records a
Problem naming file, line, entry and field. References to other entries
(``Ref("tools")``) are checked against the ids loaded so far and suggest the
nearest known id, so "gap-analysys" says "did you mean 'gap-analysis'".
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from .errors import Problem
from .languages import Languages
from .paths import inside
from .yamlfile import InvalidDate, LineDict, LineList

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Plain addresses only: a '?' or '&' would add a subject or body to the mailto: link.
EMAIL_PATTERN = re.compile(r"^[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$")
PHONE_PATTERN = re.compile(r"^\+?[0-9][0-9 ]{5,18}[0-9]$")
URL_PATTERN = re.compile(r"^https://[^\s<>\"']+$")


@dataclass(frozen=True)
class Untranslated:
    """A text in data that one language lacks: the site shows another language's."""

    file: str
    entry: str | None
    field: str
    lang: str
    line: int | None


@dataclass
class Context:
    """Where a value sits, the ids a reference may point to, and the site's languages."""

    file: str
    problems: list[Problem]
    known: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    entry: str | None = None
    languages: Languages | None = None
    untranslated: list[Untranslated] = field(default_factory=list)
    docs_dir: Path | None = None  # where ContentPath values must lead

    def fail(self, field_name: str, message: str, line: int | None) -> None:
        self.problems.append(Problem(self.file, message, line=line, entry=self.entry, field=field_name))


class Type:
    label = "a value"

    def check(self, value: Any, ctx: Context, name: str, line: int | None) -> Any:
        raise NotImplementedError


class Str(Type):
    label = "text"

    def __init__(self, pattern: re.Pattern[str] | None = None, hint: str = "") -> None:
        self.pattern, self.hint = pattern, hint

    def check(self, value, ctx, name, line):
        if not isinstance(value, str) or not value.strip():
            ctx.fail(name, f"expected {self.hint or 'text'}, got {_shown(value)}", line)
            return None
        value = value.strip()
        if self.pattern and not self.pattern.match(value):
            ctx.fail(name, f"expected {self.hint}, got '{value}'", line)
            return None
        return value


class Int(Type):
    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum

    def check(self, value, ctx, name, line):
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            ctx.fail(name, f"expected a whole number of at least {self.minimum}, got {_shown(value)}", line)
            return None
        return value


class Date(Type):
    def check(self, value, ctx, name, line):
        if isinstance(value, InvalidDate):
            ctx.fail(name, f"'{value}' is not a real date ({value.reason}); write it as YYYY-MM-DD", line)
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        ctx.fail(name, f"expected a date written YYYY-MM-DD, got {_shown(value)}", line)
        return None


class DateOrUndated(Date):
    """A date, or the word undated for a source that gives none."""

    def check(self, value, ctx, name, line):
        if value == "undated":
            return "undated"
        if isinstance(value, str) and not isinstance(value, InvalidDate):
            ctx.fail(name, f"expected a date written YYYY-MM-DD, or undated, got {_shown(value)}", line)
            return None
        return super().check(value, ctx, name, line)


class Bool(Type):
    def check(self, value, ctx, name, line):
        if not isinstance(value, bool):
            ctx.fail(name, f"expected true or false, got {_shown(value)}", line)
            return None
        return value


class ContentPath(Type):
    """A file in the content folder, as a path relative to it: assets/worksheets/x.docx."""

    def __init__(self, example: str) -> None:
        self.example = example

    def check(self, value, ctx, name, line):
        if not isinstance(value, str) or not value.strip():
            ctx.fail(name, f"expected a file path like {self.example}, got {_shown(value)}", line)
            return None
        value = value.strip()
        if ctx.docs_dir is None:
            return value
        folder = ctx.docs_dir.name
        if not inside(ctx.docs_dir / value, ctx.docs_dir):
            ctx.fail(name, f"'{value}' is outside {folder}/; give a path inside it, e.g. {self.example}", line)
            return None
        if not (ctx.docs_dir / value).is_file():
            ctx.fail(name, f"no such file {folder}/{value}; put the file there or correct the path", line)
            return None
        return value


class Choice(Type):
    def __init__(self, *values: str) -> None:
        self.values = values

    def check(self, value, ctx, name, line):
        if value not in self.values:
            ctx.fail(name, f"expected one of {', '.join(self.values)}, got {_shown(value)}", line)
            return None
        return value


class Ref(Type):
    """The id of an entry of another kind, e.g. Ref('tools')."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def check(self, value, ctx, name, line):
        known = ctx.known.get(self.kind, {})
        if not isinstance(value, str) or value not in known:
            ctx.fail(name, unknown_id_message(self.kind, value, known), line)
            return None
        return value


class Localized(Type):
    """Text per site language: {da: ..., sv: ...}.

    At least one language must have it. A language that lacks it (or leaves
    it empty) is shown another language's text, as a missing page is; each
    gap is noted for ``mangfold translations`` and check's warnings."""

    def __init__(self, item: Type | None = None) -> None:
        self.item = item or Str()

    def check(self, value, ctx, name, line):
        codes = ctx.languages.codes if ctx.languages else ()
        if not isinstance(value, dict):
            ctx.fail(name, f"expected a text for each language ({', '.join(codes)}), e.g. {{{codes[0] if codes else 'da'}: ...}}, "
                           f"got {_shown(value)}", line)
            return None
        result = {}
        gaps = []
        for extra in sorted(set(value) - set(codes), key=str):
            ctx.fail(f"{name}.{extra}", f"'{extra}' is not a site language (expected {', '.join(codes)})", _line(value, extra, line))
        for code in codes:
            given = value.get(code)
            if given is None or (isinstance(given, str) and not given.strip()):
                gaps.append(Untranslated(ctx.file, ctx.entry, name, code, _line(value, code, line)))
                continue
            checked = self.item.check(given, ctx, f"{name}.{code}", _line(value, code, line))
            if checked is not None:
                result[code] = checked
        if not result and not any(p.field and p.field.startswith(f"{name}.") for p in ctx.problems):
            ctx.fail(name, f"no language has a text yet: write it in at least one of {', '.join(codes)}", line)
            return None
        ctx.untranslated.extend(gaps)
        return result


class ListOf(Type):
    def __init__(self, item: Type, minimum: int = 0) -> None:
        self.item, self.minimum = item, minimum

    def check(self, value, ctx, name, line):
        if not isinstance(value, list) or len(value) < self.minimum:
            ctx.fail(name, f"expected a list of at least {self.minimum} item(s), got {_shown(value)}", line)
            return None
        lines = getattr(value, "item_lines", [line] * len(value))
        return [self.item.check(v, ctx, f"{name}[{i + 1}]", lines[i] if i < len(lines) else line) for i, v in enumerate(value)]


class Record(Type):
    """A mapping with named fields; unknown fields are errors (they are typos)."""

    def __init__(self, fields: dict[str, Type], optional: tuple[str, ...] = (), post: Callable[[dict, Context, int | None], None] | None = None) -> None:
        self.fields, self.optional, self.post = fields, optional, post

    def check(self, value, ctx, name, line):
        if not isinstance(value, dict):
            ctx.fail(name or "(entry)", f"expected a block of fields, got {_shown(value)}", line)
            return None
        line = getattr(value, "line", line)
        result: dict[str, Any] = {}
        for key in value:
            if key not in self.fields:
                near = difflib.get_close_matches(str(key), list(self.fields), n=1)
                tip = f"; did you mean '{near[0]}'?" if near else f" (known fields: {', '.join(self.fields)})"
                ctx.fail(_join(name, key), f"unknown field{tip}", _line(value, key, line))
        for key, kind in self.fields.items():
            if key not in value or value[key] is None:
                if key not in self.optional:
                    ctx.fail(_join(name, key), "required field is missing", _line(value, key, line))
                result[key] = None
                continue
            result[key] = kind.check(value[key], ctx, _join(name, key), _line(value, key, line))
        if self.post:
            self.post(result, ctx, line)
        return result


def unknown_id_message(kind: str, value: Any, known: Mapping[str, Any]) -> str:
    near = [] if isinstance(value, bool) else difflib.get_close_matches(str(value), list(known), n=3, cutoff=0.5)
    tip = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else ""
    listing = f" (known: {', '.join(sorted(known))})" if not near and len(known) <= 12 else ""
    return f"unknown {singular(kind)} id {_shown(value)}{tip}{listing}"


IRREGULAR = {"processes": "process", "countries": "country"}


def singular(kind: str) -> str:
    """'tools' -> 'tool', 'processes' -> 'process', for messages."""
    return IRREGULAR.get(kind, kind[:-1] if kind.endswith("s") else kind)


def _join(parent: str, key: Any) -> str:
    return f"{parent}.{key}" if parent else str(key)


def _line(mapping: Any, key: Any, fallback: int | None) -> int | None:
    if isinstance(mapping, LineDict):
        return mapping.key_lines.get(str(key), fallback)
    return fallback


def _shown(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, (LineDict, dict)):
        return "a block of fields"
    if isinstance(value, (LineList, list)):
        return "a list" if value else "an empty list"
    if isinstance(value, bool):
        return f"{str(value).lower()} (YAML reads yes/no/on/off without quotes as true/false: write \"no\" in quotes)"
    return repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"


ID = Str(ID_PATTERN, "an id of lower-case letters, digits and hyphens (e.g. gap-analysis)")
EMAIL = Str(EMAIL_PATTERN, "an e-mail address like name@example.dk")
PHONE = Str(PHONE_PATTERN, "a phone number of digits and spaces, optionally starting with +")
URL = Str(URL_PATTERN, "an https:// address")
