"""Draw the toolbox's components: the data a template needs, then the template.

Each public function here backs one macro of the same name. It looks the ids
up (an unknown id raises with the nearest known ids), gathers what the
template shows in the reader's language, and renders
``overrides/components/<name>.html`` with autoescaping on, so nothing from
YAML or front matter reaches the page unescaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

from . import locale_format as fmt
from .content_index import PageInfo
from .languages import CODES, LANGUAGES
from .schema import unknown_id_message
from .site import Site
from .urls import relative

TEMPLATES = Path(__file__).resolve().parent.parent / "overrides" / "components"


class UnknownId(LookupError):
    """A macro was called with an id that is not in the data."""


@dataclass(frozen=True)
class Here:
    """The page being rendered: its language and site-relative URL."""

    lang: str
    url: str


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


_ENV = _environment()


def _render(name: str, site: Site, here: Here, **context: Any) -> Markup:
    template = _ENV.get_template(f"{name}.html")
    html = template.render(
        t=lambda key, **v: site.t(here.lang, key, **v),
        lang=here.lang,
        html_lang=LANGUAGES[here.lang].html_lang,
        **context,
    )
    # Python-Markdown ends a raw HTML block at a blank line: keep it one block.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


def _entry(site: Site, kind: str, entry_id: str) -> dict[str, Any]:
    entries = site.data.entries.get(kind, {})
    if entry_id not in entries:
        raise UnknownId(unknown_id_message(kind, entry_id, entries))
    return entries[entry_id]


def _label(site: Site, kind: str, entry_id: str, lang: str) -> str:
    return site.data.get(kind, entry_id)["label"][lang]


def _page_in(site: Site, lang: str, key: str) -> PageInfo | None:
    """The page in `lang`, or the version a reader is sent to in its place."""
    page = site.index.get(lang, key)
    if page:
        return page
    for code in CODES:
        if site.index.get(code, key):
            return site.index.get(code, key)
    return None


def _duration(site: Site, lang: str, minutes: dict[str, int]) -> str:
    low, high = minutes["min"], minutes["max"]
    if high < 120:
        values = fmt.number(low, lang) if low == high else f"{fmt.number(low, lang)}–{fmt.number(high, lang)}"
        return site.t(lang, "unit_minutes", value=values)
    low_h, high_h = round(low / 60, 1), round(high / 60, 1)
    values = fmt.number(low_h, lang) if low_h == high_h else f"{fmt.number(low_h, lang)}–{fmt.number(high_h, lang)}"
    return site.t(lang, "unit_hours", value=values)


def _people(site: Site, lang: str, people: dict[str, int]) -> str:
    low, high = people["min"], people["max"]
    values = fmt.number(low, lang) if low == high else f"{fmt.number(low, lang)}–{fmt.number(high, lang)}"
    return site.t(lang, "unit_people", value=values)


def tool_view(site: Site, here: Here, tool_id: str) -> dict[str, Any]:
    """What a card or fact box shows of one tool, in the reader's language."""
    tool = _entry(site, "tools", tool_id)
    page = _page_in(site, here.lang, f"tools/{tool_id}.md")
    title = page.meta["title"] if page else tool_id
    return {
        "id": tool_id,
        "title": title,
        "purpose": page.meta.get("purpose", "") if page else "",
        "text_lang": LANGUAGES[page.lang].html_lang if page else None,
        "href": relative(here.url, f"{here.lang}/tools/{tool_id}/"),
        "phase": tool["phase"],
        "phase_label": _label(site, "phases", tool["phase"], here.lang),
        "themes": [(t, _label(site, "themes", t, here.lang)) for t in tool["themes"]],
        "audience": [(a, _label(site, "audiences", a, here.lang)) for a in tool["audience"]],
        "time": _duration(site, here.lang, tool["minutes"]),
        "participants": _people(site, here.lang, tool["participants"]),
        "worksheet": relative(here.url, tool["worksheet"]) if tool.get("worksheet") else None,
    }


def tool_card(site: Site, here: Here, tool_id: str) -> Markup:
    return _render("tool_card", site, here, tool=tool_view(site, here, tool_id), heading="h3")


def tool_grid(site: Site, here: Here, phase: str | None = None, theme: str | None = None,
              audience: str | None = None, ids: Iterable[str] | None = None) -> Markup:
    """Cards for the tools matching every filter given (or exactly `ids`)."""
    for kind, value in (("phases", phase), ("themes", theme), ("audiences", audience)):
        if value is not None:
            _entry(site, kind, value)
    chosen = list(ids) if ids is not None else list(site.data.entries["tools"])
    tools = [tool_view(site, here, i) for i in chosen]
    tools = [
        t for t in tools
        if (phase is None or t["phase"] == phase)
        and (theme is None or theme in dict(t["themes"]))
        and (audience is None or audience in dict(t["audience"]))
    ]
    return _render("tool_grid", site, here, tools=tools)


def tool_catalogue(site: Site, here: Here) -> Markup:
    """Every tool with filters by phase, theme, audience and free text."""
    tools = [tool_view(site, here, i) for i in site.data.entries["tools"]]
    facets = [
        (name, [(e["id"], e["label"][here.lang]) for e in site.data.entries[kind].values()])
        for name, kind in (("phase", "phases"), ("theme", "themes"), ("audience", "audiences"))
    ]
    phases = [(p["id"], p["label"][here.lang]) for p in site.data.entries["phases"].values()]
    return _render("tool_catalogue", site, here, tools=tools, facets=facets, phases=phases)


def tool_facts(site: Site, here: Here, tool_id: str) -> Markup:
    """The fact box at the top of a tool's page, with where it is used."""
    tool = tool_view(site, here, tool_id)
    cases = [_case_view(site, here, p) for p in _cases_using(site, here.lang, tool_id)]
    processes = [
        {"id": p["id"], "title": p["title"][here.lang], "phase": ph["title"][here.lang]}
        for p in site.data.entries["processes"].values()
        for ph in p["phases"] if tool_id in (ph.get("tools") or [])
    ]
    return _render("tool_facts", site, here, tool=tool, cases=cases, processes=processes)


def process(site: Site, here: Here, process_id: str) -> Markup:
    """A process as an ordered sequence of phases with goals, activities, tools."""
    proc = _entry(site, "processes", process_id)
    phases = [
        {
            "id": ph["id"],
            "title": ph["title"][here.lang],
            "goal": ph["goal"][here.lang],
            "activities": ph["activities"][here.lang],
            "tools": [tool_view(site, here, t) for t in (ph.get("tools") or [])],
        }
        for ph in proc["phases"]
    ]
    return _render("process", site, here, process={"id": process_id, "title": proc["title"][here.lang]}, phases=phases)


def activity_plan(site: Site, here: Here, plan_id: str) -> Markup:
    """A table of activities with hours, a subtotal per phase and a total."""
    plan = _entry(site, "plans", plan_id)
    phases = []
    for ph in plan["phases"]:
        subtotal = sum(a["hours"] or 0 for a in ph["activities"])
        phases.append({
            "id": ph["id"],
            "title": ph["title"][here.lang],
            "activities": [
                {"code": a["code"], "title": a["title"][here.lang],
                 "hours": fmt.number(a["hours"], here.lang) if a["hours"] is not None else None,
                 "note": a["note"][here.lang] if a.get("note") else ""}
                for a in ph["activities"]
            ],
            "subtotal": fmt.number(subtotal, here.lang),
            "subtotal_raw": subtotal,
        })
    total = sum(p["subtotal_raw"] for p in phases)
    return _render("activity_plan", site, here, plan={"id": plan_id, "title": plan["title"][here.lang]},
                   phases=phases, total=fmt.number(total, here.lang), total_raw=total)


def plan_total(site: Site, here: Here, plan_id: str) -> str:
    """The plan's total hours, formatted, for use in running text."""
    plan = _entry(site, "plans", plan_id)
    return fmt.number(sum(a["hours"] or 0 for ph in plan["phases"] for a in ph["activities"]), here.lang)


def _cases(site: Site, lang: str) -> list[PageInfo]:
    """The cases a reader of `lang` sees: their own, or another language's where missing.

    Computed once per build and language: every tool page asks, and scanning
    all pages each time would make the build quadratic in the number of cases.
    """
    memo_key = ("cases", lang)
    if memo_key not in site.memo:
        keys = sorted({p.key for p in site.index.pages.values() if p.kind == "case"})
        pages = [p for p in (_page_in(site, lang, k) for k in keys) if p]
        site.memo[memo_key] = tuple(sorted(pages, key=lambda p: (-(p.meta.get("year") or 0), p.meta["title"].lower())))
    return list(site.memo[memo_key])


def _cases_using(site: Site, lang: str, tool_id: str) -> list[PageInfo]:
    """The cases (as in `_cases`) whose front matter lists the tool, newest first."""
    memo_key = ("cases_by_tool", lang)
    if memo_key not in site.memo:
        by_tool: dict[str, list[PageInfo]] = {}
        for page in _cases(site, lang):
            for used in dict.fromkeys(page.meta.get("tools") or []):
                by_tool.setdefault(used, []).append(page)
        site.memo[memo_key] = by_tool
    return list(site.memo[memo_key].get(tool_id, ()))


def _case_view(site: Site, here: Here, page: PageInfo) -> dict[str, Any]:
    meta = page.meta
    return {
        "key": page.slug,
        "title": meta["title"],
        "summary": meta["summary"],
        "text_lang": LANGUAGES[page.lang].html_lang,
        "href": relative(here.url, f"{here.lang}/{page.url.split('/', 1)[1]}"),
        "organisation": meta["organisation"],
        "country": meta["country"],
        "country_label": _label(site, "countries", meta["country"], here.lang),
        "year": meta["year"],
        "themes": [(t, _label(site, "themes", t, here.lang)) for t in meta["themes"]],
    }


def case_list(site: Site, here: Here, country: str | None = None, theme: str | None = None,
              tool: str | None = None, limit: int | None = None, filters: bool = True) -> Markup:
    """The case index, newest first, built from the case pages themselves."""
    for kind, value in (("countries", country), ("themes", theme), ("tools", tool)):
        if value is not None:
            _entry(site, kind, value)
    listed = _cases(site, here.lang)
    cases = [_case_view(site, here, p) for p in listed]
    pages = {p.slug: p for p in listed}
    cases = [
        c for c in cases
        if (country is None or c["country"] == country)
        and (theme is None or theme in dict(c["themes"]))
        and (tool is None or tool in (pages[c["key"]].meta.get("tools") or []))
    ]
    if limit:
        cases = cases[:limit]
    facets = [
        ("country", sorted({(c["country"], c["country_label"]) for c in cases}, key=lambda x: x[1])),
        ("theme", sorted({t for c in cases for t in c["themes"]}, key=lambda x: x[1])),
    ]
    return _render("case_list", site, here, cases=cases, facets=facets, filters=filters and not limit)


def case_facts(site: Site, here: Here, page: PageInfo) -> Markup:
    """The fact box at the top of a case page, from its front matter."""
    meta = page.meta
    view = _case_view(site, here, page)
    view["tools"] = [tool_view(site, here, t) for t in (meta.get("tools") or [])]
    view["contacts"] = [_contact_view(site, here, c) for c in (meta.get("contacts") or [])]
    view["source"] = meta.get("source")
    view["source_date"] = fmt.date(meta["source_date"], here.lang) if meta.get("source_date") else None
    view["source_language"] = fmt.language_name(meta["source_language"], here.lang) if meta.get("source_language") else None
    return _render("case_facts", site, here, case=view)


def _film_view(site: Site, here: Here, film_id: str) -> dict[str, Any]:
    film = _entry(site, "films", film_id)
    return {
        "id": film_id,
        "title": film["title"][here.lang],
        "description": film["description"][here.lang],
        "organisation": film["organisation"][here.lang],
        "year": film["year"],
        "minutes": site.t(here.lang, "unit_minutes", value=fmt.number(film["minutes"], here.lang)) if film.get("minutes") else None,
        "published": film["published"][here.lang],
        "page_url": film.get("page_url"),
        "video_url": film.get("video_url"),
        "captions": film["captions"][here.lang] if film.get("captions") else None,
        "transcript": film["transcript"][here.lang] if film.get("transcript") else None,
    }


def film(site: Site, here: Here, film_id: str) -> Markup:
    return _render("film", site, here, film=_film_view(site, here, film_id))


def film_list(site: Site, here: Here) -> Markup:
    return _render("film_list", site, here, films=[_film_view(site, here, f) for f in site.data.entries["films"]])


def _contact_view(site: Site, here: Here, contact_id: str) -> dict[str, Any]:
    c = _entry(site, "contacts", contact_id)
    return {
        "id": contact_id,
        "name": c["name"],
        "role": c["role"][here.lang],
        "organisation": c["organisation"],
        "country_label": _label(site, "countries", c["country"], here.lang),
        "phone": c.get("phone"),
        "phone_href": "tel:" + c["phone"].replace(" ", "") if c.get("phone") else None,
        "email": c.get("email"),
        "confirmed": fmt.date(c["confirmed"], here.lang) if c.get("confirmed") else None,
        "confirmed_iso": c["confirmed"].isoformat() if c.get("confirmed") else None,
    }


def contact_box(site: Site, here: Here, contact_id: str) -> Markup:
    return _render("contact_box", site, here, contact=_contact_view(site, here, contact_id))


def contact_list(site: Site, here: Here) -> Markup:
    contacts = [_contact_view(site, here, c) for c in site.data.entries["contacts"]]
    return _render("contact_list", site, here, contacts=contacts)


def owner_name(site: Site, here: Here) -> Markup:
    """Who answers for the site, in running text: {{ owner_name() }}."""
    return Markup.escape(site.owner.get("name") or site.t(here.lang, "owner_default_name"))


def owner_email(site: Site, here: Here) -> Markup:
    """The site's e-mail address as a link: {{ owner_email() }}."""
    email = site.owner.get("email") or ""
    return Markup('<a href="mailto:{0}">{0}</a>').format(email)


def local_date(site: Site, here: Here, value: str) -> str:
    """A date from a page, in the reader's form: {{ local_date('2010-01-22') }}."""
    import datetime as dt
    return fmt.date(dt.date.fromisoformat(value), here.lang)


def local_number(site: Site, here: Here, value: float) -> str:
    return fmt.number(value, here.lang)
