"""The ``mangfold`` MkDocs plugin: one site, three languages, checked content.

Events, in build order:

- ``on_config``: load and validate data/ (once per build) and set defaults.
- ``on_files``: index every page's front matter, fail on bad content, and add
  a fallback page wherever a language lacks a translation.
- ``on_nav``: cut one navigation per language.
- ``on_page_markdown``: parse the editor's building blocks, check them and
  draw them (``macros.calls``: the page is never run as a template), and
  tell mkdocs-macros to leave the page alone.
- ``on_page_content``: refuse and strip HTML the editor may not write
  (``macros.html_policy``), put the components' HTML in, and escape
  front-matter text the theme prints unescaped.
- ``on_page_context``: switch Material's language, navigation and alternates
  to the page's language.
- ``on_env``: template globals for the sitemap and the root 404.html.
- ``on_post_build``: write ``<lang>/404.html``; build the Pagefind search
  index, one per language (in the background under ``mkdocs serve``).

Under ``mkdocs serve --dirty`` only pages whose file changed are rendered
again, unless front matter, data or templates changed (then all are).
"""

from __future__ import annotations

import inspect
import logging
import os
import re
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros import MACROS, calls, components, content_index, data as site_data, html_policy
from macros.components import Here
from macros.errors import ContentError, Problem
from macros.paths import inside
from macros.languages import CODES, DEFAULT, LANGUAGES, language_of
from macros.locale_format import language_name
from macros.site import Site, activate

from . import navigation, search_index
from .html_fixes import absolute_hreflang, valid_html
from .project import owner_of, site_dir_problem
from .serve_cache import CompiledTemplates, DirtyPages, stamps

log = logging.getLogger("mkdocs.plugins.mangfold")

SITE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


class MangfoldConfig(Config):
    data_dir = c.Type(str, default="data")
    nav_order = c.ListOfItems(c.Type(str), default=[])
    collapse = c.ListOfItems(c.Type(str), default=["cases", "tools"])
    search_index = c.Type(bool, default=True)


class MangfoldPlugin(BasePlugin[MangfoldConfig]):
    site: Site
    navs: dict[str, Navigation]
    fallbacks: dict[str, str]  # src_uri of a fallback page -> src_uri of the text it shows
    # Set by on_startup. Defining on_startup also keeps this object across the
    # rebuilds of one `mkdocs serve`, which the attributes below rely on.
    serving = False
    dirty = False
    _data_stamps: list | None = None  # data/ as it was when self.data was loaded
    _templates: CompiledTemplates | None = None
    _dirty_pages: DirtyPages | None = None
    _background_index: search_index.BackgroundIndex | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        if self.serving:
            self._templates = CompiledTemplates()
            self._dirty_pages = DirtyPages()
            self._background_index = search_index.BackgroundIndex()

    def on_shutdown(self) -> None:
        if self._background_index:
            self._background_index.stop()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A save during `serve`: Pagefind from the previous build must not write
        # into the site folder MkDocs is about to clean.
        if self._background_index:
            self._background_index.stop()
        self.root = Path(config.config_file_path).resolve().parent
        self.docs_dir = Path(config.docs_dir)
        # Before MkDocs empties site_dir: never a folder the build reads (MkDocs itself guards docs_dir).
        reads = [self.root / self.config.data_dir, self.root / ".git"]
        if config.theme.custom_dir:
            reads.append(Path(config.theme.custom_dir))
        refusal = site_dir_problem(Path(config.site_dir), self.root, reads)
        if refusal:
            raise PluginError(refusal)
        # Once per build; under `serve` only when a file in data/ changed since.
        seen = stamps(self.root / self.config.data_dir) if self.serving else None
        if seen is None or seen != self._data_stamps:
            self._data_stamps = None
            try:
                self.data = site_data.load(self.root / self.config.data_dir, self.root)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self._data_stamps = seen
        config.theme["language"] = LANGUAGES[DEFAULT].theme_language
        self.owner, problem = owner_of((config.extra or {}).get("owner"))
        if problem:
            raise PluginError(f"{Path(config.config_file_path).name}: {problem}")
        if config.site_url and not SITE_URL.match(config.site_url):
            raise PluginError(f"{Path(config.config_file_path).name}: site_url (or SITE_URL): expected an address like "
                              f"https://www.example.dk/rolm/, got {config.site_url!r}")
        self.rendered: dict[str, calls.Rendered] = {}
        self._sources: dict[str, tuple[str, str, int]] = {}
        self.signatures = {name: inspect.signature(getattr(components, name), eval_str=True) for name in MACROS}
        for signature_name, signature in self.signatures.items():
            # The component functions take (site, here, ...): editors give only the rest.
            params = list(signature.parameters.values())[2:]
            self.signatures[signature_name] = signature.replace(parameters=params)
        return config

    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            index = content_index.scan(self.docs_dir, self.data, self.root)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        self.site = Site(self.root, self.data, index, owner=self.owner)
        activate(self.site)
        _refuse_files_outside(files, self.docs_dir)
        self.fallbacks = {}
        for key in index.keys():
            versions = index.versions(key)
            for code in CODES:
                if code in versions:
                    continue
                source = next(versions[c] for c in (*CODES,) if c in versions)
                text = (self.docs_dir / source.src_uri).read_text(encoding="utf-8")
                generated = File.generated(config, f"{code}/{key}", content=text)
                generated.mangfold_source = source.src_uri  # type: ignore[attr-defined]
                files.append(generated)
                self.fallbacks[f"{code}/{key}"] = source.src_uri
        if self.dirty and self._dirty_pages:
            watched = [Path(config.config_file_path), self.root / self.config.data_dir]
            if config.theme.custom_dir:
                watched.append(Path(config.theme.custom_dir))
            self._dirty_pages.mark(files, watched, {uri: info.meta for uri, info in index.pages.items()})
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.navs = navigation.split(nav, self.site.index, list(self.config.nav_order), list(self.config.collapse))
        return nav

    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = self.fallbacks.get(page.file.src_uri, page.file.src_uri)
        shown = f"{Path(config.docs_dir).name}/{src}"
        text = page.file.content_string
        first_line = text.count("\n", 0, len(text) - len(markdown)) + 1 if text.endswith(markdown) else 1
        if page.meta.get("render_macros") is False:
            parsed = calls.Parsed([markdown])
        else:
            parsed = calls.parse(markdown, shown, first_line, MACROS)
        problems = parsed.problems + calls.check(parsed.calls, self.data, shown, self.signatures)
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        here = Here(language_of(page.file.src_uri) or DEFAULT, page.url)
        try:
            rendered = calls.render(parsed, self._caller(here), shown)
        except calls.CallFailed as exc:
            raise PluginError(str(exc.problem)) from None
        box = self._fact_box(page, here)
        if box is not None:
            slot = f"mfslotfacts{len(self.rendered)}z"
            rendered.slots[slot] = box
            rendered.markdown = f"{slot}\n\n{rendered.markdown}"
        self.rendered[page.file.src_uri] = rendered
        self._sources[page.file.src_uri] = (shown, markdown, first_line)
        # mkdocs-macros would otherwise run the page (and its title) as a Jinja template.
        page.meta["render_macros"] = False
        return rendered.markdown

    def _caller(self, here: Here) -> Callable[[calls.Call], Any]:
        def call(found: calls.Call) -> Any:
            return getattr(components, found.name)(self.site, here, *found.args, **found.kwargs)
        return call

    def _fact_box(self, page: Page, here: Here) -> Markup | None:
        """The box at the top of tool and case pages, drawn from data and front matter."""
        info = self.site.index.pages.get(self.fallbacks.get(page.file.src_uri, page.file.src_uri))
        if info is None:
            return None
        if info.kind == "tool":
            return components.tool_facts(self.site, here, info.slug)
        if info.kind == "case":
            return components.case_facts(self.site, here, info)
        return None

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        shown, source, first_line = self._sources.pop(page.file.src_uri)
        problems = html_policy.problems(html, shown, source, first_line)
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        html = self.rendered.pop(page.file.src_uri).fill(html_policy.clean(html))
        # MkDocs' theme environment does not autoescape: front matter is text, not HTML.
        # Kept as Markup, so a template's own `| e` (Material's footer labels) does
        # not escape it twice ("KS&amp;#39;" read out by screen readers).
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        return html

    def _speak(self, config: MkDocsConfig, lang: str, alternates: list[dict[str, str]]) -> None:
        """Switch Material's interface, the site name and the switcher to `lang`.

        MkDocs renders one page at a time from one config, so setting these
        just before each page renders gives every page its own language."""
        config.theme["language"] = LANGUAGES[lang].theme_language
        # Markup: the theme prints these unescaped, in <title>, <meta> and the header.
        config.site_name = escape(self.site.t(lang, "site_name"))
        config.site_description = escape(self.site.t(lang, "site_description"))
        config.extra["alternate"] = _escaped(alternates)

    def _frame(self, lang: str, key: str | None, source_lang: str | None = None, page_source_lang: Any = None) -> dict[str, Any]:
        """What overrides/ templates read as `mangfold`: language, notices, strings.

        Every text is escaped here, once: the theme's templates print it as it is."""
        return _escaped({
            "lang": lang,
            "html_lang": LANGUAGES[lang].html_lang,
            "key": key,
            "home": f"{lang}/",
            "fallback": {
                "html_lang": LANGUAGES[source_lang].html_lang,
                "notice": self.site.t(lang, "fallback_notice", language=language_name(source_lang, lang)),
            } if source_lang else None,
            "source_language": language_name(page_source_lang, lang) if page_source_lang in CODES else None,
            "t": dict(self.site.data.strings[lang]),
        })

    @staticmethod
    def _homes() -> list[dict[str, str]]:
        return [{"name": LANGUAGES[code].name, "link": f"{code}/", "lang": LANGUAGES[code].html_lang} for code in CODES]

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        src = page.file.src_uri
        lang = language_of(src) or DEFAULT
        key = src.split("/", 1)[1] if language_of(src) else None
        self._speak(config, lang, self.alternates(key) or self._homes())
        if lang in self.navs and key is not None:
            context["nav"] = self.navs[lang]
        source = self.fallbacks.get(src)
        context["mangfold"] = self._frame(lang, key, language_of(source) if source else None, page.meta.get("source_language"))
        return context

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig) -> str:
        return absolute_hreflang(valid_html(output), page.canonical_url)

    def on_post_template(self, output_content: str, template_name: str, config: MkDocsConfig) -> str:
        return valid_html(output_content)  # the root 404.html

    def alternates(self, key: str | None) -> list[dict[str, str]]:
        """The page in every language (real or fallback), for switcher and hreflang."""
        if key is None:
            return []
        rest = content_index.PageInfo(f"x/{key}", "x", key, "page", {}, 0).url.split("/", 1)[1]
        return [
            {"name": LANGUAGES[code].name, "link": f"{code}/{rest}", "lang": LANGUAGES[code].html_lang}
            for code in CODES
        ]

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self._templates is not None:
            env.bytecode_cache = self._templates
        env.globals["mangfold_alternates"] = self.alternates
        env.globals["mangfold_key"] = lambda src_uri: src_uri.split("/", 1)[1] if language_of(src_uri) else None
        # The root 404.html speaks all three languages.
        env.globals["mangfold_languages"] = _escaped([
            {"code": code, "html_lang": LANGUAGES[code].html_lang, "name": LANGUAGES[code].name,
             "home": f"{code}/", "t": dict(self.site.data.strings[code])}
            for code in CODES
        ])
        self.env, self.files = env, files
        return env

    def write_not_found_pages(self, config: MkDocsConfig) -> None:
        """<lang>/404.html in each language's frame, for hosts that serve a 404
        page per folder. Like MkDocs' own 404.html, links are absolute (base =
        the path of site_url): the page is shown at any depth of the site."""
        from mkdocs.commands.build import get_context

        base = urlsplit(config.site_url or "/").path or "/"
        template = self.env.get_template("not-found.html")
        for code in CODES:
            self._speak(config, code, self._homes())
            context = get_context(self.navs[code], self.files, config, base_url=base)
            context["mangfold"] = self._frame(code, None)
            out = Path(config.site_dir) / code / "404.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(valid_html(template.render(context)), encoding="utf-8")

    def wait_for_search_index(self, timeout: float = 300) -> None:
        """Under `serve`, block until the background Pagefind run is done."""
        if self._background_index:
            self._background_index.wait(timeout)

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.write_not_found_pages(config)
        if not self.config.search_index:
            return
        if self._background_index:
            self._background_index.start(config.site_dir)
        else:
            search_index.build(config.site_dir)


def _escaped(value: Any) -> Any:
    """Every string in a tree of dicts and lists as escaped Markup (Markup is kept)."""
    if isinstance(value, str):
        return escape(value)
    if isinstance(value, dict):
        return {key: _escaped(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_escaped(item) for item in value]
    return value


def _refuse_files_outside(files: Files, docs_dir: Path) -> None:
    """Publish nothing that a link in content/ brings in from outside it."""
    for file in files:
        source = file.abs_src_path
        if not source or not os.path.abspath(source).startswith(os.path.abspath(docs_dir) + os.sep):
            continue  # the theme's own files, and generated pages
        if not inside(Path(source), docs_dir):
            raise PluginError(f"{docs_dir.name}/{file.src_uri}: is a link to {os.path.realpath(source)}, outside "
                              f"{docs_dir.name}/; put the file itself in the folder")
