"""The JFK temperature forecast of chapters 1, 2 and 7b: the data set-up, the memoryless models and the recipe.

Chapter 1 writes all of this by hand, as the lesson, and checks that this module gives the same tensors and
the same trained numbers; chapter 2 and chapter 7b import it, so every chapter measures the same thing.

- ``jfk_forecast``: windows of the past hours, the target a fixed number of hours later, the persistence
  forecast, split by time and standardised with the training statistics.
- ``rmse_celsius``: the error measure, in degrees Celsius.
- ``LinearWindow``, ``WindowMLP``: chapter 1's memoryless models on the flattened window.
- ``fit_least_squares``, ``predict_least_squares``: the linear window model fitted exactly, in closed form
  (the strongest memoryless forecast of chapter 1).
- ``train_forecaster``: chapter 1's training recipe (AdamW, learning rate 1e-3, weight decay 1e-3, batches of
  64, 10 epochs, MSE on the standardised temperature).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch
from torch import nn

from utils.data import load_jfk_weather
from utils.seed import set_seed
from utils.train import fit, make_loader

JFK_FEATURES = ["temp_c", "dewp_c", "humid", "wind_speed", "pressure"]


def rmse_celsius(prediction: torch.Tensor, target: torch.Tensor, temperature_std: float) -> float:
    """RMSE in °C of standardised temperature predictions (N,) against targets (N,).

    ``temperature_std`` is the training standard deviation of the temperature, which turns standardised
    units back into degrees.
    """
    return float(((prediction - target) ** 2).mean().sqrt() * temperature_std)


@dataclass
class ForecastData:
    """Windows and targets of one forecasting set-up, standardised with the training statistics.

    ``X_*`` float32 (N, window, 5): all five features over the window; ``y_*`` float32 (N,): the standardised
    temperature ``horizon`` hours after the window's last hour; ``persist_*`` (N,): the persistence forecast,
    the temperature at the window's last hour. ``mean``, ``std`` (5,): the training statistics.
    """

    X_train: torch.Tensor
    y_train: torch.Tensor
    X_valid: torch.Tensor
    y_valid: torch.Tensor
    persist_valid: torch.Tensor
    X_test: torch.Tensor
    y_test: torch.Tensor
    persist_test: torch.Tensor
    mean: np.ndarray
    std: np.ndarray

    def rmse_celsius(self, prediction: torch.Tensor, target: torch.Tensor) -> float:
        """RMSE in °C of standardised temperature predictions (N,) against targets (N,)."""
        return rmse_celsius(prediction, target, float(self.std[0]))


def jfk_forecast(window: int = 48, horizon: int = 24) -> ForecastData:
    """The JFK set-up: hours split by time into the first 70 % (train), the next 15 % (valid) and the last 15 %
    (test, 6 November to 30 December 2013); every feature standardised with the training mean and std;
    windows of ``window`` hours inside each split, the target the temperature ``horizon`` hours after the
    window's last hour."""
    series = load_jfk_weather()[JFK_FEATURES].to_numpy(np.float32)          # (hours, 5)
    train_end, valid_end = int(0.7 * len(series)), int(0.85 * len(series))
    mean, std = series[:train_end].mean(axis=0), series[:train_end].std(axis=0)
    scaled = (series - mean) / std

    def windows(start: int, end: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        first = np.arange(start, end - window - horizon + 1)
        X = np.stack([scaled[i:i + window] for i in first])
        return (torch.tensor(X), torch.tensor(scaled[first + window + horizon - 1, 0]),
                torch.tensor(scaled[first + window - 1, 0]))

    X_train, y_train, _ = windows(0, train_end)
    X_valid, y_valid, persist_valid = windows(train_end, valid_end)
    X_test, y_test, persist_test = windows(valid_end, len(series))
    return ForecastData(X_train, y_train, X_valid, y_valid, persist_valid, X_test, y_test, persist_test, mean, std)


class LinearWindow(nn.Module):
    """A linear model on the flattened window: (B, window, features) -> (B,)."""

    def __init__(self, window: int = 48, features: int = 5) -> None:
        super().__init__()
        self.linear = nn.Linear(window * features, 1)

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return self.linear(X.flatten(1)).squeeze(-1)


class WindowMLP(nn.Module):
    """One hidden ReLU layer with dropout on the flattened window: (B, window, features) -> (B,)."""

    def __init__(self, window: int = 48, features: int = 5, hidden_size: int = 32, dropout: float = 0.3) -> None:
        super().__init__()
        self.net = nn.Sequential(nn.Flatten(), nn.Linear(window * features, hidden_size), nn.ReLU(),
                                 nn.Dropout(dropout), nn.Linear(hidden_size, 1))

    def forward(self, X: torch.Tensor) -> torch.Tensor:
        return self.net(X).squeeze(-1)


def _flat_with_bias(X: torch.Tensor) -> torch.Tensor:
    """(N, window, features) -> (N, window * features + 1) float64: the flattened window and a 1."""
    return torch.cat([X.flatten(1), torch.ones(len(X), 1)], dim=1).double()


def fit_least_squares(X: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """The linear window model that minimises the mean squared error on (X, y) exactly.

    X (N, window, features), y (N,) -> weights (window * features + 1,) float64, the bias last.
    """
    return torch.linalg.lstsq(_flat_with_bias(X), y.double().unsqueeze(1)).solution.squeeze(1)


def predict_least_squares(weights: torch.Tensor, X: torch.Tensor) -> torch.Tensor:
    """weights (window * features + 1,) from ``fit_least_squares``, X (N, window, features) -> (N,) float32."""
    return (_flat_with_bias(X) @ weights).float()


def train_forecaster(model: nn.Module, data: ForecastData, epochs: int = 10, lr: float = 1e-3, seed: int = 0,
                     print_every: int = 5) -> dict[str, float]:
    """Chapter 1's recipe: AdamW (weight decay 1e-3) on the MSE of the standardised temperature, batches of
    64 shuffled with ``seed``; ``set_seed(seed)`` first (dropout). Trains ``model`` in place and returns its
    validation and test RMSE in °C, ``{"valid": ..., "test": ...}``, with the model in eval mode."""
    set_seed(seed)
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=1e-3)
    fit(model, nn.MSELoss(), optimizer,
        make_loader(data.X_train, data.y_train, batch_size=64, shuffle=True, seed=seed), epochs,
        make_loader(data.X_valid, data.y_valid, batch_size=512), print_every=print_every)
    model.eval()
    with torch.no_grad():
        return {"valid": data.rmse_celsius(model(data.X_valid), data.y_valid),
                "test": data.rmse_celsius(model(data.X_test), data.y_test)}
