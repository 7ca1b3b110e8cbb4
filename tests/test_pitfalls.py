"""The symptoms the pitfalls page describes are what PyTorch really does (checked, not remembered)."""
from __future__ import annotations

from pathlib import Path

import pytest
import torch
from torch import nn

PAGE = (Path(__file__).resolve().parents[1] / "pitfalls.md").read_text(encoding="utf-8")


def _carry_state(kind: str, optimizer: str, retain_graph: bool, detach: bool) -> None:
    """The pitfalls page's loop: a state carried across two batches, an optimizer step in between."""
    torch.manual_seed(0)
    rnn, head = getattr(nn, kind)(3, 4, batch_first=True), nn.Linear(4, 1)
    opt = getattr(torch.optim, optimizer)([*rnn.parameters(), *head.parameters()], lr=0.01)
    state = None
    for _ in range(2):
        output, state = rnn(torch.randn(2, 5, 3), state)
        loss = ((head(output[:, -1]) - torch.randn(2, 1)) ** 2).mean()
        opt.zero_grad()
        loss.backward(retain_graph=retain_graph)
        opt.step()
        if detach:
            state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()


@pytest.mark.parametrize("kind", ["RNN", "LSTM", "GRU"])
@pytest.mark.parametrize("optimizer", ["SGD", "Adam"])
def test_carrying_a_state_without_detach(kind, optimizer):
    with pytest.raises(RuntimeError, match="backward through the graph a second time"):
        _carry_state(kind, optimizer, retain_graph=False, detach=False)
    with pytest.raises(RuntimeError, match="modified by an inplace operation"):
        _carry_state(kind, optimizer, retain_graph=True, detach=False)
    _carry_state(kind, optimizer, retain_graph=False, detach=True)  # the fix runs


def test_the_page_quotes_both_messages():
    assert "backward through the graph a second time" in PAGE
    assert "modified by an inplace operation" in PAGE
