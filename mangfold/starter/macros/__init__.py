"""This site's own macros, for mkdocs-macros (module_name: macros in mkdocs.yml).

The toolbox's building blocks (tool cards, processes, contact boxes ...)
come from the mangfold package; put a macro here only if this site needs
it and the package has nothing like it. Editors call it like a building
block, with fixed values: ``{{ my_macro('x') }}``. What it returns as a
plain string is Markdown (checked like the editor's own text); return
``markupsafe.Markup`` for HTML, and escape every value you put into it.
"""

from __future__ import annotations

from typing import Any

# An example: uncomment it, and an editor can write {{ highlight('Deadline: 1 May') }}.
#
# from markupsafe import Markup
#
#
# def define_env(env: Any) -> None:
#     @env.macro
#     def highlight(text: str) -> Markup:
#         """The text, marked as highlighted."""
#         # Markup.format escapes every value it is given: <, > and & in text stay text.
#         return Markup("<mark>{}</mark>").format(text)


def define_env(env: Any) -> None:
    """mkdocs-macros calls this once per build; register the site's macros with env.macro."""
