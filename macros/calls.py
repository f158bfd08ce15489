"""Find the macro calls in a page and check their ids before Jinja runs.

Parsing the page as a Jinja template with the same delimiters as
mkdocs-macros gives two things a plain build would not: a syntax error
(``{{`` in ordinary text) with the page's own line number, and every
``tool_card('x')``-style call with constant arguments, whose ids can be
checked against the data with a "did you mean".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import datetime as dt
import difflib
from typing import Iterable

import jinja2
from jinja2 import meta, nodes

from .data import SiteData
from .errors import Problem
from .schema import unknown_id_message

# Which data kind each macro's positional id and keyword filters refer to.
ID_KINDS: dict[str, str] = {
    "tool_card": "tools",
    "tool_facts": "tools",
    "process": "processes",
    "activity_plan": "plans",
    "plan_total": "plans",
    "film": "films",
    "contact_box": "contacts",
}
KEYWORD_KINDS: dict[str, str] = {
    "phase": "phases",
    "theme": "themes",
    "audience": "audiences",
    "country": "countries",
    "tool": "tools",
}
_PARSER = jinja2.Environment()

# Names mkdocs-macros itself defines on every page (besides our MACROS, the
# keys of mkdocs.yml's extra: and of the page's front matter), and Jinja's own.
MACROS_PLUGIN_NAMES: frozenset[str] = frozenset({
    "config", "page", "environment", "plugin", "git", "extra", "macros", "filters",
    "filters_builtin", "navigation", "files", "context", "macros_info", "now", "fix_url",
    *_PARSER.globals,
})
TEXT_HINT = "; to show '{{' as text write {{ '{{' }}, or add 'render_macros: false' to the front matter"


def known_names(macros: Iterable[str], extra: Iterable[str] = (), meta_keys: Iterable[str] = ()) -> frozenset[str]:
    """Every name a page's Jinja may use: macros, mkdocs-macros' variables, extra:, front matter."""
    return frozenset(macros) | MACROS_PLUGIN_NAMES | frozenset(extra) | frozenset(meta_keys)


@dataclass(frozen=True)
class Call:
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    line: int


def parse(markdown: str, shown: str, first_line: int = 1, known: frozenset[str] | None = None) -> tuple[list[Call], list[Problem]]:
    """The constant-argument macro calls in markdown, or its syntax problem.

    Given ``known`` (see ``known_names``), a name that is neither a macro nor
    a variable is a problem too: mkdocs-macros would stop the build with a
    traceback that names no file.
    """
    try:
        tree = _PARSER.parse(markdown)
    except jinja2.TemplateSyntaxError as exc:
        line = (exc.lineno or 1) + first_line - 1
        hint = TEXT_HINT if "{{" in markdown or "{%" in markdown or "{#" in markdown else ""
        return [], [Problem(shown, f"macro syntax error: {exc.message}{hint}", line=line)]
    problems = []
    if known is not None:
        unknown = meta.find_undeclared_variables(tree) - known
        for node in tree.find_all(nodes.Name):
            if node.name in unknown:
                unknown.discard(node.name)
                near = difflib.get_close_matches(node.name, sorted(known), n=3, cutoff=0.6)
                tip = f"; did you mean {', '.join(repr(n) for n in near)}?" if near else TEXT_HINT
                problems.append(Problem(shown, f"unknown macro or variable '{node.name}'{tip}", line=node.lineno + first_line - 1))
    calls = []
    for node in tree.find_all(nodes.Call):
        if not isinstance(node.node, nodes.Name):
            continue
        args = tuple(_constant(a) for a in node.args)
        kwargs = {k.key: _constant(k.value) for k in node.kwargs}
        calls.append(Call(node.node.name, args, kwargs, node.lineno + first_line - 1))
    return calls, problems


def _constant(node: nodes.Node) -> Any:
    """A literal argument's value (a list of literals too), else None: checked when rendered."""
    if isinstance(node, nodes.Const):
        return node.value
    if isinstance(node, (nodes.List, nodes.Tuple)) and all(isinstance(i, nodes.Const) for i in node.items):
        return [i.value for i in node.items]
    return None


def check(calls: list[Call], data: SiteData, shown: str) -> list[Problem]:
    """Problems with the ids in these calls."""
    problems = []
    for call in calls:
        targets: list[tuple[str, str, Any]] = []
        if call.name in ID_KINDS and call.args:
            targets.append(("id", ID_KINDS[call.name], call.args[0]))
        for key, value in call.kwargs.items():
            if key in KEYWORD_KINDS:
                targets.append((key, KEYWORD_KINDS[key], value))
        if call.name == "tool_grid" and isinstance(call.kwargs.get("ids"), list):
            targets.extend(("ids", "tools", value) for value in call.kwargs["ids"])
        if call.name == "local_date" and call.args and isinstance(call.args[0], str):
            try:
                dt.date.fromisoformat(call.args[0])
            except ValueError as exc:
                problems.append(Problem(shown, f"'{call.args[0]}' is not a real date ({exc}); write it as YYYY-MM-DD", line=call.line, entry="local_date()", field="date"))
        for field_name, kind, value in targets:
            if value is None:
                continue  # not a constant: checked when the page renders
            known = data.entries.get(kind, {})
            if value not in known:
                problems.append(Problem(shown, unknown_id_message(kind, value, known), line=call.line, entry=f"{call.name}()", field=field_name))
    return problems
