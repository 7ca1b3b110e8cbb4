"""The chapter 4 checkers accept the reference solutions and reject typical mistakes with the right hint."""
from __future__ import annotations

import pytest
import torch

from utils import checks
from utils.checks import ExerciseError, ch04


def _step_good(x, h_prev, W_xh, W_hh, b, dh_next):
    h = torch.tanh(x @ W_xh.T + h_prev @ W_hh.T + b)
    da = dh_next * (1 - h**2)
    return da @ W_xh, da @ W_hh, da.T @ x, da.T @ h_prev, da.sum(0)


def _step_autograd(x, h_prev, W_xh, W_hh, b, dh_next):
    leaves = [t.clone().requires_grad_(True) for t in (x, h_prev, W_xh, W_hh, b)]
    x, h_prev, W_xh, W_hh, b = leaves
    h = torch.tanh(x @ W_xh.T + h_prev @ W_hh.T + b)
    (h * dh_next).sum().backward()
    return tuple(t.grad for t in leaves)


def _clip_good(grads, max_norm):
    norm = torch.sqrt(sum((g**2).sum() for g in grads))
    if norm > max_norm:
        return [g * (max_norm / (norm + 1e-6)) for g in grads]
    return [g.clone() for g in grads]


def _clip_torch(grads, max_norm):
    params = [torch.nn.Parameter(torch.zeros_like(g)) for g in grads]
    for p, g in zip(params, grads, strict=True):
        p.grad = g.clone()
    torch.nn.utils.clip_grad_norm_(params, max_norm)
    return [p.grad for p in params]


# ------------------------------------------------------------------------------------------ rnn_step_backward

@pytest.mark.parametrize("solution", [_step_good, _step_autograd])
def test_step_reference_passes(solution, capsys):
    checks.rnn_step_backward(solution)
    assert capsys.readouterr().out.startswith("✅ rnn_step_backward")


def test_step_stub_is_pending(capsys):
    checks.rnn_step_backward(lambda *args: None)
    assert capsys.readouterr().out.startswith("⏳ rnn_step_backward")


@pytest.mark.parametrize("wrong, words", [
    (ch04._step_no_tanh_derivative, "tanh derivative is missing"),
    (ch04._step_prev_state_derivative, "not h_prev"),
    (ch04._step_sigmoid_derivative, "sigmoid"),
    (ch04._step_dh_prev_transposed, "dh_prev = da @ W_hh"),
    (ch04._step_dW_hh_transposed, "dW_hh is transposed"),
    (ch04._step_dW_xh_transposed, "weights' own shapes"),
    (ch04._step_db_per_example, "summed over the batch"),
    (ch04._step_db_mean, "averaged over the batch"),
    (ch04._step_bias_missing, "ignores the bias"),
])
def test_step_mistakes_get_their_hint(wrong, words):
    with pytest.raises(ExerciseError) as info:
        checks.rnn_step_backward(wrong)
    message = str(info.value)
    assert "rnn_step_backward, case" in message and words in message


def test_step_function_that_raises():
    def broken(x, h_prev, W_xh, W_hh, b, dh_next):
        return x @ W_hh  # shapes do not fit
    with pytest.raises(ExerciseError, match="raised RuntimeError.*\nHint: check the shapes"):
        checks.rnn_step_backward(broken)


def test_step_wrong_type_shape_nan_dtype():
    with pytest.raises(ExerciseError, match="expected a tuple of 5 item"):
        checks.rnn_step_backward(lambda *args: 3.0)
    with pytest.raises(ExerciseError, match="expected shape"):
        checks.rnn_step_backward(lambda *a: tuple(g.reshape(-1) for g in _step_good(*a)))
    with pytest.raises(ExerciseError, match="NaN"):
        checks.rnn_step_backward(lambda *a: tuple(g * float("nan") for g in _step_good(*a)))
    with pytest.raises(ExerciseError, match="dtype"):
        checks.rnn_step_backward(lambda *a: tuple(g.float() for g in _step_good(*a)))
    with pytest.raises(ExerciseError, match="needs your function itself"):
        checks.rnn_step_backward(None)


# ------------------------------------------------------------------------------------------ clip_grad_norm

@pytest.mark.parametrize("solution", [_clip_good, _clip_torch])
def test_clip_reference_passes(solution, capsys):
    checks.clip_grad_norm(solution)
    assert capsys.readouterr().out.startswith("✅ clip_grad_norm")


def test_clip_stub_is_pending(capsys):
    checks.clip_grad_norm(lambda grads, max_norm: None)
    assert capsys.readouterr().out.startswith("⏳ clip_grad_norm")


@pytest.mark.parametrize("wrong, words", [
    (ch04._clip_per_tensor, "clipped on its own"),
    (ch04._clip_values, "clips the values"),
    (ch04._clip_always, "below the limit must come back unchanged"),
    (ch04._clip_sum_of_norms, "not the sum of the tensors' norms"),
    (ch04._clip_squared_norm, "square root"),
    (ch04._clip_inverted, "upside down"),
])
def test_clip_mistakes_get_their_hint(wrong, words):
    with pytest.raises(ExerciseError) as info:
        checks.clip_grad_norm(wrong)
    message = str(info.value)
    assert "clip_grad_norm, case" in message and words in message


def test_clip_in_place_and_aliasing_are_caught():
    def in_place(grads, max_norm):
        norm = torch.sqrt(sum((g**2).sum() for g in grads))
        for g in grads:
            if norm > max_norm:
                g.mul_(max_norm / (norm + 1e-6))
        return grads

    def aliasing(grads, max_norm):
        norm = torch.sqrt(sum((g**2).sum() for g in grads))
        return [g * (max_norm / (norm + 1e-6)) for g in grads] if norm > max_norm else list(grads)

    with pytest.raises(ExerciseError, match="changed the tensors it was given"):
        checks.clip_grad_norm(in_place)
    with pytest.raises(ExerciseError, match=r"g\.clone\(\)"):
        checks.clip_grad_norm(aliasing)


def test_clip_function_that_raises_and_bad_outputs():
    with pytest.raises(ExerciseError, match="raised AttributeError"):
        checks.clip_grad_norm(lambda grads, max_norm: grads.norm())
    with pytest.raises(ExerciseError, match="expected a list of"):
        checks.clip_grad_norm(lambda grads, max_norm: 1.0)
    with pytest.raises(ExerciseError, match="expected shape"):
        checks.clip_grad_norm(lambda grads, max_norm: [g.reshape(-1, 1) for g in _clip_good(grads, max_norm)])
    with pytest.raises(ExerciseError, match="NaN"):
        checks.clip_grad_norm(lambda grads, max_norm: [g * float("nan") for g in _clip_good(grads, max_norm)])
    with pytest.raises(ExerciseError, match="case 2 .*expected 3 item"):
        checks.clip_grad_norm(lambda grads, max_norm: _clip_good(grads, max_norm)[:1])
