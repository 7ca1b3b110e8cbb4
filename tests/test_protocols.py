"""The shared task set-ups in utils.protocols: the JFK forecast windows and the Human Numbers streams."""
from __future__ import annotations

import numpy as np
import torch

from utils.data import human_numbers, load_jfk_weather
from utils.protocols import JFK_FEATURES, human_numbers_streams, jfk_forecast


def test_jfk_forecast_windows_targets_and_persistence():
    data = jfk_forecast(window=48, horizon=24)
    series = load_jfk_weather()[JFK_FEATURES].to_numpy(np.float32)
    n = len(series)
    train_end, valid_end = int(0.7 * n), int(0.85 * n)
    assert data.X_train.shape == (train_end - 48 - 24 + 1, 48, 5)
    assert len(data.X_valid) == valid_end - train_end - 71 and len(data.X_test) == n - valid_end - 71
    # training features are standardised with their own statistics
    flat = series[:train_end]
    assert np.allclose(data.mean, flat.mean(axis=0)) and np.allclose(data.std, flat.std(axis=0))
    # test window 0 starts at valid_end; its target is 24 h after its last hour, persistence is that last hour
    celsius = lambda z: float(z) * data.std[0] + data.mean[0]  # noqa: E731
    assert abs(celsius(data.X_test[0, 0, 0]) - series[valid_end, 0]) < 1e-4
    assert abs(celsius(data.y_test[0]) - series[valid_end + 48 + 24 - 1, 0]) < 1e-4
    assert abs(celsius(data.persist_test[0]) - series[valid_end + 47, 0]) < 1e-4
    assert torch.equal(data.persist_test[0], data.X_test[0, -1, 0])


def test_rmse_celsius_is_in_degrees():
    data = jfk_forecast()
    assert data.rmse_celsius(data.y_test, data.y_test) == 0.0
    shifted = data.y_test + 1.0 / data.std[0]                 # one degree too warm everywhere
    assert abs(data.rmse_celsius(shifted, data.y_test) - 1.0) < 1e-4


def test_human_numbers_streams_are_consecutive_pieces():
    vocab, train_ids, valid_ids = human_numbers_streams(n_streams=64)
    train_tokens, valid_tokens = human_numbers()
    assert len(vocab) == 30 and vocab == sorted(vocab)
    length = len(train_tokens) // 64
    assert train_ids.shape == (64, length) and valid_ids.shape == (64, len(valid_tokens) // 64)
    assert train_ids.dtype == torch.int64
    # row s holds tokens s*L ... (s+1)*L - 1: reading the rows one after another gives the text back
    assert [vocab[i] for i in train_ids.flatten()] == train_tokens[: 64 * length]
    assert [vocab[i] for i in valid_ids[1]] == valid_tokens[valid_ids.shape[1]: 2 * valid_ids.shape[1]]
