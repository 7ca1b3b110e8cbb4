"""Chapter 1 checkers: the reference passes, stubs wait, typical mistakes get their hint."""
from __future__ import annotations

import math

import pytest
import torch

from utils import checks


def windows_ok(series, window, horizon):
    n = len(series) - window - horizon + 1
    return (torch.stack([series[i:i + window] for i in range(n)]),
            torch.stack([series[i + window + horizon - 1] for i in range(n)]))


def rf_ok(kernel_sizes, dilations):
    return 1 + sum((k - 1) * d for k, d in zip(kernel_sizes, dilations, strict=True))


def params_ok(sizes):
    return sum(a * b + b for a, b in zip(sizes[:-1], sizes[1:], strict=True))


@pytest.mark.parametrize("checker, solution", [
    (checks.sliding_windows, windows_ok), (checks.receptive_field, rf_ok),
    (checks.dense_parameter_count, params_ok)])
def test_reference_passes_and_stub_waits(checker, solution, capsys):
    checker(solution)
    assert capsys.readouterr().out.startswith("✅")
    checker(lambda *args: None)
    assert capsys.readouterr().out.startswith("⏳")


def expect_hint(checker, fn, *fragments):
    with pytest.raises(checks.ExerciseError) as info:
        checker(fn)
    message = str(info.value)
    assert "case" in message and "Hint:" in message
    for fragment in fragments:
        assert fragment in message, message
    return message


def test_sliding_windows_mistakes():
    def late(s, w, h):
        x, y = windows_ok(s, w, h + 1)
        return x, y

    def short(s, w, h):
        x, y = windows_ok(s, w, h)
        return x[:-1], y[:-1]

    def swapped(s, w, h):
        x, y = windows_ok(s, w, h)
        return y, x

    def early(s, w, h):
        n = len(s) - w - h + 1
        return windows_ok(s, w, h)[0], torch.stack([s[i + w + h - 2] for i in range(n)])

    expect_hint(checks.sliding_windows, late, "one step too late")
    expect_hint(checks.sliding_windows, short, "last window is missing")
    expect_hint(checks.sliding_windows, swapped, "swapped")
    expect_hint(checks.sliding_windows, early, "one step too early", "values differ")


def test_receptive_field_mistakes():
    expect_hint(checks.receptive_field, lambda k, d: sum(k), "adding the kernel sizes")
    expect_hint(checks.receptive_field, lambda k, d: 1 + sum(x - 1 for x in k), "dilation is ignored")
    expect_hint(checks.receptive_field, lambda k, d: sum((a - 1) * b for a, b in zip(k, d)), "off by one")
    expect_hint(checks.receptive_field, lambda k, d: math.prod(k), "addition, not multiplication")


def test_dense_parameter_count_mistakes():
    expect_hint(checks.dense_parameter_count, lambda s: sum(a * b for a, b in zip(s, s[1:])), "biases are missing")
    expect_hint(checks.dense_parameter_count, lambda s: s[0] * s[1] + s[1], "every consecutive pair")
    expect_hint(checks.dense_parameter_count, lambda s: sum(a * b + a for a, b in zip(s, s[1:])), "output side")


def test_function_that_raises_is_reported_not_crashed():
    def broken(series, window, horizon):
        return series[window] @ series  # 0-d @ 1-d: a RuntimeError inside the learner's code

    message = expect_hint(checks.sliding_windows, broken, "your function raised RuntimeError")
    assert "torch.stack" in message


@pytest.mark.parametrize("bad, fragment", [
    (lambda s, w, h: (s.numpy(), s.numpy()), "expected a torch.Tensor"),
    (lambda s, w, h: windows_ok(s, w, h)[0], "expected a tuple"),
    (lambda s, w, h: (windows_ok(s, w, h)[0].T, windows_ok(s, w, h)[1]), "expected shape"),
    (lambda s, w, h: (windows_ok(s, w, h)[0] * float("nan"), windows_ok(s, w, h)[1]), "NaN"),
    (lambda s, w, h: tuple(t.float() for t in windows_ok(s, w, h)), "dtype"),
])
def test_wrong_types_shapes_and_nan_get_a_message(bad, fragment):
    expect_hint(checks.sliding_windows, bad, fragment)


@pytest.mark.parametrize("not_a_function", [None, 42, "receptive_field"])
def test_checker_given_something_that_is_not_a_function(not_a_function):
    with pytest.raises(checks.ExerciseError, match="needs your function itself"):
        checks.receptive_field(not_a_function)


def test_non_integer_answers_are_explained():
    expect_hint(checks.receptive_field, lambda k, d: "five", "expected the integer")
    expect_hint(checks.receptive_field, lambda k, d: float("nan"), "expected the integer")
    checks.receptive_field(lambda k, d: torch.tensor(rf_ok(k, d)))  # a 0-d tensor holding the right int is fine
