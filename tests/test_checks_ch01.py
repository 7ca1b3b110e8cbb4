"""Chapter 1 checkers: sliding_windows, receptive_field and dense_parameter_count accept right answers, wait
for stubs, and give each mistake (written the way a learner would) its hint."""
from __future__ import annotations

import math

import numpy as np
import pytest
import torch
from checker_harness import accepts, pending, rejects_with

from utils import checks


def windows_ok(series, window, horizon):
    n = len(series) - window - horizon + 1
    return (torch.stack([series[i:i + window] for i in range(n)]),
            torch.stack([series[i + window + horizon - 1] for i in range(n)]))


def windows_unfold(series, window, horizon):
    n = len(series) - window - horizon + 1
    return series.unfold(0, window, 1)[:n], series[window + horizon - 1:]


def rf_ok(kernel_sizes, dilations):
    return 1 + sum((k - 1) * d for k, d in zip(kernel_sizes, dilations, strict=True))


def params_ok(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


@pytest.mark.parametrize("checker, solution", [
    (checks.sliding_windows, windows_ok), (checks.sliding_windows, windows_unfold),
    (checks.receptive_field, rf_ok), (checks.dense_parameter_count, params_ok)])
def test_right_answers_pass_and_stubs_wait(checker, solution):
    accepts(checker, solution)
    pending(checker, lambda *args: None)


# ------------------------------------------------------------------------------------------ sliding_windows

def test_sliding_windows_target_one_step_late():
    def late(series, window, horizon):  # a learner who reads "horizon steps after the window" as + horizon
        n = len(series) - window - horizon
        return (torch.stack([series[i:i + window] for i in range(n)]),
                torch.stack([series[i + window + horizon] for i in range(n)]))

    rejects_with(checks.sliding_windows, late, case=1, hint_contains="one step too late")


def test_sliding_windows_target_one_step_early():
    def early(series, window, horizon):
        n = len(series) - window - horizon + 1
        X = torch.stack([series[i:i + window] for i in range(n)])
        return X, torch.stack([series[i + window + horizon - 2] for i in range(n)])

    rejects_with(checks.sliding_windows, early, case=1, hint_contains="one step too early",
                 message_contains="values differ")


def test_sliding_windows_range_stops_one_early():
    def short(series, window, horizon):
        X, y = [], []
        for i in range(len(series) - window - horizon):  # one window too few
            X.append(series[i:i + window])
            y.append(series[i + window + horizon - 1])
        return torch.stack(X), torch.stack(y)

    rejects_with(checks.sliding_windows, short, case=1, hint_contains="last window is missing")


def test_sliding_windows_swapped():
    rejects_with(checks.sliding_windows, lambda s, w, h: windows_ok(s, w, h)[::-1], case=1, hint_contains="swapped")


def test_sliding_windows_function_that_raises_points_at_the_learners_line():
    def broken(series, window, horizon):
        return series[window] @ series  # 0-d @ 1-d: a RuntimeError inside the learner's code

    message = rejects_with(checks.sliding_windows, broken, case=1, hint_contains="stack them",
                           message_contains=["your function raised RuntimeError", "return series[window] @ series"])
    assert "line " in message


@pytest.mark.parametrize("bad, fragment", [
    (lambda s, w, h: (s.numpy(), s.numpy()), "X: expected a torch.Tensor"),
    (lambda s, w, h: windows_ok(s, w, h)[0], "expected a tuple of 2 item(s) (X, y)"),
    (lambda s, w, h: (windows_ok(s, w, h)[0].T, windows_ok(s, w, h)[1]), "X: expected shape"),
    (lambda s, w, h: (windows_ok(s, w, h)[0], windows_ok(s, w, h)[1] * float("nan")), "y: your result contains NaN"),
    (lambda s, w, h: tuple(t.float() for t in windows_ok(s, w, h)), "X: expected dtype torch.float64"),
])
def test_wrong_types_shapes_and_nan_name_the_output(bad, fragment):
    rejects_with(checks.sliding_windows, bad, case=1, message_contains=fragment)


# ------------------------------------------------------------------------------------------ receptive_field

def test_receptive_field_mistakes():
    rejects_with(checks.receptive_field, lambda k, d: sum(k), case=2, hint_contains="adding the kernel sizes")
    rejects_with(checks.receptive_field, lambda k, d: 1 + sum(x - 1 for x in k), case=3,
                 hint_contains="dilation is ignored")
    rejects_with(checks.receptive_field, lambda k, d: math.prod(k), case=2, hint_contains="not multiplication")


def test_receptive_field_off_by_one_written_as_a_loop():
    def no_start(kernel_sizes, dilations):
        total = 0
        for k, d in zip(kernel_sizes, dilations):
            total += (k - 1) * d
        return total

    rejects_with(checks.receptive_field, no_start, case=1, hint_contains="off by one")


def test_receptive_field_k_times_d_gets_its_own_hint_not_the_kernel_sizes_one():
    """Case 2 has d = 1, where sum(k * d) equals sum(k): the hint must follow the other cases too."""
    rejects_with(checks.receptive_field, lambda ks, ds: sum(k * d for k, d in zip(ks, ds)), case=2,
                 hint_contains="k * d counts one step too many", hint_lacks="adding the kernel sizes")


@pytest.mark.parametrize("as_number", [np.array, np.int64, float, torch.tensor])
def test_receptive_field_accepts_an_integer_in_any_container(as_number):
    accepts(checks.receptive_field, lambda k, d: as_number(rf_ok(k, d)))


@pytest.mark.parametrize("bad", [lambda k, d: "five", lambda k, d: float("nan"), lambda k, d: True,
                                 lambda k, d: rf_ok(k, d) + 0.5])
def test_non_integer_answers_are_explained(bad):
    rejects_with(checks.receptive_field, bad, case=1, message_contains="expected the integer")


@pytest.mark.parametrize("not_a_function", [None, 42, "receptive_field"])
def test_checker_given_something_that_is_not_a_function(not_a_function):
    rejects_with(checks.receptive_field, not_a_function, message_contains="needs your function itself",
                 hint_contains="def receptive_field(kernel_sizes, dilations)")


# -------------------------------------------------------------------------------------- dense_parameter_count

def test_dense_parameter_count_mistakes():
    rejects_with(checks.dense_parameter_count, lambda s: sum(a * b for a, b in zip(s, s[1:])), case=1,
                 hint_contains="biases are missing")
    rejects_with(checks.dense_parameter_count, lambda s: s[0] * s[1] + s[1], case=2,
                 hint_contains="every consecutive pair")
    rejects_with(checks.dense_parameter_count, lambda s: sum(a * b + a for a, b in zip(s, s[1:])), case=1,
                 hint_contains="output side")


def test_dense_parameter_count_a_plus_b_written_as_a_loop():
    def added(layer_sizes):
        total = 0
        for i in range(len(layer_sizes) - 1):
            total += layer_sizes[i] + layer_sizes[i + 1] + layer_sizes[i + 1]
        return total

    rejects_with(checks.dense_parameter_count, added, case=1, hint_contains="every input to every output")
