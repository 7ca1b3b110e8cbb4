"""Tests of utils/tasks.py: shapes, dtypes, determinism and the meaning of each generated task."""

from __future__ import annotations

import numpy as np
import torch

from utils import tasks


def test_recall_first():
    x, y = tasks.recall_first(64, 12, n_symbols=5, seed=1)
    assert x.shape == (64, 12) and y.shape == (64,)
    assert x.dtype == torch.int64 and y.dtype == torch.int64
    assert torch.equal(y, x[:, 0]) and x.min() >= 0 and x.max() <= 4
    x2, y2 = tasks.recall_first(64, 12, n_symbols=5, seed=1)
    assert torch.equal(x, x2) and torch.equal(y, y2)
    assert not torch.equal(x, tasks.recall_first(64, 12, n_symbols=5, seed=2)[0])


def test_chirp_frequency_rises():
    s = tasks.chirp(2000, f0=0.005, f1=0.08, noise=0.0, seed=0)
    assert s.shape == (2000,) and s.dtype == np.float32
    crossings = np.abs(np.diff(np.sign(s))) > 0
    assert crossings[-500:].sum() > 3 * crossings[:500].sum()
    assert np.array_equal(tasks.chirp(300, seed=4), tasks.chirp(300, seed=4))


def test_thrown_ball():
    true_xy, measured = tasks.thrown_ball(n_steps=60, dt=0.02, v0=10.0, angle_deg=45.0, noise=0.1, seed=0)
    assert true_xy.shape == measured.shape == (60, 2)
    assert true_xy.dtype == measured.dtype == np.float32
    assert np.allclose(true_xy[0], 0.0)
    assert (np.diff(true_xy[:, 0]) > 0).all()  # moves right at constant speed
    assert np.allclose(np.diff(true_xy[:, 0]), 10 * np.cos(np.pi / 4) * 0.02, atol=1e-5)
    vy = np.diff(true_xy[:, 1]) / 0.02
    assert np.allclose(np.diff(vy) / 0.02, -tasks.GRAVITY, atol=1e-2)  # constant downward acceleration
    assert 0.05 < np.std(measured - true_xy) < 0.15
    again = tasks.thrown_ball(n_steps=60, dt=0.02, v0=10.0, angle_deg=45.0, noise=0.1, seed=0)
    assert np.array_equal(again[1], measured)
