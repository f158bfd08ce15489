"""Fixes made on the finished page, where Material's templates leave no block to override.

Hreflang links: Material writes them relative; search engines and
Lighthouse's SEO audit want full URLs, so they get site_url in front.

Material writes ``autocomplete="off"`` on the hidden checkboxes that open its
drawer and search, so that Firefox does not restore them when a reader goes
Back (its script also closes both on load). HTML does not allow the attribute
on a checkbox, and the Nu HTML Checker reports it on every page. The
checkboxes are written outside any template block, so the fix is made on the
finished page.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urljoin, urlsplit

_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="[a-z]+" type="checkbox" id="__[a-z]+") autocomplete="off">')


def valid_html(html: str) -> str:
    """The page with the checkbox attributes HTML does not allow removed."""
    return _TOGGLE.sub(r"\1>", html)


_HREFLANG_LINK = re.compile(r'<link rel="alternate"[^>]*\bhreflang="[^"]*"[^>]*>')
_HREF = re.compile(r'\bhref="([^"]*)"')


def absolute_hreflang(page_html: str, page_url: str | None) -> str:
    """The page's <link rel="alternate" hreflang> tags with full URLs (from
    site_url): search engines, and Lighthouse's SEO audit, reject relative
    ones. The language switcher's links stay relative."""
    if not page_url or not urlsplit(page_url).scheme:
        return page_html

    def full(link: re.Match[str]) -> str:
        return _HREF.sub(lambda h: f'href="{html.escape(urljoin(page_url, html.unescape(h.group(1))))}"', link.group(0), count=1)

    return _HREFLANG_LINK.sub(full, page_html)
