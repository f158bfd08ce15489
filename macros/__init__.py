"""This site's own macros, for mkdocs-macros (module_name: macros in mkdocs.yml).

The toolbox's building blocks (tool cards, processes, contact boxes ...)
come from the mangfold package; a macro that only this site needs goes
here. Editors call it like a building block, with fixed values:
``{{ my_macro('x') }}``. What it returns as a plain string is Markdown
(checked like the editor's own text); return ``markupsafe.Markup`` for
HTML, and escape every value you put into it.
"""

from __future__ import annotations

from typing import Any


def define_env(env: Any) -> None:
    """mkdocs-macros calls this once per build; register the site's macros with env.macro."""
