"""Tests of utils/tasks.py: shapes, dtypes, determinism and the meaning of each generated task."""

from __future__ import annotations

import numpy as np
import pytest
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


def test_copy_task():
    n, length, delay, k = 16, 5, 3, 6
    x, y = tasks.copy_task(n, length, n_symbols=k, delay=delay, seed=0)
    total = 2 * length + delay + 1
    assert x.shape == y.shape == (n, total) and x.dtype == y.dtype == torch.int64
    assert torch.equal(y[:, -length:], x[:, :length])
    assert x[:, :length].min() >= 1 and x[:, :length].max() <= k
    assert (x[:, length + delay] == k + 1).all()
    assert (x[:, length : length + delay] == 0).all() and (x[:, -length:] == 0).all()
    assert (y[:, : total - length] == 0).all()
    assert torch.equal(x, tasks.copy_task(n, length, n_symbols=k, delay=delay, seed=0)[0])


def test_adding_problem():
    x, y = tasks.adding_problem(200, 30, seed=0)
    assert x.shape == (200, 30, 2) and y.shape == (200,)
    assert x.dtype == torch.float32 and y.dtype == torch.float32
    markers = x[:, :, 1]
    assert torch.equal(markers.sum(dim=1), torch.full((200,), 2.0))
    assert (markers[:, :15].sum(dim=1) == 1).all() and (markers[:, 15:].sum(dim=1) == 1).all()
    assert torch.allclose((x[:, :, 0] * markers).sum(dim=1), y)
    assert x[:, :, 0].min() >= 0 and x[:, :, 0].max() < 1
    assert torch.equal(x, tasks.adding_problem(200, 30, seed=0)[0])
    with pytest.raises(ValueError):
        tasks.adding_problem(3, 1)


def test_noisy_sine():
    s = tasks.noisy_sine(400, freq=0.025, noise=0.0, seed=0)
    assert s.shape == (400,) and s.dtype == np.float32
    assert np.allclose(s[:40], s[40:80], atol=1e-5)  # period of 40 steps
    noisy = tasks.noisy_sine(400, freq=0.025, noise=0.1, seed=0)
    assert np.array_equal(noisy, tasks.noisy_sine(400, freq=0.025, noise=0.1, seed=0))
    assert 0.05 < np.std(noisy - s) < 0.15


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
