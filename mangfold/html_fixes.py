"""Markup fixes Material's templates do not let us make in a block override.

Material writes ``autocomplete="off"`` on the hidden checkboxes that open its
drawer and search, so that Firefox does not restore them when a reader goes
Back (its script also closes both on load). HTML does not allow the attribute
on a checkbox, and the Nu HTML Checker reports it on every page. The
checkboxes are written outside any template block, so the fix is made on the
finished page.
"""

from __future__ import annotations

import re

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+") autocomplete="off">')


def valid_html(html: str) -> str:
    """The page with the checkbox attributes HTML does not allow removed."""
    return _TOGGLE.sub(r"\1>", html)
