"""Exercise checkers: ``checks.<exercise>(your_function)``.

The contract (``core.py``): ``✅`` when every case matches the reference, ``⏳`` when your function
still returns ``None``, otherwise an ``ExerciseError`` naming the case, what was expected and got, and
a hint. Each chapter's checkers live in their own module (``ch01.py``, ``ch02.py``, ...); every public
function listed in a module's ``__all__`` is available here as ``checks.<name>``.
"""
from __future__ import annotations

import importlib
import pkgutil

from .core import Case, ExerciseError, Mistake, compare, run_checks

__all__ = ["Case", "ExerciseError", "Mistake", "compare", "run_checks"]

for _module in sorted(m.name for m in pkgutil.iter_modules(__path__) if m.name.startswith("ch")):
    _mod = importlib.import_module(f"{__name__}.{_module}")
    for _name in _mod.__all__:
        if _name in globals():
            raise ImportError(f"checks.{_name} is defined twice (again in utils/checks/{_module}.py)")
        globals()[_name] = getattr(_mod, _name)
        __all__.append(_name)
