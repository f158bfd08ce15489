"""Activity plans: activities with the hours the source gives, subtotals per phase and a total (data/activity_plans.yml).

Sums are computed, never typed in data. An activity whose hours the source
states in doubt (KRUT's B6, "timmar (750 tim)") is flagged: every sum is
shown without it and, next to that, with it, so the reader sees which
figure includes the uncertain hours. Hours the source gives per participant
or per organisation are for the reader's own numbers: with a script, the
plan is a calculator of hours and cost per phase (``worksheets.js``).
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core import schema as s
from ..core.site import Render
from . import DataKind, component
from .worksheets import script_tags

UNITS = ("potential-participant", "participant", "organisation")


def _check_activity(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("hours_uncertain") and value.get("hours") is None:
        ctx.fail("hours_uncertain", "only hours the source gives can be uncertain: add hours", line)
    if value.get("hours_uncertain") and not (value.get("hours_as_written") and value.get("doubt")):
        ctx.fail("doubt", "uncertain hours quote the source (hours_as_written) and say why (doubt)", line)


PER = s.Record({"hours": s.Int(1), "unit": s.Choice(*UNITS)})
# hours: the project's own hours, where the source states them; per: the representatives' hours per unit.
ACTIVITY = s.Record(
    {"code": s.Str(), "title": s.Localized(), "hours": s.Int(0), "hours_uncertain": s.Bool(), "hours_as_written": s.Str(),
     "doubt": s.Localized(), "per": PER, "note": s.Localized()},
    optional=("hours", "hours_uncertain", "hours_as_written", "doubt", "per", "note"), post=_check_activity,
)
PHASE = s.Record({"id": s.ID, "title": s.Localized(), "activities": s.ListOf(ACTIVITY, 1)})
PLANS = DataKind("plans", "activity_plans.yml", "plans", s.Record({"id": s.ID, "title": s.Localized(), "phases": s.ListOf(PHASE, 1)}))


def _sums(activities: list[dict]) -> tuple[int, int]:
    """(hours the source states firmly, hours it states in doubt)."""
    firm = sum(a["hours"] or 0 for a in activities if not a.get("hours_uncertain"))
    doubtful = sum(a["hours"] or 0 for a in activities if a.get("hours_uncertain"))
    return firm, doubtful


def _all(plan: dict) -> list[dict]:
    return [a for ph in plan["phases"] for a in ph["activities"]]


def _totals(r: Render, label: str, activities: list[dict]) -> list[dict[str, Any]]:
    """The sum rows of a phase or plan: one, or without and with the uncertain hours."""
    firm, doubtful = _sums(activities)
    if not doubtful:
        return [{"label": label, "hours": r.number(firm), "raw": firm, "kind": "only"}]
    codes = ", ".join(a["code"] for a in activities if a.get("hours_uncertain"))
    return [
        {"label": r.t("krut_without", label=label, codes=codes), "hours": r.number(firm), "raw": firm, "kind": "firm"},
        {"label": r.t("krut_with", label=label, codes=codes), "hours": r.number(firm + doubtful), "raw": firm + doubtful, "kind": "with"},
    ]


def _activity(r: Render, a: dict) -> dict[str, Any]:
    notes = [r.text(a["doubt"])] if a.get("doubt") else []
    if a.get("per"):
        notes.append(r.t(f"krut_per_{a['per']['unit']}", hours=r.number(a["per"]["hours"])))
    if a.get("note"):
        notes.append(r.text(a["note"]))
    return {
        "code": a["code"], "title": r.text(a["title"]),
        "hours": r.number(a["hours"]) if a["hours"] is not None else None, "raw": a["hours"],
        "uncertain": bool(a.get("hours_uncertain")), "as_written": a.get("hours_as_written"),
        "per": a.get("per"), "notes": [n for n in notes if n],
    }


@component(ids={"plan_id": "plans"})
def activity_plan(r: Render, plan_id: str) -> Markup:
    """A table of activities with hours, a subtotal per phase and a total; with a script, a calculator."""
    plan = r.site.data.get("plans", plan_id)
    phases = [{
        "id": ph["id"],
        "title": r.text(ph["title"]),
        "activities": [_activity(r, a) for a in ph["activities"]],
        "subtotals": _totals(r, r.t("plan_subtotal", phase=str(r.text(ph["title"])).lower()), ph["activities"]),
    } for ph in plan["phases"]]
    activities = _all(plan)
    units = []
    for unit in UNITS:
        codes = [a["code"] for a in activities if a.get("per") and a["per"]["unit"] == unit]
        if codes:
            units.append({"id": unit, "label": r.t(f"krut_unit_{unit}", codes=", ".join(codes))})
    doubtful = [a["code"] for a in activities if a.get("hours_uncertain")]
    return r.draw("activity_plan.html", plan={"id": plan_id, "title": r.text(plan["title"])}, phases=phases,
                  totals=_totals(r, r.t("plan_total"), activities), total_raw=sum(_sums(activities)),
                  units=units, doubtful=", ".join(doubtful)) + (script_tags(r) if units else Markup(""))


@component(ids={"plan_id": "plans"})
def plan_total(r: Render, plan_id: str, include_uncertain: bool = True) -> str:
    """The plan's total hours, formatted, for running text; include_uncertain=False leaves out hours in doubt."""
    firm, doubtful = _sums(_all(r.site.data.get("plans", plan_id)))
    return r.number(firm + (doubtful if include_uncertain else 0))
