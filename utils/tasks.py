"""Generated data for memory tasks and signals: seeded NumPy (``numpy.random.default_rng(seed)``),
deterministic, no files.

* memory tasks (returned as torch tensors, ready for a model): :func:`recall_first`, :func:`copy_task`,
  :func:`adding_problem`;
* signals (returned as NumPy float32 arrays, ready for plotting and windowing): :func:`noisy_sine`,
  :func:`chirp`, :func:`thrown_ball`.
"""

from __future__ import annotations

import numpy as np
import torch

__all__ = ["GRAVITY", "adding_problem", "chirp", "copy_task", "noisy_sine", "recall_first", "thrown_ball"]

GRAVITY = 9.81
"""Acceleration due to gravity in m/s², used by :func:`thrown_ball`."""


def _check_positive(**values: int) -> None:
    for name, value in values.items():
        if value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")


def recall_first(n: int, length: int, n_symbols: int = 8, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Remember the first symbol of a sequence (many-to-one).

    Returns ``(X, y)``: ``X`` int64 tensor (n, length) of symbols drawn uniformly from 0 … n_symbols - 1,
    ``y`` int64 tensor (n,) equal to ``X[:, 0]``. A model that reads ``X`` left to right must carry the
    first symbol through ``length - 1`` steps; chance accuracy is ``1 / n_symbols``.
    """
    _check_positive(n=n, length=length, n_symbols=n_symbols)
    rng = np.random.default_rng(seed)
    x = rng.integers(0, n_symbols, size=(n, length))
    return torch.from_numpy(x.astype(np.int64)), torch.from_numpy(x[:, 0].astype(np.int64))


def copy_task(
    n: int, length: int, n_symbols: int = 8, delay: int = 0, seed: int = 0
) -> tuple[torch.Tensor, torch.Tensor]:
    """The copy task (many-to-many): read ``length`` symbols, wait, then write them back in order.

    Token 0 is "blank", tokens 1 … n_symbols are data, token ``n_symbols + 1`` is the "go" marker, so the
    vocabulary has ``n_symbols + 2`` tokens. With ``T = 2 * length + delay + 1``, returns ``(X, Y)``, int64
    tensors (n, T):

    * ``X``: the symbols at steps 0 … length-1, blanks for ``delay`` steps, "go" at step ``length + delay``,
      then ``length`` blanks;
    * ``Y``: blanks up to and including the "go" step, then the symbols in the same order.

    A model must hold ``length`` symbols for ``length + delay + 1`` steps; the score that matters is the
    accuracy on the last ``length`` steps (``Y[:, -length:]``).
    """
    _check_positive(n=n, length=length, n_symbols=n_symbols)
    if delay < 0:
        raise ValueError(f"delay must be non-negative, not {delay}")
    rng = np.random.default_rng(seed)
    symbols = rng.integers(1, n_symbols + 1, size=(n, length))
    total = 2 * length + delay + 1
    x = np.zeros((n, total), dtype=np.int64)
    y = np.zeros((n, total), dtype=np.int64)
    x[:, :length] = symbols
    x[:, length + delay] = n_symbols + 1
    y[:, -length:] = symbols
    return torch.from_numpy(x), torch.from_numpy(y)


def adding_problem(n: int, length: int, seed: int = 0) -> tuple[torch.Tensor, torch.Tensor]:
    """Hochreiter & Schmidhuber's (1997) adding problem (many-to-one regression).

    Returns ``(X, y)``: ``X`` float32 tensor (n, length, 2); channel 0 holds values uniform in [0, 1),
    channel 1 holds two markers (1.0) and zeros elsewhere, one marker at a random step in the first half of
    the sequence and one in the second half; ``y`` float32 tensor (n,), the sum of the two marked values.
    Always predicting 1 gives a mean squared error of about 1/6 ≈ 0.167: the baseline to beat.
    """
    _check_positive(n=n)
    if length < 2:
        raise ValueError(f"length must be at least 2, not {length}")
    rng = np.random.default_rng(seed)
    values = rng.random((n, length))
    half = length // 2
    first = rng.integers(0, half, size=n)
    second = rng.integers(half, length, size=n)
    markers = np.zeros((n, length))
    rows = np.arange(n)
    markers[rows, first] = 1.0
    markers[rows, second] = 1.0
    x = np.stack([values, markers], axis=-1).astype(np.float32)
    y = (values[rows, first] + values[rows, second]).astype(np.float32)
    return torch.from_numpy(x), torch.from_numpy(y)


def noisy_sine(n_steps: int = 500, freq: float = 0.02, noise: float = 0.1, seed: int = 0) -> np.ndarray:
    """A sine wave with Gaussian noise: ``sin(2π · freq · t) + noise · N(0, 1)`` for ``t = 0 … n_steps-1``.

    ``freq`` is in cycles per step (0.02: one period every 50 steps). Returns a float32 array (n_steps,).
    """
    _check_positive(n_steps=n_steps)
    rng = np.random.default_rng(seed)
    t = np.arange(n_steps)
    return (np.sin(2 * np.pi * freq * t) + noise * rng.standard_normal(n_steps)).astype(np.float32)


def chirp(
    n_steps: int = 1000, f0: float = 0.005, f1: float = 0.05, noise: float = 0.05, seed: int = 0
) -> np.ndarray:
    """An "audio-like" linear chirp: a sine whose frequency rises from ``f0`` to ``f1`` (cycles per step)
    over ``n_steps`` steps, plus ``noise · N(0, 1)``.

    The phase is ``2π (f0 t + (f1 - f0) t² / (2 (n_steps - 1)))``. Returns a float32 array (n_steps,).
    """
    _check_positive(n_steps=n_steps)
    rng = np.random.default_rng(seed)
    t = np.arange(n_steps, dtype=np.float64)
    span = max(n_steps - 1, 1)
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t**2 / (2 * span))
    return (np.sin(phase) + noise * rng.standard_normal(n_steps)).astype(np.float32)


def thrown_ball(
    n_steps: int = 50,
    dt: float = 0.025,
    v0: float = 10.0,
    angle_deg: float = 45.0,
    noise: float = 0.05,
    seed: int = 0,
) -> tuple[np.ndarray, np.ndarray]:
    """The position of a ball thrown from (0, 0) with speed ``v0`` (m/s) at ``angle_deg`` above the ground.

    No air resistance: ``x = v0 cos(a) t``, ``y = v0 sin(a) t - g t² / 2`` with ``g = 9.81`` m/s², sampled at
    ``t = 0, dt, …, (n_steps - 1) dt`` seconds. The ball is not stopped by the ground: ``y`` goes negative
    after the flight time ``2 v0 sin(a) / g`` (1.44 s for the defaults, which stop at 1.225 s).
    Returns ``(true_xy, measured_xy)``: float32 arrays (n_steps, 2) of (x, y) in metres; the measurement adds
    ``noise · N(0, 1)`` metres to each coordinate, as a noisy camera or radar would.
    """
    _check_positive(n_steps=n_steps)
    rng = np.random.default_rng(seed)
    t = np.arange(n_steps) * dt
    angle = np.deg2rad(angle_deg)
    true_xy = np.stack([v0 * np.cos(angle) * t, v0 * np.sin(angle) * t - 0.5 * GRAVITY * t**2], axis=1)
    measured = true_xy + noise * rng.standard_normal(true_xy.shape)
    return true_xy.astype(np.float32), measured.astype(np.float32)
