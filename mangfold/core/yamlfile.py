"""Read a YAML file strictly and remember the line of every key.

PyYAML alone accepts duplicate keys, turns an impossible date into a
traceback, reports a tab as "cannot start any token" and expands aliases
without limit (a few lines of ``&a [*b, *b, ...]`` make billions of nodes).
Editors need one line that names the file and says what to do, so this
loader wraps those cases and returns mappings that know their own line
numbers. It parses with libyaml (``CSafeLoader``) where PyYAML has it:
about 20 times faster, with the same marks and constructors.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml

from .errors import ContentError, Msg, Problem


class LineDict(dict):
    """A mapping that also knows the line of itself and of each key."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.line = 0
        self.key_lines: dict[str, int] = {}

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineList(list):
    def __init__(self, *args: Any) -> None:
        super().__init__(*args)
        self.line = 0
        self.item_lines: list[int] = []


class InvalidDate(str):
    """A value written like a date that is not one (2024-13-40).

    Kept as text with the reason, so the schema reports it with its entry and
    field (a Date field rejects it; a text field takes it as written) and the
    rest of the file is still checked.
    """

    reason: str = ""


# A document may hold at most this many values once its aliases are expanded.
# This site's largest file has about 2,000; a file over the limit is refused
# before anything is built from it.
MAX_NODES = 200_000

_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_Base):  # type: ignore[misc, valid-type]
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> LineDict:
    result = LineDict()
    result.line = node.start_mark.line + 1
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool, dt.date)) and key is not None:
            raise yaml.constructor.ConstructorError(
                None, None, "a key must be a plain word or text, not a list or block", key_node.start_mark
            )
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
    """The file's text, or a ContentError if it is not UTF-8.

    A byte-order mark at the start is dropped, as MkDocs drops it."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(shown_as, Msg("yaml_not_utf8", {"byte": exc.start}))]) from None
    except OSError as exc:
        raise ContentError([Problem(shown_as, Msg("yaml_unreadable", {"reason": exc.strerror or str(exc)}))]) from None


def _expanded_size(root: yaml.Node, shown_as: str) -> int:
    """How many values the document holds with every alias written out.

    Counted on the parsed nodes, where an alias is a second reference to the
    same node: linear in the file's size, however large the expansion."""
    sizes: dict[int, int] = {}
    active: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            active.discard(key)
            sizes[key] = min(MAX_NODES + 1, 1 + sum(sizes[id(child)] for child in _children(node)))
            continue
        if key in sizes:
            continue
        if key in active:
            raise ContentError([Problem(shown_as, Msg("yaml_alias_loop"),
                                        line=node.start_mark.line + 1)])
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def parse(text: str, shown_as: str, line_offset: int = 0) -> Any:
    """Parse YAML text; any syntax problem becomes one Problem with its line."""
    if "\t" in text:
        for number, content in enumerate(text.splitlines(), start=1):
            if "\t" in content.split("#", 1)[0]:
                raise ContentError([Problem(shown_as, Msg("yaml_tab"), line=number + line_offset)])
    # Blank lines in front keep every mark (key lines too) at the file's own line number.
    loader = _Loader("\n" * line_offset + text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        # An alias is written *name: without a "*" the document is exactly as large as its text.
        if "*" in text and _expanded_size(node, shown_as) > MAX_NODES:
            raise ContentError([Problem(shown_as, Msg("yaml_alias_bomb", {"limit": f"{MAX_NODES:,}"}))])
        return loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        reason = exc.problem or str(exc)
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            reason += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        raise ContentError([Problem(shown_as, Msg("yaml_invalid", {"reason": reason}), line=line)]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, max(0, exc.position - line_offset)) + 1 + line_offset
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else f"U+{ord(exc.character):04X}"
        raise ContentError([Problem(shown_as, Msg("yaml_control_character", {"char": char}), line=line)]) from None
    except yaml.YAMLError as exc:
        raise ContentError([Problem(shown_as, Msg("yaml_invalid", {"reason": " ".join(str(exc).split())}))]) from None
    except RecursionError:
        raise ContentError([Problem(shown_as, Msg("yaml_too_deep"))]) from None
    finally:
        loader.dispose()


def load(path: Path, shown_as: str) -> Any:
    return parse(read_text(path, shown_as), shown_as)
