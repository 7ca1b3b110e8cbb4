"""utils.language_model: the word-level language model of chapters 6 and 7b and its training epoch."""
from __future__ import annotations

import pytest
import torch

from utils.language_model import (
    NumbersLM,
    detach_state,
    human_numbers_streams,
    lm_epoch,
    next_word_predictions,
    train_numbers_lm,
)
from utils.seed import set_seed


def test_numbers_lm_shapes_states_and_tied_weights():
    for kind in ("LSTM", "GRU", "RNN"):
        torch.manual_seed(0)
        model = NumbersLM(vocab_size=30, hidden_size=16, num_layers=2, kind=kind)
        ids = torch.randint(0, 30, (4, 7))
        logits, state = model(ids)
        assert logits.shape == (4, 7, 30)
        states = state if isinstance(state, tuple) else (state,)
        assert len(states) == (2 if kind == "LSTM" else 1) and states[0].shape == (2, 4, 16)
        assert model.head.weight is model.embed.weight            # one matrix, in and out
        logits2, _ = model(ids[:, :1], state)                    # continues from a state
        assert logits2.shape == (4, 1, 30)
    with pytest.raises(ValueError):
        NumbersLM(kind="Transformer")


def test_detach_state_keeps_values_and_cuts_the_graph():
    h = torch.randn(2, 3, requires_grad=True) * 2
    assert not detach_state(h).requires_grad and torch.equal(detach_state(h), h)
    pair = detach_state((h, h + 1))
    assert isinstance(pair, tuple) and not any(s.requires_grad for s in pair)


def test_lm_epoch_evaluates_without_changing_the_model_and_carries_the_state():
    torch.manual_seed(0)
    model = NumbersLM(hidden_size=8)
    streams = torch.randint(0, 30, (3, 50))
    before = {k: v.clone() for k, v in model.state_dict().items()}
    acc = lm_epoch(model, streams, bptt=16)
    assert 0.0 <= acc <= 1.0 and not model.training
    assert all(torch.equal(before[k], v) for k, v in model.state_dict().items())
    # with the state carried, the accuracy equals one pass over the whole stream at once
    with torch.no_grad():
        logits, _ = model(streams[:, :-1])
    whole = (logits.argmax(-1) == streams[:, 1:]).float().mean().item()
    assert abs(acc - whole) < 1e-6


def test_lm_epoch_trains_and_the_recipe_learns_the_streams():
    vocab, train_ids, valid_ids = human_numbers_streams(n_streams=64)
    torch.manual_seed(0)
    model = NumbersLM(len(vocab), hidden_size=32)
    curves = train_numbers_lm(model, train_ids[:, :200], valid_ids[:, :100], epochs=3, lr=1e-2, seed=0)
    assert len(curves["train"]) == len(curves["valid"]) == 3
    assert curves["valid"][-1] > 0.3                             # the most frequent token gives 0.15
    torch.manual_seed(0)
    again = train_numbers_lm(NumbersLM(len(vocab), hidden_size=32), train_ids[:, :200], valid_ids[:, :100],
                             epochs=3, lr=1e-2, seed=0)
    assert again == curves                                       # reproducible


def test_next_word_predictions_agree_with_lm_epoch():
    torch.manual_seed(1)
    model = NumbersLM(hidden_size=8)
    streams = torch.randint(0, 30, (4, 41))
    predictions = next_word_predictions(model, streams, bptt=16)
    assert predictions.shape == (4, 40)
    assert abs((predictions == streams[:, 1:]).float().mean().item() - lm_epoch(model, streams)) < 1e-6


def test_train_numbers_lm_is_adam_with_a_one_cycle_schedule_over_lm_epochs():
    vocab, train_ids, valid_ids = human_numbers_streams(n_streams=8)
    train_ids, valid_ids = train_ids[:, :60], valid_ids[:, :30]
    torch.manual_seed(0)
    model = NumbersLM(len(vocab), hidden_size=8)
    torch.manual_seed(0)
    twin = NumbersLM(len(vocab), hidden_size=8)
    curves = train_numbers_lm(model, train_ids, valid_ids, epochs=2, lr=1e-2, seed=3)
    set_seed(3)                                             # the same loop, written out
    optimizer = torch.optim.Adam(twin.parameters(), lr=1e-2)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(optimizer, max_lr=1e-2, total_steps=2 * 4, pct_start=0.25)
    manual = {"train": [], "valid": []}
    for _ in range(2):
        manual["train"].append(lm_epoch(twin, train_ids, 16, optimizer, scheduler))
        manual["valid"].append(lm_epoch(twin, valid_ids, 16))
    assert manual == curves
