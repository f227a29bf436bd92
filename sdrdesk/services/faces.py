"""A capability package's face, loaded on first use.

Each ``services/<capability>/__init__.py`` names what the window and the command line
may use (``__all__``) and where each name lives. The names are imported when first
asked for, not with the package: an import's worker process loads
``imports.check`` without the import service and SQLAlchemy's ORM, and the window shows
its first rows before the call and demo machinery is loaded. Type checkers read the
same names from the face's ``TYPE_CHECKING`` imports; ``tests/quality`` checks that
both agree.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping, Sequence
from typing import Any


def lazy_names(package: str, where: Mapping[str, Sequence[str]]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``where`` maps a submodule to its names."""
    owner = {name: module for module, names in where.items() for name in names}

    def __getattr__(name: str) -> Any:
        module = owner.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{module}"), name)

    return __getattr__
