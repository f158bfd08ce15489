"""Settings that reach the build from mkdocs.yml and the environment, checked.

Who answers for the site (``extra.owner``, or ``MANGFOLD_OWNER_NAME`` /
``MANGFOLD_OWNER_EMAIL``), and where the site may be written: the same
rules for the build and for ``mangfold build`` / ``mangfold check``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from .errors import Msg
from .schema import EMAIL_PATTERN


def owner_of(owner: Any) -> tuple[dict[str, str], Msg | None]:
    """extra.owner (who answers for the site) as name and e-mail, and what is wrong with it.

    It reaches every language's privacy and accessibility page, from
    mkdocs.yml or the environment (MANGFOLD_OWNER_NAME, MANGFOLD_OWNER_EMAIL)."""
    owner = owner if isinstance(owner, dict) else {}
    name, email = str(owner.get("name") or "").strip(), str(owner.get("email") or "").strip()
    if not EMAIL_PATTERN.match(email):
        return {"name": name, "email": ""}, Msg("settings_owner_email", {"got": repr(email)})
    return {"name": name, "email": email}, None


def site_dir_problem(site_dir: Path, root: Path, sources: list[Path], setting: str = "site_dir") -> Msg | None:
    """Why the build may not write to `site_dir`, or None.

    A build empties its site folder first and replaces it at the end: it must
    not be the project, hold the project, or be or lie in a folder the build
    reads (content, data, theme, macros, .git)."""
    site, top = site_dir.resolve(), root.resolve()
    if site == top or top.is_relative_to(site):
        return Msg("settings_site_dir_project" if site == top else "settings_site_dir_holds", {"setting": setting, "site_dir": str(site_dir)})
    for source in sources:
        source = source.resolve()
        if site == source or site.is_relative_to(source) or source.is_relative_to(site):
            return Msg("settings_site_dir_is" if site == source else "settings_site_dir_overlaps",
                       {"setting": setting, "site_dir": str(site_dir), "source": _named(source, top)})
    return None


def _named(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix() + "/"
    except ValueError:
        return str(path)
