"""Links between pages, relative so the site works under any subpath.

Macro output is raw HTML, which MkDocs does not rewrite, so every href a
component writes is computed here from the current page's URL.
"""

from __future__ import annotations

import posixpath


def relative(from_url: str, to_url: str) -> str:
    """Link from the page at from_url ('da/tools/') to to_url ('da/cases/x/')."""
    start = "/" + from_url if from_url.endswith("/") or not from_url else "/" + posixpath.dirname(from_url)
    target = "/" + to_url
    rel = posixpath.relpath(target, start if start.endswith("/") else start + "/")
    if to_url.endswith("/") and not rel.endswith("/"):
        rel += "/"
    return "./" if rel in (".", "./") else rel
