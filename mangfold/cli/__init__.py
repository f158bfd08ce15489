"""The ``mangfold`` command line: what editors and maintainers run (check, new, build, init ...)."""

from .main import main

__all__ = ["main"]
