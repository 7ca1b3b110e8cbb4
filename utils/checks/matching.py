"""How a learner's result differs from the reference: one sentence, or ``None`` when it matches.

``compare`` handles tensors, NumPy arrays, numbers (integers exactly), strings and tuples/lists of
those, recursively. It never raises on a strange result (complex, bfloat16, sparse, a tensor without
values, an object array): it describes it instead. Every sentence goes through ``utils.i18n.tr``.
"""
from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from typing import Any

import numpy as np
import torch

from utils.i18n import tr

__all__ = ["compare", "describe"]


def describe(value: Any) -> str:
    """A short description of any value, e.g. "a torch.Tensor of shape (2, 3) and dtype torch.float64"."""
    if isinstance(value, torch.Tensor):
        if value.layout != torch.strided:
            return tr("a sparse torch.Tensor of shape {shape} (layout {layout})", shape=tuple(value.shape),
                      layout=value.layout)
        return tr("a torch.Tensor of shape {shape} and dtype {dtype}", shape=tuple(value.shape), dtype=value.dtype)
    if isinstance(value, np.ndarray):
        return tr("a numpy array of shape {shape} and dtype {dtype}", shape=value.shape, dtype=value.dtype)
    if isinstance(value, (tuple, list)):
        return tr("a {kind} of {n} item(s)", kind=type(value).__name__, n=len(value))
    return f"{type(value).__name__} {value!r}"[:120]


def _fmt(x: float) -> str:
    return f"{x:.6g}"


def _as_numpy(t: torch.Tensor) -> np.ndarray:
    t = t.detach().cpu().resolve_conj().resolve_neg()
    if t.dtype in (torch.bfloat16, torch.float16):
        t = t.to(torch.float32)
    return t.numpy()


def _kind(dtype: Any) -> str:
    """NumPy's one-letter kind of a torch or NumPy dtype: f(loat), c(omplex), b(ool), i(nteger)."""
    if isinstance(dtype, torch.dtype):
        return "c" if dtype.is_complex else "f" if dtype.is_floating_point else "b" if dtype == torch.bool else "i"
    return {"u": "i"}.get(dtype.kind, dtype.kind)


def _dtype_problem(got: Any, expected: Any) -> str | None:
    """A sentence when the dtypes differ (the values are not compared then), else None."""
    g, e = got.dtype, expected.dtype
    if g == e:
        return None
    g_kind, e_kind = _kind(g), _kind(e)
    if g_kind == "c" and e_kind != "c":
        return tr("your result holds complex numbers (dtype {got}); the answer is real, dtype {want}",
                  got=g, want=e)
    if e_kind == "f" and g_kind == "f":
        return tr("expected dtype {want}, got {got}: a new tensor made without `dtype=` (or a `.float()`) "
                  "changes the precision", want=e, got=g)
    if e_kind == "i" and g_kind == "i":
        return tr("expected dtype {want}, got {got}: indices and class labels are int64 (torch.long), which "
                  "nn.Embedding and F.cross_entropy need", want=e, got=g)
    if e_kind in "iub" and g_kind not in "iub":
        return tr("expected integers (dtype {want}), got dtype {got}", want=e, got=g)
    return tr("expected dtype {want}, got {got}", want=e, got=g)


def _compare_arrays(got: Any, expected: torch.Tensor | np.ndarray, atol: float, rtol: float) -> str | None:
    want_torch = isinstance(expected, torch.Tensor)
    kind = "torch.Tensor" if want_torch else "numpy array"
    if want_torch and not isinstance(got, torch.Tensor) or not want_torch and not isinstance(got, np.ndarray):
        return tr("expected a {kind} of shape {shape}, got {got}", kind=kind, shape=tuple(expected.shape),
                  got=describe(got))
    if want_torch and got.layout != torch.strided:
        return tr("your result is a sparse tensor (layout {layout}); return an ordinary dense tensor "
                  "(`.to_dense()` makes one)", layout=got.layout)
    if want_torch and got.device.type == "meta":
        return tr("your result is a tensor on the 'meta' device, which has a shape but no values")
    if tuple(got.shape) != tuple(expected.shape):
        return tr("expected shape {want}, got shape {got}", want=tuple(expected.shape), got=tuple(got.shape))
    problem = _dtype_problem(got, expected)
    if problem:
        return problem
    g = _as_numpy(got) if want_torch else got
    e = _as_numpy(expected) if want_torch else expected
    if g.dtype.kind not in "biufc":
        return tr("expected numbers, got an array of dtype {dtype}", dtype=g.dtype)
    if g.dtype.kind in "fc" and np.isnan(g).any() and not np.isnan(e).any():
        return tr("your result contains NaN at {count} position(s) (the reference has none)",
                  count=int(np.isnan(g).sum()))
    if g.size == 0:
        return None
    if e.dtype.kind in "iub":
        bad = g != e
    else:
        with np.errstate(invalid="ignore", over="ignore"):
            bad = ~np.isclose(g, e, atol=atol, rtol=rtol, equal_nan=True)
    if not bad.any():
        return None
    with np.errstate(invalid="ignore", over="ignore"):
        diff = np.where(bad, np.abs(g.astype(np.float64) - e.astype(np.float64)), -1.0)
    where = np.unravel_index(int(np.nanargmax(diff)) if not np.isnan(diff).all() else 0, g.shape)
    return tr("values differ at {bad} of {size} position(s); e.g. at index {index} expected {want}, got {got}",
              bad=int(bad.sum()), size=bad.size, index=tuple(int(i) for i in where),
              want=_fmt(float(e[where])), got=_fmt(float(g[where])))


def _scalar(got: Any) -> Any:
    """A one-element tensor or array, or a NumPy scalar, as a Python number (other values unchanged)."""
    if isinstance(got, torch.Tensor) and got.layout == torch.strided and got.device.type != "meta" \
            and got.numel() == 1:
        return got.item()
    if isinstance(got, np.ndarray) and got.size == 1 and got.dtype.kind in "biufc":
        return got.item()
    if isinstance(got, np.generic):
        return got.item()
    return got


def _item_name(path: str, i: int, names: Sequence[str] | str) -> str:
    if isinstance(names, str) and names:
        name = f"{names}[{i}]"
    elif not isinstance(names, str) and i < len(names):
        name = names[i]
    else:
        name = tr("item {i}", i=i)
    return f"{path}{name}" if not path else f"{path}[{i}]"


def compare(got: Any, expected: Any, atol: float = 1e-6, rtol: float = 1e-5, path: str = "",
            names: Sequence[str] | str = ()) -> str | None:
    """Return ``None`` when ``got`` matches ``expected``, else one sentence saying how it differs.

    ``names`` names the items of a tuple result (``("h_next", "c_next")``), or, as one string, the
    items of a list (``"clipped"`` gives ``clipped[0]``, ``clipped[1]``, ...).
    """
    where = f"{path}: " if path else ""
    if isinstance(expected, (torch.Tensor, np.ndarray)):
        problem = _compare_arrays(got, expected, atol, rtol)
        return where + problem if problem else None
    if isinstance(expected, (tuple, list)):
        kind = type(expected).__name__
        listed = f" ({', '.join(names)})" if names and not isinstance(names, str) else ""
        if not isinstance(got, (tuple, list)):
            return where + tr("expected a {kind} of {n} item(s){listed}, got {got}", kind=kind, n=len(expected),
                              listed=listed, got=describe(got))
        if len(got) != len(expected):
            return where + tr("expected {n} item(s){listed}, got {m}", n=len(expected), listed=listed, m=len(got))
        for i, (g, e) in enumerate(zip(got, expected, strict=True)):
            problem = compare(g, e, atol, rtol, path=_item_name(path, i, names))
            if problem:
                return problem
        return None
    if isinstance(expected, (bool, str)):
        got = _scalar(got) if isinstance(expected, bool) else got
        same = isinstance(got, type(expected)) and got == expected
        return None if same else where + tr("expected {want}, got {got}", want=repr(expected), got=describe(got))
    if isinstance(expected, numbers.Integral):
        got = _scalar(got)
        if isinstance(got, float) and got.is_integer():
            got = int(got)
        if not isinstance(got, numbers.Integral) or isinstance(got, bool):
            return where + tr("expected the integer {want}, got {got}", want=expected, got=describe(got))
        return None if got == expected else where + tr("expected {want}, got {got}", want=expected, got=got)
    if isinstance(expected, numbers.Real):
        got = _scalar(got)
        if not isinstance(got, numbers.Real) or isinstance(got, bool):
            return where + tr("expected the number {want}, got {got}", want=_fmt(expected), got=describe(got))
        if math.isnan(got) and not math.isnan(expected):
            return where + tr("expected {want}, got NaN", want=_fmt(expected))
        if math.isclose(got, expected, abs_tol=atol, rel_tol=rtol) or math.isnan(got) and math.isnan(expected):
            return None
        return where + tr("expected {want}, got {got}", want=_fmt(expected), got=_fmt(got))
    return None if got == expected else where + tr("expected {want}, got {got}", want=repr(expected),
                                                   got=describe(got))
