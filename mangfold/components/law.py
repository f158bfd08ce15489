"""What the law asks of employers, country by country, and which tools serve each duty.

(Being built: issue 15.) ``tool_law`` draws, on every tool's page, what the
tool serves in each country's law; until the legal data exists it draws nothing.
"""

from __future__ import annotations

from markupsafe import Markup

from ..core.site import Render


def tool_law(r: Render, tool_id: str) -> Markup:
    """On a tool's page: the duties the tool helps with, the reader's country first."""
    return Markup("")
