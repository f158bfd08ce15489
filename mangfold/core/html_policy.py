"""What HTML an editor's page may hold, checked and enforced on the page's HTML.

Editors write Markdown, and Markdown lets raw HTML through. This module
decides on the HTML a page's Markdown becomes (before any component is put
in), so Markdown links and images, ``{: attr }`` lists and raw tags are
judged alike:

- allowed: text formatting, headings, lists, tables, quotes, ``<details>``,
  links to web pages, e-mail and phone numbers, images from this site with
  a text alternative;
- refused: scripts, event handlers (``on…=``), ``style=`` (but the table
  alignment Markdown writes), ``javascript:``/``data:``/``vbscript:`` and
  other link schemes, anything loaded from another host (``src``,
  ``srcset``, ``poster``, ``<link>``, CSS ``url()``), frames, objects,
  forms, SVG and every tag or attribute not on the list.

``problems`` names each refusal for ``mangfold check`` and the build (which
fails on them). ``clean`` runs the page through nh3 (the Rust sanitiser
ammonia) with the same lists, so even markup that the standard-library
parser reads differently from a browser cannot reach the published page.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import nh3

from .errors import Msg, Problem

TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details", "dfn", "div",
    "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins",
    "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "samp", "small", "span", "strong", "sub", "summary",
    "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var",
})
GENERIC = frozenset({"id", "class", "title", "lang", "dir"})
PER_TAG: dict[str, frozenset[str]] = {
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt", "width", "height"}),
    "td": frozenset({"colspan", "rowspan", "headers", "style"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "style"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "time": frozenset({"datetime"}),
}
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Markdown's tables write this; nothing else may style a page.
TABLE_ALIGN = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$", re.IGNORECASE)
SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")

# Why a tag is refused, by the message key that says it.
WHY = {
    "script": "html_why_script", "noscript": "html_why_script",
    "iframe": "html_why_iframe", "video": "html_why_film",
    "frame": "html_why_remote", "frameset": "html_why_remote", "object": "html_why_remote", "embed": "html_why_remote",
    "audio": "html_why_remote", "source": "html_why_remote", "track": "html_why_remote",
    "picture": "html_why_picture", "link": "html_why_link", "style": "html_why_style",
    "meta": "html_why_head", "base": "html_why_head",
    "form": "html_why_form", "input": "html_why_form", "button": "html_why_form", "select": "html_why_form",
    "textarea": "html_why_form", "svg": "html_why_svg", "math": "html_why_math",
}


def _is_relative(url: str) -> bool:
    """A path on this site: no scheme, no other host (//host or \\\\host)."""
    url = INVISIBLE.sub("", url)
    return not SCHEME.match(url) and not url.replace("\\", "/").startswith("//")


def _link_problem(url: str) -> Msg | None:
    plain = INVISIBLE.sub("", url)
    match = SCHEME.match(plain)
    if match and match.group(1).lower() not in LINK_SCHEMES:
        return Msg("html_link_scheme", {"link": plain[:60], "scheme": match.group(1).lower()})
    return None


class _Finder(HTMLParser):
    """Every refused tag, attribute and address in a piece of HTML, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        # (what to look for in the source, most telling first; the message; its short name)
        self.found: list[tuple[tuple[str, ...], Msg, str]] = []

    def _add(self, needles: tuple[str, ...], message: Msg, short: str) -> None:
        self.found.append((needles, message, short))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._tag(tag, attrs)

    def _tag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in TAGS:
            why = Msg(WHY.get(tag, "html_why_other"))
            self._add((f"<{tag}",), Msg("html_tag", {"tag": tag, "why": why}), f"<{tag}>")
            return
        allowed = GENERIC | PER_TAG.get(tag, frozenset())
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self._add((name,), Msg("html_handler", {"name": name, "tag": tag}), f"{name}=")
            elif name == "style" and not (name in allowed and TABLE_ALIGN.match(value)):
                self._add((name,), Msg("html_style", {"tag": tag}), "style=")
            elif name not in allowed:
                self._add((name,), Msg("html_attribute", {"name": name, "tag": tag}), f"{name}=")
            elif name == "href":
                message = _link_problem(value)
                if message:
                    self._add((value, value.split(":", 1)[-1][:30]), message, "a link")
            elif name == "src" and not _is_relative(value):
                self._add((value,), Msg("html_remote", {"value": value[:60]}), "an image")
            elif name == "cite" and _link_problem(value):
                self._add((value,), _link_problem(value) or Msg("html_attribute", {"name": "cite", "tag": tag}), "cite=")
        if tag == "img" and not (dict(attrs).get("alt") or "").strip():
            self._add(("![", "<img"), Msg("html_alt"), "an image without alt")

def problems(html: str, shown: str, source: str = "", first_line: int = 1) -> list[Problem]:
    """Each refused construct in `html` as a Problem; `source` (the page's
    Markdown, starting at `first_line`) gives the line where it was written."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    lowered, cursor = source.lower(), 0
    by_line: dict[int | None, list[tuple[Msg, str]]] = {}
    for needles, message, short in finder.found:
        # Found in document order: look from the last place first, so a second
        # style= is not reported on the line of the first.
        at = -1
        for needle in needles:
            at = lowered.find(needle.lower(), cursor)
            if at < 0:
                at = lowered.find(needle.lower())
            if at >= 0:
                break
        line = first_line + source.count("\n", 0, at) if at >= 0 and source else None
        cursor = at + 1 if at >= 0 else cursor
        by_line.setdefault(line, []).append((message, short))
    # One line per place: "<form> is not allowed ...; also <input>".
    result = []
    for line, found in by_line.items():
        message: Msg = found[0][0]
        others = list(dict.fromkeys(short for _, short in found[1:] if short != found[0][1]))
        if others:
            message = Msg("html_also", {"first": message, "others": ", ".join(others)})
        result.append(Problem(shown, message, line=line))
    return result


def _attribute_filter(tag: str, name: str, value: str) -> str | None:
    if name == "src" and not _is_relative(value):
        return None
    if name == "style" and not TABLE_ALIGN.match(value):
        return None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={"*": set(GENERIC), **{tag: set(names) for tag, names in PER_TAG.items()}},
    attribute_filter=_attribute_filter,
    url_schemes=set(LINK_SCHEMES),
    link_rel=None,
    strip_comments=True,
)


def clean(html: str) -> str:
    """`html` with everything `problems` refuses taken out (the build's last line of defence)."""
    return _CLEANER.clean(html)
