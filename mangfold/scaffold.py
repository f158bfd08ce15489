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

from macros import content_index, data as site_data, yamlfile
from macros.data import SiteData
from macros.errors import ContentError
from macros.languages import CODES, language_of
from macros import schema as s
from macros.schema import EMAIL_PATTERN, ID_PATTERN, PHONE_PATTERN, URL_PATTERN, singular, unknown_id_message

from .project import Project
from .slug import slugify

HINT_MARK = "mangfold:"  # writing hints in page bodies start "<!-- mangfold:"; check warns until they are gone
COUNTRY_OF = {"da": "dk", "no": "no", "sv": "se"}


class ScaffoldError(Exception):
    """The editor asked for something that cannot be written (exists, bad id ...)."""


@dataclass
class Written:
    files: list[str] = field(default_factory=list)
    todo: list[str] = field(default_factory=list)


# Field explanations, per language. "{ids}" is replaced by the possible values.
REQUIRED = {"da": "Skal udfyldes.", "no": "Må fylles ut.", "sv": "Måste fyllas i."}
OPTIONAL = {"da": "Kan stå tomt.", "no": "Kan stå tomt.", "sv": "Kan lämnas tomt."}
HINTS: dict[str, dict[str, str]] = {
    "case_head": {
        "da": "Ny lokal erfaring. Linjer, der begynder med #, er forklaringer til dig og kommer ikke med på siden.\n"
              "Udfyld felterne, skriv teksten under de sidste ---, og kør så: mangfold check",
        "no": "Ny lokal erfaring. Linjer som begynner med #, er forklaringer til deg og kommer ikke med på siden.\n"
              "Fyll ut feltene, skriv teksten under de siste ---, og kjør så: mangfold check",
        "sv": "Ny lokal erfarenhet. Rader som börjar med # är förklaringar till dig och syns inte på sidan.\n"
              "Fyll i fälten, skriv texten under de sista ---, och kör sedan: mangfold check",
    },
    "tool_head": {
        "da": "Nyt værktøj: teksten på dansk. Fakta (fase, tid, deltagere) står i data/tools.yml.\n"
              "Linjer, der begynder med #, er forklaringer og kommer ikke med på siden.",
        "no": "Nytt verktøy: teksten på norsk. Fakta (fase, tid, deltakere) står i data/tools.yml.\n"
              "Linjer som begynner med #, er forklaringer og kommer ikke med på siden.",
        "sv": "Nytt verktyg: texten på svenska. Fakta (fas, tid, deltagare) står i data/tools.yml.\n"
              "Rader som börjar med # är förklaringar och syns inte på sidan.",
    },
    "entry_head": {
        "da": "Tilføjet med 'mangfold new' {date}. Udfyld de tomme felter; 'mangfold check' viser, hvad der mangler.",
        "no": "Lagt til med 'mangfold new' {date}. Fyll ut de tomme feltene; 'mangfold check' viser hva som mangler.",
        "sv": "Tillagd med 'mangfold new' {date}. Fyll i de tomma fälten; 'mangfold check' visar vad som saknas.",
    },
    "title": {"da": "Sidens overskrift.", "no": "Sidens overskrift.", "sv": "Sidans rubrik."},
    "summary": {
        "da": "En eller to sætninger om, hvad der skete. Vises i oversigten over erfaringer og på værktøjernes sider.",
        "no": "En eller to setninger om hva som skjedde. Vises i oversikten over erfaringer og på verktøysidene.",
        "sv": "En eller två meningar om vad som hände. Visas i översikten över erfarenheter och på verktygens sidor.",
    },
    "organisation": {
        "da": "Kommunen eller organisationen bag.", "no": "Kommunen eller organisasjonen bak.",
        "sv": "Kommunen eller organisationen bakom.",
    },
    "country": {
        "da": "Land: dk, \"no\" eller se. Skriv \"no\" med anførselstegn, ellers læses det som 'nej'.",
        "no": "Land: dk, \"no\" eller se. Skriv \"no\" med anførselstegn, ellers leses det som 'nei'.",
        "sv": "Land: dk, \"no\" eller se. Skriv \"no\" med citattecken, annars läses det som 'nej'.",
    },
    "year": {
        "da": "Året, arbejdet fandt sted, fx 2009. De nyeste erfaringer vises først.",
        "no": "Året arbeidet fant sted, f.eks. 2009. De nyeste erfaringene vises først.",
        "sv": "Året då arbetet gjordes, t.ex. 2009. De senaste erfarenheterna visas först.",
    },
    "themes": {
        "da": "Mindst ét tema, adskilt af komma inden for [ ]. Mulige temaer:",
        "no": "Minst ett tema, skilt med komma innenfor [ ]. Mulige temaer:",
        "sv": "Minst ett tema, åtskilda med komma inom [ ]. Möjliga teman:",
    },
    "tools": {
        "da": "Værktøjer, I brugte; erfaringen vises så også på værktøjernes sider. Mulige værktøjer:",
        "no": "Verktøy dere brukte; erfaringen vises da også på verktøysidene. Mulige verktøy:",
        "sv": "Verktyg ni använde; erfarenheten visas då också på verktygens sidor. Möjliga verktyg:",
    },
    "contacts": {
        "da": "Kontaktpersoner (fra data/contacts.yml). Mulige:", "no": "Kontaktpersoner (fra data/contacts.yml). Mulige:",
        "sv": "Kontaktpersoner (från data/contacts.yml). Möjliga:",
    },
    "films": {
        "da": "Film (fra data/films.yml). Mulige:", "no": "Filmer (fra data/films.yml). Mulige:",
        "sv": "Filmer (från data/films.yml). Möjliga:",
    },
    "source_language": {
        "da": "Sproget, kilden til teksten er skrevet på: da, \"no\" eller sv.",
        "no": "Språket kilden til teksten er skrevet på: da, \"no\" eller sv.",
        "sv": "Språket som källan till texten är skriven på: da, \"no\" eller sv.",
    },
    "source": {
        "da": "Hvor oplysningerne kommer fra, fx en rapport eller en samtale.",
        "no": "Hvor opplysningene kommer fra, f.eks. en rapport eller en samtale.",
        "sv": "Var uppgifterna kommer ifrån, t.ex. en rapport eller ett samtal.",
    },
    "source_date": {
        "da": "Kildens dato, skrevet ÅÅÅÅ-MM-DD, fx 2010-01-22.",
        "no": "Kildens dato, skrevet ÅÅÅÅ-MM-DD, f.eks. 2010-01-22.",
        "sv": "Källans datum, skrivet ÅÅÅÅ-MM-DD, t.ex. 2010-01-22.",
    },
    "purpose": {
        "da": "Værktøjets formål i én sætning. Vises på værktøjskortet.",
        "no": "Verktøyets formål i én setning. Vises på verktøykortet.",
        "sv": "Verktygets syfte i en mening. Visas på verktygskortet.",
    },
    "phase": {"da": "Fase, én af:", "no": "Fase, én av:", "sv": "Fas, en av:"},
    "audience": {
        "da": "Målgrupper, mindst én, inden for [ ]. Mulige:", "no": "Målgrupper, minst én, innenfor [ ]. Mulige:",
        "sv": "Målgrupper, minst en, inom [ ]. Möjliga:",
    },
    "minutes": {
        "da": "Tidsforbrug i minutter, fra (min) og til (max), fx min: 60 og max: 120.",
        "no": "Tidsbruk i minutter, fra (min) og til (max), f.eks. min: 60 og max: 120.",
        "sv": "Tidsåtgång i minuter, från (min) och till (max), t.ex. min: 60 och max: 120.",
    },
    "participants": {
        "da": "Antal deltagere, fra (min) og til (max).", "no": "Antall deltakere, fra (min) og til (max).",
        "sv": "Antal deltagare, från (min) och till (max).",
    },
    "worksheet": {
        "da": "Arbejdsark som fil under content/assets/, fx assets/worksheets/{id}.pdf.",
        "no": "Arbeidsark som fil under content/assets/, f.eks. assets/worksheets/{id}.pdf.",
        "sv": "Arbetsblad som fil under content/assets/, t.ex. assets/worksheets/{id}.pdf.",
    },
    "film_organisation": {
        "da": "Organisationen bag filmen, på hvert sprog.", "no": "Organisasjonen bak filmen, på hvert språk.",
        "sv": "Organisationen bakom filmen, på varje språk.",
    },
    "film_title": {
        "da": "Filmens titel på hvert sprog. Tomme sprog stopper 'mangfold check' med 'translation missing'.",
        "no": "Filmens tittel på hvert språk. Tomme språk stopper 'mangfold check' med 'translation missing'.",
        "sv": "Filmens titel på varje språk. Tomma språk stoppar 'mangfold check' med 'translation missing'.",
    },
    "description": {
        "da": "Et par sætninger om filmen, på hvert sprog.", "no": "Et par setninger om filmen, på hvert språk.",
        "sv": "Några meningar om filmen, på varje språk.",
    },
    "film_year": {"da": "Året, filmen blev lavet.", "no": "Året filmen ble laget.", "sv": "Året då filmen gjordes."},
    "film_minutes": {"da": "Længde i minutter.", "no": "Lengde i minutter.", "sv": "Längd i minuter."},
    "published": {
        "da": "Hvor filmen er offentliggjort, på hvert sprog.", "no": "Hvor filmen er publisert, på hvert språk.",
        "sv": "Var filmen är publicerad, på varje språk.",
    },
    "page_url": {
        "da": "Adressen på den side, hvor filmen kan ses (https://...).",
        "no": "Adressen til siden der filmen kan ses (https://...).",
        "sv": "Adressen till sidan där filmen kan ses (https://...).",
    },
    "video_url": {
        "da": "Afspillerens adresse (https://...). Kræver undertekster eller udskrift (captions/transcript).",
        "no": "Avspillerens adresse (https://...). Krever teksting eller transkripsjon (captions/transcript).",
        "sv": "Spelarens adress (https://...). Kräver undertexter eller transkription (captions/transcript).",
    },
    "captions": {
        "da": "Hvilke undertekster filmen har, på hvert sprog, fx  da: Danske undertekster",
        "no": "Hvilken teksting filmen har, på hvert språk, f.eks.  \"no\": Norsk teksting",
        "sv": "Vilka undertexter filmen har, på varje språk, t.ex.  sv: Svenska undertexter",
    },
    "transcript": {
        "da": "Hvor en udskrift af filmen findes, på hvert sprog.", "no": "Hvor en transkripsjon av filmen finnes, på hvert språk.",
        "sv": "Var en transkription av filmen finns, på varje språk.",
    },
    "name": {"da": "Fulde navn.", "no": "Fullt navn.", "sv": "Fullständigt namn."},
    "role": {
        "da": "Personens rolle, på hvert sprog. Tomme sprog stopper 'mangfold check' med 'translation missing'.",
        "no": "Personens rolle, på hvert språk. Tomme språk stopper 'mangfold check' med 'translation missing'.",
        "sv": "Personens roll, på varje språk. Tomma språk stoppar 'mangfold check' med 'translation missing'.",
    },
    "phone": {
        "da": "Telefonnummer med landekode, fx \"+45 33 12 34 56\" (i anførselstegn).",
        "no": "Telefonnummer med landskode, f.eks. \"+47 22 12 34 56\" (i anførselstegn).",
        "sv": "Telefonnummer med landsnummer, t.ex. \"+46 8 123 456 78\" (inom citattecken).",
    },
    "email": {"da": "E-mailadresse.", "no": "E-postadresse.", "sv": "E-postadress."},
    "contact_organisation": {
        "da": "Personens arbejdsplads eller organisation.", "no": "Personens arbeidsplass eller organisasjon.",
        "sv": "Personens arbetsplats eller organisation.",
    },
    "confirmed": {
        "da": "Datoen, oplysningerne sidst blev bekræftet (ÅÅÅÅ-MM-DD).",
        "no": "Datoen opplysningene sist ble bekreftet (ÅÅÅÅ-MM-DD).",
        "sv": "Datum då uppgifterna senast bekräftades (ÅÅÅÅ-MM-DD).",
    },
}

CASE_BODY = {
    "da": ["Udgangspunktet", "Det gjorde vi", "Det lærte vi"],
    "no": ["Utgangspunktet", "Dette gjorde vi", "Dette lærte vi"],
    "sv": ["Utgångsläget", "Så gjorde vi", "Det här lärde vi oss"],
}
TOOL_BODY = {
    "da": ["Hvornår kan I bruge værktøjet?", "Forberedelse", "Trin for trin", "Arbejdsark", "Gode råd"],
    "no": ["Når bør dere bruke verktøyet?", "Forberedelse", "Trinn for trinn", "Arbeidsark", "Gode råd"],
    "sv": ["När passar verktyget?", "Förberedelser", "Steg för steg", "Arbetsblad", "Goda råd"],
}
BODY_HINT = {
    "da": "Skriv teksten under overskrifterne med dine egne ord. Slet linjerne med 'mangfold:', når teksten er færdig.",
    "no": "Skriv teksten under overskriftene med dine egne ord. Slett linjene med 'mangfold:' når teksten er ferdig.",
    "sv": "Skriv texten under rubrikerna med egna ord. Ta bort raderna med 'mangfold:' när texten är klar.",
}
TRANSLATE_HINT = {
    "da": "Oversat fra {source}: oversæt teksten og felterne title, summary og purpose til dansk, og slet så denne linje.",
    "no": "Oversatt fra {source}: oversett teksten og feltene title, summary og purpose til norsk, og slett så denne linjen.",
    "sv": "Översatt från {source}: översätt texten och fälten title, summary och purpose till svenska, och ta sedan bort den här raden.",
}


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
    text = HINTS[key][lang].format(**values) if values else HINTS[key][lang]
    if required is True:
        text = f"{REQUIRED[lang]} {text}"
    elif required is False:
        text = f"{OPTIONAL[lang]} {text}"
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
    for code in (lang, *CODES):
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
            raise ScaffoldError(f"--{option}: {unknown_id_message(kind, value, known)}")
    return values


def _split(option: str | None) -> list[str]:
    return [part for part in re.split(r"[,\s]+", option or "") if part]


def _range(option: str | None, name: str) -> tuple[int | None, int | None]:
    if not option:
        return None, None
    match = re.fullmatch(r"\s*(\d+)\s*(?:-|–|\.\.)\s*(\d+)\s*|\s*(\d+)\s*", option)
    if not match:
        raise ScaffoldError(f"--{name}: expected a range like 60-120, got '{option}'")
    if match.group(3):
        return int(match.group(3)), int(match.group(3))
    low, high = int(match.group(1)), int(match.group(2))
    if low > high:
        raise ScaffoldError(f"--{name}: the first number must not be larger than the second, got '{option}'")
    return low, high


def _new_id(title: str, given: str | None, what: str) -> str:
    entry_id = given.strip() if given else slugify(title)
    if not entry_id or not ID_PATTERN.match(entry_id):
        raise ScaffoldError(f"cannot make an id from '{given or title}': give --id with lower-case letters, digits and hyphens (e.g. --id my-{what})")
    return entry_id


def _refuse_existing(project: Project, path: Path) -> None:
    if path.exists():
        raise ScaffoldError(f"{project.shown(path)} already exists; mangfold new never overwrites a file (choose another --title or --slug)")


def _existing_versions(project: Project, key: str) -> list[str]:
    return [project.shown(project.docs_dir / code / key) for code in CODES if (project.docs_dir / code / key).exists()]


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
        raise ScaffoldError(f"{shown} would not be valid YAML after adding '{entry_id}' ({exc.problems[0].message}); fix the file first (mangfold check)") from None
    items = document.get(key) if isinstance(document, dict) else None
    if not isinstance(items, list) or not any(isinstance(i, dict) and i.get("id") == entry_id for i in items):
        raise ScaffoldError(f"{shown}: the list '{key}:' is not the last thing in the file, so a new entry cannot be added at the end; add it by hand (see docs/editors/)")
    path.write_text(new_text, encoding="utf-8")
    return shown


def _localized(lang: str, name: str, value: str | None, hint: str) -> list[str]:
    lines = _comment(hint)
    lines.append(f"{name}:")
    for code in CODES:
        key = '"no"' if code == "no" else code
        lines.append(f"  {key}: {_q(value) if code == lang and value else ''}".rstrip())
    return lines


def _optional_localized(name: str, hint: str) -> list[str]:
    """An optional text in every language: left empty (no language at all) until used."""
    return _comment(hint) + _comment(f'{name}: {{da: "...", "no": "...", sv: "..."}}') + [f"{name}:"]


def _today() -> str:
    return dt.date.today().isoformat()


def _todo_missing(lang: str, fields: dict[str, Any]) -> list[str]:
    return [name for name, value in fields.items() if value in (None, "", [])]


def _other_languages(lang: str) -> str:
    return ", ".join(c for c in CODES if c != lang)


# ---------------------------------------------------------------- the kinds

def new_case(project: Project, data: SiteData, lang: str, title: str, slug: str | None = None,
             summary: str | None = None, organisation: str | None = None, country: str | None = None,
             year: int | None = None, themes: str | None = None, tools: str | None = None,
             contacts: str | None = None, films: str | None = None, source: str | None = None) -> Written:
    slug = _new_id(title, slug, "case")
    key = f"cases/{slug}.md"
    existing = _existing_versions(project, key)
    if existing:
        raise ScaffoldError(
            f"{existing[0]} already exists: a case is one page in every language, so content/{lang}/{key} would be its translation. "
            f"To translate it: mangfold translate {key} --to {lang}; for a different case choose another --title or --slug"
        )
    path = project.docs_dir / lang / key
    country = country or COUNTRY_OF[lang]
    _check_ids(data, "countries", [country], "country")
    values = {
        "summary": summary,
        "organisation": organisation,
        "themes": _check_ids(data, "themes", _split(themes), "themes"),
    }
    tool_ids = _check_ids(data, "tools", _split(tools), "tools")
    contact_ids = _check_ids(data, "contacts", _split(contacts), "contacts")
    film_ids = _check_ids(data, "films", _split(films), "films")
    lines = ["---", *_comment(HINTS["case_head"][lang]), ""]
    lines += _comment(_hint(lang, "title", True)) + [f"title: {_q(title)}"]
    lines += _comment(_hint(lang, "summary", True)) + [f"summary: {_q(summary)}".rstrip()]
    lines += _comment(_hint(lang, "organisation", True)) + [f"organisation: {_q(organisation)}".rstrip()]
    lines += _comment(_hint(lang, "country", True)) + [f"country: {_q(country)}"]
    lines += _comment(_hint(lang, "year", False)) + [f"year: {year if year else ''}".rstrip()]
    lines += _comment(_hint(lang, "themes", True)) + _comment("\n".join(_choices(data, "themes", lang))) + [f"themes: {_list(values['themes'])}"]
    lines += _comment(_hint(lang, "tools", False)) + _comment("\n".join(_choices(data, "tools", lang, _tool_titles(project, lang)))) + [f"tools: {_list(tool_ids)}"]
    lines += _comment(_hint(lang, "contacts", False)) + _comment("\n".join(_choices(data, "contacts", lang))) + [f"contacts: {_list(contact_ids)}"]
    lines += _comment(_hint(lang, "films", False)) + _comment("\n".join(_choices(data, "films", lang))) + [f"films: {_list(film_ids)}"]
    lines += _comment(_hint(lang, "source_language", True)) + [f"source_language: {_q(lang)}"]
    lines += _comment(_hint(lang, "source", False)) + [f"source: {_q(source)}".rstrip()]
    lines += _comment(_hint(lang, "source_date", False)) + ["source_date:"]
    lines += ["---", f"<!-- {HINT_MARK} {BODY_HINT[lang]} -->", ""]
    for heading in CASE_BODY[lang]:
        lines += [f"## {heading}", "", ""]
    _write_new(path, "\n".join(lines).rstrip("\n") + "\n")
    written = Written([project.shown(path)])
    written.todo = [f"{project.shown(path)}: fill in {name}" for name in _todo_missing(lang, values)]
    written.todo.append(f"{project.shown(path)}: write the text under the headings, then delete the '{HINT_MARK}' line")
    return written


def _entry_lines(schema: s.Record, prefix: str, lang: str, data: SiteData, given: dict[str, Any],
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
        key = f"{prefix}_{name}" if f"{prefix}_{name}" in HINTS else name
        hint = _hint(lang, key, required, id=given.get("id", "")) if key in HINTS else (REQUIRED if required else OPTIONAL)[lang]
        value = given.get(name)
        target = kind.item if isinstance(kind, s.ListOf) else kind
        choices = _choices(data, target.kind, lang, titles) if isinstance(target, s.Ref) else []
        lines += _comment(hint) + (_comment("\n".join(choices)) if choices else [])
        if isinstance(kind, s.Localized):
            if required:
                lines += _localized(lang, name, value, "")[1:]
                untranslated.append(name)
                if not value:
                    empty.append(name)
            else:
                lines += _optional_localized(name, "")[1:]
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
        raise ScaffoldError(f"data/{file_name} already has a {singular(kind)} '{entry_id}'; choose another --id or --title")
    body, empty, untranslated = _entry_lines(schema, singular(kind), lang, data, {**given, "id": entry_id}, titles)
    entry = [*_comment(HINTS["entry_head"][lang].format(date=_today())), f"- id: {entry_id}"]
    entry += ["  " + line if line else "" for line in body]
    shown = _append_entry(project, file_name, kind, entry_id, entry)
    written = Written([shown])
    name = f"{singular(kind)} '{entry_id}'"
    written.todo = [f"{shown}: {name}: fill in {field_name}" for field_name in empty]
    if untranslated:
        written.todo.append(f"{shown}: {name}: the {_other_languages(lang)} texts of {', '.join(untranslated)} are empty: "
                            "mangfold check and the build say 'translation missing' until they are written")
    return written


def new_tool(project: Project, data: SiteData, lang: str, title: str, entry_id: str | None = None,
             purpose: str | None = None, phase: str | None = None, themes: str | None = None,
             audience: str | None = None, minutes: str | None = None, participants: str | None = None) -> Written:
    entry_id = _new_id(title, entry_id, "tool")
    if entry_id in data.entries.get("tools", {}):
        pages = _existing_versions(project, f"tools/{entry_id}.md")
        tip = f"; to translate its page: mangfold translate tools/{entry_id}.md --to {lang}" if pages else ""
        raise ScaffoldError(f"data/tools.yml already has a tool '{entry_id}'; choose another --id{tip}")
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
        "minutes": {"min": low, "max": high},
        "participants": {"min": p_low, "max": p_high},
    }
    written = _add_entry(project, data, "tools.yml", "tools", site_data.TOOL, lang, entry_id, given)

    lines = ["---", *_comment(HINTS["tool_head"][lang]), ""]
    lines += _comment(_hint(lang, "title", True)) + [f"title: {_q(title)}"]
    lines += _comment(_hint(lang, "purpose", True)) + [f"purpose: {_q(purpose)}".rstrip()]
    lines += _comment(_hint(lang, "source_language", False)) + [f"source_language: {_q(lang)}"]
    lines += _comment(_hint(lang, "source", False)) + ["source:"]
    lines += ["---", f"<!-- {HINT_MARK} {BODY_HINT[lang]} -->", ""]
    for heading in TOOL_BODY[lang]:
        lines += [f"## {heading}", "", ""]
    _write_new(page, "\n".join(lines).rstrip("\n") + "\n")
    written.files.append(project.shown(page))
    if not purpose:
        written.todo.append(f"{project.shown(page)}: fill in purpose")
    written.todo.append(f"{project.shown(page)}: write the text under the headings, then delete the '{HINT_MARK}' line")
    written.todo.append(f"the tool's page in {_other_languages(lang)}: until written, those languages show the {lang} text "
                        f"with a notice (mangfold translate tools/{entry_id}.md --to ...)")
    return written


def new_film(project: Project, data: SiteData, lang: str, title: str, entry_id: str | None = None,
             description: str | None = None, organisation: str | None = None, year: int | None = None,
             page_url: str | None = None) -> Written:
    entry_id = _new_id(title, entry_id, "film")
    if page_url and not URL_PATTERN.match(page_url):
        raise ScaffoldError(f"--page-url: expected an https:// address, got '{page_url}'")
    given = {"title": title, "description": description, "organisation": organisation, "year": year, "page_url": page_url}
    return _add_entry(project, data, "films.yml", "films", site_data.FILM, lang, entry_id, given)


def new_contact(project: Project, data: SiteData, lang: str, title: str, entry_id: str | None = None,
                organisation: str | None = None, country: str | None = None, role: str | None = None,
                email: str | None = None, phone: str | None = None) -> Written:
    entry_id = _new_id(title, entry_id, "contact")
    country = country or COUNTRY_OF[lang]
    _check_ids(data, "countries", [country], "country")
    if email and not EMAIL_PATTERN.match(email):
        raise ScaffoldError(f"--email: expected an e-mail address like name@example.dk, got '{email}'")
    if phone and not PHONE_PATTERN.match(phone):
        raise ScaffoldError(f"--phone: expected a phone number of digits and spaces, optionally starting with +, got '{phone}'")
    given = {"name": title, "organisation": organisation, "country": country, "role": role,
             "email": email, "phone": phone, "confirmed": _today()}
    return _add_entry(project, data, "contacts.yml", "contacts", site_data.CONTACT, lang, entry_id, given)


def translate(project: Project, key: str, to: str, source_lang: str | None = None) -> Written:
    """Start `to`'s version of a page as a copy of another language's, marked for translation."""
    key = _page_key(project, key)
    target = project.docs_dir / to / key
    _refuse_existing(project, target)
    candidates = [source_lang] if source_lang else [c for c in CODES if c != to]
    source = next((project.docs_dir / c / key for c in candidates if (project.docs_dir / c / key).exists()), None)
    if source is None:
        raise ScaffoldError(f"no version of {key} to translate from (looked in {', '.join(project.shown(project.docs_dir / c / key) for c in candidates)})")
    text = yamlfile.read_text(source, project.shown(source))
    meta, body_line = content_index.read_front_matter(text, project.shown(source))
    lines = text.split("\n")
    marker = f"<!-- {HINT_MARK} {TRANSLATE_HINT[to].format(source=project.shown(source))} -->"
    lines.insert(body_line - 1, marker)
    _write_new(target, "\n".join(lines))
    written = Written([project.shown(target)])
    written.todo = [f"{project.shown(target)}: translate the text and the front matter, then delete the '{HINT_MARK}' line; "
                    f"until then mangfold check warns, and the page is published untranslated"]
    return written


def _page_key(project: Project, given: str) -> str:
    """'cases/x.md', 'da/cases/x.md' or 'content/da/cases/x.md' -> 'cases/x.md'."""
    key = given.replace("\\", "/").strip("/")
    prefix = project.docs_dir.name + "/"
    if key.startswith(prefix):
        key = key[len(prefix):]
    if language_of(key):
        key = key.split("/", 1)[1]
    if not key.endswith(".md"):
        key += ".md"
    return key
