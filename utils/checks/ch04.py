"""Checkers for chapter 4, backpropagation through time."""
from __future__ import annotations

import torch

from .core import Case, ExerciseError, Mistake, run_checks

__all__ = ["rnn_step_backward", "clip_grad_norm"]

F64 = torch.float64


def _randn(gen: torch.Generator, *shape: int, scale: float = 1.0) -> torch.Tensor:
    return torch.randn(*shape, generator=gen, dtype=F64) * scale


# --------------------------------------------------------------------------------------------------------
# one backward step of the tanh RNN cell
# --------------------------------------------------------------------------------------------------------

def _step_case(batch: int, inputs: int, hidden: int, seed: int, weight_scale: float = 0.5,
               zero_grad: bool = False) -> tuple:
    gen = torch.Generator().manual_seed(seed)
    x = _randn(gen, batch, inputs)
    h_prev = torch.tanh(_randn(gen, batch, hidden))
    W_xh = _randn(gen, hidden, inputs, scale=weight_scale)
    W_hh = _randn(gen, hidden, hidden, scale=weight_scale)   # not symmetric
    b = _randn(gen, hidden, scale=0.3)
    dh_next = torch.zeros(batch, hidden, dtype=F64) if zero_grad else _randn(gen, batch, hidden)
    return x, h_prev, W_xh, W_hh, b, dh_next


def _step_parts(x, h_prev, W_xh, W_hh, b, dh_next):
    h = torch.tanh(x @ W_xh.T + h_prev @ W_hh.T + b)
    return h, dh_next * (1 - h**2)


def _step_reference(x, h_prev, W_xh, W_hh, b, dh_next):
    """h = tanh(x W_xh^T + h_prev W_hh^T + b); da = dh_next * (1 - h^2); the rest are matrix products."""
    _, da = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return da @ W_xh, da @ W_hh, da.T @ x, da.T @ h_prev, da.sum(0)


def _step_from_da(da, x, h_prev, W_xh, W_hh):
    return da @ W_xh, da @ W_hh, da.T @ x, da.T @ h_prev, da.sum(0)


def _step_no_tanh_derivative(x, h_prev, W_xh, W_hh, b, dh_next):
    return _step_from_da(dh_next, x, h_prev, W_xh, W_hh)


def _step_prev_state_derivative(x, h_prev, W_xh, W_hh, b, dh_next):
    return _step_from_da(dh_next * (1 - h_prev**2), x, h_prev, W_xh, W_hh)


def _step_sigmoid_derivative(x, h_prev, W_xh, W_hh, b, dh_next):
    h, _ = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return _step_from_da(dh_next * h * (1 - h), x, h_prev, W_xh, W_hh)


def _step_tanh_of_h(x, h_prev, W_xh, W_hh, b, dh_next):
    h, _ = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return _step_from_da(dh_next * (1 - torch.tanh(h) ** 2), x, h_prev, W_xh, W_hh)


def _step_dh_prev_transposed(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, _, dW_xh, dW_hh, db = _step_reference(x, h_prev, W_xh, W_hh, b, dh_next)
    _, da = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, da @ W_hh.T, dW_xh, dW_hh, db


def _step_dW_hh_transposed(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _step_reference(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh, dW_hh.T, db


def _step_dW_xh_transposed(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _step_reference(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh.T, dW_hh.T, db


def _step_db_per_example(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, _ = _step_reference(x, h_prev, W_xh, W_hh, b, dh_next)
    _, da = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh, dW_hh, da


def _step_db_mean(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _step_reference(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh, dW_hh, db / x.shape[0]


def _step_bias_missing(x, h_prev, W_xh, W_hh, b, dh_next):
    return _step_reference(x, h_prev, W_xh, W_hh, torch.zeros_like(b), dh_next)


def _step_weights_swapped(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _step_reference(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_hh, dW_xh, db


def rnn_step_backward(fn) -> None:
    """Check ``fn(x, h_prev, W_xh, W_hh, b, dh_next) -> (dx, dh_prev, dW_xh, dW_hh, db)``.

    The forward step is ``h = tanh(x @ W_xh.T + h_prev @ W_hh.T + b)`` with ``x`` (B, D), ``h_prev`` (B, H),
    ``W_xh`` (H, D), ``W_hh`` (H, H), ``b`` (H,); ``dh_next`` (B, H) is ∂L/∂h. Return the gradients of L
    with respect to every input, each in the shape of that input (float64 tensors).
    """
    cases = [
        Case("B=1, D=3, H=4", _step_case(1, 3, 4, seed=0)),
        Case("B=5, D=2, H=6, non-symmetric W_hh, non-zero b", _step_case(5, 2, 6, seed=1)),
        Case("B=4, D=7, H=3 (more inputs than hidden units)", _step_case(4, 7, 3, seed=2)),
        Case("B=3, D=1, H=1 (scalars in disguise)", _step_case(3, 1, 1, seed=3)),
        Case("B=6, D=4, H=5, large weights: tanh saturates", _step_case(6, 4, 5, seed=4, weight_scale=3.0)),
        Case("B=2, D=3, H=4, dh_next = 0: every gradient is zero",
             _step_case(2, 3, 4, seed=5, zero_grad=True)),
    ]
    mistakes = [
        Mistake("the tanh derivative is missing: multiply dh_next by (1 - h**2), where h is the new state "
                "this step computed, before any matrix product.", _step_no_tanh_derivative),
        Mistake("(1 - h**2) must use the new state h = tanh(...) of this step, not h_prev.",
                _step_prev_state_derivative),
        Mistake("h * (1 - h) is the derivative of the sigmoid; for tanh it is 1 - h**2.",
                _step_sigmoid_derivative),
        Mistake("h is already tanh(a): the derivative is 1 - h**2, not 1 - tanh(h)**2.", _step_tanh_of_h),
        Mistake("dh_prev = da @ W_hh (no transpose): the forward pass multiplies by W_hh.T, so the backward "
                "pass multiplies by its transpose, W_hh.", _step_dh_prev_transposed),
        Mistake("dW_hh is transposed: in PyTorch's shape (H_out, H_in) it is da.T @ h_prev, "
                "not h_prev.T @ da.",
                _step_dW_hh_transposed),
        Mistake("dW_xh and dW_hh are transposed: return them in the weights' own shapes, (H, D) and (H, H): "
                "da.T @ x and da.T @ h_prev.", _step_dW_xh_transposed),
        Mistake("db must be summed over the batch: the same bias is added to every example, so "
                "db = da.sum(0), shape (H,).", _step_db_per_example),
        Mistake("db is averaged over the batch; sum it instead (da.sum(0)): any averaging belongs in the "
                "loss, which already produced dh_next.", _step_db_mean),
        Mistake("the forward step inside your function ignores the bias b: h = tanh(x @ W_xh.T + "
                "h_prev @ W_hh.T + b).", _step_bias_missing),
        Mistake("dW_xh and dW_hh are swapped: dW_xh pairs da with the input x, dW_hh with h_prev.",
                _step_weights_swapped),
    ]
    run_checks("rnn_step_backward", fn, cases, _step_reference, mistakes,
               signature="rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)",
               default_hint="recompute h = tanh(x @ W_xh.T + h_prev @ W_hh.T + b), then "
                            "da = dh_next * (1 - h**2); "
                            "dx = da @ W_xh, dh_prev = da @ W_hh, dW_xh = da.T @ x, dW_hh = da.T @ h_prev, "
                            "db = da.sum(0).",
               error_hint="check the shapes: x (B, D), h_prev (B, H), W_xh (H, D), W_hh (H, H), b (H,), "
                          "dh_next (B, H); use @ for matrix products and * for elementwise ones.",
               atol=1e-9, rtol=1e-7)


# --------------------------------------------------------------------------------------------------------
# gradient clipping by the global norm
# --------------------------------------------------------------------------------------------------------

def _clip_reference(grads: list[torch.Tensor], max_norm: float) -> list[torch.Tensor]:
    """torch.nn.utils.clip_grad_norm_ on copies: one L2 norm over all tensors, scaled only above max_norm."""
    total = torch.sqrt(sum((g.double() ** 2).sum() for g in grads)) if grads else torch.tensor(0.0, dtype=F64)
    coef = max_norm / (float(total) + 1e-6)
    return [g.clone() * coef if coef < 1 else g.clone() for g in grads]


def _clip_per_tensor(grads, max_norm):
    out = []
    for g in grads:
        norm = float(torch.linalg.vector_norm(g))
        out.append(g * (max_norm / (norm + 1e-6)) if norm > max_norm else g.clone())
    return out


def _clip_values(grads, max_norm):
    return [g.clamp(-max_norm, max_norm) for g in grads]


def _clip_always(grads, max_norm):
    total = torch.sqrt(sum((g**2).sum() for g in grads))
    return [g * (max_norm / (float(total) + 1e-6)) for g in grads]


def _clip_sum_of_norms(grads, max_norm):
    total = sum(float(torch.linalg.vector_norm(g)) for g in grads)
    coef = max_norm / (total + 1e-6)
    return [g * coef if coef < 1 else g.clone() for g in grads]


def _clip_squared_norm(grads, max_norm):
    total = float(sum((g**2).sum() for g in grads))
    coef = max_norm / (total + 1e-6)
    return [g * coef if coef < 1 else g.clone() for g in grads]


def _clip_inverted(grads, max_norm):
    total = float(torch.sqrt(sum((g**2).sum() for g in grads)))
    coef = (total + 1e-6) / max_norm
    return [g * coef if total > max_norm else g.clone() for g in grads]


def _clip_case(shapes: list[tuple[int, ...]], scale: float, seed: int) -> list[torch.Tensor]:
    gen = torch.Generator().manual_seed(seed)
    return [_randn(gen, *shape, scale=scale) for shape in shapes]


def _check_copies(fn) -> None:
    """The learner's function must leave its inputs unchanged and return new tensors (above and below
    the limit)."""
    for max_norm in (1.0, 100.0):
        grads = _clip_case([(3, 4), (4,)], scale=5.0, seed=11)
        before = [g.clone() for g in grads]
        try:
            got = fn(grads, max_norm)
        except Exception:  # reported with a hint by run_checks
            return
        if got is None:
            return
        if any(not torch.equal(g, b) for g, b in zip(grads, before, strict=True)):
            raise ExerciseError(
                f"clip_grad_norm, case 'inputs unchanged' (max_norm={max_norm}): your function changed the "
                "tensors it was given.\nHint: return new tensors, e.g. [g * scale for g in grads]; in-place "
                "operations (g.mul_(...), g *= ...) modify the caller's gradients.")
        pointers = {g.data_ptr() for g in grads}
        if isinstance(got, (list, tuple)) and any(
                isinstance(out, torch.Tensor) and out.data_ptr() in pointers for out in got):
            raise ExerciseError(
                f"clip_grad_norm, case 'returns copies' (max_norm={max_norm}): a returned tensor is one of "
                "the input tensors itself.\nHint: when no clipping is needed return g.clone(), so that "
                "changing the result later cannot change the input.")


def clip_grad_norm(fn) -> None:
    """Check ``fn(grads, max_norm) -> list``: clipped copies of ``grads`` (a list of tensors).

    Semantics of ``torch.nn.utils.clip_grad_norm_``: one L2 norm over all tensors together,
    ``norm = sqrt(sum of every squared entry)``; when ``norm > max_norm`` every tensor is multiplied by
    ``max_norm / (norm + 1e-6)``, otherwise returned unchanged. The inputs are not modified.
    """
    cases = [
        Case("one matrix, norm above the limit", (_clip_case([(3, 4)], 2.0, seed=0), 1.0)),
        Case("weights and biases, global norm above the limit",
             (_clip_case([(4, 3), (4, 4), (4,)], 1.0, seed=1), 2.0)),
        Case("each tensor below the limit, together above it", (_clip_case([(2, 2)] * 4, 0.8, seed=2), 2.0)),
        Case("norm below the limit: nothing changes", (_clip_case([(5, 3), (5,)], 0.1, seed=3), 5.0)),
        Case("exploding gradients (norm ~ 1e6)", (_clip_case([(6, 6), (6,)], 1e5, seed=4), 1.0)),
        Case("all gradients zero", ([torch.zeros(3, 3, dtype=F64), torch.zeros(3, dtype=F64)], 1.0)),
        Case("a 0-d tensor among them",
             ([torch.tensor(3.0, dtype=F64), torch.full((2,), 4.0, dtype=F64)], 0.5)),
    ]
    mistakes = [
        Mistake("each tensor is clipped on its own; clip_grad_norm_ computes ONE norm over all tensors "
                "together (sqrt of the sum of every squared entry) and scales them all by the same factor.",
                _clip_per_tensor),
        Mistake("that clips the values (clamp) instead of the norm: scale every tensor by "
                "max_norm / (norm + 1e-6), which keeps the gradient's direction.", _clip_values),
        Mistake("gradients below the limit must come back unchanged: scale only when norm > max_norm.",
                _clip_always),
        Mistake("the global norm is sqrt(sum of squares of all entries), not the sum of the tensors' norms.",
                _clip_sum_of_norms),
        Mistake("the norm is the square root of the sum of squares: take torch.sqrt of the total.",
                _clip_squared_norm),
        Mistake("the scale factor is upside down: multiply by max_norm / (norm + 1e-6), which is < 1.",
                _clip_inverted),
    ]
    if fn is not None and callable(fn):
        _check_copies(fn)
    run_checks("clip_grad_norm", fn, cases, _clip_reference, mistakes,
               signature="clip_grad_norm(grads, max_norm)",
               default_hint="norm = torch.sqrt(sum((g**2).sum() for g in grads)); if norm > max_norm, "
                            "return [g * (max_norm / (norm + 1e-6)) for g in grads], "
                            "else [g.clone() for g in grads].",
               error_hint="grads is a list of tensors of different shapes: loop over it, and return a list.")

