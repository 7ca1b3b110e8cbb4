"""The shared character model (utils.char_rnn): shapes, state carried = one long call, weights by seed."""
from __future__ import annotations

import torch
from torch import nn

from utils.char_rnn import CharRNN


def test_shapes_and_state():
    model = CharRNN(11, embed_size=4, hidden_size=6)
    scores, h = model(torch.randint(0, 11, (3, 7)))
    assert scores.shape == (3, 7, 11) and h.shape == (1, 3, 6)


def test_carrying_the_state_equals_one_call():
    torch.manual_seed(0)
    model = CharRNN(9, embed_size=3, hidden_size=5).double()
    ids = torch.randint(0, 9, (2, 10))
    whole, h_whole = model(ids)
    first, h = model(ids[:, :4])
    second, h = model(ids[:, 4:], h)
    assert torch.allclose(torch.cat([first, second], dim=1), whole, atol=1e-12, rtol=0)
    assert torch.allclose(h, h_whole, atol=1e-12, rtol=0)


def test_same_seed_same_weights_as_the_layers_built_by_hand():
    torch.manual_seed(4)
    model = CharRNN(7, embed_size=3, hidden_size=5)
    torch.manual_seed(4)
    layers = [nn.Embedding(7, 3), nn.RNN(3, 5, batch_first=True), nn.Linear(5, 7)]
    mine = [p for module in (model.embed, model.rnn, model.head) for p in module.parameters()]
    theirs = [p for layer in layers for p in layer.parameters()]
    assert len(mine) == len(theirs) and all(torch.equal(a, b) for a, b in zip(mine, theirs))
