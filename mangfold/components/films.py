"""Films: shown as a card; a player only where captions or a transcript exist, loaded after a click."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core import schema as s
from ..core.errors import Msg
from ..core.site import Render
from . import DataKind, component


def _check_film(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("video_url") and not (value.get("captions") or value.get("transcript")):
        ctx.fail("captions", Msg("film_needs_captions"), line)


FILMS = DataKind("films", "films.yml", "films", s.Record(
    {
        "id": s.ID,
        "title": s.Localized(),
        "description": s.Localized(),
        "organisation": s.Localized(),
        "year": s.Int(1900),
        "minutes": s.Int(1),
        "published": s.Localized(),
        "page_url": s.URL,
        "video_url": s.URL,
        "captions": s.Localized(),
        "transcript": s.Localized(),
    },
    # A source may name a film without its maker or year: leave them out rather than guess.
    optional=("organisation", "year", "minutes", "page_url", "video_url", "captions", "transcript"),
    post=_check_film,
))


def film_view(r: Render, film_id: str) -> dict[str, Any]:
    film = r.site.data.get("films", film_id)
    return {
        "id": film_id,
        "title": r.text(film["title"]),
        "description": r.text(film["description"]),
        "organisation": r.text(film.get("organisation")),
        "year": film["year"],
        "minutes": r.t("unit_minutes", value=r.number(film["minutes"])) if film.get("minutes") else None,
        "published": r.text(film["published"]),
        "page_url": film.get("page_url"),
        "video_url": film.get("video_url"),
        "captions": r.text(film.get("captions")),
        "transcript": r.text(film.get("transcript")),
    }


@component(ids={"film_id": "films"})
def film(r: Render, film_id: str) -> Markup:
    """One film; its player (if any) is requested only when the reader presses play."""
    return r.draw("film.html", film=film_view(r, film_id))


@component()
def film_list(r: Render) -> Markup:
    """Every film."""
    return r.draw("film_list.html", films=[film_view(r, f) for f in r.site.data.entries["films"]])
