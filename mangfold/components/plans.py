"""Activity plans: activities with the hours the source gives, subtotals per phase and a total (data/activity_plans.yml).

Sums are computed, never typed in data.
"""

from __future__ import annotations

from markupsafe import Markup

from ..core import schema as s
from ..core.site import Render
from . import DataKind, component

# hours: the project's own hours, where the source states them; note: other time or resources.
ACTIVITY = s.Record({"code": s.Str(), "title": s.Localized(), "hours": s.Int(0), "note": s.Localized()}, optional=("hours", "note"))
PHASE = s.Record({"id": s.ID, "title": s.Localized(), "activities": s.ListOf(ACTIVITY, 1)})
PLANS = DataKind("plans", "activity_plans.yml", "plans", s.Record({"id": s.ID, "title": s.Localized(), "phases": s.ListOf(PHASE, 1)}))


def _hours(plan: dict) -> int:
    return sum(a["hours"] or 0 for ph in plan["phases"] for a in ph["activities"])


@component(ids={"plan_id": "plans"})
def activity_plan(r: Render, plan_id: str) -> Markup:
    """A table of activities with hours, a subtotal per phase and a total."""
    plan = r.site.data.get("plans", plan_id)
    phases = []
    for ph in plan["phases"]:
        subtotal = sum(a["hours"] or 0 for a in ph["activities"])
        phases.append({
            "id": ph["id"],
            "title": r.text(ph["title"]),
            "activities": [
                {"code": a["code"], "title": r.text(a["title"]),
                 "hours": r.number(a["hours"]) if a["hours"] is not None else None,
                 "note": r.text(a.get("note")) or ""}
                for a in ph["activities"]
            ],
            "subtotal": r.number(subtotal),
        })
    total = _hours(plan)
    return r.draw("activity_plan.html", plan={"id": plan_id, "title": r.text(plan["title"])},
                  phases=phases, total=r.number(total), total_raw=total)


@component(ids={"plan_id": "plans"})
def plan_total(r: Render, plan_id: str) -> str:
    """The plan's total hours, formatted, for running text."""
    return r.number(_hours(r.site.data.get("plans", plan_id)))
