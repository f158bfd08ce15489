"""An editor's building blocks: find them in a page, check them, render them.

An editor's Markdown is data, never a template. Between ``{{`` and ``}}``
it may hold one call of a registered building block with fixed values
(``{{ contact_box('lea-bryld') }}``, ``{{ tool_grid(phase='action-plan') }}``)
or a quoted text (``{{ '{{' }}`` shows two braces). ``{% raw %}…{% endraw %}``
shows braces as written and ``{# … #}`` is a note that is not published.
Everything else Jinja knows (names, attribute access, filters, tags,
arithmetic) is refused with the page's file and line.

Jinja's parser reads the page, so the delimiters, whitespace control and
line numbers are the ones mkdocs-macros would use; but the page is never
compiled or executed. ``render`` walks the parsed pieces and calls the
registered Python functions itself, so nothing an editor writes can reach a
Python object, the environment or the file system.
"""

from __future__ import annotations

import collections.abc
import datetime as dt
import difflib
import inspect
import secrets
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Callable, Iterable, Mapping, Protocol

import jinja2
from jinja2 import nodes
from markupsafe import Markup

from .data import SiteData
from .errors import Msg, Problem
from .schema import unknown_id_message

class Spec(Protocol):
    """What check needs to know of a building block (``mangfold.components.Component``)."""

    @property
    def signature(self) -> inspect.Signature: ...
    ids: Mapping[str, str]      # parameter -> the data kind its value (or each value of its list) is an id of
    dates: tuple[str, ...]      # parameters that are YYYY-MM-DD dates


# Only for parsing: this environment never compiles or renders anything.
_PARSER = jinja2.Environment()

TEXT_HINT = Msg("calls_text_hint")
ONLY_CALLS = Msg("calls_only_calls")
STATEMENTS = {
    nodes.For: "for", nodes.If: "if", nodes.Macro: "macro", nodes.CallBlock: "call", nodes.FilterBlock: "filter",
    nodes.With: "with", nodes.Block: "block", nodes.Include: "include", nodes.Import: "import",
    nodes.FromImport: "from", nodes.Extends: "extends", nodes.Assign: "set", nodes.AssignBlock: "set",
    nodes.ExprStmt: "do", nodes.Scope: "scope",
}


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    line: int


@dataclass
class Parsed:
    """A page cut into text and building-block calls, in order."""

    pieces: list[str | Call] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def calls(self) -> list[Call]:
        return [p for p in self.pieces if isinstance(p, Call)]


def has_markup(markdown: str) -> bool:
    return "{{" in markdown or "{%" in markdown or "{#" in markdown


def parse(markdown: str, shown: str, first_line: int = 1, known: Iterable[str] = ()) -> Parsed:
    """The page's text and calls; a problem for anything else between braces."""
    known = frozenset(known)
    parsed = Parsed()
    if not has_markup(markdown):
        parsed.pieces.append(markdown)
        return parsed
    try:
        tree = _PARSER.parse(markdown)
    except jinja2.TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + first_line - 1
        parsed.problems.append(Problem(shown, Msg("calls_syntax", {"reason": exc.message, "hint": TEXT_HINT}), line=line))
        return parsed
    for node in tree.body:
        line = node.lineno + first_line - 1
        if not isinstance(node, nodes.Output):
            tag = next((name for kind, name in STATEMENTS.items() if isinstance(node, kind)), type(node).__name__.lower())
            parsed.problems.append(Problem(shown, Msg("calls_tag", {"tag": tag, "only": ONLY_CALLS, "hint": TEXT_HINT}), line=line))
            continue
        for child in node.nodes:
            line = child.lineno + first_line - 1
            if isinstance(child, nodes.TemplateData):
                parsed.pieces.append(child.data)
            elif isinstance(child, nodes.Const) and isinstance(child.value, str):
                parsed.pieces.append(child.value)  # {{ '{{' }}: text, as written
            else:
                call, problem = _call(child, known, shown, line)
                if problem:
                    parsed.problems.append(problem)
                else:
                    parsed.pieces.append(call)
    return parsed


def _call(node: nodes.Expr, known: frozenset[str], shown: str, line: int) -> tuple[Call | None, Problem | None]:
    """A call of a known building block with fixed arguments, or the problem with it."""
    unknown = next((n.name for n in _walk(node) if isinstance(n, nodes.Name) and n.name not in known), None)
    if isinstance(node, nodes.Name):
        if node.name in known:
            return None, Problem(shown, Msg("calls_not_called", {"name": node.name}), line=line)
        return None, _unknown(node.name, known, shown, line)
    if isinstance(node, nodes.Call) and isinstance(node.node, nodes.Name) and node.node.name not in known:
        return None, _unknown(node.node.name, known, shown, line)
    if not isinstance(node, nodes.Call) or not isinstance(node.node, nodes.Name):
        return None, Problem(shown, Msg("calls_not_allowed", {"what": _describe(node, unknown), "only": ONLY_CALLS}), line=line)
    if node.dyn_args is not None or node.dyn_kwargs is not None:
        return None, Problem(shown, Msg("calls_star", {"name": node.node.name}), line=line)
    values = [*node.args, *(k.value for k in node.kwargs)]
    bad = next((v for v in values if not _is_literal(v)), None)
    if bad is not None:
        what = _describe(bad, unknown)
        return None, Problem(shown, Msg("calls_not_a_value", {"name": node.node.name, "what": what}), line=line)
    call = Call(node.node.name, tuple(_literal(a) for a in node.args), {k.key: _literal(k.value) for k in node.kwargs}, line)
    return call, None


def _walk(node: nodes.Node) -> Iterable[nodes.Node]:
    yield node
    for child in node.iter_child_nodes():
        yield from _walk(child)


def _unknown(name: str, known: frozenset[str], shown: str, line: int) -> Problem:
    near = difflib.get_close_matches(name, sorted(known), n=3, cutoff=0.6)
    tip = Msg("tip_did_you_mean", {"names": ", ".join(repr(n) for n in near)}) if near else TEXT_HINT
    return Problem(shown, Msg("calls_unknown", {"name": name, "tip": tip}), line=line)


def _describe(node: nodes.Node, unknown: str | None) -> Msg:
    """What an editor wrote, in words, for a message."""
    attribute = next((n for n in _walk(node) if isinstance(n, nodes.Getattr)), None)
    if attribute is not None:
        return Msg("calls_what_attribute", {"attr": attribute.attr})
    if any(isinstance(n, nodes.Getitem) for n in _walk(node)):
        return Msg("calls_what_index")
    flt = next((n for n in _walk(node) if isinstance(n, (nodes.Filter, nodes.Test))), None)
    if flt is not None:
        return Msg("calls_what_filter" if isinstance(flt, nodes.Filter) else "calls_what_test", {"name": flt.name})
    if unknown:
        return Msg("calls_what_name", {"name": unknown})
    if isinstance(node, nodes.Call):
        return Msg("calls_what_call")
    return Msg("calls_what_expression")


def _is_literal(node: nodes.Node) -> bool:
    if isinstance(node, nodes.Const):
        return True
    if isinstance(node, nodes.Neg) and isinstance(node.node, nodes.Const) and isinstance(node.node.value, (int, float)):
        return True
    return isinstance(node, (nodes.List, nodes.Tuple)) and all(isinstance(i, nodes.Const) for i in node.items)


def _literal(node: nodes.Node) -> Any:
    if isinstance(node, nodes.Neg):
        return -node.node.value  # type: ignore[attr-defined]
    if isinstance(node, (nodes.List, nodes.Tuple)):
        return [i.value for i in node.items]  # type: ignore[attr-defined]
    return node.value  # type: ignore[attr-defined]


def check(calls: list[Call], data: SiteData, shown: str, specs: Mapping[str, Spec]) -> list[Problem]:
    """Problems with the values and ids of these calls (before anything is drawn)."""
    problems = []
    for call in calls:
        spec = specs.get(call.name)
        if spec is None:
            continue
        signature = spec.signature
        problem = _argument_problem(signature, call)
        if problem:
            problems.append(Problem(shown, problem, line=call.line, entry=f"{call.name}()"))
            continue
        bound = signature.bind(*call.args, **call.kwargs).arguments
        for name in spec.dates:
            if isinstance(bound.get(name), str):
                try:
                    dt.date.fromisoformat(bound[name])
                except ValueError as exc:
                    problems.append(Problem(shown, Msg("schema_impossible_date", {"value": bound[name], "reason": str(exc)}),
                                            line=call.line, entry=f"{call.name}()", field="date"))
        for name, kind in spec.ids.items():
            value = bound.get(name)
            known = data.entries.get(kind, {})
            for item in value if isinstance(value, list) else [value]:
                if item is not None and item not in known and kind not in data.unreadable:
                    field_name = "id" if list(signature.parameters).index(name) == 0 and name.endswith("_id") else name
                    problems.append(Problem(shown, unknown_id_message(kind, item, known), line=call.line,
                                            entry=f"{call.name}()", field=field_name))
    return problems


def _argument_problem(signature: inspect.Signature, call: Call) -> Msg | None:
    """What is wrong with the values of a call, judged by the function's signature and annotations."""
    try:
        bound = signature.bind(*call.args, **call.kwargs)
    except TypeError as exc:
        return Msg("calls_wrong_values", {"reason": str(exc)})
    for name, value in bound.arguments.items():
        annotation = signature.parameters[name].annotation
        if not _fits(value, annotation):
            return Msg("calls_must_be", {"name": name, "what": _label(annotation), "got": repr(value)})
    return None


def _fits(value: Any, annotation: Any) -> bool:
    if annotation in (inspect.Parameter.empty, Any):
        return True
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_fits(value, a) for a in args)
    if annotation is type(None):
        return value is None
    if origin in (list, tuple, collections.abc.Iterable, collections.abc.Sequence):
        return isinstance(value, list) and all(_fits(item, args[0] if args else Any) for item in value)
    if annotation is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if annotation is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, annotation) if isinstance(annotation, type) else True


def _label(annotation: Any) -> Msg | str:
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType) and len(args) == 1:
        return _label(args[0])
    if typing.get_origin(annotation) in (list, tuple, collections.abc.Iterable, collections.abc.Sequence):
        return Msg("calls_a_list")
    key = {str: "calls_a_text", float: "calls_a_number", int: "calls_a_whole_number", bool: "calls_a_bool"}.get(annotation)
    return Msg(key) if key else str(annotation)


@dataclass
class Rendered:
    """A page's Markdown with every call done.

    A call that returns ``Markup`` (HTML a component drew) stands in the
    Markdown as a slot: a word that Markdown leaves alone, put back with
    ``fill`` after the page is converted and the editor's HTML is
    sanitised, so the components' own markup is never sanitised away. A
    call that returns plain text is Markdown, like the editor's own."""

    markdown: str
    slots: dict[str, Markup] = field(default_factory=dict)

    def fill(self, html: str) -> str:
        for slot, markup in self.slots.items():
            html = html.replace(f"<p>{slot}</p>", markup).replace(slot, markup)
        return html


class CallFailed(Exception):
    """A building block could not be drawn; the message names the page and line."""

    def __init__(self, problem: Problem) -> None:
        self.problem = problem
        super().__init__(str(problem))


def render(parsed: Parsed, call: Callable[[Call], Any], shown: str) -> Rendered:
    """Markdown with each call's result in its place (see ``Rendered``)."""
    nonce = secrets.token_hex(6)
    out: list[str] = []
    slots: dict[str, Markup] = {}
    for piece in parsed.pieces:
        if isinstance(piece, str):
            out.append(piece)
            continue
        try:
            result = call(piece)
        except CallFailed:
            raise
        except Exception as exc:  # a component's own error, e.g. an unknown id given at run time
            message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise CallFailed(Problem(shown, Msg("calls_failed", {"reason": message}), line=piece.line, entry=f"{piece.name}()")) from None
        if isinstance(result, Markup):
            slot = f"mfslot{nonce}n{len(slots)}z"
            slots[slot] = result
            out.append(slot)
        else:
            out.append("" if result is None else str(result))
    return Rendered("".join(out), slots)
