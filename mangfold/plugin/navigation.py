"""One navigation per language, cut from the tree MkDocs builds from content/.

MkDocs sees ``da/``, ``no/`` and ``sv/`` as three sections of one site. A
reader needs only their own: this module lifts each language's children to
the top, names sections after their index page, puts them in the configured
order, hides long lists (cases, tools) whose index page is where readers find
them, and links previous/next within the language, in the order a reader
works: the pages of a hidden list follow its index page, in the order the
plugin gives (tools by phase, cases newest first), so the footer's "next"
never leaves the language.
"""

from __future__ import annotations

from typing import Callable, Iterable

from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page

from ..core.content_index import ContentIndex


def _name(item: Page | Section, depth: int) -> str:
    """The file or folder name an item stands for at this depth: 'tools', 'about.md'."""
    pages = [item] if isinstance(item, Page) else _pages(item.children)
    parts = pages[0].file.src_uri.split("/") if pages else []
    return parts[depth] if len(parts) > depth else (item.title or "")


def _index_page(section: Section) -> Page | None:
    for child in section.children:
        if isinstance(child, Page) and child.file.name in ("index", "README"):
            return child
    return None


def _ordered(items: list, order: list[str]) -> list:
    rank = {name: i for i, name in enumerate(order)}
    return sorted(items, key=lambda item: (rank.get(_name(item, 1), len(order)), _name(item, 1)))


def _pages(items: Iterable) -> list[Page]:
    found: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            found.append(item)
        elif isinstance(item, Section):
            found.extend(_pages(item.children))
    return found


# Puts the pages of a hidden list in reading order: (folder, pages) -> pages.
ReadingOrder = Callable[[str, list[Page]], list[Page]]


def split(nav: Navigation, index: ContentIndex, codes: tuple[str, ...], fallbacks: dict[str, str],
          order: list[str], collapse: list[str], reading_order: ReadingOrder = lambda folder, pages: pages) -> dict[str, Navigation]:
    """A Navigation per language code, from MkDocs' whole-site navigation.

    `fallbacks` maps a fallback page's src_uri to the page whose text it shows."""
    navs: dict[str, Navigation] = {}
    for section in nav.items:
        if not isinstance(section, Section):
            continue
        code = _name(section, 0)
        if code not in codes:
            continue
        items = _ordered(list(section.children), order)
        hidden: dict[int, list[Page]] = {}  # id of a list's index page -> the pages hidden behind it
        for i, item in enumerate(items):
            item.parent = None
            if isinstance(item, Section):
                folder = _name(item, 1)
                every = [p for p in _pages(item.children)]
                _prepare(item, index, fallbacks, collapse, depth=1)
                kept = _pages(item.children)
                if folder in collapse and kept:
                    hidden[id(kept[0])] = reading_order(folder, [p for p in every if p not in kept])
                elif item.children and all(isinstance(c, Page) for c in item.children):
                    item.children = [item.children[0], *reading_order(folder, list(item.children[1:]))]
                if len(item.children) == 1 and isinstance(item.children[0], Page):
                    # An index page alone (a collapsed list, films) is one link.
                    # Left a section, Material's phone drawer opens it as an
                    # empty panel on its own page.
                    items[i] = item.children[0]
                    items[i].parent = None
        pages = _pages(items)
        reading = [q for p in pages for q in (p, *hidden.get(id(p), ()))]
        for i, page in enumerate(reading):
            page.previous_page = reading[i - 1] if i else None
            page.next_page = reading[i + 1] if i + 1 < len(reading) else None
        language_nav = Navigation(items, pages)
        language_nav.homepage = next((p for p in pages if p.file.src_uri == f"{code}/index.md"), None)
        navs[code] = language_nav
    return navs


def _prepare(section: Section, index: ContentIndex, fallbacks: dict[str, str], collapse: list[str], depth: int) -> None:
    """Title a section after its index page; keep only the index of long lists."""
    first = _index_page(section)
    if first is not None:
        info = index.pages.get(fallbacks.get(first.file.src_uri, first.file.src_uri))
        if info and info.meta.get("title"):
            section.title = info.meta["title"]
        # Ensure the index comes first so Material's navigation.indexes uses it.
        section.children.sort(key=lambda c: c is not first)
        if depth == 1 and _name(section, 1) in collapse:
            section.children = [first]
    for child in section.children:
        if isinstance(child, Section):
            _prepare(child, index, fallbacks, collapse, depth + 1)
