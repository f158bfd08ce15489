"""Small building blocks for running text: dates, numbers, who answers for the site."""

from __future__ import annotations

import datetime as dt

from markupsafe import Markup

from ..core.site import Render
from . import component


@component(dates=("value",))
def local_date(r: Render, value: str) -> str:
    """A date in the reader's form: {{ local_date('2010-01-22') }} -> 22. januar 2010."""
    return r.date(dt.date.fromisoformat(value))


@component()
def local_number(r: Render, value: float) -> str:
    """A number in the reader's form: {{ local_number(1830) }} -> 1.830 / 1 830."""
    return r.number(value)


@component()
def owner_name(r: Render) -> Markup:
    """Who answers for the site, in running text."""
    return Markup.escape(r.site.owner.get("name") or r.t("owner_default_name"))


@component()
def owner_email(r: Render) -> Markup:
    """The site's e-mail address as a link."""
    return Markup('<a href="mailto:{0}">{0}</a>').format(r.site.owner.get("email") or "")
