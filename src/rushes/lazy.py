"""Packages whose names are imported when first used (PEP 562), so that a command that
needs none of them starts at once.

>>> __getattr__ = exports(__name__, {"probe": "probe", "decode": "decoder"})
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Callable


def exports(package: str, where: dict[str, str]) -> Callable[[str], object]:
    """The package's ``__getattr__``: ``name`` from its submodule ``where[name]``. A name
    that is also a submodule's (``media.probe``) stays the function when the submodule is
    imported."""
    module = sys.modules[package]

    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{where[name]}"), name)
        vars(module)[name] = value
        return value

    class _Package(types.ModuleType):
        def __setattr__(self, name: str, value) -> None:
            if name in where and isinstance(value, types.ModuleType):
                return
            super().__setattr__(name, value)

    module.__class__ = _Package
    return __getattr__
