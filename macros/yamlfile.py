"""Read a YAML file strictly and remember the line of every key.

PyYAML alone accepts duplicate keys, turns an impossible date into a
traceback and reports a tab as "cannot start any token". Editors need one
line that names the file and says what to do, so this loader wraps those
cases and returns mappings that know their own line numbers.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Problem


class LineDict(dict):
    """A mapping that also knows the line of itself and of each key."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    line: int = 0
    item_lines: list[int]


class InvalidDate(str):
    """A value written like a date that is not one (2024-13-40).

    Kept as text with the reason, so the schema reports it with its entry and
    field (a Date field rejects it; a text field takes it as written) and the
    rest of the file is still checked.
    """

    reason: str = ""


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key '{key}' appears twice in the same block", key_node.start_mark
            )
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[str(key)] = key_node.start_mark.line + 1
    return result


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> LineList:
    result = LineList(loader.construct_object(item, deep=True) for item in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [item.start_mark.line + 1 for item in node.value]
    return result


def _timestamp(loader: _Loader, node: yaml.ScalarNode) -> dt.date | InvalidDate:
    try:
        return yaml.SafeLoader.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        invalid = InvalidDate(node.value)
        invalid.reason = str(exc)
        return invalid


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)


def read_text(path: Path, shown_as: str) -> str:
    """The file's text, or a ContentError if it is not UTF-8."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(shown_as, f"is not UTF-8 text (byte {exc.start}); save it as UTF-8")]) from None


def parse(text: str, shown_as: str, line_offset: int = 0) -> Any:
    """Parse YAML text; any syntax problem becomes one Problem with its line."""
    if "\t" in text:
        for number, content in enumerate(text.splitlines(), start=1):
            if "\t" in content.split("#", 1)[0]:
                raise ContentError([Problem(shown_as, "contains a tab; YAML indents with spaces only", line=number + line_offset)])
    try:
        # Blank lines in front keep every mark (key lines too) at the file's own line number.
        return yaml.load("\n" * line_offset + text, Loader=_Loader)  # noqa: S506 - _Loader is a SafeLoader
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or str(exc)
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            reason += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise ContentError([Problem(shown_as, f"is not valid YAML: {reason}", line=line)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(shown_as, f"is not valid YAML: {exc}")]) from None


def load(path: Path, shown_as: str) -> Any:
    return parse(read_text(path, shown_as), shown_as)
