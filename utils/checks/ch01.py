"""Checkers for chapter 1, memoryless networks."""
from __future__ import annotations

import torch

from .core import Case, Exercise, Mistake, seeded

__all__ = ["sliding_windows", "receptive_field", "dense_parameter_count"]


# ---------------------------------------------------------------------------------------------------------
# sliding_windows(series, window, horizon) -> (X, y)
# ---------------------------------------------------------------------------------------------------------

def _sliding_windows(series, window, horizon):
    """series (T,) -> X (N, window), y (N,)."""
    n = len(series) - window - horizon + 1                      # how many windows fit
    X = torch.stack([series[i : i + window] for i in range(n)])
    y = torch.stack([series[i + window + horizon - 1] for i in range(n)])
    return X, y


def _windows_shifted_target(series, window, horizon):
    X, _ = _sliding_windows(series, window, horizon + 1)
    return X, series[window + horizon:]


def _windows_target_inside(series, window, horizon):
    X, _ = _sliding_windows(series, window, horizon)
    return X, series[window + horizon - 2:-1]


def _windows_one_short(series, window, horizon):
    X, y = _sliding_windows(series, window, horizon)
    return X[:-1], y[:-1]


def _windows_swapped(series, window, horizon):
    X, y = _sliding_windows(series, window, horizon)
    return y, X


_SLIDING_WINDOWS = Exercise(
    name="sliding_windows", label="ch01-sliding-windows", reference=_sliding_windows, outputs=("X", "y"),
    cases=lambda: [
        Case("T=10, window=3, horizon=1", (seeded(10, seed=0), 3, 1)),
        Case("T=30, window=6, horizon=4", (seeded(30, seed=1), 6, 4)),
        Case("T=48, window=24, horizon=24 (a day ahead)", (seeded(48, seed=2), 24, 24)),
        Case("T=6, window=5, horizon=1 (exactly one window)", (seeded(6, seed=3), 5, 1)),
    ],
    mistakes=[
        Mistake("the target is one step too late: with horizon 1 it is the value right after the window, "
                "not the one after that.", _windows_shifted_target),
        Mistake("the target is one step too early: with horizon 1 it is the value right after the window, "
                "not the window's own last value.", _windows_target_inside),
        Mistake("the last window is missing: count the windows of a small example by hand (T = 6, window 5, "
                "horizon 1 has exactly one) and check where your range() stops.", _windows_one_short),
        Mistake("X and y are swapped: return the windows first, then the targets.", _windows_swapped),
    ],
    hint="X[i] is the window that starts at step i, and y[i] the value `horizon` steps after that window's "
         "last value (section 'Packing a sequence into one input').",
    error_hint="cut the windows with plain slices of the series and stack them into one tensor; check where "
               "i stops: the last window's target must still be inside the series.",
)


def sliding_windows(fn, reveal: bool = False) -> None:
    """Check ``fn(series, window, horizon) -> (X, y)``.

    ``series`` is a float64 tensor (T,); ``X`` (N, window) holds every run of ``window`` consecutive
    values and ``y`` (N,) the value ``horizon`` steps after each window's last value.
    ``reveal=True`` also prints one solution.
    """
    _SLIDING_WINDOWS.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# receptive_field(kernel_sizes, dilations) -> int
# ---------------------------------------------------------------------------------------------------------

def _receptive_field(kernel_sizes, dilations):
    seen = 1  # one output sees its own step
    for k, d in zip(kernel_sizes, dilations):
        # a kernel of size k reaches k - 1 taps further, d steps apart
        seen += (k - 1) * d
    return seen


def _rf_sum_of_products(ks, ds):
    return sum(k * d for k, d in zip(ks, ds, strict=True))


def _rf_product(ks, ds):
    product = 1
    for k in ks:
        product *= k
    return product


_RECEPTIVE_FIELD = Exercise(
    name="receptive_field", label="ch01-receptive-field", reference=_receptive_field,
    cases=lambda: [
        Case("one layer, kernel 3", ([3], [1])),
        Case("two layers, kernels 3 and 3", ([3, 3], [1, 1])),
        Case("three layers, kernels 5, 3, 3, dilations 1, 2, 4", ([5, 3, 3], [1, 2, 4])),
        Case("WaveNet-like: six layers, kernel 2, dilations 1..32", ([2] * 6, [1, 2, 4, 8, 16, 32])),
        Case("kernel 1 layers see one step", ([1, 1], [1, 3])),
    ],
    mistakes=[
        Mistake("adding the kernel sizes counts the step that neighbouring layers share twice: think about "
                "how many NEW steps each layer adds to what the layer below sees.", lambda ks, ds: sum(ks)),
        Mistake("k * d counts one step too many per layer: a kernel of size k reaches only k - 1 taps beyond "
                "the current step.", _rf_sum_of_products),
        Mistake("the receptive field grows by addition, not multiplication: each layer widens it by a fixed "
                "number of steps.", _rf_product),
        Mistake("the dilation is ignored: a dilated kernel spreads its taps d steps apart, so it spans more "
                "inputs than its size.", lambda ks, ds: 1 + sum(k - 1 for k in ks)),
        Mistake("off by one: a single output already sees 1 step before any kernel widens it.",
                lambda ks, ds: _receptive_field(ks, ds) - 1),
    ],
    hint="start from what one output sees with no layer at all, and let each layer add the new steps its "
         "dilated kernel reaches (section 'Parameters that grow with the window').",
    error_hint="pair each kernel size with its dilation (zip) and return a Python int.",
)


def receptive_field(fn, reveal: bool = False) -> None:
    """Check ``fn(kernel_sizes, dilations) -> int``: how many input steps one output of a stack of
    stride-1 1-D convolutions sees. Layer ``l`` has kernel size ``kernel_sizes[l]`` and dilation
    ``dilations[l]``. ``reveal=True`` also prints one solution.
    """
    _RECEPTIVE_FIELD.check(fn, reveal)


# ---------------------------------------------------------------------------------------------------------
# dense_parameter_count(layer_sizes) -> int
# ---------------------------------------------------------------------------------------------------------

def _dense_parameter_count(layer_sizes):
    total = 0
    # one nn.Linear(a, b) per pair of consecutive sizes: a * b weights and b biases
    for a, b in zip(layer_sizes[:-1], layer_sizes[1:]):
        total += a * b + b
    return total


def _pairs(s):
    return zip(s[:-1], s[1:], strict=True)


_DENSE_PARAMETER_COUNT = Exercise(
    name="dense_parameter_count", label="ch01-dense-params", reference=_dense_parameter_count,
    cases=lambda: [
        Case("[24, 1]: a linear model on a 24-hour window", ([24, 1],)),
        Case("[24, 32, 2]: two outputs", ([24, 32, 2],)),
        Case("[168, 32, 1]: a week-long window", ([168, 32, 1],)),
        Case("[10, 64, 64, 3]", ([10, 64, 64, 3],)),
    ],
    mistakes=[
        Mistake("the biases are missing: each layer also has one bias per output unit.",
                lambda s: sum(a * b for a, b in _pairs(s))),
        Mistake("the biases belong to the output side of each layer: one per output unit, not per input.",
                lambda s: sum(a * b + a for a, b in _pairs(s))),
        Mistake("only the first layer is counted: every consecutive pair of sizes is a layer.",
                lambda s: s[0] * s[1] + s[1]),
        Mistake("a layer from a inputs to b outputs connects every input to every output: count those "
                "connections, not a + b.", lambda s: sum(a + b + b for a, b in _pairs(s))),
    ],
    hint="count, for every layer, one weight per (input, output) pair and one bias per output (section "
         "'Parameters that grow with the window').",
    error_hint="pair consecutive sizes (the list with itself shifted by one) and return a Python int.",
)


def dense_parameter_count(fn, reveal: bool = False) -> None:
    """Check ``fn(layer_sizes) -> int``: the number of weights and biases of a stack of ``nn.Linear``
    layers with sizes ``[inputs, hidden..., outputs]``. ``reveal=True`` also prints one solution.
    """
    _DENSE_PARAMETER_COUNT.check(fn, reveal)
