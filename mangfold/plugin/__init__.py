"""The MkDocs layer: the ``mangfold`` plugin, a thin driver of ``mangfold.core`` and ``mangfold.components``."""

from .plugin import MangfoldPlugin

__all__ = ["MangfoldPlugin"]
