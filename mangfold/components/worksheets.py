"""Worksheets: each tool's sheet defined once in data/worksheets.yml, drawn three ways.

1. The printable table on the tool page (plain HTML, no script needed).
2. A form: ``worksheets.js`` fills in that same table on screen, keeps the
   answers in this browser only, and makes the filled-in .docx and .csv.
3. A blank Word file per tool and language, written after the build
   (``docx_files``) into ``assets/worksheets/<lang>/<tool>.docx``.

What the browser needs of a sheet (ids, kinds, labels in the reader's
language, links to other sheets) travels in the page as JSON, so the form,
the files and the validation of an opened file all read one definition.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

from markupsafe import Markup

from ..core import schema as s
from ..core.errors import ContentError, Problem
from ..core.site import Render, Site
from . import DataKind, after_build, component

FILE = "worksheets.yml"
KINDS = ("text", "number", "priority", "choice", "fixed")
# Bounds a saved file is checked against (worksheets.js reads them from the page).
LIMITS = {"rows": 100, "chars": 5000, "file_bytes": 2_000_000}


def _check_column(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("kind") == "choice" and not value.get("choices"):
        ctx.fail("choices", "a column of kind choice names its choice set, e.g. choices: yes-no", line)
    if value.get("choices") and value.get("kind") != "choice":
        ctx.fail("choices", "only a column of kind choice has choices", line)


def _check_table(value: dict, ctx: s.Context, line: int | None) -> None:
    columns = [c for c in value.get("columns") or [] if c]
    ids = [c["id"] for c in columns]
    for dup in sorted({i for i in ids if ids.count(i) > 1}):
        ctx.fail("columns", f"two columns are called '{dup}'", line)
    fixed = {c["id"] for c in columns if c.get("kind") == "fixed"}
    for i, row in enumerate(value.get("fixed") or []):
        for key in row or {}:
            if key not in fixed:
                ctx.fail(f"fixed[{i + 1}].{key}", f"not a column of kind fixed (fixed columns: {', '.join(sorted(fixed)) or 'none'})", line)
    if fixed and not value.get("fixed"):
        ctx.fail("fixed", "a table with a fixed column lists its fixed rows", line)
    if not value.get("rows") and not value.get("fixed"):
        ctx.fail("rows", "a table needs rows to start with (rows: 4) or fixed rows", line)
    link = value.get("from")
    if link:
        source = ctx.known.get("worksheets", {}).get(link.get("worksheet"))
        table = next((t for t in (source or {}).get("tables") or [] if t and t["id"] == link.get("table")), None)
        if source is not None and table is None:
            ctx.fail("from.table", f"worksheet '{link['worksheet']}' has no table '{link.get('table')}'", line)
        if table is not None:
            theirs = {c["id"] for c in table["columns"] if c}
            for mine, their in {"where": link.get("where"), **(link.get("copy") or {})}.items():
                if their not in theirs:
                    ctx.fail(f"from.copy.{mine}" if mine != "where" else "from.where",
                             f"'{their}' is not a column of {link['worksheet']} / {link['table']} (it has: {', '.join(sorted(theirs))})", line)
            for mine in link.get("copy") or {}:
                if mine not in ids:
                    ctx.fail(f"from.copy.{mine}", f"'{mine}' is not a column of this table", line)


def _check_sheet(value: dict, ctx: s.Context, line: int | None) -> None:
    tables = [t["id"] for t in value.get("tables") or [] if t]
    for dup in sorted({i for i in tables if tables.count(i) > 1}):
        ctx.fail("tables", f"two tables are called '{dup}'", line)
    names = [f["id"] for f in (value.get("fields") or []) + (value.get("questions") or []) if f]
    for dup in sorted({i for i in names if names.count(i) > 1}):
        ctx.fail("questions", f"two fields or questions are called '{dup}'", line)


COLUMN = s.Record(
    {"id": s.ID, "label": s.Localized(), "kind": s.Choice(*KINDS), "help": s.Localized(), "choices": s.Ref("worksheet_choices")},
    optional=("kind", "help", "choices"), post=_check_column,
)
LINK = s.Record(
    {"worksheet": s.Ref("worksheets"), "table": s.ID, "where": s.ID, "copy": s.Record({}, optional=())},
    optional=("copy",),
)
TABLE = s.Record(
    {"id": s.ID, "title": s.Localized(), "rows": s.Int(0), "fixed": s.ListOf(s.Record({}, optional=()), 1),
     "from": LINK, "columns": s.ListOf(COLUMN, 1)},
    optional=("title", "rows", "fixed", "from"), post=_check_table,
)
LINE = s.Record({"id": s.ID, "label": s.Localized(), "help": s.Localized(), "lines": s.Int(1)}, optional=("help", "lines"))
OPTION = s.Record({"id": s.Str(), "label": s.Localized()})


class _Open(s.Record):
    """A mapping whose keys the sheet chooses (column ids), each a value of one type."""

    def __init__(self, item: s.Type) -> None:
        super().__init__({})
        self.item = item

    def check(self, value, ctx, name, line):
        if not isinstance(value, dict) or not value:
            ctx.fail(name, "expected column: value lines", line)
            return None
        return {str(k): self.item.check(v, ctx, f"{name}.{k}", line) for k, v in value.items()}


LINK.fields["copy"] = _Open(s.ID)
TABLE.fields["fixed"] = s.ListOf(_Open(s.Localized()), 1)

CHOICES = DataKind("worksheet_choices", FILE, "choice_sets", s.Record({"id": s.ID, "options": s.ListOf(OPTION, 2)}))
WORKSHEETS = DataKind("worksheets", FILE, "worksheets", s.Record(
    {
        "id": s.Ref("tools"),
        "fields": s.ListOf(LINE),
        "tables": s.ListOf(TABLE, 1),
        "questions": s.ListOf(LINE),
        "basis": s.Localized(),
    },
    optional=("fields", "questions"), post=_check_sheet,
))

STYLESHEETS = ("assets/stylesheets/worksheets.css",)
SCRIPT = "assets/javascripts/worksheets.js"


def blank_file(lang: str, tool_id: str) -> str:
    """Where the blank .docx of a sheet is, site-relative."""
    return f"assets/worksheets/{lang}/{tool_id}.docx"


def has_worksheet(site: Site, tool_id: str) -> bool:
    return tool_id in site.data.entries.get("worksheets", {})


def sheet_view(r: Render, tool_id: str) -> dict[str, Any]:
    """A sheet in the reader's language: what the table, the form and the files show."""
    sheet = r.site.data.get("worksheets", tool_id)
    choice_sets = r.site.data.entries["worksheet_choices"]
    page = r.page_in(f"tools/{tool_id}.md")

    def line(item: dict) -> dict[str, Any]:
        return {"id": item["id"], "label": r.text(item["label"]), "help": r.text(item.get("help")), "lines": item.get("lines") or 1}

    tables = []
    for table in sheet["tables"]:
        columns = [{
            "id": c["id"], "label": r.text(c["label"]), "kind": c.get("kind") or "text", "help": r.text(c.get("help")),
            "choices": [(o["id"], r.text(o["label"])) for o in choice_sets[c["choices"]]["options"]] if c.get("choices") else [],
        } for c in table["columns"]]
        fixed = [{cid: r.text(text) for cid, text in row.items()} for row in table.get("fixed") or []]
        tables.append({
            "id": table["id"], "title": r.text(table.get("title")), "columns": columns, "fixed": fixed,
            "rows": table.get("rows") or 0, "from": table.get("from"),
        })
    return {
        "id": tool_id,
        "title": page.meta["title"] if page else tool_id,
        "fields": [line(f) for f in sheet.get("fields") or []],
        "tables": tables,
        "questions": [line(q) for q in sheet.get("questions") or []],
        "basis": r.text(sheet["basis"]),
    }


def _source_titles(r: Render, view: dict[str, Any]) -> dict[str, str]:
    titles = {}
    for table in view["tables"]:
        if table["from"]:
            page = r.page_in(f"tools/{table['from']['worksheet']}.md")
            titles[table["from"]["worksheet"]] = page.meta["title"] if page else table["from"]["worksheet"]
    return titles


def browser_config(r: Render, view: dict[str, Any]) -> dict[str, Any]:
    """What worksheets.js needs of a sheet, as plain JSON-able values."""
    plain = lambda t: str(t) if t is not None else ""  # noqa: E731
    return {
        "id": view["id"],
        "title": view["title"],
        "heading": r.t("ws_heading"),
        "fields": [{"id": f["id"], "label": plain(f["label"])} for f in view["fields"]],
        "questions": [{"id": q["id"], "label": plain(q["label"]), "lines": q["lines"]} for q in view["questions"]],
        "tables": [{
            "id": t["id"], "title": plain(t["title"]), "rows": t["rows"],
            "fixed": [{k: plain(v) for k, v in row.items()} for row in t["fixed"]],
            "from": t["from"],
            "columns": [{"id": c["id"], "label": plain(c["label"]), "kind": c["kind"],
                         "choices": [[cid, plain(label)] for cid, label in c["choices"]]} for c in t["columns"]],
        } for t in view["tables"]],
        "sources": _source_titles(r, view),
        "basis": plain(view["basis"]),
    }


def page_strings(r: Render) -> dict[str, str]:
    """The worksheet strings of the reader's language, for the script."""
    return {k[3:]: v for k, v in r.site.strings.of(r.lang.code).items() if k.startswith("ws_")}


def json_for_html(value: Any) -> Markup:
    """JSON safe inside <script type="application/json">: no '<', '>' or '&' to end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e"))


def script_tags(r: Render) -> Markup:
    """The form's script and this language's strings; once per page however many forms it has."""
    shown = r.site.memo.setdefault(("worksheet_script", r.lang.code, r.url), [])
    if shown:
        return Markup("")
    shown.append(True)
    return r.draw("worksheet_script.html", src=r.href(SCRIPT), strings=json_for_html({
        "lang": r.lang.html_lang, "limits": LIMITS, "t": page_strings(r),
        "sheets": {i: r.href(f"{r.lang.code}/tools/{i}/") for i in r.site.data.entries["worksheets"]},
    }))


@component(ids={"tool_id": "worksheets"})
def worksheet(r: Render, tool_id: str) -> Markup:
    """The tool's worksheet: a printable table, filled in on screen where scripts run."""
    view = sheet_view(r, tool_id)
    return r.draw("worksheet.html", sheet=view, config=json_for_html(browser_config(r, view)),
                  blank=r.href(blank_file(r.lang.code, tool_id)),
                  sources=_source_titles(r, view)) + script_tags(r)


def build_date(source_date_epoch: str | None) -> dt.date:
    """The date the blank files carry: today, or SOURCE_DATE_EPOCH's (reproducible builds' convention)."""
    if source_date_epoch and source_date_epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(source_date_epoch), dt.timezone.utc).date()
    return dt.date.today()


@after_build
def docx_files(site: Site, site_dir: Path) -> None:
    """A blank Word file of every worksheet in every language."""
    from . import _worksheet_docx

    today = build_date(os.environ.get("SOURCE_DATE_EPOCH"))
    for code in site.languages.codes:
        for tool_id in site.data.entries.get("worksheets", {}):
            r = site.page(code, f"{code}/tools/{tool_id}/")
            out = site_dir / blank_file(code, tool_id)
            out.parent.mkdir(parents=True, exist_ok=True)
            try:
                _worksheet_docx.write_blank(sheet_view(r, tool_id), r, out, today)
            except OSError as exc:
                raise ContentError([Problem(str(out), f"could not write the blank worksheet: {exc}")]) from None


def blank_worksheet(r: Render, tool_id: str) -> str | None:
    """The link from this page to the tool's blank .docx, if the tool has a worksheet."""
    return r.href(blank_file(r.lang.code, tool_id)) if has_worksheet(r.site, tool_id) else None


@component(ids={"process": "processes"})
def our_plan(r: Render, process: str = "three-phase") -> Markup:
    """Every worksheet filled in in this browser, by the process's phases, to print or download as one."""
    entry = r.site.data.get("processes", process)
    sheets = r.site.data.entries["worksheets"]

    def block(tool_id: str) -> dict[str, Any]:
        view = sheet_view(r, tool_id)
        return {"id": tool_id, "title": view["title"], "href": r.href(f"{r.lang.code}/tools/{tool_id}/"),
                "config": json_for_html(browser_config(r, view))}

    phases, placed = [], set()
    for n, phase in enumerate(entry["phases"], 1):
        ids = [i for i in phase.get("tools") or [] if i in sheets]
        placed.update(ids)
        phases.append({"title": r.t("process_phase", n=n) + ": " + str(r.text(phase["title"])), "sheets": [block(i) for i in ids]})
    others = [block(i) for i in sheets if i not in placed]
    if others:
        phases.append({"title": r.t("ws_plan_others"), "sheets": others})
    return r.draw("our_plan.html", phases=phases, title=str(r.text(entry["title"])),
                  file=r.t("ws_plan_file")) + script_tags(r)
