"""The validated data and content index of the build in progress.

The MkDocs plugin loads both once per build and activates them here; macros
read them when a page renders. Tests activate a Site of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .content_index import ContentIndex
from .data import SiteData


@dataclass
class Site:
    root: Path
    data: SiteData
    index: ContentIndex
    # Who answers for the site (mkdocs.yml extra.owner, validated): name may be
    # empty, then each language's strings name the default editorial team.
    owner: dict[str, str] = field(default_factory=dict)
    # Lookups derived from data and index (e.g. the cases a language sees), computed
    # once per build: a Site lives for one build, so nothing here goes stale.
    memo: dict[Any, Any] = field(default_factory=dict, repr=False, compare=False)

    def t(self, lang: str, key: str, **values: object) -> str:
        """An interface string in `lang`, with {placeholders} filled in."""
        text = self.data.strings[lang][key]
        return text.format(**values) if values else text


_current: Site | None = None


def activate(site: Site) -> None:
    global _current
    _current = site


def current() -> Site:
    if _current is None:
        raise RuntimeError("no Mangfold site is active: is the 'mangfold' plugin listed before 'macros' in mkdocs.yml?")
    return _current
