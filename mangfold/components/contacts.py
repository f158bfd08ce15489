"""Contact boxes: people the sources name, from data/contacts.yml."""

from __future__ import annotations

from typing import Any

from markupsafe import Markup

from ..core import schema as s
from ..core.site import Render
from . import DataKind, component
from .taxonomy import label

CONTACTS = DataKind("contacts", "contacts.yml", "contacts", s.Record(
    {
        "id": s.ID,
        "name": s.Str(),
        "role": s.Localized(),
        "organisation": s.Str(),
        "country": s.Ref("countries"),
        "phone": s.PHONE,
        "email": s.EMAIL,
        "confirmed": s.Date(),
    },
    optional=("phone", "email", "confirmed"),
))


def contact_view(r: Render, contact_id: str) -> dict[str, Any]:
    c = r.site.data.get("contacts", contact_id)
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
    }


@component(ids={"contact_id": "contacts"})
def contact_box(r: Render, contact_id: str) -> Markup:
    """One person to ask, with phone and e-mail links."""
    return r.draw("contact_box.html", contact=contact_view(r, contact_id))


@component()
def contact_list(r: Render) -> Markup:
    """Every contact."""
    return r.draw("contact_list.html", contacts=[contact_view(r, c) for c in r.site.data.entries["contacts"]])
