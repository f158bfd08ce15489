"""The words the catalogue filters by: phases, themes, audiences and countries (data/taxonomy.yml).

No building block of its own: tools, cases and contacts refer to these ids,
and the catalogue and case index show their labels.
"""

from __future__ import annotations

from ..core import schema as s
from . import DataKind

LABELLED = s.Record({"id": s.ID, "label": s.Localized()})

PHASES = DataKind("phases", "taxonomy.yml", "phases", LABELLED)
THEMES = DataKind("themes", "taxonomy.yml", "themes", LABELLED)
AUDIENCES = DataKind("audiences", "taxonomy.yml", "audiences", LABELLED)
COUNTRIES = DataKind("countries", "taxonomy.yml", "countries", LABELLED)


def label(r, kind: str, entry_id: str) -> str:
    """An entry's label in the reader's language (or where it falls back to)."""
    return r.plain(r.site.data.get(kind, entry_id)["label"])
