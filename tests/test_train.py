"""The training loop and seeding (utils.train, utils.seed)."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from utils.seed import set_seed
from utils.train import ProgressLine, accuracy, count_parameters, evaluate, fit, make_loader, progress_wanted


def test_set_seed_makes_runs_identical():
    import numpy as np

    set_seed(3)
    a = torch.randn(5), np.random.rand(3)
    set_seed(3)
    b = torch.randn(5), np.random.rand(3)
    assert torch.equal(a[0], b[0]) and np.array_equal(a[1], b[1])
    assert torch.get_num_threads() == 1 and torch.are_deterministic_algorithms_enabled()


def _toy_problem():
    set_seed(0)
    X = torch.randn(256, 4)
    y = (X[:, 0] + X[:, 1] > 0).long()
    return make_loader(X, y, batch_size=32, shuffle=True), make_loader(X, y, batch_size=128)


def test_fit_learns_and_prints_one_rounded_line_per_epoch(capsys):
    train, valid = _toy_problem()
    model = nn.Sequential(nn.Linear(4, 16), nn.ReLU(), nn.Linear(16, 2))
    history = fit(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), 1e-2), train, 5,
                  valid, metric=accuracy, clip_grad_norm=1.0)
    out = capsys.readouterr()
    lines = out.out.strip().splitlines()
    assert len(lines) == 5 and lines[-1].startswith("epoch   5/5") and "valid acc" in lines[-1]
    assert out.err == "" and "\r" not in out.out  # no progress line unless asked for
    assert history.train_loss[-1] < history.train_loss[0] and history.valid_metric[-1] > 0.9
    assert len(history.grad_norm) == 5 and history.total_seconds > 0
    loss, acc = evaluate(model, valid, nn.CrossEntropyLoss(), accuracy)
    assert acc == pytest.approx(history.valid_metric[-1])
    assert count_parameters(model) == 4 * 16 + 16 + 16 * 2 + 2


def _train(progress: bool) -> tuple[nn.Module, list[float]]:
    train, valid = _toy_problem()
    set_seed(1)
    model = nn.Sequential(nn.Linear(4, 8), nn.Dropout(0.2), nn.Linear(8, 2))
    history = fit(model, nn.CrossEntropyLoss(), torch.optim.Adam(model.parameters(), 1e-2), train, 3, valid,
                  accuracy, progress=progress)
    return model, history.train_loss


def test_a_progress_line_never_changes_a_result(capsys):
    quiet_model, quiet_loss = _train(progress=False)
    quiet_out = capsys.readouterr().out
    shown_model, shown_loss = _train(progress=True)
    shown_out = capsys.readouterr().out
    assert "\r" in shown_out and "batch 8/8" in shown_out  # the progress line was shown ...
    assert quiet_loss == shown_loss  # ... and the run is bit-for-bit the same
    for a, b in zip(quiet_model.state_dict().values(), shown_model.state_dict().values(), strict=True):
        assert torch.equal(a, b)
    # What a notebook stores after \r processing (nbval, Jupyter) is exactly the quiet output.
    from nbval.plugin import carriagereturn_pat

    assert carriagereturn_pat.sub("", shown_out) == quiet_out


def test_progress_is_opt_in(monkeypatch):
    assert progress_wanted() is False
    monkeypatch.setenv("NWM_PROGRESS", "1")
    assert progress_wanted() is True and progress_wanted(False) is False


def test_progress_line_erases_itself(capsys):
    line = ProgressLine(3, "epoch 1/1", min_interval=0.0)
    for _ in range(3):
        line.update()
    line.close()
    out = capsys.readouterr().out
    assert out.endswith("\r") and out.count("batch") == 3


def test_fit_is_reproducible():
    results = []
    for _ in range(2):
        train, valid = _toy_problem()
        set_seed(1)
        model = nn.Linear(4, 2)
        h = fit(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), 0.1), train, 2, print_every=0)
        results.append(h.train_loss)
    assert results[0] == results[1]


def test_fit_stops_with_a_clear_message_when_the_loss_explodes():
    train, _ = _toy_problem()
    model = nn.Linear(4, 2)
    with torch.no_grad():
        model.weight.fill_(float("nan"))
    with pytest.raises(FloatingPointError, match="smaller learning rate"):
        fit(model, nn.CrossEntropyLoss(), torch.optim.SGD(model.parameters(), 0.1), train, 1, print_every=0)


def test_make_loader_rejects_mismatched_tensors():
    with pytest.raises(ValueError, match="disagree"):
        make_loader(torch.zeros(3, 2), torch.zeros(4))
