"""What the law asks of employers in each country, and which tools serve each legal step (data/law.yml).

The facts live once, in data: the pages they rest on (``sources``), each
country's legal steps (``steps``), the duties with who they apply to
(``obligations``) and per country who to ask and what is not confirmed
(``countries``). A tool names the steps it serves in data/tools.yml
(``law: [se-1, no-1, dk-1]``).

Building blocks: ``law_notice`` (guidance, not legal advice; who to ask),
``law_check`` ("which duties apply to us?": computed in the browser by
law.js, and the same answer as plain tables), ``law_country`` (one country's
duties, steps, tools and sources) and ``law_steps`` (a process's phases next
to each country's legal steps). ``tool_law`` draws a tool's legal mapping on
its page (called by the tool's fact box). ``mangfold check`` warns when a
source was last checked more than 12 months ago.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Callable, Iterable, Iterator

from markupsafe import Markup

from ..core import schema as s
from ..core.errors import Problem
from ..core.site import Render
from . import DataKind, component
from .taxonomy import label
from .tools import tool_view

STYLESHEETS = ("assets/stylesheets/law.css",)
SCRIPT = "assets/javascripts/law.js"
SECTORS = ("public", "private")
# How long a source may go unread before `mangfold check` says so.
RECHECK_MONTHS = 12


def _keep_line(value: dict, ctx: s.Context, line: int | None) -> None:
    # The warning about a stale date names its line; the validated entry has no lines of its own.
    value["line"] = line


def _check_rule(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("min") and value.get("max") and value["min"] > value["max"]:
        ctx.fail("max", f"must be at least min ({value['min']})", line)


def _check_step(value: dict, ctx: s.Context, line: int | None) -> None:
    if not value.get("voluntary") and not value.get("basis"):
        ctx.fail("basis", "a legal step needs its basis: the law and section, e.g. basis: Diskrimineringslagen (2008:567) 3 kap. "
                          "(or voluntary: true where no law asks for it)", line)


def _check_obligation(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("kind") != "voluntary" and not value.get("basis"):
        ctx.fail("basis", "a duty needs its basis: the law and section, e.g. basis: Ligestillingsloven § 4", line)
    steps = ctx.known.get("legal_steps", {})
    for i, step_id in enumerate(value.get("steps") or []):
        step = steps.get(step_id) if step_id else None
        if step and value.get("country") and step["country"] != value["country"]:
            ctx.fail(f"steps[{i + 1}]", f"step '{step_id}' belongs to country '{step['country']}', not '{value['country']}'", line)


def _check_country(value: dict, ctx: s.Context, line: int | None) -> None:
    known = ctx.known.get("countries", {})
    if value.get("id") and value["id"] not in known:
        ctx.fail("id", s.unknown_id_message("countries", value["id"], known), line)


# A page a statement rests on, and the day someone last read it against our text.
CITATION = s.Record({"source": s.Ref("legal_sources"), "checked": s.Date()}, post=_keep_line)
CITATIONS = s.ListOf(CITATION, 1)
RULE = s.Record(
    {"sector": s.Choice(*SECTORS, "any"), "min": s.Int(1), "max": s.Int(1), "condition": s.Localized()},
    optional=("min", "max", "condition"), post=_check_rule,
)
NOTE = s.Record({"text": s.Localized(), "sources": CITATIONS})

LEGAL_SOURCES = DataKind("legal_sources", "law.yml", "sources", s.Record(
    {
        "id": s.ID,
        "country": s.Ref("countries"),
        "kind": s.Choice("law", "bill", "guidance"),
        "publisher": s.Str(),
        "title": s.Str(),
        "version": s.Str(),
        "lang": s.Choice("da", "nb", "sv", "en"),
        "url": s.URL,
    },
    optional=("country", "version"),
))


def stale(kind: str) -> Callable[[dict[str, dict[str, Any]], str, dt.date], list[Problem]]:
    """Warnings for mangfold check: every checked: date more than RECHECK_MONTHS before today."""
    def warnings(entries: dict[str, dict[str, Any]], shown: str, today: dt.date) -> list[Problem]:
        limit = months_before(today, RECHECK_MONTHS)
        found = []
        for entry_id, entry in entries.items():
            for field, citation in citations(entry):
                checked = citation.get("checked")
                if isinstance(checked, dt.date) and checked < limit:
                    found.append(Problem(
                        shown, f"last checked {checked.isoformat()}, more than {RECHECK_MONTHS} months ago: read the source again, "
                               "correct the text where the law or the guidance changed, and set checked to the day you read it",
                        line=citation.get("line"), entry=f"{s.singular(kind)} '{entry_id}'", field=f"{field}.checked"))
        return found
    return warnings


def months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def citations(entry: dict[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Every (field path, citation) in an entry: its sources and those of its ask, notes and pending lists."""
    for i, citation in enumerate(entry.get("sources") or []):
        if citation:
            yield f"sources[{i + 1}]", citation
    for group in ("ask", "notes", "pending"):
        value = entry.get(group)
        if not isinstance(value, list):
            continue
        for j, item in enumerate(value):
            for i, citation in enumerate((item or {}).get("sources") or []):
                if citation:
                    yield f"{group}[{j + 1}].sources[{i + 1}]", citation


LEGAL_STEPS = DataKind("legal_steps", "law.yml", "steps", s.Record(
    {
        "id": s.ID,
        "country": s.Ref("countries"),
        "number": s.Int(1),
        "term": s.Str(),
        "phase": s.Ref("phases"),
        "voluntary": s.Bool(),
        "label": s.Localized(),
        "text": s.Localized(),
        "basis": s.Str(),
        "sources": CITATIONS,
    },
    optional=("voluntary", "basis"), post=_check_step,
), warnings=stale("legal_steps"))

OBLIGATIONS = DataKind("obligations", "law.yml", "obligations", s.Record(
    {
        "id": s.ID,
        "country": s.Ref("countries"),
        "kind": s.Choice("method", "general", "related", "report", "authority", "prohibition", "voluntary"),
        "term": s.Str(),
        "name": s.Localized(),
        "summary": s.Localized(),
        "applies": s.ListOf(RULE, 1),
        "steps": s.ListOf(s.Ref("legal_steps"), 1),
        "frequency": s.Localized(),
        "cooperation": s.Localized(),
        "documentation": s.Localized(),
        "basis": s.Str(),
        "sources": CITATIONS,
        "pending": s.Localized(),
    },
    optional=("term", "steps", "frequency", "cooperation", "documentation", "basis", "pending"), post=_check_obligation,
), warnings=stale("obligations"))

JURISDICTIONS = DataKind("jurisdictions", "law.yml", "countries", s.Record(
    {
        "id": s.ID,
        "summary": s.Localized(),
        "sources": CITATIONS,
        "ask": s.ListOf(s.Record({"name": s.Str(), "source": s.Ref("legal_sources"), "role": s.Localized(),
                                "sources": CITATIONS}), 1),
        "notes": s.ListOf(NOTE),
        "pending": s.ListOf(NOTE),
    },
    optional=("notes", "pending"), post=_check_country,
), warnings=stale("jurisdictions"))


# ------------------------------------------------------------------ who a duty applies to

def matching_rule(obligation: dict[str, Any], sector: str, employees: int) -> dict[str, Any] | None:
    """The rule by which the duty applies to this employer, or None; a rule without a condition wins."""
    matches = [
        rule for rule in obligation["applies"]
        if rule["sector"] in ("any", sector)
        and (rule.get("min") is None or employees >= rule["min"])
        and (rule.get("max") is None or employees <= rule["max"])
    ]
    return next((m for m in matches if not m.get("condition")), matches[0] if matches else None)


def duties(site_data: Any, country: str, sector: str, employees: int) -> list[tuple[dict[str, Any], dict[str, Any]]]:
    """Every duty of `country` that applies to this employer, with the rule it applies by."""
    found = []
    for obligation in site_data.entries["obligations"].values():
        if obligation["country"] != country:
            continue
        rule = matching_rule(obligation, sector, employees)
        if rule is not None:
            found.append((obligation, rule))
    return found


def bands(obligations: Iterable[dict[str, Any]], sector: str) -> list[tuple[int, int | None]]:
    """Employee counts between which nothing changes for this sector: [(1, 9), (10, 24), (25, None)]."""
    edges = set()
    for obligation in obligations:
        for rule in obligation["applies"]:
            if rule["sector"] not in ("any", sector):
                continue
            if rule.get("min"):
                edges.add(rule["min"])
            if rule.get("max"):
                edges.add(rule["max"] + 1)
    starts = sorted({1, *edges})
    return [(low, (starts[i + 1] - 1) if i + 1 < len(starts) else None) for i, low in enumerate(starts)]


# ------------------------------------------------------------------ views

def country_order(r: Render) -> list[str]:
    """The countries with legal data, the reader's own first (by the site language's country)."""
    known = [c for c in r.site.data.entries["countries"] if c in r.site.data.entries["jurisdictions"]]
    own = r.lang.country
    return sorted(known, key=lambda c: c != own)


def _html_lang_of_country(r: Render, country: str | None) -> str | None:
    return next((lang.html_lang for lang in r.site.languages if lang.country == country), None)


def _other(r: Render, html_lang: str | None) -> str | None:
    """`html_lang` when it differs from the page's, for a lang attribute."""
    return html_lang if html_lang and html_lang != r.lang.html_lang else None


def _tools_by_step(r: Render) -> dict[str, list[str]]:
    key = ("law", "tools_by_step")
    if key not in r.site.memo:
        found: dict[str, list[str]] = {}
        for tool_id, tool in r.site.data.entries["tools"].items():
            for step_id in tool.get("law") or []:
                found.setdefault(step_id, []).append(tool_id)
        r.site.memo[key] = found
    return r.site.memo[key]


def _law_href(r: Render, anchor: str = "") -> str | None:
    if r.page_in("law.md") is None:
        return None
    return r.href(f"{r.lang.code}/law/") + (f"#{anchor}" if anchor else "")


def _term(r: Render, term: str | None, name: str, country: str) -> str | None:
    """The law's own word, where it adds something: in another language than the page, or not in the name."""
    if not term:
        return None
    if _other(r, _html_lang_of_country(r, country)) or term.lower() not in name.lower():
        return term
    return None


def source_view(r: Render, citation: dict[str, Any]) -> dict[str, Any]:
    source = r.site.data.get("legal_sources", citation["source"])
    return {
        "id": source["id"],
        "publisher": source["publisher"],
        "title": source["title"],
        "version": source.get("version"),
        "lang": _other(r, source["lang"]),
        "url": source["url"],
        "checked": r.date(citation["checked"]),
        "checked_iso": citation["checked"].isoformat(),
    }


def rule_text(r: Render, rule: dict[str, Any]) -> str:
    """'private arbejdsgivere med 20–50 ansatte, hvis en af parterne … kræver det'."""
    low, high = rule.get("min"), rule.get("max")
    sized = low is not None or high is not None
    who = r.t(f"law_who_{rule['sector']}" + ("" if sized or rule["sector"] != "any" else "_all"))
    if low is not None and high is not None:
        text = r.t("law_rule_range", who=who, min=r.number(low), max=r.number(high))
    elif low is not None:
        text = r.t("law_rule_min", who=who, min=r.number(low))
    elif high is not None:
        text = r.t("law_rule_max", who=who, max=r.number(high))
    else:
        text = who
    condition = r.plain(rule.get("condition"))
    return r.t("law_rule_if", rule=text, condition=condition) if condition else text


def step_view(r: Render, step_id: str, with_tools: bool = True) -> dict[str, Any]:
    step = r.site.data.get("legal_steps", step_id)
    return {
        "id": step_id,
        "anchor": f"law-step-{step_id}",
        "country": step["country"],
        "number": step["number"],
        "title": r.t("law_step", n=step["number"]),
        "label": r.text(step["label"]),
        "text": r.text(step["text"]),
        "term": _term(r, step["term"], r.plain(step["label"]), step["country"]),
        "term_lang": _other(r, _html_lang_of_country(r, step["country"])),
        "voluntary": bool(step.get("voluntary")),
        "basis": step.get("basis"),
        "basis_lang": _other(r, _html_lang_of_country(r, step["country"])),
        "sources": [source_view(r, c) for c in step["sources"]],
        "tools": [tool_view(r, t) for t in _tools_by_step(r).get(step_id, [])] if with_tools else [],
    }


def obligation_view(r: Render, obligation: dict[str, Any]) -> dict[str, Any]:
    lang = _other(r, _html_lang_of_country(r, obligation["country"]))
    return {
        "id": obligation["id"],
        "anchor": f"law-{obligation['id']}",
        "kind": obligation["kind"],
        "kind_label": r.t(f"law_kind_{obligation['kind']}"),
        "name": r.text(obligation["name"]),
        "term": _term(r, obligation.get("term"), r.plain(obligation["name"]), obligation["country"]),
        "term_lang": lang,
        "summary": r.text(obligation["summary"]),
        "applies": [rule_text(r, rule) for rule in obligation["applies"]],
        "steps": [step_view(r, s_id) for s_id in obligation.get("steps") or []],
        "frequency": r.text(obligation.get("frequency")),
        "cooperation": r.text(obligation.get("cooperation")),
        "documentation": r.text(obligation.get("documentation")),
        "basis": obligation.get("basis"),
        "basis_lang": lang,
        "sources": [source_view(r, c) for c in obligation["sources"]],
        "pending": r.text(obligation.get("pending")),
    }


def _notes(r: Render, items: list[dict[str, Any]] | None) -> list[dict[str, Any]]:
    return [{"text": r.text(n["text"]), "sources": [source_view(r, c) for c in n["sources"]]} for n in items or []]


def country_view(r: Render, country: str) -> dict[str, Any]:
    jurisdiction = r.site.data.get("jurisdictions", country)
    return {
        "id": country,
        "anchor": f"law-{country}",
        "label": label(r, "countries", country),
        "summary": r.text(jurisdiction["summary"]),
        "sources": [source_view(r, c) for c in jurisdiction["sources"]],
        "obligations": [obligation_view(r, o) for o in r.site.data.entries["obligations"].values() if o["country"] == country],
        "ask": [{"name": a["name"], "url": r.site.data.get("legal_sources", a["source"])["url"],
                 "lang": _other(r, r.site.data.get("legal_sources", a["source"])["lang"]),
                 "role": r.text(a["role"]), "sources": [source_view(r, c) for c in a["sources"]]}
                for a in jurisdiction["ask"]],
        "notes": _notes(r, jurisdiction.get("notes")),
        "pending": _notes(r, jurisdiction.get("pending")),
    }


# ------------------------------------------------------------------ building blocks

@component()
def law_notice(r: Render) -> Markup:
    """Guidance, not legal advice: what the page is, and who to ask in each country."""
    countries = [country_view(r, c) for c in country_order(r)]
    return r.draw("law_notice.html", countries=countries)


@component(ids={"country": "jurisdictions"})
def law_country(r: Render, country: str) -> Markup:
    """One country's duties: who they apply to, their steps and the tools for each, documentation,
    cooperation, sources with the date each was checked, and what is not confirmed."""
    return r.draw("law_country.html", country=country_view(r, country))


def _band_text(r: Render, low: int, high: int | None, single: bool) -> str:
    if single:
        return r.t("law_band_all")
    if high is None:
        return r.t("law_band_min", min=r.number(low))
    return r.t("law_band_range", min=r.number(low), max=r.number(high))


def _check_tables(r: Render, countries: list[str]) -> list[dict[str, Any]]:
    """The no-JavaScript answer: per country, a row per employer type and size band."""
    tables = []
    data = r.site.data
    for country in countries:
        own = [o for o in data.entries["obligations"].values() if o["country"] == country]
        rows = []
        for sector in SECTORS:
            found = bands(own, sector)
            for low, high in found:
                rows.append({
                    "sector": r.t(f"law_sector_{sector}"),
                    "sector_id": sector,
                    "band": _band_text(r, low, high, len(found) == 1),
                    "min": low,
                    "max": high,
                    "duties": [_answer_item(r, o, rule) for o, rule in duties(data, country, sector, low)],
                })
        tables.append({"id": country, "label": label(r, "countries", country), "rows": rows})
    return tables


def _answer_item(r: Render, obligation: dict[str, Any], rule: dict[str, Any]) -> dict[str, Any]:
    tools: dict[str, dict[str, Any]] = {}
    for step_id in obligation.get("steps") or []:
        for tool_id in _tools_by_step(r).get(step_id, []):
            tools.setdefault(tool_id, tool_view(r, tool_id))
    return {
        "id": obligation["id"],
        "href": f"#law-{obligation['id']}",
        "name": r.text(obligation["name"]),
        "condition": r.plain(rule.get("condition")),
        "voluntary": obligation["kind"] == "voluntary",
        "tools": [{"title": t["title"], "href": t["href"], "lang": _other(r, t["text_lang"])} for t in tools.values()],
    }


def _check_data(r: Render, countries: list[str]) -> dict[str, Any]:
    """What law.js needs to answer in the browser: every duty with its rules, and the words around them."""
    data = r.site.data
    obligations = []
    for o in data.entries["obligations"].values():
        if o["country"] not in countries:
            continue
        item = _answer_item(r, o, {})
        obligations.append({
            **item,
            "name": r.plain(o["name"]),
            "country": o["country"],
            "summary": r.plain(o["summary"]),
            "rules": [{"sector": rule["sector"], "min": rule.get("min"), "max": rule.get("max"),
                       "condition": r.plain(rule.get("condition"))} for rule in o["applies"]],
        })
    return {
        "countries": {c: label(r, "countries", c) for c in countries},
        "sectors": {sector: r.t(f"law_sector_{sector}") for sector in SECTORS},
        "obligations": obligations,
        "words": {key: r.t(f"law_check_{key}") for key in ("result", "for", "if", "tools", "voluntary", "invalid", "employees")},
    }


def _json_for_script(value: Any) -> Markup:
    """JSON that cannot end its <script> element early, whatever the data holds."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


@component()
def law_check(r: Render) -> Markup:
    """"Which duties apply to us?": country, public or private, number of employees. law.js answers
    in the browser (nothing is sent); without JavaScript the same answer is in plain tables."""
    countries = country_order(r)
    return r.draw("law_check.html", countries=[(c, label(r, "countries", c)) for c in countries],
                  sectors=[(sector, r.t(f"law_sector_{sector}")) for sector in SECTORS],
                  tables=_check_tables(r, countries), data=_json_for_script(_check_data(r, countries)),
                  script=r.href(SCRIPT))


@component(ids={"process_id": "processes"})
def law_steps(r: Render, process_id: str) -> Markup:
    """A process's phases next to each country's legal steps, investigating and analysing causes kept apart."""
    countries = country_order(r)
    steps = r.site.data.entries["legal_steps"].values()
    rows = []
    for phase in r.site.data.get("processes", process_id)["phases"]:
        rows.append({
            "id": phase["id"],
            "title": r.text(phase["title"]),
            "cells": [[step_view(r, st["id"], with_tools=False) for st in steps if st["country"] == c and st["phase"] == phase["id"]]
                      for c in countries],
        })
    heads = []
    for i, country in enumerate(countries):
        shown = [st for row in rows for st in row["cells"][i]]
        sources: dict[str, dict[str, Any]] = {}
        for st in shown:
            for source in st["sources"]:
                sources.setdefault(source["id"], source)
        basis = next((st["basis"] for st in shown if st["basis"]), None)
        heads.append({"id": country, "label": label(r, "countries", country), "href": _law_href(r, f"law-{country}"),
                      "basis": basis, "basis_lang": _other(r, _html_lang_of_country(r, country)), "sources": list(sources.values())})
    return r.draw("law_steps.html", process_id=process_id, countries=heads, rows=rows)


def tool_law(r: Render, tool_id: str) -> Markup:
    """On a tool's page: the legal steps the tool serves in each country, the reader's country first
    and open, the others one click away."""
    if not r.site.data.entries.get("jurisdictions"):
        return Markup("")  # a site without legal data (a new one from mangfold init) has nothing to say here
    tool = r.site.data.get("tools", tool_id)
    chosen = tool.get("law") or []
    obligations = r.site.data.entries["obligations"].values()
    countries = []
    for country in country_order(r):
        steps = []
        for step_id in chosen:
            step = r.site.data.get("legal_steps", step_id)
            if step["country"] != country:
                continue
            view = step_view(r, step_id, with_tools=False)
            view["applies"] = [rule_text(r, rule) for o in obligations if step_id in (o.get("steps") or []) for rule in o["applies"]]
            steps.append(view)
        countries.append({"id": country, "label": label(r, "countries", country), "steps": steps,
                          "href": _law_href(r, f"law-{country}")})
    return r.draw("law_tool.html", tool_id=tool_id, countries=countries, mapped=bool(chosen))
