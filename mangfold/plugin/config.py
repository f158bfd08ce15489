"""The mangfold plugin's settings in mkdocs.yml, as typed MkDocs Config classes.

    plugins:
      - mangfold:
          languages:
            - code: da            # folder and URL prefix; the rest comes from Babel
            - code: "no"          # quoted: YAML reads a bare no as false
              html_lang: nb
              locale: nb_NO
              name: Norsk (bokmål)
            - code: sv
          nav_order: [index.md, tools, processes, cases]

MkDocs checks the types; ``mangfold.core.languages.from_config`` checks the
meaning (a locale Babel knows, fallbacks among the site's languages), the
same way for the build and for ``mangfold check``.
"""

from __future__ import annotations

from mkdocs.config import config_options as c
from mkdocs.config.base import Config


class LanguageOption(Config):
    code = c.Type(str)
    html_lang = c.Optional(c.Type(str))
    locale = c.Optional(c.Type(str))
    theme_language = c.Optional(c.Type(str))
    name = c.Optional(c.Type(str))
    country = c.Optional(c.Type(str))
    default = c.Type(bool, default=False)
    fallback = c.ListOfItems(c.Type(str), default=[])
    strings_fallback = c.Optional(c.Type(str))


class MangfoldConfig(Config):
    languages = c.ListOfItems(c.SubConfig(LanguageOption))
    data_dir = c.Type(str, default="data")
    nav_order = c.ListOfItems(c.Type(str), default=[])
    collapse = c.ListOfItems(c.Type(str), default=["cases", "tools"])
    search_index = c.Type(bool, default=True)
    # Further modules with components (DataKind, PageKind, @component), by import name.
    components = c.ListOfItems(c.Type(str), default=[])
