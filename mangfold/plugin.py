"""The ``mangfold`` MkDocs plugin: one site, three languages, checked content.

Events, in build order:

- ``on_config``: load and validate data/ (once per build) and set defaults.
- ``on_files``: index every page's front matter, fail on bad content, and add
  a fallback page wherever a language lacks a translation.
- ``on_nav``: cut one navigation per language.
- ``on_page_markdown``: before mkdocs-macros, check the page's macro syntax
  and ids, so the error names the file and line.
- ``on_page_content``: escape front-matter text the theme prints unescaped.
- ``on_page_context``: switch Material's language, navigation and alternates
  to the page's language.
- ``on_env``: template globals for the sitemap and the root 404.html.
- ``on_post_build``: write ``<lang>/404.html``; build the Pagefind search
  index, one per language (in the background under ``mkdocs serve``).

Under ``mkdocs serve --dirty`` only pages whose file changed are rendered
again, unless front matter, data or templates changed (then all are).
"""

from __future__ import annotations

import html
import logging
import os
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import jinja2
from markupsafe import escape
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from macros import MACROS, calls, content_index, data as site_data
from macros.errors import ContentError
from macros.languages import CODES, DEFAULT, LANGUAGES, language_of
from macros.locale_format import language_name
from macros.site import Site, activate

from . import navigation
from .html_fixes import valid_html

log = logging.getLogger("mkdocs.plugins.mangfold")


class MangfoldConfig(Config):
    data_dir = c.Type(str, default="data")
    nav_order = c.ListOfItems(c.Type(str), default=[])
    collapse = c.ListOfItems(c.Type(str), default=["cases", "tools"])
    search_index = c.Type(bool, default=True)


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


def _stamps(*tops: Path) -> list[tuple[str, int, int]]:
    """Path, modification time and size of every file in or at `tops`."""
    return sorted(
        (str(path), stat.st_mtime_ns, stat.st_size)
        for top in tops if top.exists()
        for path in ([top] if top.is_file() else top.rglob("*")) if path.is_file() and (stat := path.stat())
    )


class _CompiledTemplates(jinja2.BytecodeCache):
    """Compiled templates kept between `mkdocs serve` rebuilds (MkDocs makes a
    new Jinja environment for each). Jinja compares each template's source
    checksum, so an edited template is compiled again."""

    def __init__(self) -> None:
        self.store: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self.store:
            bucket.bytecode_from_string(self.store[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self.store[bucket.key] = bucket.bytecode_to_string()


class MangfoldPlugin(BasePlugin[MangfoldConfig]):
    site: Site
    navs: dict[str, Navigation]
    fallbacks: dict[str, str]  # src_uri of a fallback page -> src_uri of the text it shows
    # Set by on_startup. Defining on_startup also keeps this object across the
    # rebuilds of one `mkdocs serve`, which the attributes below rely on.
    serving = False
    dirty = False
    _last_seen: tuple | None = None  # what the previous --dirty build showed
    _search_job: subprocess.Popen | None = None  # Pagefind running in the background
    _data_stamps: list | None = None  # data/ as it was when self.data was loaded
    _templates: _CompiledTemplates | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.dirty = dirty
        self._templates = _CompiledTemplates() if self.serving else None

    def on_shutdown(self) -> None:
        self._stop_search_job()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # A save during `serve`: Pagefind from the previous build must not write
        # into the site folder MkDocs is about to clean.
        self._stop_search_job()
        self.root = Path(config.config_file_path).resolve().parent
        self.docs_dir = Path(config.docs_dir)
        # Once per build; under `serve` only when a file in data/ changed since.
        stamps = _stamps(self.root / self.config.data_dir) if self.serving else None
        if stamps is None or stamps != self._data_stamps:
            self._data_stamps = None
            try:
                self.data = site_data.load(self.root / self.config.data_dir, self.root)
            except ContentError as exc:
                raise PluginError(str(exc)) from None
            self._data_stamps = stamps
        config.theme["language"] = LANGUAGES[DEFAULT].theme_language
        return config

    @event_priority(100)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            index = content_index.scan(self.docs_dir, self.data, self.root)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        self.site = Site(self.root, self.data, index)
        activate(self.site)
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
        if self.dirty:
            self._choose_dirty_pages(files, config)
        return files

    def _choose_dirty_pages(self, files: Files, config: MkDocsConfig) -> None:
        """With --dirty MkDocs renders only the pages whose own file changed:
        right for an edit to a page's text, the common case while writing. But
        other pages show a page's front matter (case lists, fact boxes, the
        navigation) and every page shows data/ and the templates: when any of
        those changed, or a page came or went, render them all. A fallback page
        is as fresh as the page whose text it shows."""
        watched = [Path(config.config_file_path), self.root / self.config.data_dir]
        if config.theme.custom_dir:
            watched.append(Path(config.theme.custom_dir))
        seen = (_stamps(*watched), {uri: info.meta for uri, info in self.site.index.pages.items()})
        everything = seen != self._last_seen
        self._last_seen = seen
        for file in files.documentation_pages():
            source = getattr(file, "mangfold_source", None)
            if everything:
                changed = True
            elif source is not None:
                source_file = files.get_file_from_path(source)
                changed = source_file is None or source_file.is_modified()
            else:
                continue
            # Decided now: once the source page is written, asking it again would say "unchanged".
            file.is_modified = (lambda value: lambda: value)(changed)  # type: ignore[method-assign]

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        self.navs = navigation.split(nav, self.site.index, list(self.config.nav_order), list(self.config.collapse))
        return nav

    @event_priority(100)
    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.meta.get("render_macros") is False:
            return markdown
        src = self.fallbacks.get(page.file.src_uri, page.file.src_uri)
        shown = f"{Path(config.docs_dir).name}/{src}"
        text = page.file.content_string
        first_line = text.count("\n", 0, len(text) - len(markdown)) + 1 if text.endswith(markdown) else 1
        known = calls.known_names(MACROS, config.extra, page.meta)
        found, problems = calls.parse(markdown, shown, first_line, known)
        problems += calls.check(found, self.data, shown)
        if problems:
            raise PluginError("\n".join(str(p) for p in problems))
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs' theme environment does not autoescape: front matter is text, not HTML.
        # Kept as Markup, so a template's own `| e` (Material's footer labels) does
        # not escape it twice ("KS&amp;#39;" read out by screen readers).
        for key in ("title", "description"):
            if isinstance(page.meta.get(key), str):
                page.meta[key] = escape(page.meta[key])
        return html

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
        src = page.file.src_uri
        lang = language_of(src) or DEFAULT
        key = src.split("/", 1)[1] if language_of(src) else None
        config.theme["language"] = LANGUAGES[lang].theme_language
        config.site_name = self.site.t(lang, "site_name")
        config.site_description = self.site.t(lang, "site_description")
        if lang in self.navs and key is not None:
            context["nav"] = self.navs[lang]
        alternates = self.alternates(key)
        config.extra["alternate"] = alternates or [
            {"name": LANGUAGES[code].name, "link": f"{code}/", "lang": LANGUAGES[code].html_lang} for code in CODES
        ]
        source = self.fallbacks.get(src)
        source_lang = language_of(source) if source else None
        context["mangfold"] = {
            "lang": lang,
            "html_lang": LANGUAGES[lang].html_lang,
            "key": key,
            "home": f"{lang}/",
            "fallback": {
                "html_lang": LANGUAGES[source_lang].html_lang,
                "notice": self.site.t(lang, "fallback_notice", language=language_name(source_lang, lang)),
            } if source_lang else None,
            "source_language": language_name(page.meta["source_language"], lang) if page.meta.get("source_language") in CODES else None,
            "t": {k: v for k, v in self.site.data.strings[lang].items()},
        }
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
        env.globals["mangfold_languages"] = [
            {"code": code, "html_lang": LANGUAGES[code].html_lang, "name": LANGUAGES[code].name,
             "home": f"{code}/", "t": dict(self.site.data.strings[code])}
            for code in CODES
        ]
        self.env, self.files = env, files
        return env

    def write_not_found_pages(self, config: MkDocsConfig) -> None:
        """<lang>/404.html in each language's frame, for hosts that serve a 404
        page per folder. Like MkDocs' own 404.html, links are absolute (base =
        the path of site_url): the page is shown at any depth of the site."""
        from mkdocs.commands.build import get_context

        base = urlsplit(config.site_url or "/").path or "/"
        template = self.env.get_template("not-found.html")
        homes = [{"name": LANGUAGES[code].name, "link": f"{code}/", "lang": LANGUAGES[code].html_lang} for code in CODES]
        for code in CODES:
            config.theme["language"] = LANGUAGES[code].theme_language
            config.site_name = self.site.t(code, "site_name")
            config.site_description = self.site.t(code, "site_description")
            config.extra["alternate"] = homes
            context = get_context(self.navs[code], self.files, config, base_url=base)
            context["mangfold"] = {
                "lang": code, "html_lang": LANGUAGES[code].html_lang, "key": None, "home": f"{code}/",
                "fallback": None, "source_language": None, "t": dict(self.site.data.strings[code]),
            }
            out = Path(config.site_dir) / code / "404.html"
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(valid_html(template.render(context)), encoding="utf-8")

    def on_post_build(self, config: MkDocsConfig) -> None:
        self.write_not_found_pages(config)
        if not self.config.search_index:
            return
        # Pagefind reads <html lang> and writes one index per language, with stemming.
        command = [sys.executable, "-m", "pagefind", "--site", config.site_dir, "--quiet"]
        env = {**os.environ, "PAGEFIND_SITE": config.site_dir}
        if self.serving:
            # An editor waits for the page, not for search: index in the background,
            # so the browser reloads as soon as the pages are written.
            job = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
            self._search_job = job
            threading.Thread(target=self._report_search_job, args=(job,), daemon=True).start()
            return
        result = subprocess.run(command, capture_output=True, text=True, env=env)
        if result.returncode != 0:
            raise PluginError(f"pagefind failed: {result.stderr.strip() or result.stdout.strip()}")

    @staticmethod
    def _report_search_job(job: subprocess.Popen) -> None:
        _, errors = job.communicate()
        if job.returncode and job.returncode > 0:  # < 0: stopped by a newer build
            log.warning(f"pagefind failed, search is not up to date: {(errors or '').strip()}")

    def _stop_search_job(self) -> None:
        job, self._search_job = self._search_job, None
        if job is not None and job.poll() is None:
            job.terminate()
            try:
                job.wait(timeout=10)
            except subprocess.TimeoutExpired:
                job.kill()
