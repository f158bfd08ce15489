"""Local experiences: one Markdown page per case, its facts in the front matter.

Building blocks: the case index (newest first, with filters) and the fact
box on each case page. A case in one language is listed in every language,
marked with the language it is written in, until it is translated.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from markupsafe import Markup

from ..core import schema as s
from ..core.content_index import PageInfo
from ..core.site import Render
from . import PageKind, component
from .contacts import contact_view
from .taxonomy import label


def cases(r: Render) -> list[PageInfo]:
    """The cases a reader sees: their own language's, or another's where missing, newest first.

    Computed once per build and language: every tool page asks, and scanning
    all pages each time would make the build quadratic in the number of cases.
    """
    memo_key = ("cases", r.lang.code)
    if memo_key not in r.site.memo:
        keys = sorted({p.key for p in r.site.index.pages.values() if p.kind == "case"})
        pages = [p for p in (r.page_in(k) for k in keys) if p]
        r.site.memo[memo_key] = tuple(sorted(pages, key=newest_first))
    return list(r.site.memo[memo_key])


def newest_first(page: PageInfo) -> tuple:
    """By the case's date: its source's own date, else 1 January of its year; undated last."""
    dated = page.meta.get("source_date")
    if not hasattr(dated, "toordinal"):
        dated = dt.date(page.meta["year"], 1, 1) if page.meta.get("year") else None
    return (-(dated.toordinal() if dated else 0), page.meta["title"].lower())


def cases_using(r: Render, tool_id: str) -> list[PageInfo]:
    """The cases (as in `cases`) whose front matter lists the tool, newest first."""
    memo_key = ("cases_by_tool", r.lang.code)
    if memo_key not in r.site.memo:
        by_tool: dict[str, list[PageInfo]] = {}
        for page in cases(r):
            for used in dict.fromkeys(page.meta.get("tools") or []):
                by_tool.setdefault(used, []).append(page)
        r.site.memo[memo_key] = by_tool
    return list(r.site.memo[memo_key].get(tool_id, ()))


def case_view(r: Render, page: PageInfo) -> dict[str, Any]:
    meta = page.meta
    return {
        "key": page.slug,
        "title": meta["title"],
        "summary": meta["summary"],
        "text_lang": r.site.languages[page.lang].html_lang,
        "href": r.href(f"{r.lang.code}/{page.url.split('/', 1)[1]}"),
        "organisation": meta["organisation"],
        "country": meta["country"],
        "country_label": label(r, "countries", meta["country"]),
        "year": meta["year"],
        "themes": [(t, label(r, "themes", t)) for t in meta["themes"]],
    }


@component(ids={"country": "countries", "theme": "themes", "tool": "tools"})
def case_list(r: Render, country: str | None = None, theme: str | None = None,
              tool: str | None = None, limit: int | None = None, filters: bool = True) -> Markup:
    """The case index, newest first, built from the case pages themselves."""
    listed = cases(r)
    pages = {p.slug: p for p in listed}
    shown = [
        c for c in (case_view(r, p) for p in listed)
        if (country is None or c["country"] == country)
        and (theme is None or theme in dict(c["themes"]))
        and (tool is None or tool in (pages[c["key"]].meta.get("tools") or []))
    ]
    if limit:
        shown = shown[:limit]
    facets = [
        ("country", sorted({(c["country"], c["country_label"]) for c in shown}, key=lambda x: x[1])),
        ("theme", sorted({t for c in shown for t in c["themes"]}, key=lambda x: x[1])),
    ]
    return r.draw("case_list.html", cases=shown, facets=facets, filters=filters and not limit)


def case_facts(r: Render, page: PageInfo) -> Markup:
    """The fact box at the top of a case page, from its front matter."""
    from .tools import tool_view

    meta = page.meta
    view = case_view(r, page)
    view["tools"] = [tool_view(r, t) for t in (meta.get("tools") or [])]
    view["contacts"] = [contact_view(r, c) for c in (meta.get("contacts") or [])]
    view["source"] = meta.get("source")
    dated = meta.get("source_date")
    view["source_date"] = r.date(dated) if hasattr(dated, "toordinal") else (r.t("source_undated") if dated == "undated" else None)
    view["source_language"] = r.language_name(meta["source_language"]) if meta.get("source_language") else None
    return r.draw("case_facts.html", case=view)


CASE_PAGE = PageKind(
    "case", "cases",
    {
        "summary": s.Str(),
        "organisation": s.Str(),
        "country": s.Ref("countries"),
        "year": s.Int(1900),
        "themes": s.ListOf(s.Ref("themes"), 1),
        "tools": s.ListOf(s.Ref("tools")),
        "contacts": s.ListOf(s.Ref("contacts")),
        "films": s.ListOf(s.Ref("films")),
    },
    required=("title", "summary", "organisation", "country", "themes", "source_language"),
    facts=case_facts,
)
