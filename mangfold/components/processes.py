"""Process descriptions: phases in order, each with a goal, activities and its tools (data/processes.yml)."""

from __future__ import annotations

from markupsafe import Markup

from ..core import schema as s
from ..core.site import Render
from . import DataKind, PageKind, component
from .tools import tool_view

PHASE = s.Record(
    {
        "id": s.ID,
        "title": s.Localized(),
        "goal": s.Localized(),
        "activities": s.Localized(s.ListOf(s.Str(), 1)),
        "tools": s.ListOf(s.Ref("tools")),
    },
    optional=("tools",),
)
PROCESSES = DataKind("processes", "processes.yml", "processes", s.Record(
    {"id": s.ID, "title": s.Localized(), "summary": s.Localized(), "phases": s.ListOf(PHASE, 1)}
))


@component(ids={"process_id": "processes"})
def process(r: Render, process_id: str) -> Markup:
    """A process as an ordered sequence of phases with goals, activities and tools."""
    proc = r.site.data.get("processes", process_id)
    phases = [
        {
            "id": ph["id"],
            "title": r.text(ph["title"]),
            "goal": r.text(ph["goal"]),
            "activities": r.text(ph["activities"]),
            "tools": [tool_view(r, t) for t in (ph.get("tools") or [])],
        }
        for ph in proc["phases"]
    ]
    return r.draw("process.html", process={"id": process_id, "title": r.text(proc["title"])}, phases=phases)


# <lang>/processes/<id>.md frames the process <id> of data/processes.yml.
PROCESS_PAGE = PageKind("process", "processes", {}, required=("title",), named_after="processes")
