"""Generated data for memory tasks and signals: seeded NumPy (``numpy.random.default_rng(seed)``),
deterministic, no files.

* a memory task (returned as torch tensors, ready for a model): :func:`recall_first`;
* signals (returned as NumPy float32 arrays, ready for plotting and windowing): :func:`chirp`,
  :func:`thrown_ball`.
"""

from __future__ import annotations

import numpy as np
import torch

__all__ = ["GRAVITY", "chirp", "recall_first", "thrown_ball"]

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
