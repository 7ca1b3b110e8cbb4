"""The shared set-ups: the JFK forecast (utils.forecasting: windows, models, recipe), the Human Numbers
streams (utils.language_model)."""
from __future__ import annotations

import numpy as np
import torch

from utils.data import load_jfk_weather
from utils.forecasting import (
    JFK_FEATURES,
    LinearWindow,
    WindowMLP,
    fit_least_squares,
    jfk_forecast,
    predict_least_squares,
    rmse_celsius,
    train_forecaster,
)
from utils.language_model import human_numbers_streams
from utils.number_words import human_numbers


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


def test_rmse_celsius_function_and_method_agree():
    data = jfk_forecast()
    prediction = data.y_test + 0.1 * torch.sin(torch.arange(len(data.y_test), dtype=torch.float32))
    assert rmse_celsius(prediction, data.y_test, float(data.std[0])) == data.rmse_celsius(prediction, data.y_test)


def test_window_models_shapes_and_sizes():
    X = torch.randn(3, 6, 5)
    assert LinearWindow(window=6)(X).shape == (3,) and WindowMLP(window=6)(X).shape == (3,)
    assert sum(p.numel() for p in LinearWindow().parameters()) == 48 * 5 + 1
    assert sum(p.numel() for p in WindowMLP().parameters()) == 48 * 5 * 32 + 32 + 32 + 1
    assert sum(p.numel() for p in WindowMLP(window=168).parameters()) == 26_945


def test_train_forecaster_is_reproducible_and_learns():
    data = jfk_forecast()
    runs = []
    for _ in range(2):
        torch.manual_seed(0)
        model = LinearWindow()
        runs.append(train_forecaster(model, data, epochs=2, print_every=0))
        assert not model.training
    assert runs[0] == runs[1] and set(runs[0]) == {"valid", "test"}
    assert runs[0]["valid"] < 0.7 * data.rmse_celsius(torch.zeros_like(data.y_valid), data.y_valid)


def test_least_squares_is_exact_and_beats_the_trained_linear_model():
    generator = torch.Generator().manual_seed(0)
    X = torch.randn(200, 3, 2, generator=generator)
    true = torch.randn(7, generator=generator, dtype=torch.float64)
    y = (torch.cat([X.flatten(1), torch.ones(200, 1)], 1).double() @ true).float()
    weights = fit_least_squares(X, y)
    assert weights.shape == (7,) and torch.allclose(weights, true, atol=1e-5)
    assert torch.allclose(predict_least_squares(weights, X), y, atol=1e-5)
    data = jfk_forecast()
    weights = fit_least_squares(data.X_train, data.y_train)
    ratio = data.rmse_celsius(predict_least_squares(weights, data.X_test), data.y_test) / data.rmse_celsius(
        data.persist_test, data.y_test)
    assert 0.8 < ratio < 0.86


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
