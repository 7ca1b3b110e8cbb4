"""Checkers for chapter 4, backpropagation through time."""
from __future__ import annotations

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["rnn_step_backward", "clip_grad_norm"]

F64 = torch.float64


# --------------------------------------------------------------------------------------------------------
# one backward step of the tanh RNN cell
# --------------------------------------------------------------------------------------------------------

def _step_case(batch: int, inputs: int, hidden: int, seed: int, weight_scale: float = 0.5,
               zero_grad: bool = False) -> tuple:
    gen = torch.Generator().manual_seed(seed)
    x = seeded(batch, inputs, seed=gen)
    h_prev = torch.tanh(seeded(batch, hidden, seed=gen))
    W_xh = seeded(hidden, inputs, seed=gen, scale=weight_scale)
    W_hh = seeded(hidden, hidden, seed=gen, scale=weight_scale)   # not symmetric
    b = seeded(hidden, seed=gen, scale=0.3)
    dh_next = torch.zeros(batch, hidden, dtype=F64) if zero_grad else seeded(batch, hidden, seed=gen)
    return x, h_prev, W_xh, W_hh, b, dh_next


def _step_parts(x, h_prev, W_xh, W_hh, b, dh_next):
    h = torch.tanh(x @ W_xh.T + h_prev @ W_hh.T + b)
    return h, dh_next * (1 - h**2)


def _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next):
    """One backward step of h = tanh(x @ W_xh.T + h_prev @ W_hh.T + b).

    x (B, D), h_prev (B, H), W_xh (H, D), W_hh (H, H), b (H,), dh_next (B, H) = dL/dh.
    Returns dx (B, D), dh_prev (B, H), dW_xh (H, D), dW_hh (H, H), db (H,).
    """
    h = torch.tanh(x @ W_xh.T + h_prev @ W_hh.T + b)
    da = dh_next * (1 - h**2)  # (B, H): dL/da, the tanh derivative at the new state
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
    dx, _, dW_xh, dW_hh, db = _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)
    _, da = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, da @ W_hh.T, dW_xh, dW_hh, db


def _step_dW_hh_transposed(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh, dW_hh.T, db


def _step_dW_xh_transposed(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh.T, dW_hh.T, db


def _step_db_per_example(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, _ = _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)
    _, da = _step_parts(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh, dW_hh, da


def _step_db_mean(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_xh, dW_hh, db / x.shape[0]


def _step_bias_missing(x, h_prev, W_xh, W_hh, b, dh_next):
    return _rnn_step_backward(x, h_prev, W_xh, W_hh, torch.zeros_like(b), dh_next)


def _step_weights_swapped(x, h_prev, W_xh, W_hh, b, dh_next):
    dx, dh_prev, dW_xh, dW_hh, db = _rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next)
    return dx, dh_prev, dW_hh, dW_xh, db


_RNN_STEP_BACKWARD = Exercise(
    name="rnn_step_backward", label="ch04-rnn-step-backward", reference=_rnn_step_backward,
    outputs=("dx", "dh_prev", "dW_xh", "dW_hh", "db"), atol=1e-9, rtol=1e-7,
    cases=lambda: [
        Case("B=1, D=3, H=4", _step_case(1, 3, 4, seed=0)),
        Case("B=5, D=2, H=6, non-symmetric W_hh, non-zero b", _step_case(5, 2, 6, seed=1)),
        Case("B=4, D=7, H=3 (more inputs than hidden units)", _step_case(4, 7, 3, seed=2)),
        Case("B=3, D=1, H=1 (scalars in disguise)", _step_case(3, 1, 1, seed=3)),
        Case("B=6, D=4, H=5, large weights: tanh saturates", _step_case(6, 4, 5, seed=4, weight_scale=3.0)),
        Case("B=2, D=3, H=4, dh_next = 0: every gradient is zero", _step_case(2, 3, 4, seed=5, zero_grad=True)),
    ],
    mistakes=[
        Mistake("the tanh derivative is missing: dh_next must first pass back through the tanh (its derivative "
                "at the new state) before any matrix product.", _step_no_tanh_derivative),
        Mistake("the tanh derivative must be taken at the new state this step computes, not at h_prev.",
                _step_prev_state_derivative),
        Mistake("h * (1 - h) is the derivative of the sigmoid, not of tanh.", _step_sigmoid_derivative),
        Mistake("h is already tanh(a): write the derivative with h itself, without another tanh.",
                _step_tanh_of_h),
        Mistake("dh_prev is transposed: the forward pass multiplies h_prev by W_hh.T, so the way back "
                "multiplies by the transpose of that.", _step_dh_prev_transposed),
        Mistake("dW_hh is transposed: return it in W_hh's own layout, (H_out, H_in).", _step_dW_hh_transposed),
        Mistake("dW_xh and dW_hh are transposed: return each gradient in its weight's own shape, (H, D) and "
                "(H, H).", _step_dW_xh_transposed),
        Mistake("db must be summed over the batch: the same bias is added to every example, so db has shape "
                "(H,).", _step_db_per_example),
        Mistake("db is averaged over the batch: sum it instead; any averaging belongs to the loss, which "
                "already produced dh_next.", _step_db_mean),
        Mistake("the forward step inside your function ignores the bias b when it recomputes the new state.",
                _step_bias_missing),
        Mistake("dW_xh and dW_hh are swapped: dW_xh pairs the gradient with the input x, dW_hh with h_prev.",
                _step_weights_swapped),
    ],
    hint="recompute the new state, pass dh_next back through the tanh, and then each gradient is one matrix "
         "product (or a sum) with the other factor of its term in the forward step (section 'Deriving the "
         "gradients').",
    error_hint="check the shapes: x (B, D), h_prev (B, H), W_xh (H, D), W_hh (H, H), b (H,), dh_next (B, H); "
               "@ multiplies matrices, * multiplies elementwise.",
)


def rnn_step_backward(fn, reveal: bool = False) -> None:
    """Check ``fn(x, h_prev, W_xh, W_hh, b, dh_next) -> (dx, dh_prev, dW_xh, dW_hh, db)``.

    The forward step is ``h = tanh(x @ W_xh.T + h_prev @ W_hh.T + b)`` with ``x`` (B, D), ``h_prev`` (B, H),
    ``W_xh`` (H, D), ``W_hh`` (H, H), ``b`` (H,); ``dh_next`` (B, H) is ∂L/∂h. Return the gradients of L
    with respect to every input, each in the shape of that input (float64 tensors).
    ``reveal=True`` also prints one solution.
    """
    _RNN_STEP_BACKWARD.check(fn, reveal)


# --------------------------------------------------------------------------------------------------------
# gradient clipping by the global norm
# --------------------------------------------------------------------------------------------------------

def _clip_grad_norm(grads, max_norm):
    """grads: a list of tensors of any shapes -> a list of clipped copies."""
    # ONE norm over every entry of every tensor
    norm = torch.sqrt(sum((g**2).sum() for g in grads))
    if norm > max_norm:
        return [g * (max_norm / (norm + 1e-6)) for g in grads]
    return [g.clone() for g in grads]  # copies, even when nothing changes


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
    return [seeded(*shape, seed=gen, scale=scale) for shape in shapes]


_CLIP_GRAD_NORM = Exercise(
    name="clip_grad_norm", label="ch04-clip-grad-norm", reference=_clip_grad_norm, outputs="clipped",
    fresh_outputs=True,
    cases=lambda: [
        Case("one matrix, norm above the limit", (_clip_case([(3, 4)], 2.0, seed=0), 1.0)),
        Case("weights and biases, global norm above the limit",
             (_clip_case([(4, 3), (4, 4), (4,)], 1.0, seed=1), 2.0)),
        Case("each tensor below the limit, together above it", (_clip_case([(2, 2)] * 4, 0.8, seed=2), 2.0)),
        Case("norm below the limit: nothing changes", (_clip_case([(5, 3), (5,)], 0.1, seed=3), 5.0)),
        Case("exploding gradients (norm ~ 1e6)", (_clip_case([(6, 6), (6,)], 1e5, seed=4), 1.0)),
        Case("all gradients zero", ([torch.zeros(3, 3, dtype=F64), torch.zeros(3, dtype=F64)], 1.0)),
        Case("a 0-d tensor among them", ([torch.tensor(3.0, dtype=F64), torch.full((2,), 4.0, dtype=F64)], 0.5)),
    ],
    mistakes=[
        Mistake("each tensor is clipped on its own; clip_grad_norm_ computes ONE norm over all tensors together "
                "and scales them all by the same factor.", _clip_per_tensor),
        Mistake("that clips the values (clamp) instead of the norm: scaling every tensor by one factor keeps "
                "the gradient's direction.", _clip_values),
        Mistake("gradients below the limit must come back unchanged: scale only when the norm is above "
                "max_norm.", _clip_always),
        Mistake("the global norm is the square root of the sum of squares of ALL entries, not the sum of the "
                "tensors' norms.", _clip_sum_of_norms),
        Mistake("the norm is the square root of the sum of squares.", _clip_squared_norm),
        Mistake("the scale factor is upside down: clipping makes the gradients smaller, so the factor is below "
                "1.", _clip_inverted),
    ],
    hint="one norm over every entry of every tensor; above max_norm, scale every tensor by the one factor "
         "that brings that norm down to max_norm (section 'Gradient clipping').",
    error_hint="grads is a list of tensors of different shapes: loop over it, and return a list.",
)


def clip_grad_norm(fn, reveal: bool = False) -> None:
    """Check ``fn(grads, max_norm) -> list``: clipped copies of ``grads`` (a list of tensors).

    Semantics of ``torch.nn.utils.clip_grad_norm_``: one L2 norm over all tensors together; when it is
    above ``max_norm`` every tensor is multiplied by ``max_norm / (norm + 1e-6)``, otherwise returned
    unchanged. The inputs are not modified, and the results are new tensors.
    ``reveal=True`` also prints one solution.
    """
    _CLIP_GRAD_NORM.check(fn, reveal)
