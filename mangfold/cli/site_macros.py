"""The site's own macros (its mkdocs-macros module), as mangfold check sees them.

The build gets them from mkdocs-macros; ``mangfold check`` loads the module
itself (it is the maintainers' code, from the project folder) and records
what its ``define_env`` registers, so a page calling one of them is checked
like any building block.
"""

from __future__ import annotations

import hashlib
import importlib.util
import sys
from pathlib import Path
from typing import Any, Callable

from ..core.errors import Msg, Problem


class _Recorder:
    """What mkdocs-macros hands define_env, as far as registering goes."""

    def __init__(self, root: Path) -> None:
        self.macros: dict[str, Callable[..., Any]] = {}
        self.filters: dict[str, Callable[..., Any]] = {}
        self.variables: dict[str, Any] = {}
        self.conf: dict[str, Any] = {}
        self.project_dir = str(root)

    def macro(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.macros[name or function.__name__] = function
        return function

    def filter(self, function: Callable[..., Any], name: str = "") -> Callable[..., Any]:
        self.filters[name or function.__name__] = function
        return function


def load(module_path: Path | None, root: Path, shown: str) -> tuple[dict[str, Callable[..., Any]], list[Problem]]:
    if module_path is None:
        return {}, []
    # A name of its own per project: two projects checked in one process never share a module.
    name = "_mangfold_site_" + hashlib.sha1(str(module_path).encode()).hexdigest()[:12]
    package = module_path.name == "__init__.py"
    spec = importlib.util.spec_from_file_location(name, module_path, submodule_search_locations=[str(module_path.parent)] if package else None)
    if spec is None or spec.loader is None:
        return {}, [Problem(shown, Msg("macros_not_a_module"))]
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    recorder = _Recorder(root)
    try:
        spec.loader.exec_module(module)
        define_env = getattr(module, "define_env", None)
        if callable(define_env):
            define_env(recorder)
    except Exception as exc:  # the site's own code: report it, in one line
        return {}, [Problem(shown, Msg("macros_failed", {"reason": f"{type(exc).__name__}: {exc}"}))]
    return recorder.macros, []
