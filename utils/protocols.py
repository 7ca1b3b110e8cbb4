"""The shared set-ups of the tasks that several chapters compare on, so every chapter measures the same thing.

- ``jfk_forecast``: the 24-hours-ahead JFK temperature forecast of chapters 1, 2 and 7 (chapter 1 builds it
  by hand, then checks that this function gives the same tensors).
- ``human_numbers_streams``: fastbook's Human Numbers cut into parallel streams for a stateful language
  model (chapters 6 and 7).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import torch

from utils.data import human_numbers, load_jfk_weather

JFK_FEATURES = ["temp_c", "dewp_c", "humid", "wind_speed", "pressure"]


@dataclass
class ForecastData:
    """Windows and targets of one forecasting protocol, standardised with the training statistics.

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
        return float(((prediction - target) ** 2).mean().sqrt() * self.std[0])


def jfk_forecast(window: int = 48, horizon: int = 24) -> ForecastData:
    """The JFK protocol: hours split by time into the first 70 % (train), next 15 % (valid) and last 15 %
    (test, mid-November to December); every feature standardised with the training mean and std; windows of
    ``window`` hours inside each split, target the temperature ``horizon`` hours after the window's end."""
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


def human_numbers_streams(n_streams: int = 64) -> tuple[list[str], torch.Tensor, torch.Tensor]:
    """Human Numbers as ``n_streams`` parallel streams, for a language model that carries its state.

    Returns ``(vocab, train_ids, valid_ids)``: the 30 tokens in sorted order (a token's id is its position),
    and int64 tensors (n_streams, L): each split's ids cut into ``n_streams`` consecutive pieces, one per
    row (the last ``len % n_streams`` tokens dropped), so row s of one chunk of columns continues row s of the
    chunk before it.
    """
    train_tokens, valid_tokens = human_numbers()
    vocab = sorted(set(train_tokens) | set(valid_tokens))
    index = {word: i for i, word in enumerate(vocab)}

    def streams(tokens: list[str]) -> torch.Tensor:
        ids = torch.tensor([index[word] for word in tokens])
        length = len(ids) // n_streams
        return ids[: n_streams * length].view(n_streams, length)

    return vocab, streams(train_tokens), streams(valid_tokens)
