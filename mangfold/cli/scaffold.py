"""``mangfold new``: a new case, tool, film or contact with every field explained.

Each kind is written where the build reads it:

- case: ``content/<lang>/cases/<slug>.md``
- tool: an entry appended to ``data/tools.yml`` (its facts) and
  ``content/<lang>/tools/<id>.md`` (its text)
- film: an entry appended to ``data/films.yml``
- contact: an entry appended to ``data/contacts.yml``

Every field is present, with a comment in the editor's language. A field the
editor has not filled in is left empty, never given a placeholder: an empty
required field, and each other language's text of a film or contact, fails
``mangfold check`` and the build ("required field is missing", "translation
missing") until it is written, so nothing half-done is published. Appending
keeps the data file's comments and layout; the result is parsed before it is
saved. Nothing is overwritten.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .. import components
from ..core import content_index, messages, yamlfile
from ..core import schema as s
from ..core.data import SiteData
from ..core.errors import ContentError, Msg
from ..core.schema import EMAIL_PATTERN, ID_PATTERN, PHONE_PATTERN, URL_PATTERN, singular, unknown_id_message

from .project import Project
from .slug import slugify

HINT_MARK = "mangfold:"  # writing hints in page bodies start "<!-- mangfold:"; check warns until they are gone


class ScaffoldError(Exception):
    """The editor asked for something that cannot be written (exists, bad id ...)."""


@dataclass
class Written:
    files: list[str] = field(default_factory=list)
    todo: list[Msg | str] = field(default_factory=list)  # said in the editor's language


# ---------------------------------------------------------------- helpers

def _q(value: Any) -> str:
    """A YAML scalar: text always double-quoted (JSON is valid YAML), so ':' '#' and "no" stay text."""
    if value is None:
        return ""
    if isinstance(value, bool) or isinstance(value, int):
        return json.dumps(value)
    return json.dumps(str(value), ensure_ascii=False)


def _list(values: Iterable[str]) -> str:
    return "[" + ", ".join(values) + "]"


def _comment(text: str, indent: str = "") -> list[str]:
    return [f"{indent}# {line}".rstrip() for line in text.split("\n")]


def _hint(lang: str, key: str, required: bool | None = None, **values: str) -> str:
    """A field's explanation in the editor's language (mangfold/strings/editor/)."""
    say = messages.load(lang)
    text = say(f"new_{key}", **values)
    if required is True:
        text = f"{say('new_required')} {text}"
    elif required is False:
        text = f"{say('new_optional')} {text}"
    return text


def _choices(data: SiteData, kind: str, lang: str, titles: dict[str, str] | None = None) -> list[str]:
    """'#   id: label' lines listing what a field may hold, in the editor's language."""
    lines = []
    for entry_id, entry in data.entries.get(kind, {}).items():
        label = (titles or {}).get(entry_id)
        if label is None and isinstance(entry.get("label"), dict):
            label = entry["label"].get(lang)
        if label is None and isinstance(entry.get("name"), str):
            label = entry["name"]
        if label is None and isinstance(entry.get("title"), dict):
            label = entry["title"].get(lang)
        lines.append(f"  {entry_id}" + (f" = {label}" if label else ""))
    return lines


def _tool_titles(project: Project, lang: str) -> dict[str, str]:
    """The tools' titles in `lang` (or any language), read from their pages' front matter."""
    titles: dict[str, str] = {}
    for code in project.languages.order_for(lang):
        folder = project.docs_dir / code / "tools"
        for path in sorted(folder.glob("*.md")) if folder.is_dir() else []:
            if path.stem in titles or path.name == "index.md":
                continue
            try:
                meta, _ = content_index.read_front_matter(path.read_text(encoding="utf-8"), path.name)
            except (ContentError, UnicodeDecodeError):
                continue
            if isinstance(meta.get("title"), str):
                titles[path.stem] = meta["title"]
    return titles


def _check_ids(data: SiteData, kind: str, values: Iterable[str], option: str) -> list[str]:
    values = [v.strip() for v in values if v.strip()]
    known = data.entries.get(kind, {})
    for value in values:
        if value not in known:
            raise ScaffoldError(Msg("new_option", {"option": option, "message": unknown_id_message(kind, value, known)}))
    return values


def _split(option: str | None) -> list[str]:
    return [part for part in re.split(r"[,\s]+", option or "") if part]


def _range(option: str | None, name: str) -> tuple[int | None, int | None]:
    if not option:
        return None, None
    match = re.fullmatch(r"\s*(\d+)\s*(?:-|–|\.\.)\s*(\d+)\s*|\s*(\d+)\s*", option)
    if not match:
        raise ScaffoldError(Msg("new_range", {"option": name, "got": option}))
    if match.group(3):
        return int(match.group(3)), int(match.group(3))
    low, high = int(match.group(1)), int(match.group(2))
    if low > high:
        raise ScaffoldError(Msg("new_range_order", {"option": name, "got": option}))
    return low, high


def _new_id(title: str, given: str | None, what: str) -> str:
    entry_id = given.strip() if given else slugify(title)
    if not entry_id or not ID_PATTERN.match(entry_id):
        raise ScaffoldError(Msg("new_no_id", {"title": given or title, "what": what}))
    return entry_id


def _refuse_existing(project: Project, path: Path) -> None:
    if path.exists():
        raise ScaffoldError(Msg("new_exists", {"file": project.shown(path)}))


def _existing_versions(project: Project, key: str) -> list[str]:
    return [project.shown(project.docs_dir / code / key) for code in project.languages.codes if (project.docs_dir / code / key).exists()]


def _write_new(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "x", encoding="utf-8", newline="\n") as handle:  # "x": fail rather than overwrite
        handle.write(text)


def _append_entry(project: Project, file_name: str, key: str, entry_id: str, lines: list[str]) -> str:
    """Append an entry to data/<file_name>'s top-level list, keeping the file's text; verify it parses."""
    path = project.data_dir / file_name
    shown = project.shown(path)
    text = yamlfile.read_text(path, shown) if path.exists() else f"{key}:\n"
    indent = "  "
    match = re.search(r"^([ ]*)- id:", text, re.MULTILINE)
    if match:
        indent = match.group(1)
    block = "\n".join((indent + line) if line else "" for line in lines)
    new_text = text.rstrip("\n") + "\n\n" + block + "\n"
    try:
        document = yamlfile.parse(new_text, shown)
    except ContentError as exc:
        raise ScaffoldError(Msg("new_invalid_after", {"file": shown, "id": entry_id, "reason": exc.problems[0].message})) from None
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list) or not any(isinstance(i, dict) and i.get("id") == entry_id for i in items):
        raise ScaffoldError(Msg("new_not_last", {"file": shown, "key": key}))
    path.write_text(new_text, encoding="utf-8")
    return shown


def _localized(codes: tuple[str, ...], lang: str, name: str, value: str | None, hint: str) -> list[str]:
    lines = _comment(hint)
    lines.append(f"{name}:")
    for code in codes:
        key = _key(code)
        lines.append(f"  {key}: {_q(value) if code == lang and value else ''}".rstrip())
    return lines


def _optional_localized(codes: tuple[str, ...], name: str, hint: str) -> list[str]:
    """An optional text in every language: left empty (no language at all) until used."""
    example = ", ".join(f'{_key(code)}: "..."' for code in codes)
    return _comment(hint) + _comment(f"{name}: {{{example}}}") + [f"{name}:"]


def _key(code: str) -> str:
    """A language code as a YAML key: "no" quoted, or YAML reads false."""
    return f'"{code}"' if code in ("no", "yes", "on", "off", "y", "n") else code


def _ids(data: SiteData, kind: str) -> str:
    return ", ".join(_key(i) for i in data.entries.get(kind, {}))


def _codes(project: Project) -> str:
    return ", ".join(_key(c) for c in project.languages.codes)


def _schema(kind: str) -> s.Record:
    """The schema of one entry of a data kind, as the components declare it."""
    return components.default().kind(kind).entry


def _today() -> str:
    return dt.date.today().isoformat()


def _todo_missing(lang: str, fields: dict[str, Any]) -> list[str]:
    return [name for name, value in fields.items() if value in (None, "", [])]


def _other_languages(project: Project, lang: str) -> str:
    return ", ".join(c for c in project.languages.codes if c != lang)


# ---------------------------------------------------------------- the kinds

def new_case(project: Project, data: SiteData, lang: str, title: str, slug: str | None = None,
             summary: str | None = None, organisation: str | None = None, country: str | None = None,
             year: int | None = None, themes: str | None = None, tools: str | None = None,
             contacts: str | None = None, films: str | None = None, source: str | None = None) -> Written:
    slug = _new_id(title, slug, "case")
    key = f"cases/{slug}.md"
    existing = _existing_versions(project, key)
    if existing:
        raise ScaffoldError(Msg("new_case_exists", {"file": existing[0], "lang": lang, "key": key}))
    path = project.docs_dir / lang / key
    country = country or project.languages[lang].country or next(iter(data.entries.get("countries", {})), "")
    _check_ids(data, "countries", [country], "country")
    say = messages.load(lang)
    values = {
        "summary": summary,
        "organisation": organisation,
        "themes": _check_ids(data, "themes", _split(themes), "themes"),
    }
    tool_ids = _check_ids(data, "tools", _split(tools), "tools")
    contact_ids = _check_ids(data, "contacts", _split(contacts), "contacts")
    film_ids = _check_ids(data, "films", _split(films), "films")
    lines = ["---", *_comment(say("new_case_head")), ""]
    lines += _comment(_hint(lang, "title", True)) + [f"title: {_q(title)}"]
    lines += _comment(_hint(lang, "summary", True)) + [f"summary: {_q(summary)}".rstrip()]
    lines += _comment(_hint(lang, "organisation", True)) + [f"organisation: {_q(organisation)}".rstrip()]
    lines += _comment(_hint(lang, "country", True, countries=_ids(data, "countries"))) + [f"country: {_q(country)}"]
    lines += _comment(_hint(lang, "year", False)) + [f"year: {year if year else ''}".rstrip()]
    lines += _comment(_hint(lang, "themes", True)) + _comment("\n".join(_choices(data, "themes", lang))) + [f"themes: {_list(values['themes'])}"]
    lines += _comment(_hint(lang, "tools", False)) + _comment("\n".join(_choices(data, "tools", lang, _tool_titles(project, lang)))) + [f"tools: {_list(tool_ids)}"]
    lines += _comment(_hint(lang, "contacts", False)) + _comment("\n".join(_choices(data, "contacts", lang))) + [f"contacts: {_list(contact_ids)}"]
    lines += _comment(_hint(lang, "films", False)) + _comment("\n".join(_choices(data, "films", lang))) + [f"films: {_list(film_ids)}"]
    lines += _comment(_hint(lang, "source_language", True, languages=_codes(project))) + [f"source_language: {_q(lang)}"]
    lines += _comment(_hint(lang, "source", False)) + [f"source: {_q(source)}".rstrip()]
    lines += _comment(_hint(lang, "source_date", False)) + ["source_date:"]
    lines += ["---", f"<!-- {HINT_MARK} {say('new_body_hint')} -->", ""]
    for heading in say.list("new_case_body"):
        lines += [f"## {heading}", "", ""]
    _write_new(path, "\n".join(lines).rstrip("\n") + "\n")
    written = Written([project.shown(path)])
    written.todo = [Msg("new_todo_fill", {"where": project.shown(path), "name": name}) for name in _todo_missing(lang, values)]
    written.todo.append(Msg("new_todo_text", {"where": project.shown(path), "mark": HINT_MARK}))
    return written


def _entry_lines(project: Project, schema: s.Record, prefix: str, lang: str, data: SiteData, given: dict[str, Any],
                 titles: dict[str, str] | None = None) -> tuple[list[str], list[str], list[str]]:
    """The lines of one data entry, following its schema (so a changed schema changes the scaffold).

    Returns the lines, the required fields left empty, and the translated fields
    whose other languages are left empty.
    """
    lines: list[str] = []
    empty: list[str] = []
    untranslated: list[str] = []
    for name, kind in schema.fields.items():
        if name == "id":
            continue
        required = name not in schema.optional
        say = messages.load(lang)
        key = f"{prefix}_{name}" if say.has(f"new_{prefix}_{name}") else name
        hint = (_hint(lang, key, required, id=given.get("id", ""), countries=_ids(data, "countries"), languages=_codes(project))
                if say.has(f"new_{key}") else say("new_required" if required else "new_optional"))
        value = given.get(name)
        target = kind.item if isinstance(kind, s.ListOf) else kind
        choices = _choices(data, target.kind, lang, titles) if isinstance(target, s.Ref) else []
        lines += _comment(hint) + (_comment("\n".join(choices)) if choices else [])
        if isinstance(kind, s.Localized):
            if required:
                lines += _localized(project.languages.codes, lang, name, value, "")[1:]
                untranslated.append(name)
                if not value:
                    empty.append(name)
            else:
                lines += _optional_localized(project.languages.codes, name, "")[1:]
        elif isinstance(kind, s.Record):
            lines.append(f"{name}:")
            parts = value if isinstance(value, dict) else {}
            for part in kind.fields:
                lines.append(f"  {part}: {_q(parts.get(part))}".rstrip())
            if required and any(parts.get(part) in (None, "") for part in kind.fields):
                empty.append(name)
        elif isinstance(kind, s.ListOf):
            lines.append(f"{name}: {_list(value or [])}")
            if required and not value:
                empty.append(name)
        else:
            shown = str(value) if isinstance(kind, s.Date) and value else _q(value)  # a date unquoted, or YAML reads text
            lines.append(f"{name}: {shown}".rstrip())
            if required and value in (None, ""):
                empty.append(name)
    return lines, empty, untranslated


def _add_entry(project: Project, data: SiteData, file_name: str, kind: str, schema: s.Record, lang: str,
               entry_id: str, given: dict[str, Any], titles: dict[str, str] | None = None) -> Written:
    if entry_id in data.entries.get(kind, {}):
        raise ScaffoldError(Msg("new_entry_exists", {"file": f"data/{file_name}", "kind": Msg(f"kind_{singular(kind)}"), "id": entry_id}))
    body, empty, untranslated = _entry_lines(project, schema, singular(kind), lang, data, {**given, "id": entry_id}, titles)
    entry = [*_comment(messages.load(lang)("new_entry_head", date=_today())), f"- id: {entry_id}"]
    entry += ["  " + line if line else "" for line in body]
    shown = _append_entry(project, file_name, kind, entry_id, entry)
    written = Written([shown])
    name = Msg("entry_named", {"kind": Msg(f"kind_{singular(kind)}"), "id": entry_id})
    written.todo = [Msg("new_todo_fill", {"where": Msg("new_where_entry", {"file": shown, "entry": name}), "name": field_name})
                    for field_name in empty]
    if untranslated:
        written.todo.append(Msg("new_todo_other_languages", {"file": shown, "entry": name, "languages": _other_languages(project, lang),
                                                             "fields": ", ".join(untranslated)}))
    return written


def new_tool(project: Project, data: SiteData, lang: str, title: str, entry_id: str | None = None,
             purpose: str | None = None, phase: str | None = None, themes: str | None = None,
             audience: str | None = None, minutes: str | None = None, participants: str | None = None) -> Written:
    entry_id = _new_id(title, entry_id, "tool")
    if entry_id in data.entries.get("tools", {}):
        pages = _existing_versions(project, f"tools/{entry_id}.md")
        tip: Msg | str = Msg("new_tool_translate_tip", {"id": entry_id, "lang": lang}) if pages else ""
        raise ScaffoldError(Msg("new_tool_exists", {"id": entry_id, "tip": tip}))
    page = project.docs_dir / lang / "tools" / f"{entry_id}.md"
    _refuse_existing(project, page)
    if phase:
        _check_ids(data, "phases", [phase], "phase")
    low, high = _range(minutes, "minutes")
    p_low, p_high = _range(participants, "participants")
    given = {
        "phase": phase,
        "themes": _check_ids(data, "themes", _split(themes), "themes"),
        "audience": _check_ids(data, "audiences", _split(audience), "audience"),
        # The toolbox's own guidance unless the editor names a source (basis: source, source: ...).
        "minutes": {"min": low, "max": high, "basis": "estimate"},
        "participants": {"min": p_low, "max": p_high, "basis": "estimate"},
    }
    written = _add_entry(project, data, "tools.yml", "tools", _schema("tools"), lang, entry_id, given)

    say = messages.load(lang)
    lines = ["---", *_comment(say("new_tool_head", language=project.languages[lang].name)), ""]
    lines += _comment(_hint(lang, "title", True)) + [f"title: {_q(title)}"]
    lines += _comment(_hint(lang, "purpose", True)) + [f"purpose: {_q(purpose)}".rstrip()]
    lines += _comment(_hint(lang, "source_language", False)) + [f"source_language: {_q(lang)}"]
    lines += _comment(_hint(lang, "source", False)) + ["source:"]
    lines += ["---", f"<!-- {HINT_MARK} {say('new_body_hint')} -->", ""]
    for heading in say.list("new_tool_body"):
        lines += [f"## {heading}", "", ""]
    _write_new(page, "\n".join(lines).rstrip("\n") + "\n")
    written.files.append(project.shown(page))
    if not purpose:
        written.todo.append(Msg("new_todo_fill", {"where": project.shown(page), "name": "purpose"}))
    written.todo.append(Msg("new_todo_text", {"where": project.shown(page), "mark": HINT_MARK}))
    written.todo.append(Msg("new_todo_tool_pages", {"languages": _other_languages(project, lang), "lang": lang, "id": entry_id}))
    return written


def new_film(project: Project, data: SiteData, lang: str, title: str, entry_id: str | None = None,
             description: str | None = None, organisation: str | None = None, year: int | None = None,
             page_url: str | None = None) -> Written:
    entry_id = _new_id(title, entry_id, "film")
    if page_url and not URL_PATTERN.match(page_url):
        raise ScaffoldError(Msg("new_option_expected", {"option": "page-url", "what": Msg("expect_url"), "got": page_url}))
    given = {"title": title, "description": description, "organisation": organisation, "year": year, "page_url": page_url}
    return _add_entry(project, data, "films.yml", "films", _schema("films"), lang, entry_id, given)


def new_contact(project: Project, data: SiteData, lang: str, title: str, entry_id: str | None = None,
                organisation: str | None = None, country: str | None = None, role: str | None = None,
                email: str | None = None, phone: str | None = None) -> Written:
    entry_id = _new_id(title, entry_id, "contact")
    country = country or project.languages[lang].country or next(iter(data.entries.get("countries", {})), "")
    _check_ids(data, "countries", [country], "country")
    if email and not EMAIL_PATTERN.match(email):
        raise ScaffoldError(Msg("new_option_expected", {"option": "email", "what": Msg("expect_email"), "got": email}))
    if phone and not PHONE_PATTERN.match(phone):
        raise ScaffoldError(Msg("new_option_expected", {"option": "phone", "what": Msg("expect_phone"), "got": phone}))
    given = {"name": title, "organisation": organisation, "country": country, "role": role,
             "email": email, "phone": phone, "confirmed": _today()}
    return _add_entry(project, data, "contacts.yml", "contacts", _schema("contacts"), lang, entry_id, given)


def translate(project: Project, key: str, to: str, source_lang: str | None = None) -> Written:
    """Start `to`'s version of a page as a copy of another language's, marked for translation."""
    key = _page_key(project, key)
    target = project.docs_dir / to / key
    _refuse_existing(project, target)
    candidates = [source_lang] if source_lang else [c for c in project.languages.order_for(to) if c != to]
    source = next((project.docs_dir / c / key for c in candidates if (project.docs_dir / c / key).exists()), None)
    if source is None:
        raise ScaffoldError(Msg("new_nothing_to_translate", {"key": key, "looked": ", ".join(project.shown(project.docs_dir / c / key) for c in candidates)}))
    text = yamlfile.read_text(source, project.shown(source))
    meta, body_line = content_index.read_front_matter(text, project.shown(source))
    lines = text.split("\n")
    marker = f"<!-- {HINT_MARK} {messages.load(to)('translate_hint', source=project.shown(source), language=project.languages[to].name)} -->"
    lines.insert(body_line - 1, marker)
    _write_new(target, "\n".join(lines))
    written = Written([project.shown(target)])
    written.todo = [Msg("new_todo_translate", {"file": project.shown(target), "mark": HINT_MARK})]
    return written


def _page_key(project: Project, given: str) -> str:
    """'cases/x.md', 'da/cases/x.md' or 'content/da/cases/x.md' -> 'cases/x.md'."""
    key = given.replace("\\", "/").strip("/")
    prefix = project.docs_dir.name + "/"
    if key.startswith(prefix):
        key = key[len(prefix):]
    if project.languages.of_path(key):
        key = key.split("/", 1)[1]
    if not key.endswith(".md"):
        key += ".md"
    return key
