"""The checker contract shared by every exercise (COURSE.md section 5).

A checker calls the learner's function on several seeded cases and compares each answer with the
reference solution:

- all cases pass                → prints one line starting with ``✅``;
- the function returns ``None`` → prints one line starting with ``⏳`` (not attempted yet);
- anything else                 → raises ``ExerciseError`` naming the case, what was expected and what
  came back, with a hint aimed at the likely mistake.

Hints come from a catalogue of typical mistakes: each mistake is a small wrong implementation; when the
learner's answer equals a wrong implementation's answer, its hint is shown. A learner's function that
itself raises is reported with its error message and a hint, never as a crash of the checker.
"""
from __future__ import annotations

import copy
import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import torch

__all__ = ["ExerciseError", "Case", "Mistake", "run_checks", "compare"]


class ExerciseError(AssertionError):
    """Raised by a checker when the learner's answer is wrong. The message says which case, what was
    expected, what came back, and a hint."""


@dataclass
class Case:
    """One call of the learner's function: a short description and the arguments."""

    name: str
    args: tuple
    kwargs: dict = field(default_factory=dict)


@dataclass
class Mistake:
    """A typical wrong answer: ``wrong(*args, **kwargs)`` computes it, ``hint`` tells how to fix it."""

    hint: str
    wrong: Callable[..., Any]


def _describe(value: Any) -> str:
    if isinstance(value, torch.Tensor):
        return f"a torch.Tensor of shape {tuple(value.shape)} and dtype {value.dtype}"
    if isinstance(value, np.ndarray):
        return f"a numpy array of shape {value.shape} and dtype {value.dtype}"
    if isinstance(value, (tuple, list)):
        return f"a {type(value).__name__} of {len(value)} item(s)"
    return f"{type(value).__name__} {value!r}"[:200]


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _compare_arrays(got: Any, expected: torch.Tensor | np.ndarray, atol: float, rtol: float) -> str | None:
    want_torch = isinstance(expected, torch.Tensor)
    kind = "torch.Tensor" if want_torch else "numpy array"
    if want_torch and not isinstance(got, torch.Tensor) or not want_torch and not isinstance(got, np.ndarray):
        return f"expected a {kind} of shape {tuple(expected.shape)}, got {_describe(got)}"
    if tuple(got.shape) != tuple(expected.shape):
        return f"expected shape {tuple(expected.shape)}, got shape {tuple(got.shape)}"
    g = got.detach().cpu().numpy() if want_torch else got
    e = expected.detach().cpu().numpy() if want_torch else expected
    if g.dtype.kind in "fc" and np.isnan(g).any() and not np.isnan(e).any():
        return f"your result contains NaN at {int(np.isnan(g).sum())} position(s) (the reference has none)"
    if e.dtype.kind == "f" and g.dtype.kind == "f" and g.dtype != e.dtype:
        return (f"expected dtype {expected.dtype}, got {got.dtype}: a new tensor made without `dtype=` "
                "(or a `.float()`) changes the precision")
    if e.dtype.kind in "iub" and g.dtype.kind not in "iub":
        return f"expected integers (dtype {expected.dtype}), got dtype {got.dtype}"
    if g.size == 0:
        return None
    if e.dtype.kind in "iub":
        bad = g != e
    else:
        with np.errstate(invalid="ignore"):
            bad = ~np.isclose(g.astype(float), e.astype(float), atol=atol, rtol=rtol, equal_nan=True)
    if not bad.any():
        return None
    diff = np.where(bad, np.abs(g.astype(float) - e.astype(float)), -1.0)
    where = np.unravel_index(int(np.nanargmax(diff)), g.shape)
    index = tuple(int(i) for i in where)
    return (f"values differ at {int(bad.sum())} of {bad.size} position(s); e.g. at index {index} "
            f"expected {_fmt(float(e[where]))}, got {_fmt(float(g[where]))}")


def compare(got: Any, expected: Any, atol: float = 1e-6, rtol: float = 1e-5, path: str = "") -> str | None:
    """Return ``None`` when ``got`` matches ``expected``, else one sentence saying how it differs.

    Handles tensors, arrays, numbers (ints exactly), strings, and tuples/lists of those (recursively).
    """
    where = f"{path}: " if path else ""
    if isinstance(expected, (torch.Tensor, np.ndarray)):
        problem = _compare_arrays(got, expected, atol, rtol)
        return where + problem if problem else None
    if isinstance(expected, (tuple, list)):
        if not isinstance(got, (tuple, list)):
            return f"{where}expected a {type(expected).__name__} of {len(expected)} item(s), got {_describe(got)}"
        if len(got) != len(expected):
            return f"{where}expected {len(expected)} item(s), got {len(got)}"
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = compare(g, e, atol, rtol, path=f"{path}[{i}]" if path else f"item {i}")
            if problem:
                return problem
        return None
    if isinstance(expected, bool) or isinstance(expected, str):
        return None if got == expected else f"{where}expected {expected!r}, got {_describe(got)}"
    if isinstance(expected, numbers.Integral):
        if isinstance(got, torch.Tensor) and got.numel() == 1:
            got = got.item()
        if isinstance(got, np.generic):
            got = got.item()
        if isinstance(got, float) and got.is_integer():
            got = int(got)
        if not isinstance(got, numbers.Integral) or isinstance(got, bool):
            return f"{where}expected the integer {expected}, got {_describe(got)}"
        return None if got == expected else f"{where}expected {expected}, got {got}"
    if isinstance(expected, numbers.Real):
        if isinstance(got, torch.Tensor) and got.numel() == 1 or isinstance(got, np.ndarray) and got.size == 1:
            got = got.item()
        if isinstance(got, np.generic):
            got = got.item()
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            return f"{where}expected the number {_fmt(expected)}, got {_describe(got)}"
        if math.isnan(got):
            return f"{where}expected {_fmt(expected)}, got NaN"
        return None if math.isclose(got, expected, abs_tol=atol, rel_tol=rtol) else (
            f"{where}expected {_fmt(expected)}, got {_fmt(got)}")
    return None if got == expected else f"{where}expected {expected!r}, got {_describe(got)}"


def _clone(value: Any) -> Any:
    if isinstance(value, torch.Tensor):
        return value.detach().clone()
    return copy.deepcopy(value)


def run_checks(title: str, fn: Any, cases: Sequence[Case], reference: Callable[..., Any],
               mistakes: Sequence[Mistake] = (), default_hint: str = "", error_hint: str = "",
               atol: float = 1e-6, rtol: float = 1e-5, signature: str = "") -> None:
    """Check the learner's ``fn`` against ``reference`` on every case (see the module docstring).

    ``signature`` (e.g. ``"rnn_step(x, h, W_xh, W_hh, b)"``) is quoted when ``fn`` is not a function;
    ``error_hint`` is shown when ``fn`` raises; ``default_hint`` when no catalogued mistake matches.
    """
    if fn is None or not callable(fn):
        raise ExerciseError(
            f"{title}: the checker needs your function itself, got {_describe(fn)}.\n"
            f"Hint: define `def {signature or title + '(...)'}: ...` and pass its name without "
            "parentheses, e.g. `checks." + title + "(my_function)`.")
    for number, case in enumerate(cases, start=1):
        label = f"{title}, case {number} ({case.name})"
        try:
            got = fn(*[_clone(a) for a in case.args], **{k: _clone(v) for k, v in case.kwargs.items()})
        except Exception as exc:  # the learner's own error: report it, do not crash
            raise ExerciseError(
                f"{label}: your function raised {type(exc).__name__}: {exc}\n"
                f"Hint: {error_hint or default_hint or 'run it on the case above and read the error.'}"
            ) from None
        if got is None:
            if number == 1:
                print(f"⏳ {title}: your function returns None — not attempted yet. Fill in its body and run "
                      "this cell again.")
                return
            raise ExerciseError(f"{label}: your function returned None (it returned a value for earlier cases).\n"
                                "Hint: make sure every path through the function ends with `return`.")
        expected = reference(*[_clone(a) for a in case.args], **{k: _clone(v) for k, v in case.kwargs.items()})
        problem = compare(got, expected, atol=atol, rtol=rtol)
        if problem is None:
            continue
        hint = default_hint
        for mistake in mistakes:
            try:
                wrong = mistake.wrong(*[_clone(a) for a in case.args],
                                      **{k: _clone(v) for k, v in case.kwargs.items()})
            except Exception:  # a wrong variant that cannot run on this case simply does not match
                continue
            if compare(got, wrong, atol=atol, rtol=rtol) is None:
                hint = mistake.hint
                break
        raise ExerciseError(f"{label}: {problem}\nHint: {hint or 'compare your code with the equations above.'}")
    print(f"✅ {title}: all {len(cases)} cases match the reference. Well done!")
