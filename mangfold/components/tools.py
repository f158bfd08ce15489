"""Tools: the method cards. Facts in data/tools.yml, text in <lang>/tools/<id>.md.

Building blocks: a card, a grid of cards, the catalogue with filters, and
the fact box on each tool's own page (with the processes and cases the tool
belongs to).
"""

from __future__ import annotations

from typing import Any, Iterable

from markupsafe import Markup

from ..core import schema as s
from ..core.errors import Msg
from ..core.content_index import PageInfo
from ..core.site import Render
from . import DataKind, PageKind, component
from .taxonomy import label
from .worksheets import blank_worksheet


def _check_range(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("min") and value.get("max") and value["min"] > value["max"]:
        ctx.fail("max", Msg("range_max_below_min", {"min": value["min"]}), line)
    if value.get("basis") == "source" and not value.get("source"):
        ctx.fail("source", Msg("range_source_missing"), line)


# A figure says where it comes from: a named source, or the toolbox's own estimate.
RANGE = s.Record(
    {"min": s.Int(1), "max": s.Int(1), "basis": s.Choice("estimate", "source"), "source": s.Str()},
    optional=("source",), post=_check_range,
)

TOOLS = DataKind("tools", "tools.yml", "tools", s.Record(
    {
        "id": s.ID,
        "phase": s.Ref("phases"),
        "themes": s.ListOf(s.Ref("themes"), 1),
        "audience": s.ListOf(s.Ref("audiences"), 1),
        "minutes": RANGE,
        "participants": RANGE,
        "worksheet": s.ContentPath("assets/worksheets/gap-analysis.docx"),
        "law": s.ListOf(s.Ref("legal_steps")),  # the legal steps the tool serves (data/law.yml)
    },
    optional=("worksheet", "law"),
))


def _values(r: Render, low: int, high: int) -> str:
    return r.number(low) if low == high else f"{r.number(low)}–{r.number(high)}"


def duration(r: Render, minutes: dict[str, int]) -> str:
    low, high = minutes["min"], minutes["max"]
    if high < 120:
        return r.t("unit_minutes", value=_values(r, low, high))
    low_h, high_h = round(low / 60, 1), round(high / 60, 1)
    return r.t("unit_hours", value=r.number(low_h) if low_h == high_h else f"{r.number(low_h)}–{r.number(high_h)}")


def _basis(r: Render, figure: dict[str, Any]) -> str:
    """Where a figure comes from, said next to it: the toolbox's estimate, or its source."""
    if figure.get("basis") == "source":
        return r.t("figure_source", source=figure["source"])
    return r.t("figure_estimate")


def tool_view(r: Render, tool_id: str) -> dict[str, Any]:
    """What a card or fact box shows of one tool, in the reader's language."""
    tool = r.site.data.get("tools", tool_id)
    page = r.page_in(f"tools/{tool_id}.md")
    return {
        "id": tool_id,
        "title": page.meta["title"] if page else tool_id,
        "purpose": page.meta.get("purpose", "") if page else "",
        "text_lang": r.site.languages[page.lang].html_lang if page else None,
        "href": r.href(f"{r.lang.code}/tools/{tool_id}/"),
        "phase": tool["phase"],
        "phase_label": label(r, "phases", tool["phase"]),
        "themes": [(t, label(r, "themes", t)) for t in tool["themes"]],
        "audience": [(a, label(r, "audiences", a)) for a in tool["audience"]],
        "time": duration(r, tool["minutes"]),
        "time_basis": _basis(r, tool["minutes"]),
        "participants": r.t("unit_people", value=_values(r, tool["participants"]["min"], tool["participants"]["max"])),
        "participants_basis": _basis(r, tool["participants"]),
        # A file an editor put in content/ wins; else the blank sheet the build writes from data/worksheets.yml.
        "worksheet": r.href(tool["worksheet"]) if tool.get("worksheet") else blank_worksheet(r, tool_id),
    }


@component(ids={"tool_id": "tools"})
def tool_card(r: Render, tool_id: str) -> Markup:
    """One tool as a card."""
    return r.draw("tool_card.html", tool=tool_view(r, tool_id), heading="h3")


@component(ids={"phase": "phases", "theme": "themes", "audience": "audiences", "ids": "tools"})
def tool_grid(r: Render, phase: str | None = None, theme: str | None = None,
              audience: str | None = None, ids: Iterable[str] | None = None) -> Markup:
    """Cards for the tools matching every filter given (or exactly `ids`)."""
    chosen = list(ids) if ids is not None else list(r.site.data.entries["tools"])
    tools = [
        t for t in (tool_view(r, i) for i in chosen)
        if (phase is None or t["phase"] == phase)
        and (theme is None or theme in dict(t["themes"]))
        and (audience is None or audience in dict(t["audience"]))
    ]
    return r.draw("tool_grid.html", tools=tools)


@component()
def tool_catalogue(r: Render) -> Markup:
    """Every tool with filters by phase, theme, audience and free text."""
    data = r.site.data.entries
    tools = [tool_view(r, i) for i in data["tools"]]
    facets = [
        (name, [(e["id"], r.plain(e["label"])) for e in data[kind].values()])
        for name, kind in (("phase", "phases"), ("theme", "themes"), ("audience", "audiences"))
    ]
    phases = [(p["id"], r.plain(p["label"])) for p in data["phases"].values()]
    return r.draw("tool_catalogue.html", tools=tools, facets=facets, phases=phases)


@component(ids={"tool_id": "tools"})
def tool_facts(r: Render, tool_id: str) -> Markup:
    """The fact box at the top of a tool's page, with where it is used."""
    from .cases import case_view, cases_using

    processes = [
        {"id": p["id"], "title": r.text(p["title"]), "phase": r.text(ph["title"])}
        for p in r.site.data.entries["processes"].values()
        for ph in p["phases"] if tool_id in (ph.get("tools") or [])
    ]
    cases = [case_view(r, p) for p in cases_using(r, tool_id)]
    return r.draw("tool_facts.html", tool=tool_view(r, tool_id), cases=cases, processes=processes)


def _facts(r: Render, page: PageInfo) -> Markup:
    from .law import tool_law

    return Markup(tool_facts(r, page.slug)) + tool_law(r, page.slug)


TOOL_PAGE = PageKind("tool", "tools", {"purpose": s.Str()}, required=("title", "purpose"), named_after="tools", facts=_facts)
