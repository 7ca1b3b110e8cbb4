"""Chapter 4 checkers: rnn_step_backward and clip_grad_norm accept right answers, wait for stubs, and give
each mistake (written the way a learner would) its hint."""
from __future__ import annotations

import pytest
import torch
from checker_harness import accepts, pending, rejects_with

from utils import checks
from utils.checks import ch04


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
def test_step_right_answers_pass(solution):
    accepts(checks.rnn_step_backward, solution)


def test_step_stub_is_pending():
    pending(checks.rnn_step_backward, lambda *args: None)


@pytest.mark.parametrize("wrong, words", [
    (ch04._step_no_tanh_derivative, "tanh derivative is missing"),
    (ch04._step_prev_state_derivative, "not at h_prev"),
    (ch04._step_sigmoid_derivative, "sigmoid"),
    (ch04._step_dh_prev_transposed, "dh_prev is transposed"),
    (ch04._step_dW_hh_transposed, "dW_hh is transposed"),
    (ch04._step_dW_xh_transposed, "weight's own shape"),
    (ch04._step_db_per_example, "summed over the batch"),
    (ch04._step_db_mean, "averaged over the batch"),
    (ch04._step_bias_missing, "ignores the bias"),
])
def test_step_catalogued_mistakes_get_their_hint(wrong, words):
    rejects_with(checks.rnn_step_backward, wrong, hint_contains=words)


def test_step_learner_takes_the_derivative_at_the_old_state():
    def rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next):
        da = dh_next * (1 - h_prev**2)  # the derivative at the state the step started from
        return da @ W_xh, da @ W_hh, da.T @ x, da.T @ h_prev, da.sum(0)

    rejects_with(checks.rnn_step_backward, rnn_step_backward, case=1, hint_contains="not at h_prev",
                 message_contains="dx: values differ")


def test_step_learner_averages_db_names_db():
    def rnn_step_backward(x, h_prev, W_xh, W_hh, b, dh_next):
        h = torch.tanh(x @ W_xh.T + h_prev @ W_hh.T + b)
        da = dh_next * (1 - h**2)
        return da @ W_xh, da @ W_hh, da.T @ x, da.T @ h_prev, da.mean(0)

    rejects_with(checks.rnn_step_backward, rnn_step_backward, case=2, hint_contains="averaged over the batch",
                 message_contains="db: values differ")


def test_step_function_that_raises():
    def broken(x, h_prev, W_xh, W_hh, b, dh_next):
        return x @ W_hh  # shapes do not fit

    rejects_with(checks.rnn_step_backward, broken, case=1, message_contains="raised RuntimeError",
                 hint_contains="check the shapes")


@pytest.mark.parametrize("bad, fragment", [
    (lambda *args: 3.0, "expected a tuple of 5 item(s) (dx, dh_prev, dW_xh, dW_hh, db)"),
    (lambda *a: tuple(g.reshape(-1) for g in _step_good(*a)), "dx: expected shape"),
    (lambda *a: tuple(g * float("nan") for g in _step_good(*a)), "NaN"),
    (lambda *a: tuple(g.float() for g in _step_good(*a)), "dtype"),
])
def test_step_wrong_type_shape_nan_dtype(bad, fragment):
    rejects_with(checks.rnn_step_backward, bad, case=1, message_contains=fragment)


def test_step_not_a_function():
    rejects_with(checks.rnn_step_backward, None, message_contains="needs your function itself")


# ------------------------------------------------------------------------------------------ clip_grad_norm

@pytest.mark.parametrize("solution", [_clip_good, _clip_torch])
def test_clip_right_answers_pass(solution):
    accepts(checks.clip_grad_norm, solution)


def test_clip_stub_is_pending():
    pending(checks.clip_grad_norm, lambda grads, max_norm: None)


@pytest.mark.parametrize("wrong, words", [
    (ch04._clip_per_tensor, "clipped on its own"),
    (ch04._clip_values, "clips the values"),
    (ch04._clip_always, "below the limit must come back unchanged"),
    (ch04._clip_sum_of_norms, "not the sum of the tensors' norms"),
    (ch04._clip_squared_norm, "square root"),
    (ch04._clip_inverted, "upside down"),
])
def test_clip_catalogued_mistakes_get_their_hint(wrong, words):
    rejects_with(checks.clip_grad_norm, wrong, hint_contains=words)


def test_clip_learner_clips_each_tensor_on_its_own():
    def clip_grad_norm(grads, max_norm):
        clipped = []
        for g in grads:
            norm = g.norm()
            clipped.append(g * (max_norm / (norm + 1e-6)) if norm > max_norm else g.clone())
        return clipped

    rejects_with(checks.clip_grad_norm, clip_grad_norm, case=2, hint_contains="clipped on its own",
                 message_contains="clipped[0]: values differ")


def test_clip_in_place_with_and_without_return_and_aliasing_are_caught():
    def in_place(grads, max_norm):
        norm = torch.sqrt(sum((g**2).sum() for g in grads))
        for g in grads:
            if norm > max_norm:
                g.mul_(max_norm / (norm + 1e-6))
        return grads

    def in_place_no_return(grads, max_norm):
        in_place(grads, max_norm)

    def aliasing(grads, max_norm):
        norm = torch.sqrt(sum((g**2).sum() for g in grads))
        return [g * (max_norm / (norm + 1e-6)) for g in grads] if norm > max_norm else list(grads)

    rejects_with(checks.clip_grad_norm, in_place, case=1, message_contains="changed its argument `grads` in place",
                 hint_contains=".mul_()")
    rejects_with(checks.clip_grad_norm, in_place_no_return, case=1, message_contains="in place and returned None")
    rejects_with(checks.clip_grad_norm, aliasing, case=4, message_contains="one of the tensors it was given",
                 hint_contains="copies even when nothing changes")


def test_clip_function_that_raises_and_bad_outputs():
    rejects_with(checks.clip_grad_norm, lambda grads, max_norm: grads.norm(), case=1,
                 message_contains="raised AttributeError", hint_contains="a list of tensors")
    rejects_with(checks.clip_grad_norm, lambda grads, max_norm: 1.0, case=1, message_contains="expected a list of")
    rejects_with(checks.clip_grad_norm, lambda g, m: [t.reshape(-1, 1) for t in _clip_good(g, m)], case=1,
                 message_contains="clipped[0]: expected shape")
    rejects_with(checks.clip_grad_norm, lambda g, m: [t * float("nan") for t in _clip_good(g, m)], case=1,
                 message_contains="NaN")
    rejects_with(checks.clip_grad_norm, lambda g, m: _clip_good(g, m)[:1], case=2, message_contains="expected 3 item")
