"""Where the build may read files from: inside the project, never through a link out of it."""

from __future__ import annotations

import os
from pathlib import Path


def inside(path: Path, folder: Path) -> bool:
    """True if `path`, with every link followed, is `folder` or lies in it."""
    real, top = os.path.realpath(path), os.path.realpath(folder)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def links_out_of(folder: Path) -> list[Path]:
    """Every symbolic link in `folder` (not followed) that leads out of it.

    MkDocs follows links when it collects files, so a link to a file or
    folder elsewhere on the machine would be published with the site."""
    found = []
    for top, dirs, files in os.walk(folder, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(top) / name
            if path.is_symlink() and not inside(path, folder):
                found.append(path)
    return found


def shown(path: Path, root: Path) -> str:
    """A path as messages show it: relative to the project root, a link as the link (not its target)."""
    target = os.path.abspath(path)
    for base in (os.path.abspath(root), os.path.realpath(root)):
        relative = os.path.relpath(target, base)
        if relative != ".." and not relative.startswith(".." + os.sep):
            return Path(relative).as_posix()
    return str(path)
