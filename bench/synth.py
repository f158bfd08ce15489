"""Synthetic content for the benchmark: N cases and N tools in every language.

The pages look like real ones to the build: valid front matter, about 400
words in the page's language, headings, lists, macro calls (tool_card,
contact_box) and Markdown links between cases and tools. Some cases exist in
one language only, so the build also generates fallback pages, as it will
on the real site. Everything is deterministic for a given N and seed.

The text is random words, not prose: it only has to weigh what prose weighs
(length, vocabulary size for the search index, links and components).
"""

from __future__ import annotations

import json
import random
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

LANGS = ("da", "no", "sv")
COUNTRY_LANG = {"dk": "da", "no": "no", "se": "sv"}
TOOL_PREFIX = "bench-tool-"
CASE_PREFIX = "bench-case-"
# Every tenth case exists only in its source language: the others get a fallback page.
ONE_LANGUAGE_EVERY = 10

# Sentence parts per language: subject, verb, object, ending.
WORDS: dict[str, dict[str, list[str]]] = {
    "da": {
        "subject": ["Arbejdspladsen", "Ledergruppen", "Projektgruppen", "Kommunen", "HR-afdelingen",
                    "Medarbejderne", "Teamet", "Forvaltningen", "Styregruppen", "Plejecentret"],
        "verb": ["kortlagde", "drøftede", "afprøvede", "fulgte op på", "beskrev", "målte",
                 "justerede", "delte", "planlagde", "evaluerede"],
        "object": ["rekrutteringen af nye kolleger", "mødet med borgerne", "de faglige mål",
                   "arbejdsmiljøet", "indsatsens effekt", "samarbejdet på tværs", "de første erfaringer",
                   "planen for næste år", "sprogkurserne", "introduktionen af nyansatte"],
        "ending": ["i løbet af foråret", "sammen med de tillidsvalgte", "ud fra en enkel tjekliste",
                   "på et fælles personalemøde", "med hjælp fra en ekstern konsulent", "før budgettet blev lagt",
                   "og skrev resultatet ned", "så alle kunne følge med", "hver tredje måned", "i tæt dialog med lederne"],
        "case_headings": ["Baggrund", "Sådan gjorde de", "Resultater", "Det lærte de"],
        "tool_headings": ["Formål", "Trin", "Gode råd"],
        "case_title": "Erfaring {n}: {subject} i {place}",
        "tool_title": "Værktøj {n}: {object}",
        "see_tool": "Læs mere om værktøjet",
        "see_case": "Se en erfaring med værktøjet",
        "org": "{place} Kommune",
    },
    "no": {
        "subject": ["Arbeidsplassen", "Ledergruppen", "Prosjektgruppen", "Kommunen", "Personalavdelingen",
                    "De ansatte", "Teamet", "Etaten", "Styringsgruppen", "Sykehjemmet"],
        "verb": ["kartla", "drøftet", "prøvde ut", "fulgte opp", "beskrev", "målte",
                 "justerte", "delte", "planla", "evaluerte"],
        "object": ["rekrutteringen av nye kolleger", "møtet med innbyggerne", "de faglige målene",
                   "arbeidsmiljøet", "effekten av tiltaket", "samarbeidet på tvers", "de første erfaringene",
                   "planen for neste år", "språkkursene", "introduksjonen av nyansatte"],
        "ending": ["i løpet av våren", "sammen med de tillitsvalgte", "ut fra en enkel sjekkliste",
                   "på et felles personalmøte", "med hjelp fra en ekstern rådgiver", "før budsjettet ble lagt",
                   "og skrev ned resultatet", "slik at alle kunne følge med", "hver tredje måned", "i tett dialog med lederne"],
        "case_headings": ["Bakgrunn", "Slik gjorde de", "Resultater", "Dette lærte de"],
        "tool_headings": ["Formål", "Trinn", "Gode råd"],
        "case_title": "Erfaring {n}: {subject} i {place}",
        "tool_title": "Verktøy {n}: {object}",
        "see_tool": "Les mer om verktøyet",
        "see_case": "Se en erfaring med verktøyet",
        "org": "{place} kommune",
    },
    "sv": {
        "subject": ["Arbetsplatsen", "Ledningsgruppen", "Projektgruppen", "Kommunen", "HR-avdelningen",
                    "Medarbetarna", "Teamet", "Förvaltningen", "Styrgruppen", "Äldreboendet"],
        "verb": ["kartlade", "diskuterade", "prövade", "följde upp", "beskrev", "mätte",
                 "justerade", "delade", "planerade", "utvärderade"],
        "object": ["rekryteringen av nya kolleger", "mötet med invånarna", "de fackliga målen",
                   "arbetsmiljön", "insatsens effekt", "samarbetet över gränserna", "de första erfarenheterna",
                   "planen för nästa år", "språkkurserna", "introduktionen av nyanställda"],
        "ending": ["under våren", "tillsammans med de fackliga ombuden", "utifrån en enkel checklista",
                   "på ett gemensamt personalmöte", "med hjälp av en extern konsult", "innan budgeten lades",
                   "och skrev ner resultatet", "så att alla kunde följa med", "var tredje månad", "i nära dialog med cheferna"],
        "case_headings": ["Bakgrund", "Så gjorde de", "Resultat", "Det här lärde de sig"],
        "tool_headings": ["Syfte", "Steg", "Goda råd"],
        "case_title": "Erfarenhet {n}: {subject} i {place}",
        "tool_title": "Verktyg {n}: {object}",
        "see_tool": "Läs mer om verktyget",
        "see_case": "Se en erfarenhet med verktyget",
        "org": "{place} kommun",
    },
}

SYLLABLES = ["ka", "lo", "ve", "strå", "nor", "bi", "gen", "dal", "holm", "mø", "ske", "vik", "rup", "sta",
             "berg", "lund", "fo", "tå", "ri", "mark", "sø", "by", "hav", "li", "ne", "sel", "tor", "æ", "ø"]


def _pseudo_words(rng: random.Random, count: int) -> list[str]:
    """Made-up words: they give the search index a vocabulary the size of real text's."""
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4))))
    return sorted(words)


@dataclass
class Vocabulary:
    lang: str
    rare: list[str]
    places: list[str]
    rng: random.Random

    def rare_word(self) -> str:
        # Zipf-like: a few rare words are common, most are seldom used.
        i = min(int(self.rng.paretovariate(1.1)) - 1, len(self.rare) - 1)
        return self.rare[(i * 7919) % len(self.rare)]

    def sentence(self) -> str:
        w = WORDS[self.lang]
        r = self.rng
        parts = [r.choice(w["subject"]), r.choice(w["verb"]), r.choice(w["object"])]
        if r.random() < 0.5:
            parts.append(self.rare_word())
        parts.append(r.choice(w["ending"]))
        return " ".join(parts) + "."

    def paragraph(self, sentences: int) -> str:
        return " ".join(self.sentence() for _ in range(sentences))


def _id(prefix: str, i: int) -> str:
    return f"{prefix}{i:04d}"


def _dump(value: object) -> str:
    """A YAML scalar or flow list (JSON is valid YAML and escapes everything)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass
class ExistingData:
    tools: list[str]
    contacts: list[str]
    phases: list[str]
    themes: list[str]
    audiences: list[str]
    countries: list[str]


def read_existing(project: Path) -> ExistingData:
    def ids(file: str, key: str) -> list[str]:
        doc = yaml.safe_load((project / "data" / file).read_text(encoding="utf-8")) or {}
        return [str(e["id"]) for e in doc.get(key) or []]

    return ExistingData(
        tools=ids("tools.yml", "tools"), contacts=ids("contacts.yml", "contacts"),
        phases=ids("taxonomy.yml", "phases"), themes=ids("taxonomy.yml", "themes"),
        audiences=ids("taxonomy.yml", "audiences"),
        countries=[c for c in ids("taxonomy.yml", "countries") if c in COUNTRY_LANG],
    )


def _tool_entries(n: int, existing: ExistingData, rng: random.Random) -> str:
    lines = ["", "  # Synthetic tools added by bench/synth.py"]
    for i in range(1, n + 1):
        low = rng.choice([30, 45, 60, 90, 120])
        people = rng.randint(2, 6)
        lines += [
            f"  - id: {_id(TOOL_PREFIX, i)}",
            f"    phase: {_dump(rng.choice(existing.phases))}",
            f"    themes: {_dump(rng.sample(existing.themes, rng.randint(1, min(3, len(existing.themes)))))}",
            f"    audience: {_dump(rng.sample(existing.audiences, rng.randint(1, min(2, len(existing.audiences)))))}",
            f"    minutes: {{min: {low}, max: {low * 2}}}",
            f"    participants: {{min: {people}, max: {people + rng.randint(0, 8)}}}",
        ]
    return "\n".join(lines) + "\n"


def _tool_page(lang: str, i: int, n: int, voc: Vocabulary) -> str:
    w = WORDS[lang]
    r = voc.rng
    other = _id(TOOL_PREFIX, i % n + 1)
    case = _id(CASE_PREFIX, i)
    title = w["tool_title"].format(n=i, object=r.choice(w["object"]))
    steps = "\n".join(f"{k}. {voc.sentence()}" for k in range(1, 7))
    h = w["tool_headings"]
    return (
        "---\n"
        f"title: {_dump(title)}\n"
        f"purpose: {_dump(voc.sentence())}\n"
        "---\n"
        f"## {h[0]}\n\n{voc.paragraph(6)}\n\n{voc.paragraph(5)}\n\n"
        f"## {h[1]}\n\n{steps}\n\n"
        f"## {h[2]}\n\n{voc.paragraph(6)}\n\n"
        f"{w['see_tool']}: [{other}]({other}.md). "
        f"{w['see_case']}: [{case}](../cases/{case}.md).\n\n"
        f"{{{{ tool_card('{other}') }}}}\n\n"
        f"{voc.paragraph(5)}\n"
    )


def _case_page(lang: str, i: int, n: int, source: str, country: str, existing: ExistingData, voc: Vocabulary) -> str:
    w = WORDS[lang]
    r = voc.rng
    place = r.choice(voc.places).capitalize()
    tools = [_id(TOOL_PREFIX, i), _id(TOOL_PREFIX, (i * 7) % n + 1)]
    if existing.tools and i % 5 == 0:
        tools.append(existing.tools[i % len(existing.tools)])
    tools = list(dict.fromkeys(tools))
    contact = existing.contacts[i % len(existing.contacts)] if existing.contacts else None
    h = w["case_headings"]
    bullets = "\n".join(f"- {voc.sentence()}" for _ in range(4))
    links = ", ".join(f"[{t}](../tools/{t}.md)" for t in tools)
    front = [
        f"title: {_dump(w['case_title'].format(n=i, subject=r.choice(w['subject']), place=place))}",
        f"summary: {_dump(voc.sentence())}",
        f"organisation: {_dump(w['org'].format(place=place))}",
        f"country: {_dump(country)}",
        f"year: {2000 + i % 25}",
        f"themes: {_dump(r.sample(existing.themes, min(2, len(existing.themes))))}",
        f"tools: {_dump(tools)}",
        f"source_language: {_dump(source)}",
    ]
    if contact:
        front.append(f"contacts: {_dump([contact])}")
    body = (
        f"## {h[0]}\n\n{voc.paragraph(6)}\n\n{voc.paragraph(5)}\n\n"
        f"## {h[1]}\n\n{voc.paragraph(6)}\n\n{bullets}\n\n"
        f"{w['see_tool']}: {links}.\n\n"
        f"{{{{ tool_card('{tools[0]}') }}}}\n\n"
        f"## {h[2]}\n\n{voc.paragraph(5)}\n\n"
        f"## {h[3]}\n\n{voc.paragraph(4)}\n"
    )
    if contact:
        body += f"\n{{{{ contact_box('{contact}') }}}}\n"
    return "---\n" + "\n".join(front) + "\n---\n" + body


@dataclass
class Added:
    tools: int
    cases: int
    pages: int  # Markdown files written


def add(project: Path, n: int, seed: int = 8) -> Added:
    """Write N synthetic tools (data + a page per language) and N cases into project/."""
    existing = read_existing(project)
    if not (existing.phases and existing.themes and existing.audiences and existing.countries):
        raise SystemExit("bench: data/taxonomy.yml lacks phases, themes, audiences or countries")
    rng = random.Random(seed)
    with (project / "data" / "tools.yml").open("a", encoding="utf-8") as f:
        f.write(_tool_entries(n, existing, rng))
    vocabularies = {
        lang: Vocabulary(lang, _pseudo_words(random.Random(f"{seed}-{lang}"), 4000),
                         _pseudo_words(random.Random(f"{seed}-{lang}-places"), 300), random.Random(f"{seed}-{lang}-text"))
        for lang in LANGS
    }
    written = 0
    for lang in LANGS:
        folder = project / "content" / lang / "tools"
        folder.mkdir(parents=True, exist_ok=True)
        for i in range(1, n + 1):
            (folder / f"{_id(TOOL_PREFIX, i)}.md").write_text(_tool_page(lang, i, n, vocabularies[lang]), encoding="utf-8")
            written += 1
    for i in range(1, n + 1):
        country = existing.countries[i % len(existing.countries)]
        source = COUNTRY_LANG[country]
        langs = (source,) if i % ONE_LANGUAGE_EVERY == 0 else LANGS
        for lang in langs:
            folder = project / "content" / lang / "cases"
            folder.mkdir(parents=True, exist_ok=True)
            text = _case_page(lang, i, n, source, country, existing, vocabularies[lang])
            (folder / f"{_id(CASE_PREFIX, i)}.md").write_text(text, encoding="utf-8")
            written += 1
    return Added(tools=n, cases=n, pages=written)


MACRO = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.DOTALL)


def strip_macros(text: str) -> str:
    """The page as plain Markdown: macro calls removed, front matter kept."""
    return MACRO.sub("", text)
