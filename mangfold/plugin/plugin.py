"""The ``mangfold`` MkDocs plugin: one site in the languages it lists, checked content.

A thin driver of ``mangfold.core`` (data, content index, an editor's page)
and ``mangfold.components`` (the building blocks). Events, in build order:

- ``on_config``: read the languages, put the package's theme folder after
  the site's ``custom_dir``, load and validate data/ and the interface
  strings (once per build; under ``serve`` only when data/ changed).
- ``on_files``: index every page's front matter, refuse files linked in
  from outside content/, add a fallback page wherever a language lacks a
  translation.
- ``on_nav``: cut one navigation per language.
- ``on_page_markdown``: read, check and draw the page's building blocks
  (``core.pages``: the page is never run as a template) and tell
  mkdocs-macros to leave the page alone.
- ``on_page_content``: judge and sanitise the editor's HTML, put the
  components' HTML in, escape front-matter text the theme prints raw.
- ``on_page_context``: switch Material's language, navigation and
  alternates to the page's language.
- ``on_post_build``: write ``<lang>/404.html``; build the Pagefind index,
  one per language (in the background under ``mkdocs serve``).

Under ``mkdocs serve --dirty`` only pages whose file changed are rendered
again, unless front matter, data or templates changed (then all are).
"""

from __future__ import annotations

import importlib
import logging
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from markupsafe import Markup, escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from .. import components
from ..core import content_index, data as site_data, languages as site_languages, pages, strings as site_strings
from ..core.calls import Rendered
from ..core import messages
from ..core.errors import ContentError, Msg, Problem
from ..core.locale_format import date as language_name_date, language_name
from ..core.paths import inside
from ..core.settings import owner_of, site_dir_problem
from ..core.site import Site, templates
from . import navigation, search_index
from .config import MangfoldConfig
from .html_fixes import absolute_hreflang, valid_html
from .serve_cache import CompiledTemplates, DirtyPages, stamps

log = logging.getLogger("mkdocs.plugins.mangfold")

THEME_DIR = Path(__file__).resolve().parent.parent / "theme"
SITE_URL = re.compile(r"^https?://[^\s<>\"'`]+$")


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
    _front_matter: content_index.FrontMatterCache | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        self._front_matter = content_index.FrontMatterCache()
        if self.serving:
            self._templates = CompiledTemplates()
            self._dirty_pages = DirtyPages()
            self._background_index = search_index.BackgroundIndex()

    def on_shutdown(self) -> None:
        if self._background_index:
            self._background_index.stop()

    # ------------------------------------------------------------ configuration

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A save during `serve`: Pagefind from the previous build must not write
        # into the site folder MkDocs is about to clean.
        if self._background_index:
            self._background_index.stop()
        # The build's messages in the editor's language (the locale), as mangfold check says them.
        self.say = messages.load(messages.choose(None, os.environ))
        self.root = Path(config.config_file_path).resolve().parent
        self.docs_dir = Path(config.docs_dir)
        config_name = Path(config.config_file_path).name
        # Before MkDocs empties site_dir: never a folder the build reads (MkDocs itself guards docs_dir).
        reads = [self.root / self.config.data_dir, self.root / ".git"]
        if config.theme.custom_dir:
            reads.append(Path(config.theme.custom_dir))
        refusal = site_dir_problem(Path(config.site_dir), self.root, reads)
        if refusal:
            raise PluginError(self.say.say(refusal) if isinstance(refusal, Msg) else refusal)
        try:
            self.languages = site_languages.from_config([dict(item) for item in self.config.languages], config_name)
        except ContentError as exc:
            raise self._failed(exc.problems) from None
        self.registry = components.Registry.discover(
            [*components.builtin_modules(), *(importlib.import_module(name) for name in self.config.components)])
        self._theme(config)
        self._load_data()
        self.owner, problem = owner_of((config.extra or {}).get("owner"))
        if problem:
            raise self._failed([Problem(config_name, problem)])
        if config.site_url and not SITE_URL.match(config.site_url):
            raise self._failed([Problem(config_name, Msg("settings_site_url", {"got": repr(config.site_url)}))])
        self.rendered: dict[str, tuple[Rendered, str, str, int]] = {}
        return config

    def _failed(self, problems: list[Problem]) -> PluginError:
        """The build stops: one line per problem, in the editor's language, no traceback."""
        return PluginError("\n".join(p.render(self.say.say) for p in problems))

    def _theme(self, config: MkDocsConfig) -> None:
        """The package's templates and assets, below the site's own custom_dir.

        So a site's copy of any template (main.html, components/tool_card.html)
        wins, as a partial in custom_dir wins over Material's."""
        dirs = config.theme.dirs
        if str(THEME_DIR) not in dirs:
            dirs.insert(1 if config.theme.custom_dir else 0, str(THEME_DIR))
        config.theme.static_templates.add("robots.txt")
        for sheet in ("assets/stylesheets/mangfold.css", *self.registry.stylesheets):
            if sheet not in [str(x) for x in config.extra_css]:
                config.extra_css.append(sheet)
        if not any(str(getattr(x, "path", x)) == "assets/javascripts/mangfold.js" for x in config.extra_javascript):
            from mkdocs.config.config_options import ExtraScriptValue

            script = ExtraScriptValue("assets/javascripts/mangfold.js")
            script.defer = True
            config.extra_javascript.append(script)
        self.theme_languages = {
            path.stem for folder in dirs for path in (Path(folder) / "partials" / "languages").glob("*.html")
        }
        for language in self.languages:
            if language.theme_language not in self.theme_languages:
                log.warning(f"mangfold: Material has no interface in '{language.theme_language}' ({language.code}); "
                            "its own labels (menu, search, footer) are shown in English")
        config.theme["language"] = self._theme_language(self.languages.default)

    def _theme_language(self, code: str) -> str:
        wanted = self.languages[code].theme_language
        return wanted if wanted in self.theme_languages else "en"

    def _load_data(self) -> None:
        """Data and strings, once per build; under `serve` only when a file in data/ changed."""
        data_dir = self.root / self.config.data_dir
        seen = stamps(data_dir) if self.serving else None
        if seen is not None and seen == self._data_stamps:
            return
        self._data_stamps = None
        try:
            self.data = site_data.load(data_dir, self.root, self.registry.kinds, self.languages, self.docs_dir)
        except ContentError as exc:
            raise self._failed(exc.problems) from None
        problems: list = []
        self.strings = site_strings.load(data_dir / "strings", self.root, self.languages, problems)
        if problems:
            raise self._failed(problems)
        self._data_stamps = seen

    # ------------------------------------------------------------ files and navigation

    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            index = content_index.scan(self.docs_dir, self.data, self.root, self.languages,
                                       self.registry.page_kinds, self._front_matter)
        except ContentError as exc:
            raise self._failed(exc.problems) from None
        _refuse_files_outside(files, self.docs_dir)
        env = templates(config.theme.dirs)
        if self._templates is not None:
            env.bytecode_cache = self._templates
        self.site = Site(self.root, self.languages, self.data, index, self.strings, env, owner=self.owner)
        self.fallbacks = {}
        for key in index.keys():
            versions = index.versions(key)
            for code in self.languages.codes:
                if code in versions:
                    continue
                source = versions[self.languages.pick(code, versions)]
                text = (self.docs_dir / source.src_uri).read_text(encoding="utf-8-sig")
                files.append(File.generated(config, f"{code}/{key}", content=text))
                self.fallbacks[f"{code}/{key}"] = source.src_uri
        if self.dirty and self._dirty_pages:
            watched = [Path(config.config_file_path), self.root / self.config.data_dir,
                       *(Path(d) for d in config.theme.dirs[:2])]
            self._dirty_pages.mark(files, watched, {uri: info.meta for uri, info in index.pages.items()}, self.fallbacks)
        return files

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.navs = navigation.split(nav, self.site.index, self.languages.codes, self.fallbacks,
                                     list(self.config.nav_order), list(self.config.collapse), self._reading_order)
        return nav

    def _reading_order(self, folder: str, pages: list[Page]) -> list[Page]:
        """Tools in the order of the work (phase by phase, as data/tools.yml lists them), processes as
        data/processes.yml lists them, cases newest first."""
        if folder == "tools":
            phases = list(self.data.entries.get("phases", {}))
            tools = list(self.data.entries.get("tools", {}))

            def step(page: Page) -> tuple[int, int]:
                tool = self.data.entries["tools"].get(Path(page.file.src_uri).stem)
                return (phases.index(tool["phase"]) if tool and tool["phase"] in phases else len(phases),
                        tools.index(tool["id"]) if tool else len(tools))
            return sorted(pages, key=step)
        if folder == "processes":
            listed = list(self.data.entries.get("processes", {}))
            return sorted(pages, key=lambda p: listed.index(Path(p.file.src_uri).stem) if Path(p.file.src_uri).stem in listed else len(listed))
        if folder == "cases":
            from ..components.cases import newest_first

            known = {uri: info for uri, info in self.site.index.pages.items()}
            return sorted(pages, key=lambda p: newest_first(known[self.fallbacks.get(p.file.src_uri, p.file.src_uri)]))
        return pages

    # ------------------------------------------------------------ pages

    def blocks(self, config: MkDocsConfig) -> dict[str, Any]:
        """What an editor may call: the components, and the site's own mkdocs-macros macros."""
        found: dict[str, Any] = dict(self.registry.components)
        macros_plugin = config.plugins.get("macros")
        for name, function in (getattr(macros_plugin, "macros", None) or {}).items():
            # mkdocs-macros' own context macros (context, macros_info, now, fix_url) expose the build: never.
            if name in found or getattr(function, "__module__", "").startswith("mkdocs_macros"):
                continue
            found[name] = pages.SiteMacro(name, function)
        return found

    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        src = self.fallbacks.get(page.file.src_uri, page.file.src_uri)
        shown = f"{self.docs_dir.name}/{src}"
        text = page.file.content_string
        first_line = text.count("\n", 0, len(text) - len(markdown)) + 1 if text.endswith(markdown) else 1
        lang = self.languages.of_path(page.file.src_uri) or self.languages.default
        render = self.site.page(lang, page.url)
        blocks = self.blocks(config)
        try:
            parsed = pages.read(markdown, shown, first_line, blocks, self.data, page.meta.get("render_macros") is not False)
            rendered = pages.draw(parsed, blocks, render, shown)
        except ContentError as exc:
            raise self._failed(exc.problems) from None
        info = self.site.index.pages.get(src)
        kind = self.registry.page_kind(info.key.split("/", 1)[0]) if info and info.kind != "page" else None
        if kind is not None and kind.facts is not None:
            slot = f"mfslotfacts{id(page)}z"
            try:
                rendered.slots[slot] = kind.facts(render, info)
            except Exception as exc:  # a component's own failure: one line naming the page, not a traceback
                raise self._failed([Problem(shown, Msg("facts_failed", {"reason": f"{type(exc).__name__}: {exc}"}))]) from None
            rendered.markdown = f"{slot}\n\n{rendered.markdown}"
        self.rendered[page.file.src_uri] = (rendered, shown, markdown, first_line)
        # mkdocs-macros would otherwise run the page (and its title) as a Jinja template.
        page.meta["render_macros"] = False
        return rendered.markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        rendered, shown, source, first_line = self.rendered.pop(page.file.src_uri)
        try:
            html = pages.publish(html, rendered, shown, source, first_line)
        except ContentError as exc:
            raise self._failed(exc.problems) from None
        # MkDocs' theme environment does not autoescape: front matter is text, not HTML.
        # Kept as Markup, so a template's own `| e` (Material's footer labels) does
        # not escape it twice ("KS&amp;#39;" read out by screen readers).
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        return html

    # ------------------------------------------------------------ the frame around each page

    def _speak(self, config: MkDocsConfig, lang: str, alternates: list[dict[str, str]]) -> None:
        """Switch Material's interface, the site name and the switcher to `lang`.

        MkDocs renders one page at a time from one config, so setting these
        just before each page renders gives every page its own language."""
        config.theme["language"] = self._theme_language(lang)
        # Markup: the theme prints these unescaped, in <title>, <meta> and the header.
        config.site_name = escape(self.strings.t(lang, "site_name"))
        config.site_description = escape(self.strings.t(lang, "site_description"))
        config.extra["alternate"] = _escaped(alternates)

    def _frame(self, lang: str, key: str | None, source_lang: str | None = None, meta: dict[str, Any] | None = None) -> dict[str, Any]:
        """What the theme's templates read as `mangfold`: language, notices, strings.

        Every text is escaped here, once: the theme's templates print it as it is."""
        language = self.languages[lang]
        meta = meta or {}
        page_source_lang = meta.get("source_language")
        borrowed = self.strings.borrowed.get(lang)
        borrowed_from = self.languages[lang].strings_fallback if borrowed else None
        return _escaped({
            "lang": lang,
            "html_lang": language.html_lang,
            "key": key,
            "home": f"{lang}/",
            "fallback": {
                "html_lang": self.languages[source_lang].html_lang,
                "notice": self.strings.t(lang, "fallback_notice", here=language_name(language, self._speaking(lang, "fallback_notice")),
                                         language=language_name(self.languages[source_lang], self._speaking(lang, "fallback_notice"))),
                "notice_lang": self._borrowed_lang(lang, "fallback_notice"),
            } if source_lang else None,
            "source_language": language_name(self.languages[page_source_lang], language) if page_source_lang in self.languages else None,
            "strings_borrowed": {
                "html_lang": self._borrowed_lang(lang, "strings_borrowed_notice") or language.html_lang,
                "notice": self.strings.t(lang, "strings_borrowed_notice",
                                         language=language_name(language, self._speaking(lang, "strings_borrowed_notice")),
                                         fallback=_english_name(borrowed_from)),
            } if borrowed else None,
            "reviewed": _dated(meta.get("reviewed"), language),
            "source_date": ({"iso": None} if meta.get("source_date") == "undated" else _dated(meta.get("source_date"), language))
            if meta.get("source") else None,
            "t": dict(self.strings.of(lang)),
        })

    def _borrowed_lang(self, lang: str, key: str) -> str | None:
        """The <html lang> of the language a string was borrowed from, if it was."""
        code = self.strings.borrowed.get(lang, {}).get(key)
        return _html_lang(code) if code else None

    def _speaking(self, lang: str, key: str) -> Any:
        """The language a string is written in: the page's, or the one it was borrowed from."""
        code = self.strings.borrowed.get(lang, {}).get(key)
        if not code:
            return self.languages[lang]
        from ..core.languages import Language

        return Language(code, _html_lang(code), code, code, code, None)

    def _homes(self) -> list[dict[str, str]]:
        return [{"name": lang.name, "link": f"{lang.code}/", "lang": lang.html_lang} for lang in self.languages]

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        src = page.file.src_uri
        lang = self.languages.of_path(src) or self.languages.default
        key = self.languages.key_of(src)
        self._speak(config, lang, self.alternates(key) or self._homes())
        if lang in self.navs and key is not None:
            context["nav"] = self.navs[lang]
        source = self.fallbacks.get(src)
        info = self.site.index.pages.get(source or src)
        context["mangfold"] = self._frame(lang, key, self.languages.of_path(source) if source else None,
                                          info.meta if info else page.meta)
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
        return [{"name": lang.name, "link": f"{lang.code}/{rest}", "lang": lang.html_lang} for lang in self.languages]

    def on_env(self, env: Any, config: MkDocsConfig, files: Files) -> Any:
        if self._templates is not None:
            env.bytecode_cache = self._templates
        env.globals["mangfold_alternates"] = self.alternates
        env.globals["mangfold_key"] = self.languages.key_of
        # The root pages (language chooser, 404) speak every language.
        env.globals["mangfold_languages"] = _escaped([
            {"code": lang.code, "html_lang": lang.html_lang, "name": lang.name, "home": f"{lang.code}/",
             "t": dict(self.strings.of(lang.code))}
            for lang in self.languages
        ])
        env.globals["mangfold_chooser_map"] = _browser_languages(self.languages)
        env.globals["mangfold_default"] = _escaped({"html_lang": self.languages[self.languages.default].html_lang,
                                                    "t": dict(self.strings.of(self.languages.default))})
        self.env, self.files = env, files
        return env

    def write_not_found_pages(self, config: MkDocsConfig) -> None:
        """<lang>/404.html in each language's frame, for hosts that serve a 404
        page per folder. Like MkDocs' own 404.html, links are absolute (base =
        the path of site_url): the page is shown at any depth of the site."""
        from mkdocs.commands.build import get_context

        base = urlsplit(config.site_url or "/").path or "/"
        template = self.env.get_template("not-found.html")
        for code in self.languages.codes:
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
        for write in self.registry.after_build:
            try:
                write(self.site, Path(config.site_dir))
            except ContentError as exc:
                raise self._failed(exc.problems) from None
        if not self.config.search_index:
            return
        if self._background_index:
            self._background_index.start(config.site_dir)
        else:
            search_index.build(config.site_dir)


def _html_lang(code: str) -> str:
    return code


def _dated(value: Any, language: Any) -> dict[str, str] | None:
    """A date for a <time> element: ISO for the machine, the reader's form for the eye."""
    import datetime as dt

    if not isinstance(value, dt.date):
        return None
    return {"iso": value.isoformat(), "text": language_name_date(value, language)}


def _browser_languages(languages: Any) -> dict[str, str]:
    """Browser language prefixes (navigator.languages) -> the chooser entry they mean."""
    found: dict[str, str] = {}
    for lang in languages:
        for alias in (lang.code, lang.html_lang.split("-")[0], *(("no", "nb", "nn") if lang.html_lang in ("nb", "nn", "no") else ())):
            found.setdefault(alias.lower(), lang.html_lang)
    return found


def _english_name(code: str | None) -> str:
    from babel import Locale

    try:
        return Locale.parse(code).get_display_name(code) if code else ""
    except Exception:
        return code or ""


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
            raise PluginError(str(Problem(f"{docs_dir.name}/{file.src_uri}",
                                          Msg("link_outside_folder", {"target": os.path.realpath(source), "folder": docs_dir.name}))))
