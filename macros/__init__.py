"""The macros editors call in Markdown, registered for mkdocs-macros.

Each macro finds the page being rendered (its language and URL) and hands
over to ``components``, where the data is looked up and the template drawn.
Tool and case pages get their fact box without the editor writing a macro:
the mangfold plugin puts it at the top of the page.
"""

from __future__ import annotations

from typing import Any, Callable

from markupsafe import Markup

from . import components
from .components import Here
from .languages import DEFAULT, language_of
from .site import current

MACROS: tuple[str, ...] = (
    "tool_card", "tool_grid", "tool_catalogue", "tool_facts", "process", "activity_plan",
    "plan_total", "case_list", "film", "film_list", "contact_box", "contact_list",
    "local_date", "local_number", "owner_name", "owner_email",
)


def here_of(page: Any) -> Here:
    """Language and URL of the page mkdocs-macros is rendering."""
    return Here(language_of(page.file.src_uri) or DEFAULT, page.url)


def _bind(env: Any, name: str) -> Callable[..., Any]:
    draw = getattr(components, name)

    def macro(*args: Any, **kwargs: Any) -> Any:
        return draw(current(), here_of(env.page), *args, **kwargs)

    macro.__name__ = name
    macro.__doc__ = draw.__doc__
    return macro


def define_env(env: Any) -> None:
    """Register every macro; mkdocs-macros calls this once per build."""
    for name in MACROS:
        env.macro(_bind(env, name), name)
