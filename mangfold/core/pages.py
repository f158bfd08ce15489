"""An editor's page from its Markdown to its published HTML, but for Markdown itself.

The same three steps for the build (whatever engine runs it) and for
``mangfold check``:

1. ``read``: the page's building blocks parsed and checked (``calls``);
2. ``draw``: each block called with the page it is on, its HTML kept apart;
3. ``publish``: the HTML Markdown made of the editor's text judged and
   sanitised (``html_policy``), then the blocks' HTML put in.
"""

from __future__ import annotations

import functools
import inspect
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Protocol

from . import calls, html_policy
from .data import SiteData
from .errors import ContentError


class Block(Protocol):
    """A building block editors may call: a component, or a macro of the site's own."""

    name: str
    ids: Mapping[str, str]
    dates: tuple[str, ...]

    @property
    def signature(self) -> inspect.Signature: ...

    def call(self, render: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any: ...


@dataclass(frozen=True)
class SiteMacro:
    """A macro the site's own module registered with mkdocs-macros (``env.macro``).

    It gets the editor's values only; what it returns as a plain string is
    Markdown (sanitised like the editor's text), as Markup it is HTML."""

    name: str
    function: Callable[..., Any]
    ids: Mapping[str, str] = field(default_factory=dict)
    dates: tuple[str, ...] = ()

    @functools.cached_property
    def signature(self) -> inspect.Signature:
        return inspect.signature(self.function)

    def call(self, render: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> Any:
        return self.function(*args, **kwargs)


def read(markdown: str, shown: str, first_line: int, blocks: Mapping[str, Block], data: SiteData,
         render_macros: bool = True) -> calls.Parsed:
    """The page cut into text and checked calls; ContentError if anything is wrong."""
    parsed = calls.parse(markdown, shown, first_line, blocks) if render_macros else calls.Parsed([markdown])
    problems = parsed.problems + calls.check(parsed.calls, data, shown, blocks)
    if problems:
        raise ContentError(problems)
    return parsed


def draw(parsed: calls.Parsed, blocks: Mapping[str, Block], render: Any, shown: str) -> calls.Rendered:
    """Markdown with each block's result in place (HTML as slots); ContentError if one fails."""
    try:
        return calls.render(parsed, lambda c: blocks[c.name].call(render, c.args, c.kwargs), shown)
    except calls.CallFailed as exc:
        raise ContentError([exc.problem]) from None


def publish(html: str, rendered: calls.Rendered, shown: str, source: str, first_line: int) -> str:
    """The page's HTML made safe and complete; ContentError for HTML an editor may not write."""
    problems = html_policy.problems(html, shown, source, first_line)
    if problems:
        raise ContentError(problems)
    return rendered.fill(html_policy.clean(html))
