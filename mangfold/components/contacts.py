"""Contact boxes: people the sources name, from data/contacts.yml.

A contact's details are either as a source gave them (``source`` and its date
``as_of``, said as such in the box, with what has changed since in ``note``)
or checked by someone on a date (``confirmed``). The box never presents a
source's date as a confirmation.
"""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core import schema as s
from ..core.errors import Msg
from ..core.site import Render
from . import DataKind, component
from .taxonomy import label


def _check_contact(value: dict, ctx: s.Context, line: int | None) -> None:
    if value.get("as_of") and not value.get("source"):
        ctx.fail("source", Msg("contact_as_of_needs_source"), line)


CONTACTS = DataKind("contacts", "contacts.yml", "contacts", s.Record(
    {
        "id": s.ID,
        "name": s.Str(),
        "role": s.Localized(),
        "organisation": s.Str(),
        "country": s.Ref("countries"),
        "phone": s.PHONE,
        "email": s.EMAIL,
        # The date someone last checked the details (mangfold new contact writes today's).
        "confirmed": s.Date(),
        # The document that gave the details, and its date (or undated).
        "source": s.Localized(),
        "as_of": s.DateOrUndated(),
        # What is known to have changed since the source, e.g. an organisation's new name.
        "note": s.Localized(),
    },
    optional=("phone", "email", "confirmed", "source", "as_of", "note"),
    post=_check_contact,
))


def contact_view(r: Render, contact_id: str) -> dict[str, Any]:
    c = r.site.data.get("contacts", contact_id)
    as_of = c.get("as_of")
    dated = as_of if hasattr(as_of, "isoformat") else None
    return {
        "id": contact_id,
        "name": c["name"],
        "role": r.text(c["role"]),
        "organisation": c["organisation"],
        "country_label": label(r, "countries", c["country"]),
        "phone": c.get("phone"),
        "phone_href": "tel:" + c["phone"].replace(" ", "") if c.get("phone") else None,
        "email": c.get("email"),
        "confirmed": r.date(c["confirmed"]) if c.get("confirmed") else None,
        "confirmed_iso": c["confirmed"].isoformat() if c.get("confirmed") else None,
        "source": r.text(c.get("source")),
        "as_of": r.date(dated) if dated else None,
        "as_of_iso": dated.isoformat() if dated else None,
        "undated": as_of == "undated",
        "note": r.text(c.get("note")),
    }


@component(ids={"contact_id": "contacts"})
def contact_box(r: Render, contact_id: str) -> Markup:
    """One person to ask, with phone and e-mail links, and where the details come from."""
    return r.draw("contact_box.html", contact=contact_view(r, contact_id))


@component()
def contact_list(r: Render) -> Markup:
    """Every contact."""
    return r.draw("contact_list.html", contacts=[contact_view(r, c) for c in r.site.data.entries["contacts"]])
