"""One small training loop for every chapter.

``fit`` trains any ``nn.Module`` whose forward takes the batch's inputs and whose output goes straight
into ``loss_fn(output, target)``. It returns a ``History`` of per-epoch numbers and prints one compact,
rounded line per epoch (so stored notebook outputs stay identical run after run).

A progress line is an explicit opt-in (``fit(..., progress=True)`` or the environment variable
``NWM_PROGRESS=1``, which ``make lab`` sets). It is written to stdout and erased with carriage returns when the
epoch ends, so it leaves nothing behind in a stored output, and it never touches the data loader or a random
number generator: a run with progress gives bit-for-bit the same model as a run without.
"""
from __future__ import annotations

import math
import os
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset

Metric = Callable[[torch.Tensor, torch.Tensor], float]


@dataclass
class History:
    """Per-epoch numbers from ``fit``: lists of equal length, one entry per epoch."""

    train_loss: list[float] = field(default_factory=list)
    valid_loss: list[float] = field(default_factory=list)
    valid_metric: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)
    grad_norm: list[float] = field(default_factory=list)

    @property
    def total_seconds(self) -> float:
        """Wall-clock training time over all epochs (varies between machines: never print it in a checked cell)."""
        return float(sum(self.seconds))


def make_loader(*tensors: torch.Tensor, batch_size: int = 64, shuffle: bool = False, seed: int = 0) -> DataLoader:
    """A ``DataLoader`` over tensors that share their first (batch) dimension, shuffled reproducibly."""
    if not tensors:
        raise ValueError("make_loader() needs at least one tensor")
    n = len(tensors[0])
    for t in tensors:
        if len(t) != n:
            raise ValueError(f"make_loader(): tensors disagree on the batch size: {[tuple(t.shape) for t in tensors]}")
    generator = torch.Generator().manual_seed(seed)
    return DataLoader(TensorDataset(*tensors), batch_size=batch_size, shuffle=shuffle, generator=generator)


def accuracy(output: torch.Tensor, target: torch.Tensor) -> float:
    """Fraction of correct class predictions. ``output`` (N, C) or (N, C, T) logits, ``target`` (N,) or (N, T)."""
    return (output.argmax(dim=1) == target).float().mean().item()


PROGRESS_ENV = "NWM_PROGRESS"


def progress_wanted(progress: bool | None = None) -> bool:
    """``progress`` if given, else whether ``$NWM_PROGRESS`` asks for progress lines (``1``/``true``/``yes``)."""
    if progress is not None:
        return bool(progress)
    return os.environ.get(PROGRESS_ENV, "").strip().lower() in ("1", "true", "yes")


class ProgressLine:
    """A one-line progress indicator on stdout, rewritten in place with ``\\r`` and erased by ``close``.

    It only counts: it never iterates, copies or reseeds anything, so it cannot change a result.
    """

    def __init__(self, total: int, label: str, min_interval: float = 0.5) -> None:
        self.total, self.label, self.min_interval = total, label, min_interval
        self.done, self.width, self.last = 0, 0, -math.inf

    def update(self) -> None:
        self.done += 1
        now = time.perf_counter()
        if now - self.last >= self.min_interval or self.done == self.total:
            self.last = now
            text = f"{self.label}: batch {self.done}/{self.total}"
            self.width = max(self.width, len(text))
            sys.stdout.write("\r" + text.ljust(self.width))
            sys.stdout.flush()

    def close(self) -> None:
        if self.width:
            sys.stdout.write("\r" + " " * self.width + "\r")
            sys.stdout.flush()


def _batches(loader: DataLoader, line: ProgressLine | None) -> Iterator:
    for batch in loader:
        yield batch
        if line is not None:
            line.update()


def evaluate(model: nn.Module, loader: DataLoader, loss_fn: nn.Module, metric: Metric | None = None,
             device: str = "cpu") -> tuple[float, float]:
    """Mean loss and mean metric of ``model`` over ``loader`` (weighted by batch size), without gradients."""
    model.eval()
    total_loss = total_metric = 0.0
    count = 0
    with torch.no_grad():
        for *inputs, target in loader:
            inputs = [x.to(device) for x in inputs]
            target = target.to(device)
            output = model(*inputs)
            n = len(target)
            total_loss += loss_fn(output, target).item() * n
            if metric is not None:
                total_metric += metric(output, target) * n
            count += n
    if count == 0:
        raise ValueError("evaluate(): the loader is empty")
    return total_loss / count, (total_metric / count if metric is not None else math.nan)


def fit(model: nn.Module, loss_fn: nn.Module, optimizer: torch.optim.Optimizer, train_loader: DataLoader,
        epochs: int, valid_loader: DataLoader | None = None, metric: Metric | None = None,
        clip_grad_norm: float | None = None, device: str = "cpu", print_every: int = 1,
        metric_name: str = "acc", progress: bool | None = None) -> History:
    """Train ``model`` for ``epochs`` epochs and return its ``History``.

    Each batch of ``train_loader`` is ``(*inputs, target)``; the model is called as ``model(*inputs)``.
    ``clip_grad_norm`` rescales all gradients together when their global L2 norm exceeds it (the norm
    before clipping is kept in ``history.grad_norm``, as the epoch's largest). Prints one line every
    ``print_every`` epochs (0: never) with losses and the metric rounded to 4 decimals. ``progress``: show a
    progress line during each epoch (default: ``$NWM_PROGRESS``; see ``progress_wanted``).
    """
    if epochs < 1:
        raise ValueError(f"fit(): epochs must be at least 1, got {epochs}")
    model.to(device)
    history = History()
    for epoch in range(1, epochs + 1):
        model.train()
        start = time.perf_counter()
        total, count, largest_norm = 0.0, 0, 0.0
        line = ProgressLine(len(train_loader), f"epoch {epoch}/{epochs}") if progress_wanted(progress) else None
        for *inputs, target in _batches(train_loader, line):
            inputs = [x.to(device) for x in inputs]
            target = target.to(device)
            optimizer.zero_grad()
            loss = loss_fn(model(*inputs), target)
            if not torch.isfinite(loss):
                raise FloatingPointError(f"fit(): the loss became {loss.item()} in epoch {epoch}; "
                                         "try a smaller learning rate or gradient clipping")
            loss.backward()
            norm = torch.nn.utils.clip_grad_norm_(model.parameters(), clip_grad_norm or math.inf)
            largest_norm = max(largest_norm, float(norm))
            optimizer.step()
            total += loss.item() * len(target)
            count += len(target)
        if line is not None:
            line.close()
        history.train_loss.append(total / count)
        history.grad_norm.append(largest_norm)
        if valid_loader is not None:
            valid_loss, valid_metric = evaluate(model, valid_loader, loss_fn, metric, device)
            history.valid_loss.append(valid_loss)
            history.valid_metric.append(valid_metric)
        history.seconds.append(time.perf_counter() - start)
        if print_every and (epoch % print_every == 0 or epoch == epochs):
            line = f"epoch {epoch:>3}/{epochs}  train loss {history.train_loss[-1]:.4f}"
            if valid_loader is not None:
                line += f"  valid loss {history.valid_loss[-1]:.4f}"
                if metric is not None:
                    line += f"  valid {metric_name} {history.valid_metric[-1]:.4f}"
            print(line)
    return history


def count_parameters(model: nn.Module) -> int:
    """Number of trainable numbers in ``model``."""
    return sum(p.numel() for p in model.parameters() if p.requires_grad)
