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

from .errors import Msg, Problem
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

    def fail(self, field_name: str, message: str | Msg, line: int | None) -> None:
        self.problems.append(Problem(self.file, message, line=line, entry=self.entry, field=field_name))


class Type:
    label = "a value"

    def check(self, value: Any, ctx: Context, name: str, line: int | None) -> Any:
        raise NotImplementedError


class Str(Type):
    label = "text"

    def __init__(self, pattern: re.Pattern[str] | None = None, hint: str = "expect_text") -> None:
        self.pattern, self.hint = pattern, hint  # hint: the message key naming what is expected

    def check(self, value, ctx, name, line):
        if not isinstance(value, str) or not value.strip():
            ctx.fail(name, Msg("schema_expected", {"what": Msg(self.hint), "got": _shown(value)}), line)
            return None
        value = value.strip()
        if self.pattern and not self.pattern.match(value):
            ctx.fail(name, Msg("schema_expected", {"what": Msg(self.hint), "got": repr(value)}), line)
            return None
        return value


class Int(Type):
    def __init__(self, minimum: int = 0) -> None:
        self.minimum = minimum

    def check(self, value, ctx, name, line):
        if isinstance(value, bool) or not isinstance(value, int) or value < self.minimum:
            ctx.fail(name, Msg("schema_int", {"minimum": self.minimum, "got": _shown(value)}), line)
            return None
        return value


class Date(Type):
    def check(self, value, ctx, name, line):
        if isinstance(value, InvalidDate):
            ctx.fail(name, Msg("schema_impossible_date", {"value": value, "reason": value.reason}), line)
            return None
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        ctx.fail(name, Msg("schema_date", {"got": _shown(value)}), line)
        return None


class DateOrUndated(Date):
    """A date, or the word undated for a source that gives none."""

    def check(self, value, ctx, name, line):
        if value == "undated":
            return "undated"
        if isinstance(value, str) and not isinstance(value, InvalidDate):
            ctx.fail(name, Msg("schema_date_or_undated", {"got": _shown(value)}), line)
            return None
        return super().check(value, ctx, name, line)


class Bool(Type):
    def check(self, value, ctx, name, line):
        if not isinstance(value, bool):
            ctx.fail(name, Msg("schema_bool", {"got": _shown(value)}), line)
            return None
        return value


class ContentPath(Type):
    """A file in the content folder, as a path relative to it: assets/worksheets/x.docx."""

    def __init__(self, example: str) -> None:
        self.example = example

    def check(self, value, ctx, name, line):
        if not isinstance(value, str) or not value.strip():
            ctx.fail(name, Msg("schema_path", {"example": self.example, "got": _shown(value)}), line)
            return None
        value = value.strip()
        if ctx.docs_dir is None:
            return value
        folder = ctx.docs_dir.name
        if not inside(ctx.docs_dir / value, ctx.docs_dir):
            ctx.fail(name, Msg("schema_path_outside", {"value": value, "folder": folder, "example": self.example}), line)
            return None
        if not (ctx.docs_dir / value).is_file():
            ctx.fail(name, Msg("schema_no_such_file", {"path": f"{folder}/{value}"}), line)
            return None
        return value


class Choice(Type):
    def __init__(self, *values: str) -> None:
        self.values = values

    def check(self, value, ctx, name, line):
        if value not in self.values:
            ctx.fail(name, Msg("schema_choice", {"values": ", ".join(self.values), "got": _shown(value)}), line)
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
            ctx.fail(name, Msg("schema_localized", {"codes": ", ".join(codes), "first": codes[0] if codes else "da",
                                                    "got": _shown(value)}), line)
            return None
        result = {}
        gaps = []
        for extra in sorted(set(value) - set(codes), key=str):
            ctx.fail(f"{name}.{extra}", Msg("schema_not_a_language", {"code": extra, "codes": ", ".join(codes)}), _line(value, extra, line))
        for code in codes:
            given = value.get(code)
            if given is None or (isinstance(given, str) and not given.strip()):
                gaps.append(Untranslated(ctx.file, ctx.entry, name, code, _line(value, code, line)))
                continue
            checked = self.item.check(given, ctx, f"{name}.{code}", _line(value, code, line))
            if checked is not None:
                result[code] = checked
        if not result and not any(p.field and p.field.startswith(f"{name}.") for p in ctx.problems):
            ctx.fail(name, Msg("schema_no_language", {"codes": ", ".join(codes)}), line)
            return None
        ctx.untranslated.extend(gaps)
        return result


class ListOf(Type):
    def __init__(self, item: Type, minimum: int = 0) -> None:
        self.item, self.minimum = item, minimum

    def check(self, value, ctx, name, line):
        if not isinstance(value, list) or len(value) < self.minimum:
            ctx.fail(name, Msg("schema_list", {"minimum": self.minimum, "got": _shown(value)}), line)
            return None
        lines = getattr(value, "item_lines", [line] * len(value))
        return [self.item.check(v, ctx, f"{name}[{i + 1}]", lines[i] if i < len(lines) else line) for i, v in enumerate(value)]


class Record(Type):
    """A mapping with named fields; unknown fields are errors (they are typos)."""

    def __init__(self, fields: dict[str, Type], optional: tuple[str, ...] = (), post: Callable[[dict, Context, int | None], None] | None = None) -> None:
        self.fields, self.optional, self.post = fields, optional, post

    def check(self, value, ctx, name, line):
        if not isinstance(value, dict):
            ctx.fail(name or "(entry)", Msg("schema_record", {"got": _shown(value)}), line)
            return None
        line = getattr(value, "line", line)
        result: dict[str, Any] = {}
        for key in value:
            if key not in self.fields:
                near = difflib.get_close_matches(str(key), list(self.fields), n=1)
                tip = Msg("tip_did_you_mean_one", {"name": near[0]}) if near else Msg("tip_known_fields", {"fields": ", ".join(self.fields)})
                ctx.fail(_join(name, key), Msg("schema_unknown_field", {"tip": tip}), _line(value, key, line))
        for key, kind in self.fields.items():
            if key not in value or value[key] is None:
                if key not in self.optional:
                    ctx.fail(_join(name, key), Msg("schema_required"), _line(value, key, line))
                result[key] = None
                continue
            result[key] = kind.check(value[key], ctx, _join(name, key), _line(value, key, line))
        if self.post:
            self.post(result, ctx, line)
        return result


def refs(schema: Type) -> set[str]:
    """The data kinds a schema's Ref fields point to, anywhere inside it."""
    if isinstance(schema, Ref):
        return {schema.kind}
    if isinstance(schema, Record):
        return set().union(*(refs(t) for t in schema.fields.values())) if schema.fields else set()
    if isinstance(schema, (ListOf, Localized)):
        return refs(schema.item)
    return set()


def unknown_id_message(kind: str, value: Any, known: Mapping[str, Any]) -> Msg:
    near = [] if isinstance(value, bool) else difflib.get_close_matches(str(value), list(known), n=3, cutoff=0.5)
    tip: Msg | str = Msg("tip_did_you_mean", {"names": ", ".join(repr(n) for n in near)}) if near else ""
    if not near and len(known) <= 12:
        tip = Msg("tip_known", {"ids": ", ".join(sorted(known))})
    return Msg("schema_unknown_id", {"kind": Msg(f"kind_{singular(kind)}"), "value": _shown(value), "tip": tip})


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


def _shown(value: Any) -> Msg | str:
    """A value as a message shows it ('x', a list, true (...))."""
    if value is None:
        return Msg("shown_nothing")
    if isinstance(value, (LineDict, dict)):
        return Msg("shown_block")
    if isinstance(value, (LineList, list)):
        return Msg("shown_list") if value else Msg("shown_empty_list")
    if isinstance(value, bool):
        return Msg("shown_bool", {"value": str(value).lower()})
    return repr(value) if isinstance(value, str) else f"{type(value).__name__} {value!r}"


ID = Str(ID_PATTERN, "expect_id")
EMAIL = Str(EMAIL_PATTERN, "expect_email")
PHONE = Str(PHONE_PATTERN, "expect_phone")
URL = Str(URL_PATTERN, "expect_url")
