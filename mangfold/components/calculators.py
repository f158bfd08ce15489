"""The effect calculator on the effect-measurement page (RoLM's "mangfoldighedsafkast").

The source (KTO, 22 January 2010) asks what a municipality's return on
diversity is but gives no formula, so the calculation is the toolbox's own
and the page says so: cost = hours × hourly rate + expenses; gain = each
measured effect × the reader's own value per unit; return = gain − cost,
and gain per krone spent. No figure is filled in for the reader.

Without a script the calculator is a table to fill in by hand; with one,
``worksheets.js`` computes as the reader types (answers kept on the device).
"""

from __future__ import annotations

from markupsafe import Markup

from ..core.site import Render
from . import component
from .worksheets import script_tags

EFFECT_ROWS = 3


@component()
def effect_calculator(r: Render) -> Markup:
    """Cost, gain and return of an initiative, from the reader's own figures."""
    return r.draw("effect_calculator.html", rows=EFFECT_ROWS) + script_tags(r)
