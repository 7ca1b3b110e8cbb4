"""Checkers for chapter 1, memoryless networks."""
from __future__ import annotations

import torch

from .core import Case, Mistake, run_checks

__all__ = ["sliding_windows", "receptive_field", "dense_parameter_count"]


def _series(length: int, seed: int) -> torch.Tensor:
    return torch.randn(length, generator=torch.Generator().manual_seed(seed), dtype=torch.float64)


def _windows_reference(series: torch.Tensor, window: int, horizon: int) -> tuple[torch.Tensor, torch.Tensor]:
    n = len(series) - window - horizon + 1
    return series.unfold(0, window, 1)[:n], series[window + horizon - 1:]


def _windows_shifted_target(series, window, horizon):
    n = len(series) - window - horizon
    return series.unfold(0, window, 1)[:n], series[window + horizon:]


def _windows_target_inside(series, window, horizon):
    x, y = _windows_reference(series, window, horizon)
    return x, series[window + horizon - 2:-1]


def _windows_one_short(series, window, horizon):
    x, y = _windows_reference(series, window, horizon)
    return x[:-1], y[:-1]


def _windows_swapped(series, window, horizon):
    x, y = _windows_reference(series, window, horizon)
    return y, x


def sliding_windows(fn) -> None:
    """Check ``fn(series, window, horizon) -> (X, y)``.

    ``series`` is a float64 tensor (T,); ``X`` (N, window) holds every run of ``window`` consecutive
    values and ``y`` (N,) the value ``horizon`` steps after each window's last value:
    ``X[i] = series[i : i + window]``, ``y[i] = series[i + window + horizon - 1]``,
    ``N = T - window - horizon + 1``.
    """
    cases = [
        Case("T=10, window=3, horizon=1", (_series(10, 0), 3, 1)),
        Case("T=30, window=6, horizon=4", (_series(30, 1), 6, 4)),
        Case("T=48, window=24, horizon=24 (a day ahead)", (_series(48, 2), 24, 24)),
        Case("T=6, window=5, horizon=1 (exactly one window)", (_series(6, 3), 5, 1)),
    ]
    mistakes = [
        Mistake("the target is one step too late: with horizon 1 it is the value right after the window, "
                "series[i + window + horizon - 1].", _windows_shifted_target),
        Mistake("the target is one step too early (it is the window's own last value when horizon is 1): "
                "use series[i + window + horizon - 1].", _windows_target_inside),
        Mistake("the last window is missing: there are T - window - horizon + 1 windows (check the end of "
                "your range()).", _windows_one_short),
        Mistake("X and y are swapped: return (X, y), the windows first.", _windows_swapped),
    ]
    run_checks("sliding_windows", fn, cases, _windows_reference, mistakes,
               signature="sliding_windows(series, window, horizon)",
               default_hint="X[i] = series[i : i + window] and y[i] = series[i + window + horizon - 1]; "
                            "stack them with torch.stack.",
               error_hint="index with plain slices, series[i : i + window], and stack the windows with "
                          "torch.stack; check that i stops at T - window - horizon.")


def _rf_reference(kernel_sizes: list[int], dilations: list[int]) -> int:
    return 1 + sum((k - 1) * d for k, d in zip(kernel_sizes, dilations, strict=True))


def receptive_field(fn) -> None:
    """Check ``fn(kernel_sizes, dilations) -> int``: how many input steps one output of a stack of
    stride-1 1-D convolutions sees. Layer ``l`` has kernel size ``kernel_sizes[l]`` and dilation
    ``dilations[l]``; the answer is ``1 + sum((k - 1) * d)``.
    """
    cases = [
        Case("one layer, kernel 3", ([3], [1])),
        Case("two layers, kernels 3 and 3", ([3, 3], [1, 1])),
        Case("three layers, kernels 5, 3, 3, dilations 1, 2, 4", ([5, 3, 3], [1, 2, 4])),
        Case("WaveNet-like: six layers, kernel 2, dilations 1..32", ([2] * 6, [1, 2, 4, 8, 16, 32])),
        Case("kernel 1 layers see one step", ([1, 1], [1, 3])),
    ]
    mistakes = [
        Mistake("adding the kernel sizes counts the shared step of neighbouring layers twice: each layer "
                "adds (k - 1) * d new steps to what the layer below sees.", lambda ks, ds: sum(ks)),
        Mistake("k * d counts one step too many per layer: a dilated kernel adds (k - 1) * d new steps.",
                lambda ks, ds: sum(k * d for k, d in zip(ks, ds, strict=True))),
        Mistake("the receptive field grows by addition, not multiplication: each layer adds (k - 1) * d.",
                lambda ks, ds: int(torch.tensor(ks).prod())),
        Mistake("dilation is ignored: a dilated kernel of size k spans (k - 1) * d + 1 inputs.",
                lambda ks, ds: 1 + sum(k - 1 for k in ks)),
        Mistake("off by one: a single output already sees 1 step before any kernel widens it; "
                "start from 1.", lambda ks, ds: sum((k - 1) * d for k, d in zip(ks, ds, strict=True))),
    ]
    run_checks("receptive_field", fn, cases, _rf_reference, mistakes,
               signature="receptive_field(kernel_sizes, dilations)",
               default_hint="start from 1 and let each layer add (kernel_size - 1) * dilation.",
               error_hint="loop over zip(kernel_sizes, dilations) and return a Python int.")


def _dense_reference(layer_sizes: list[int]) -> int:
    return sum(a * b + b for a, b in zip(layer_sizes[:-1], layer_sizes[1:], strict=True))


def dense_parameter_count(fn) -> None:
    """Check ``fn(layer_sizes) -> int``: the number of weights and biases of a stack of ``nn.Linear``
    layers with sizes ``[inputs, hidden..., outputs]`` (a layer from a to b has a*b weights and b biases).
    """
    cases = [
        Case("[24, 1]: a linear model on a 24-hour window", ([24, 1],)),
        Case("[24, 32, 2]: two outputs", ([24, 32, 2],)),
        Case("[168, 32, 1]: a week-long window", ([168, 32, 1],)),
        Case("[10, 64, 64, 3]", ([10, 64, 64, 3],)),
    ]
    mistakes = [
        Mistake("the biases are missing: each layer also has one bias per output unit.",
                lambda s: sum(a * b for a, b in zip(s[:-1], s[1:], strict=True))),
        Mistake("the biases belong to the output side of each layer (b of them), not the input side.",
                lambda s: sum(a * b + a for a, b in zip(s[:-1], s[1:], strict=True))),
        Mistake("count every consecutive pair of sizes, not only the first layer.",
                lambda s: s[0] * s[1] + s[1]),
        Mistake("a layer from a to b has a * b weights (every input to every output), not a + b.",
                lambda s: sum(a + b + b for a, b in zip(s[:-1], s[1:], strict=True))),
    ]
    run_checks("dense_parameter_count", fn, cases, _dense_reference, mistakes,
               signature="dense_parameter_count(layer_sizes)",
               default_hint="for each pair (a, b) of consecutive sizes add a * b + b.",
               error_hint="pair consecutive sizes with zip(layer_sizes[:-1], layer_sizes[1:]).")
